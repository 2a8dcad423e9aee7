/**
 * The event bundle built with an Entra client id: it signs in through Office's single sign-on
 * (`Office.auth.getAccessToken`), and a real backend verifies those tokens against a loopback
 * key server, as it would Entra's.
 */
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { createEntraVerifier } from '../../../src/server/auth/entra-verifier';
import { TestServer } from '../../support/test-server';
import { createSigningKey, startJwksServer, type JwksServer } from '../../server/auth/jwks-server';
import { address, type FakeMessage } from '../office/fake-office';
import { buildEventBundle, FakeRuntimeStorage, loadEventBundle, type FetchLike } from './event-bundle-harness';

const CLIENT_ID = '6f1e3c2a-8b4d-4e5f-9a0b-1c2d3e4f5a6b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** The harness builds for https://tracking.docket.test: Office's token names that host in its audience (v1 tokens) or the client id (v2). */
const APPLICATION_ID_URI = `api://tracking.docket.test/${CLIENT_ID}`;
const ALLOW = { allowEvent: true };

let jwks: JwksServer;
let server: TestServer;
let bundle: string;
const oid = randomUUID();

/** A token as Office's sign-on returns it for this user; each call is a new token (new iat/jti), as after a renewal. */
function ssoToken(overrides: JWTPayload = {}): Promise<string> {
  return jwks.sign({
    aud: APPLICATION_ID_URI,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid,
    scp: 'access_as_user',
    preferred_username: 'ana@contoso.example',
    name: 'Ana Example',
    jti: randomUUID(),
    ...overrides,
  });
}

beforeAll(async () => {
  jwks = await startJwksServer([await createSigningKey('k1')]);
  const entra = createEntraVerifier({
    jwksUrl: jwks.jwksUrl,
    audience: [APPLICATION_ID_URI, CLIENT_ID],
    issuerPattern: 'https://login.microsoftonline.com/{tenantid}/v2.0',
    allowedTenants: [TENANT],
    requiredScope: 'access_as_user',
  });
  server = await TestServer.start('sqlite', { entra });
  // The tenant's organisation exists from its first sign-in on; then it gets a contact.
  expect((await server.request('GET', '/api/v1/me', { token: await ssoToken() })).status).toBe(200);
  await server.record('contact', 'Bob Buyer', ['bob@customer.example'], TENANT);
  bundle = (await buildEventBundle(server.url, { entraClientId: CLIENT_ID })).text;
}, 180_000);

afterAll(async () => {
  await server?.stop().catch(() => undefined);
  await jwks?.close();
});

const draft = (overrides: Partial<FakeMessage> = {}): FakeMessage => ({
  mode: 'compose',
  conversationId: null,
  subject: 'Offer for 40 licences',
  from: address('ana@contoso.example', 'Ana Example'),
  to: [address('bob@customer.example', 'Bob Buyer')],
  cc: [],
  bcc: [],
  bodyHtml: '<p>Here is our offer.</p>',
  attachments: [],
  composeType: 'newMail',
  ...overrides,
});

/** Office's sign-on, recording what it was asked. */
function officeSignOn(answer: () => Promise<string>) {
  const asked: unknown[] = [];
  return {
    asked,
    accessToken: (options: unknown) => {
      asked.push(options);
      return answer();
    },
  };
}

async function trackedAs(trackingToken: string) {
  return server.request('GET', `/api/v1/emails?trackingToken=${encodeURIComponent(trackingToken)}`, { token: await ssoToken() });
}

