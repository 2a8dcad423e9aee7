import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { TrackRequest } from '../../../src/common/api/email';
import type { EmailSettings } from '../../../src/common/api/settings';
import { buildApp } from '../../../src/server/http/app';
import { openStore, type Store } from '../../../src/server/store/database';
import { createQueueMailbox } from '../../../src/server/store/mailboxes';
import { ensureOrganization, LOCAL_ORG_ID } from '../../../src/server/store/organizations';
import { createUser, issueLocalToken } from '../../../src/server/store/users';
import { freshDatabaseUrl } from '../../support/engines';
import { callApi, type ApiAnswer } from './api-call';
import { DIST } from './build-once';

/** A real Docket backend on loopback over a fresh SQLite file, serving the built console from dist/. */
export class DocketServer {
  private constructor(
    readonly url: string,
    readonly store: Store,
    private readonly app: FastifyInstance,
    private readonly drop: () => Promise<void>,
  ) {}

  static async start(): Promise<DocketServer> {
    const database = await freshDatabaseUrl('sqlite');
    const store = await openStore(database.url);
    await ensureOrganization(store.db, LOCAL_ORG_ID, 'Local organisation');
    const app = await buildApp({ store, staticDir: DIST, rateLimitPerMinute: 100_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return new DocketServer(`http://127.0.0.1:${port}`, store, app, database.drop);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.store.close();
    await this.drop();
  }

  /** A user with their mailbox (created with the org defaults of this moment), and a local token for them. */
  async user(email: string, options: { admin?: boolean; name?: string } = {}): Promise<{ token: string; userId: string }> {
    return this.store.writer.run(async (trx) => {
      const user = await createUser(trx, { orgId: LOCAL_ORG_ID, email, name: options.name, isAdmin: options.admin });
      return { token: await issueLocalToken(trx, user.id), userId: user.id };
    });
  }

  async queue(address: string, options: { forward?: boolean; incoming?: 'none' | 'server-side-sync' } = {}) {
    return this.store.writer.run((trx) => createQueueMailbox(trx, LOCAL_ORG_ID, { address, isForwardMailbox: options.forward, incomingMethod: options.incoming }));
  }

  async api<T = any>(method: string, path: string, token: string, body?: unknown): Promise<ApiAnswer<T>> {
    return callApi<T>(this.url, method, path, token, body);
  }

  async mailboxOf(adminToken: string, address: string) {
    const { body } = await this.api('GET', `/api/v1/admin/mailboxes?search=${encodeURIComponent(address)}`, adminToken);
    const mailbox = body.mailboxes.find((m: { address: string }) => m.address === address);
    if (!mailbox) throw new Error(`no mailbox ${address}`);
    return mailbox;
  }

  async putSettings(adminToken: string, patch: Partial<EmailSettings>): Promise<void> {
    const { body: current } = await this.api('GET', '/api/v1/admin/email-settings', adminToken);
    const { status, body } = await this.api('PUT', '/api/v1/admin/email-settings', adminToken, { ...current, ...patch });
    if (status !== 200) throw new Error(`PUT email-settings: ${status} ${JSON.stringify(body)}`);
  }

  /** Tracks an email as the token's user would from Outlook; returns the stored email's id. */
  async track(token: string, email: Partial<TrackRequest> & { subject: string }): Promise<string> {
    const request: TrackRequest = {
      direction: 'incoming',
      from: { address: 'sender@example.com', name: 'A Sender' },
      to: [{ address: 'someone@example.com' }],
      receivedAt: new Date().toISOString(),
      body: { contentType: 'html', content: '<p>Hello</p>' },
      source: 'manual',
      internetMessageId: `<${Math.random().toString(36).slice(2)}@example.com>`,
      ...email,
    };
    const { status, body } = await this.api('POST', '/api/v1/emails', token, request);
    if (status !== 201 && status !== 200) throw new Error(`track: ${status} ${JSON.stringify(body)}`);
    return body.email.id;
  }
}
