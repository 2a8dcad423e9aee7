import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { EntraVerifier } from '../../src/server/auth/entra-verifier';
import { buildApp } from '../../src/server/http/app';
import { openStore, type Store } from '../../src/server/store/database';
import { createQueueMailbox } from '../../src/server/store/mailboxes';
import { ensureOrganization, LOCAL_ORG_ID } from '../../src/server/store/organizations';
import { createRecord } from '../../src/server/store/records';
import { createUser, issueLocalToken } from '../../src/server/store/users';
import type { RecordType } from '../../src/common/api/primitives';
import { freshDatabaseUrl, type TestEngine } from './engines';

export interface ApiResponse<T = any> { status: number; headers: Headers; body: T }

/** A real Docket service on loopback over a fresh database, and a small HTTP client for it. */
export class TestServer {
  private constructor(
    readonly engine: TestEngine,
    readonly url: string,
    readonly store: Store,
    private readonly app: FastifyInstance,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async start(engine: TestEngine, options: { rateLimitPerMinute?: number; entra?: EntraVerifier; trackBodyLimit?: number } = {}): Promise<TestServer> {
    const database = await freshDatabaseUrl(engine);
    const store = await openStore(database.url);
    await ensureOrganization(store.db, LOCAL_ORG_ID, 'Local organisation');
    const app = await buildApp({ store, rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000, entra: options.entra ?? null, trackBodyLimit: options.trackBodyLimit });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return new TestServer(engine, `http://127.0.0.1:${port}`, store, app, database.drop);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.store.close();
    await this.dropDatabase();
  }

  /** Adds a user (with their mailbox) and returns a local token for them. */
  async user(email: string, options: { admin?: boolean; name?: string; orgId?: string } = {}): Promise<string> {
    return this.store.writer.run(async (trx) => {
      const user = await createUser(trx, { orgId: options.orgId ?? LOCAL_ORG_ID, email, name: options.name, isAdmin: options.admin });
      return issueLocalToken(trx, user.id);
    });
  }

  async queue(address: string, options: { forward?: boolean; incoming?: 'none' | 'server-side-sync' } = {}) {
    return this.store.writer.run((trx) => createQueueMailbox(trx, LOCAL_ORG_ID, { address, isForwardMailbox: options.forward, incomingMethod: options.incoming }));
  }

  async record(type: RecordType, name: string, emails: string[] = [], orgId = LOCAL_ORG_ID) {
    return this.store.writer.run((trx) => createRecord(trx, orgId, { type, name, emails }));
  }

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Blob | undefined;
    if (options.rawBody !== undefined) body = typeof options.rawBody === 'string' ? options.rawBody : new Blob([new Uint8Array(options.rawBody)]);
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the assertion message
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}
