import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  createFetchTransport,
  type FetchFunction,
  type FetchInit,
  type FetchResponseLike,
  type TokenProvider,
} from '../../../src/addin/outbox/transport';

interface Call {
  url: string;
  init: FetchInit;
}

function response(status: number, body: string, headers: Record<string, string> = {}): FetchResponseLike {
  return new Response(status === 204 ? null : body, { status, headers });
}

function recordingFetch(...answers: Array<FetchResponseLike | Error>) {
  const calls: Call[] = [];
  const fetch: FetchFunction = async (url, init) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, fetch };
}

function tokens(getToken: Array<string | null>, refresh: Array<string | null | Error>) {
  const log: string[] = [];
  const provider: TokenProvider = {
    async getToken() {
      log.push('getToken');
      return getToken.shift() ?? null;
    },
    async refresh() {
      log.push('refresh');
      const next = refresh.shift();
      if (next instanceof Error) throw next;
      return next ?? null;
    },
  };
  return { provider, log };
}

const track = { method: 'POST' as const, path: '/api/v1/emails', body: { subject: 'Quarterly report' } };
const KEY = '4b6f2f7e-6a43-4d0c-9d8e-2a1f2b3c4d5e';

describe('createFetchTransport', () => {
  it('sends the bearer token, the idempotency key and a JSON body to the base URL', async () => {
    const { calls, fetch } = recordingFetch(response(201, '{"email":{"id":"e1"}}', { 'Content-Type': 'application/json' }));
    const transport = createFetchTransport({ baseUrl: 'https://tracking.example.com/', tokenProvider: tokens(['t1'], []).provider, fetch });
    const result = await transport.send(track, KEY);
    expect(result).toEqual({ kind: 'response', status: 201, body: { email: { id: 'e1' } }, retryAfter: null });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://tracking.example.com/api/v1/emails');
    expect(calls[0]!.init).toMatchObject({
      method: 'POST',
      headers: { Authorization: 'Bearer t1', 'Idempotency-Key': KEY, 'Content-Type': 'application/json' },
      body: '{"subject":"Quarterly report"}',
    });
  });

  it('sends no body and no Content-Type for a request without a body', async () => {
    const { calls, fetch } = recordingFetch(response(204, ''));
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: tokens(['t1'], []).provider, fetch });
    const result = await transport.send({ method: 'DELETE', path: '/api/v1/emails/e1/tracking' }, KEY);
    expect(result).toEqual({ kind: 'response', status: 204, body: null, retryAfter: null });
    expect(calls[0]!.init.body).toBeUndefined();
    expect(calls[0]!.init.headers['Content-Type']).toBeUndefined();
  });

  it('refreshes the token once after a 401 and resends at once with the same idempotency key', async () => {
    const { calls, fetch } = recordingFetch(response(401, '{"title":"Unauthorized"}'), response(200, '{"ok":true}'));
    const { provider, log } = tokens(['expired'], ['fresh']);
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: provider, fetch });
    const result = await transport.send(track, KEY);
    expect(result).toMatchObject({ kind: 'response', status: 200, body: { ok: true } });
    expect(log).toEqual(['getToken', 'refresh']);
    expect(calls.map((call) => call.init.headers['Authorization'])).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(calls.map((call) => call.init.headers['Idempotency-Key'])).toEqual([KEY, KEY]);
  });

  it('returns the second 401 when the refreshed token is refused too, without a third try', async () => {
    const { calls, fetch } = recordingFetch(response(401, '{}'), response(401, '{"title":"Unauthorized","detail":"Account disabled"}'));
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: tokens(['a'], ['b', 'c']).provider, fetch });
    const result = await transport.send(track, KEY);
    expect(result).toMatchObject({ kind: 'response', status: 401, body: { detail: 'Account disabled' } });
    expect(calls).toHaveLength(2);
  });

  it('returns the 401 without resending when the token cannot be refreshed', async () => {
    const { calls, fetch } = recordingFetch(response(401, '{"title":"Unauthorized"}'));
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: tokens(['a'], [null]).provider, fetch });
    expect(await transport.send(track, KEY)).toMatchObject({ kind: 'response', status: 401 });
    expect(calls).toHaveLength(1);
  });

  it('asks for a refresh when there is no token, and reports signed-out without sending if that fails', async () => {
    const { calls, fetch } = recordingFetch();
    const { provider, log } = tokens([null], [null]);
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: provider, fetch });
    expect(await transport.send(track, KEY)).toEqual({ kind: 'signed-out' });
    expect(log).toEqual(['getToken', 'refresh']);
    expect(calls).toHaveLength(0);
  });

  it('does not refresh twice when the token it just refreshed is refused', async () => {
    const { calls, fetch } = recordingFetch(response(401, '{}'));
    const { provider, log } = tokens([null], ['fresh', 'fresher']);
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: provider, fetch });
    expect(await transport.send(track, KEY)).toMatchObject({ kind: 'response', status: 401 });
    expect(log).toEqual(['getToken', 'refresh']);
    expect(calls).toHaveLength(1);
  });

  it('reports a failed fetch as a network error with its message', async () => {
    const { fetch } = recordingFetch(new TypeError('Failed to fetch'));
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: tokens(['a'], []).provider, fetch });
    expect(await transport.send(track, KEY)).toEqual({ kind: 'network-error', message: 'Failed to fetch' });
  });

  it('reports a token provider that throws as a network error rather than a sign-out', async () => {
    const { fetch } = recordingFetch(response(401, '{}'));
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: tokens(['a'], [new Error('offline')]).provider, fetch });
    expect(await transport.send(track, KEY)).toEqual({ kind: 'network-error', message: 'Could not get a sign-in token: offline' });
  });

  it('passes Retry-After through and keeps a non-JSON body as text', async () => {
    const { fetch } = recordingFetch(response(503, 'Service Unavailable', { 'Retry-After': '120' }));
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: tokens(['a'], []).provider, fetch });
    expect(await transport.send(track, KEY)).toEqual({ kind: 'response', status: 503, body: 'Service Unavailable', retryAfter: '120' });
  });

  it('aborts a request that outlives its timeout and reports it as a network error', async () => {
    const fetch: FetchFunction = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new Error('The operation was aborted.')));
      });
    const transport = createFetchTransport({ baseUrl: 'https://t.example', tokenProvider: tokens(['a'], []).provider, fetch, timeoutMs: 10 });
    expect(await transport.send(track, KEY)).toEqual({ kind: 'network-error', message: 'The operation was aborted.' });
  });

  describe('over real HTTP on loopback', () => {
    let server: Server | undefined;
    afterEach(async () => {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    it('works with the global fetch', async () => {
      const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> = [];
      server = createServer((request, reply) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        request.on('end', () => {
          seen.push({ method: request.method, url: request.url, headers: request.headers, body });
          reply.writeHead(201, { 'Content-Type': 'application/json' });
          reply.end(JSON.stringify({ email: { id: 'e1' } }));
        });
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const transport = createFetchTransport({ baseUrl: `http://127.0.0.1:${port}`, tokenProvider: tokens(['local-token'], []).provider });
      const result = await transport.send(track, KEY);
      expect(result).toEqual({ kind: 'response', status: 201, body: { email: { id: 'e1' } }, retryAfter: null });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/emails', body: '{"subject":"Quarterly report"}' });
      expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer local-token', 'idempotency-key': KEY, 'content-type': 'application/json' });
    });
  });
});