describe('the event bundle built with an Entra client id', () => {
  it('tracks a marked draft with the token from Office single sign-on, asked silently, with no local token anywhere', async () => {
    const storage = new FakeRuntimeStorage();
    const signOn = officeSignOn(() => ssoToken());
    const message = draft({ subject: 'Marked, signed in through Office', customProperties: { docketTrackOnSend: '{}' } });
    const loaded = loadEventBundle(bundle, { message, storage, accessToken: signOn.accessToken });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });

    expect(signOn.asked).toEqual([{ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false }]);
    const posted = loaded.requests.find((request) => request.method === 'POST' && request.url.endsWith('/api/v1/emails'));
    expect(posted?.authorization).toMatch(/^Bearer eyJ/);
    const stamped = message.headers!['X-Docket-Token']!;
    const status = await trackedAs(stamped);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ tracked: true, email: { subject: 'Marked, signed in through Office' } });
    expect(status.body.email.trackers).toEqual([expect.objectContaining({ source: 'manual' })]);
    expect(storage.outbox()).toEqual([]);
    expect(storage.items.has('docket.localToken')).toBe(false);
  });

  it('tracks sent mail automatically for the Entra user (their mailbox got the organisation defaults on first sign-in)', async () => {
    const storage = new FakeRuntimeStorage();
    const message = draft({ subject: 'Automatic, through Office sign-on' });
    const result = await loadEventBundle(bundle, { message, storage, accessToken: () => ssoToken() }).fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    const status = await trackedAs(message.headers!['X-Docket-Token']!);
    expect(status.body.tracked).toBe(true);
    expect(status.body.email.trackers[0].source).toBe('auto-send');
  });

  it('keeps using the cached /me across token renewals: during an outage the next send is still queued as auto-send', async () => {
    const storage = new FakeRuntimeStorage();
    // Up: one send caches /me under this user (tenant and object id), not under the token itself.
    await loadEventBundle(bundle, { message: draft({ to: [address('nobody@unknown.example')] }), storage, accessToken: () => ssoToken() }).fire('onMessageSendHandler');
    expect(storage.items.has('docket.me.event-runtime')).toBe(true);

    // Down, an hour later: Office hands out a renewed token; the backend cannot be reached.
    const unreachable: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    const message = draft({ subject: 'Sent during the outage, renewed token' });
    const loaded = loadEventBundle(bundle, { message, storage, fetch: unreachable, accessToken: () => ssoToken() });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    const queued = storage.outbox().find((operation) => operation.request.body.subject === 'Sent during the outage, renewed token');
    expect(queued).toMatchObject({ kind: 'track', state: 'pending' });
    expect(queued!.request.body).toMatchObject({ direction: 'outgoing', source: 'auto-send', trackingToken: message.headers!['X-Docket-Token'] });
  });

  it('queues a marked draft when Office has no token to give (13001), makes no request, logs why, and allows the send', async () => {
    const storage = new FakeRuntimeStorage();
    const refusal = Object.assign(new Error('The user is not signed into Office.'), { code: 13001 });
    const message = draft({ subject: 'Marked, no sign-on', customProperties: { docketTrackOnSend: '{"type":"account","id":"acc-1"}' } });
    const loaded = loadEventBundle(bundle, { message, storage, accessToken: () => Promise.reject(refusal) });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(loaded.requests).toEqual([]);
    expect(loaded.logs.join('\n')).toMatch(/Office single sign-on gave no token \(code 13001: The user is not signed into Office\.\)/);
    const [queued] = storage.outbox();
    expect(queued).toMatchObject({ kind: 'track', state: 'pending', messageKey: message.headers!['X-Docket-Token'] });
    expect(queued!.request.body).toMatchObject({ subject: 'Marked, no sign-on', source: 'manual', regarding: { type: 'account', id: 'acc-1' } });
  });

  it('leaves an unmarked message alone when Office has no token, and when Office.auth is missing', async () => {
    for (const accessToken of [() => Promise.reject(Object.assign(new Error('consent'), { code: 13005 })), undefined]) {
      const storage = new FakeRuntimeStorage();
      const message = draft();
      const loaded = loadEventBundle(bundle, { message, storage, ...(accessToken && { accessToken }) });
      const result = await loaded.fire('onMessageSendHandler');
      expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
      expect(loaded.requests).toEqual([]);
      expect(storage.outbox()).toEqual([]);
    }
  });

  it('does not wait on a sign-on that never answers beyond its timeout', async () => {
    const storage = new FakeRuntimeStorage();
    const message = draft({ customProperties: { docketTrackOnSend: '{}' } });
    const loaded = loadEventBundle(bundle, { message, storage, accessToken: () => new Promise<string>(() => undefined) });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(result.ms).toBeLessThan(6000);
    expect(loaded.logs.join('\n')).toMatch(/Office single sign-on did not answer within 2500 ms/);
    expect(storage.outbox()).toHaveLength(1);
  });

  it('OnNewMessageCompose stamps the tracking header when Office gives a token', async () => {
    const message = draft();
    const result = await loadEventBundle(bundle, { message, storage: new FakeRuntimeStorage(), accessToken: () => ssoToken() }).fire('onNewMessageComposeHandler');
    expect(result.calls).toBe(1);
    expect(message.headers!['X-Docket-Token']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
