import type { FetchFunction, FetchInit, FetchResponseLike, TokenProvider } from '../../../../src/addin/outbox/transport';

/** A one-shot misbehaviour the fake server applies to the next authorised request. */
export type Fault =
  | { kind: 'network-before-server' }
  | { kind: 'response-lost-after-commit' }
  | { kind: 'hang-after-commit' }
  | { kind: 'server-error' }
  | { kind: 'too-many-requests'; retryAfterSeconds: number }
  | { kind: 'in-flight' }
  | { kind: 'unprocessable' };

export interface Commit {
  idempotencyKey: string;
  opLabel: string;
  response: unknown;
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}): FetchResponseLike {
  const lowerCase = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    status,
    headers: { get: (name) => lowerCase.get(name.toLowerCase()) ?? null },
    text: async () => (body === undefined ? '' : JSON.stringify(body)),
  };
}

function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): FetchResponseLike {
  return respond(status, { type: 'about:blank', title, status, detail }, headers);
}

/**
 * A tracking server that behaves like DESIGN §2: it commits each idempotency key once and
 * replays the first answer on a retry. Each request body names its operation (`opLabel`) so
 * tests can tell which operation a key belongs to and how many effects it had.
 */
export class FakeTrackingServer {
  validToken = 'token-1';
  readonly faults: Fault[] = [];
  readonly commits = new Map<string, Commit>();
  readonly commitOrder: string[] = [];
  readonly effectsByLabel = new Map<string, number>();
  readonly keysByLabel = new Map<string, Set<string>>();
  readonly violations: string[] = [];
  requests = 0;
  /** Called just after a commit, before the answer leaves; tests use it to check ordering rules. */
  onCommit: (commit: Commit) => void = () => undefined;
  private readonly inFlight = new Set<string>();
  private hangListeners: Array<() => void> = [];

  readonly fetch: FetchFunction = async (url: string, init: FetchInit) => {
    this.requests++;
    await Promise.resolve();
    const key = init.headers['Idempotency-Key'];
    if (!key) return problem(400, 'Missing Idempotency-Key', `${init.method} ${url} came without a key`);
    if (init.headers['Authorization'] !== `Bearer ${this.validToken}`) {
      return problem(401, 'Unauthorized', 'The bearer token is missing, expired or invalid.');
    }
    const fault = this.faults.shift();
    if (fault?.kind === 'network-before-server') throw new TypeError('Failed to fetch');
    const opLabel = (JSON.parse(init.body ?? '{}') as { opLabel?: string }).opLabel ?? '(none)';
    const keys = this.keysByLabel.get(opLabel) ?? new Set<string>();
    keys.add(key);
    this.keysByLabel.set(opLabel, keys);
    if (keys.size > 1) this.violations.push(`operation ${opLabel} reached the server with ${keys.size} idempotency keys`);
    if (this.inFlight.has(key)) this.violations.push(`two concurrent sends of key ${key}`);
    this.inFlight.add(key);
    try {
      await Promise.resolve();
      switch (fault?.kind) {
        case 'server-error':
          return problem(503, 'Service unavailable', 'The database is restarting.');
        case 'too-many-requests':
          return problem(429, 'Too many requests', 'Slow down.', { 'Retry-After': String(fault.retryAfterSeconds) });
        case 'in-flight':
          return problem(409, 'Request in progress', 'A request with this Idempotency-Key is still being processed.', {
            'Retry-After': '1',
          });
        case 'unprocessable':
          return problem(422, 'Subject is too long', 'The subject must be at most 255 characters.');
        default:
          break;
      }
      const replayed = this.commits.get(key);
      const commit = replayed ?? this.commit(key, opLabel);
      if (fault?.kind === 'response-lost-after-commit') throw new TypeError('The network connection was lost.');
      if (fault?.kind === 'hang-after-commit') {
        for (const listener of this.hangListeners.splice(0)) listener();
        return new Promise<FetchResponseLike>(() => undefined);
      }
      return respond(replayed ? 200 : 201, commit.response);
    } finally {
      // The server is done even when its answer never reaches the client.
      this.inFlight.delete(key);
    }
  };

  /** Resolves when a request reaches a `hang-after-commit` fault: the client will never hear back. */
  nextHang(): Promise<void> {
    return new Promise((resolve) => this.hangListeners.push(resolve));
  }

  private commit(key: string, opLabel: string): Commit {
    const commit: Commit = { idempotencyKey: key, opLabel, response: { email: { id: `email-${this.commits.size + 1}` }, opLabel } };
    this.commits.set(key, commit);
    this.commitOrder.push(opLabel);
    this.effectsByLabel.set(opLabel, (this.effectsByLabel.get(opLabel) ?? 0) + 1);
    this.onCommit(commit);
    return commit;
  }
}

/** A token provider whose refresh can be told to fail once, as when the user's session ended. */
export class FakeTokenProvider implements TokenProvider {
  refreshFailsOnce = false;
  refreshes = 0;

  constructor(
    private readonly server: FakeTrackingServer,
    private current: string | null = server.validToken,
  ) {}

  async getToken(): Promise<string | null> {
    return this.current;
  }

  async refresh(): Promise<string | null> {
    this.refreshes++;
    if (this.refreshFailsOnce) {
      this.refreshFailsOnce = false;
      return null;
    }
    this.current = this.server.validToken;
    return this.current;
  }
}
