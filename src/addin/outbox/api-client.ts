import type { CheckRequest, CheckResponse, EmailDetail, StatusResponse, TrackRequest } from '../../common/api/email';
import type { MeResponse } from '../../common/api/me';
import type { CreateRecord, CrmRecord, RecordList, ResolveResult } from '../../common/api/record';
import type { RecordRef } from '../../common/api/primitives';
import type { OperationRequest } from './operation';
import type { FetchFunction, FetchResponseLike, TokenProvider } from './transport';

/** Every endpoint the add-in calls, in one table (reads go direct; writes are built here and sent through the outbox). */
export const API_PATHS = {
  me: '/api/v1/me',
  check: '/api/v1/emails/check',
  emails: '/api/v1/emails',
  email: (id: string) => `/api/v1/emails/${encodeURIComponent(id)}`,
  tracking: (id: string) => `/api/v1/emails/${encodeURIComponent(id)}/tracking`,
  records: '/api/v1/records',
  resolve: '/api/v1/records/resolve',
} as const;

/** A failed API call with the problem's words, so the pane can say why. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly rule?: string,
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

export const trackOperation = (request: TrackRequest): OperationRequest => ({ method: 'POST', path: API_PATHS.emails, body: request });
export const untrackOperation = (emailId: string): OperationRequest => ({ method: 'DELETE', path: API_PATHS.tracking(emailId) });
export const setRegardingOperation = (emailId: string, regarding: RecordRef | null): OperationRequest => ({ method: 'PATCH', path: API_PATHS.email(emailId), body: { regarding } });

export interface ApiClientOptions { baseUrl: string; tokenProvider: TokenProvider; fetch?: FetchFunction }

export class ApiClient {
  private readonly fetchFunction: FetchFunction;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchFunction = options.fetch ?? ((url, init) => globalThis.fetch(url, init) as Promise<FetchResponseLike>);
  }

  me(): Promise<MeResponse> {
    return this.call('GET', API_PATHS.me);
  }

  check(request: CheckRequest): Promise<CheckResponse> {
    return this.call('POST', API_PATHS.check, request);
  }

  status(identity: { internetMessageId?: string; trackingToken?: string }): Promise<StatusResponse> {
    const query = new URLSearchParams();
    if (identity.internetMessageId) query.set('internetMessageId', identity.internetMessageId);
    if (identity.trackingToken) query.set('trackingToken', identity.trackingToken);
    return this.call('GET', `${API_PATHS.emails}?${query.toString()}`);
  }

  email(id: string): Promise<EmailDetail> {
    return this.call('GET', API_PATHS.email(id));
  }

  async searchRecords(search: string, type?: string): Promise<CrmRecord[]> {
    const query = new URLSearchParams({ search, limit: '20' });
    if (type) query.set('type', type);
    return (await this.call<RecordList>('GET', `${API_PATHS.records}?${query.toString()}`)).records;
  }

  async resolve(addresses: string[]): Promise<ResolveResult['matches']> {
    if (addresses.length === 0) return [];
    const query = new URLSearchParams();
    for (const address of addresses.slice(0, 100)) query.append('address', address);
    return (await this.call<ResolveResult>('GET', `${API_PATHS.resolve}?${query.toString()}`)).matches;
  }

  record(type: string, id: string): Promise<CrmRecord> {
    return this.call('GET', `${API_PATHS.records}/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
  }

  createRecord(record: CreateRecord, idempotencyKey: string): Promise<CrmRecord> {
    return this.call('POST', API_PATHS.records, record, { 'Idempotency-Key': idempotencyKey });
  }

  private async call<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}, refreshed = false): Promise<T> {
    const token = await this.options.tokenProvider.getToken();
    if (!token) throw new ApiError(401, 'Signed out', 'Sign in to Docket in Settings.');
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json', ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: FetchResponseLike;
    try {
      response = await this.fetchFunction(this.options.baseUrl.replace(/\/+$/, '') + path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    } catch (error) {
      throw new ApiError(0, 'Tracking server unreachable', `Docket cannot reach the tracking server (${error instanceof Error ? error.message : String(error)}).`);
    }
    const text = await response.text();
    // A refused token is refreshed once (MSAL); a local token cannot be, so the server's reason stands.
    if (response.status === 401 && !refreshed && (await this.options.tokenProvider.refresh().catch(() => null))) {
      return this.call(method, path, body, extraHeaders, true);
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (response.status >= 200 && response.status < 300) return parsed as T;
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as { title?: string; detail?: string; rule?: string };
    throw new ApiError(response.status, problem.title ?? `HTTP ${response.status}`, problem.detail ?? `The tracking server answered ${response.status}.`, problem.rule);
  }
}
