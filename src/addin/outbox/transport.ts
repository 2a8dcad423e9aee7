import type { OperationRequest } from './operation';

/** Where bearer tokens come from (MSAL nested app authentication, or a local token). */
export interface TokenProvider {
  /** The current token, or null when the user must sign in. A rejection counts as a transient failure. */
  getToken(): Promise<string | null>;
  /** A fresh token after the server refused the current one, or null when the user must sign in. */
  refresh(): Promise<string | null>;
}

/** What one send ended with. A transport never throws: every way a request can end is a value. */
export type TransportResult =
  | { kind: 'response'; status: number; body: unknown; retryAfter: string | null }
  | { kind: 'network-error'; message: string }
  | { kind: 'signed-out' };

/** Performs one outbox request with its idempotency key. */
export interface Transport {
  send(request: OperationRequest, idempotencyKey: string): Promise<TransportResult>;
}

/** The slice of `fetch` the transport uses; the global `fetch` satisfies it. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface FetchTransportOptions {
  /** Origin (and optional prefix) of the tracking API, e.g. `https://tracking.example.com`. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  /** Defaults to the global `fetch`. */
  fetch?: FetchFunction;
  /** Abort a request that has not answered after this long (needs `AbortController`); 0 turns it off. */
  timeoutMs?: number;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** An HTTP transport over `fetch`: Bearer token, Idempotency-Key, and one token refresh on 401. */
export function createFetchTransport(options: FetchTransportOptions): Transport {
  const fetchFunction: FetchFunction =
    options.fetch ?? ((url, init) => globalThis.fetch(url, init) as Promise<FetchResponseLike>);
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function sendOnce(request: OperationRequest, idempotencyKey: string, token: string): Promise<TransportResult> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': idempotencyKey,
      Accept: 'application/json, application/problem+json',
    };
    const init: FetchInit = { method: request.method, headers };
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    const controller =
      timeoutMs > 0 && typeof globalThis.AbortController === 'function' ? new globalThis.AbortController() : null;
    const cancelTimeout = controller ? armTimeout(controller, timeoutMs) : () => undefined;
    if (controller) init.signal = controller.signal;
    try {
      const response = await fetchFunction(joinUrl(options.baseUrl, request.path), init);
      const text = await response.text();
      return {
        kind: 'response',
        status: response.status,
        body: parseBody(text),
        retryAfter: response.headers.get('Retry-After'),
      };
    } catch (error) {
      return { kind: 'network-error', message: describe(error) };
    } finally {
      cancelTimeout();
    }
  }

  async function token(get: () => Promise<string | null>): Promise<{ token: string | null } | TransportResult> {
    try {
      return { token: await get() };
    } catch (error) {
      return { kind: 'network-error', message: `Could not get a sign-in token: ${describe(error)}` };
    }
  }

  return {
    async send(request, idempotencyKey) {
      let current = await token(() => options.tokenProvider.getToken());
      if ('kind' in current) return current;
      let refreshed = false;
      if (current.token === null) {
        current = await token(() => options.tokenProvider.refresh());
        if ('kind' in current) return current;
        if (current.token === null) return { kind: 'signed-out' };
        refreshed = true;
      }
      const first = await sendOnce(request, idempotencyKey, current.token);
      if (refreshed || first.kind !== 'response' || first.status !== 401) return first;
      // The token may simply have expired: refresh once and resend at once, with the same key.
      const renewed = await token(() => options.tokenProvider.refresh());
      if ('kind' in renewed) return renewed;
      if (renewed.token === null) return first;
      return sendOnce(request, idempotencyKey, renewed.token);
    },
  };
}

function armTimeout(controller: AbortController, ms: number): () => void {
  const handle = globalThis.setTimeout(() => controller.abort(), ms);
  return () => globalThis.clearTimeout(handle);
}
