export interface ApiAnswer<T = any> { status: number; body: T }

/** One call of the backend's API as a test makes it: bearer token, JSON in and out, any status returned rather than thrown. */
export async function callApi<T = any>(baseUrl: string, method: string, apiPath: string, token: string, body?: unknown): Promise<ApiAnswer<T>> {
  const response = await fetch(`${baseUrl}${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
