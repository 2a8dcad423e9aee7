import { Parser } from 'acorn';
import { TestServer } from '../../support/test-server';
import { address, type FakeMessage } from '../office/fake-office';
import { buildEventBundle, FakeRuntimeStorage, loadEventBundle } from './event-bundle-harness';

// One build of the real bundle and one real backend for the whole file. The "backend down"
// tests stop the server, so they run last.
let server: TestServer;
let bundle: string;
let token: string;

const ALLOW = { allowEvent: true };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  server = await TestServer.start('sqlite');
  token = await server.user('ana@docket.test', { name: 'Ana Example' });
  await server.record('contact', 'Bob Buyer', ['bob@customer.example']);
  bundle = (await buildEventBundle(server.url)).text;
}, 180_000);

afterAll(async () => {
  await server?.stop().catch(() => undefined);
});

function signedInStorage(): FakeRuntimeStorage {
  const storage = new FakeRuntimeStorage();
  storage.items.set('docket.localToken', token);
  return storage;
}

const draft = (overrides: Partial<FakeMessage> = {}): FakeMessage => ({
  mode: 'compose',
  conversationId: null,
  subject: 'Offer for 40 licences',
  from: address('ana@docket.test', 'Ana Example'),
  to: [address('bob@customer.example', 'Bob Buyer')],
  cc: [address('carol@partner.example', 'Carol')],
  bcc: [],
  bodyHtml: '<p>Here is our offer.</p>',
  attachments: [
    { id: 'a1', name: 'offer.pdf', size: 12, content: { content: Buffer.from('%PDF-offer').toString('base64'), format: 'base64' } },
    { id: 'a2', name: 'huge.zip', size: 50 * 1024 * 1024 },
  ],
  composeType: 'newMail',
  ...overrides,
});

async function statusByToken(trackingToken: string) {
  return server.request('GET', `/api/v1/emails?trackingToken=${encodeURIComponent(trackingToken)}`, { token });
}

describe('the built event bundle', () => {
  it('is ES2016, touches no DOM, and registers both manifest handlers with Office.actions.associate', () => {
    expect(() => Parser.parse(bundle, { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
    expect(bundle).not.toMatch(/\b(?:window|document|localStorage)\s*\./);
    const { associated } = loadEventBundle(bundle, { message: draft(), storage: new FakeRuntimeStorage() });
    expect(associated).toEqual(['onNewMessageComposeHandler', 'onMessageSendHandler']);
  });
});

describe('OnNewMessageCompose', () => {
  it('stamps X-Docket-Token on a new message and keeps the token with the draft', async () => {
    const message = draft();
    const loaded = loadEventBundle(bundle, { message, storage: signedInStorage() });
    const result = await loaded.fire('onNewMessageComposeHandler');
    expect(result.calls).toBe(1);
    expect(result.completedWith).toBeUndefined();
    const stamped = message.headers?.['X-Docket-Token'];
    expect(stamped).toMatch(UUID);
    expect(message.customProperties).toEqual({ docketToken: stamped });
    expect(message.notifications).toBeUndefined();
  });

  it('marks a reply in a conversation the user tracks, and says so in the notification bar', async () => {
    const tracked = await server.request('POST', '/api/v1/emails', {
      token,
      body: {
        direction: 'incoming',
        internetMessageId: '<question-1@customer.example>',
        conversationId: 'conv-tracked',
        subject: 'Question about licences',
        from: { address: 'dora@unknown.example' },
        to: [{ address: 'ana@docket.test' }],
        receivedAt: '2025-03-01T10:00:00.000Z',
        body: { contentType: 'text', content: 'How many licences?' },
        source: 'manual',
      },
    });
    expect(tracked.status).toBe(201);
    const message = draft({ composeType: 'reply', conversationId: 'conv-tracked', subject: 'RE: Question about licences', to: [address('dora@unknown.example')], cc: [] });
    const result = await loadEventBundle(bundle, { message, storage: signedInStorage() }).fire('onNewMessageComposeHandler');
    expect(result.calls).toBe(1);
    expect(message.customProperties).toMatchObject({ docketTrackOnSend: '{}', docketTrackOnSendSource: 'auto-send', docketToken: message.headers?.['X-Docket-Token'] });
    expect(message.notifications?.docketTrackOnSend?.message).toBe('Docket will track this reply when it is sent.');
  });

  it('leaves a reply in an untracked conversation unmarked', async () => {
    const message = draft({ composeType: 'reply', conversationId: 'conv-nobody-tracks' });
    await loadEventBundle(bundle, { message, storage: signedInStorage() }).fire('onNewMessageComposeHandler');
    expect(message.customProperties).not.toHaveProperty('docketTrackOnSend');
  });

  it('does nothing without a Docket sign-in, and still completes', async () => {
    const message = draft();
    const loaded = loadEventBundle(bundle, { message, storage: new FakeRuntimeStorage() });
    const result = await loaded.fire('onNewMessageComposeHandler');
    expect(result.calls).toBe(1);
    expect(message.headers ?? {}).toEqual({});
    expect(loaded.requests).toEqual([]);
  });
});

describe('OnMessageSend with the backend up', () => {
  it('tracks a draft the user marked "track on send" as manual, with the token stamped in compose', async () => {
    const storage = signedInStorage();
    const message = draft({ subject: 'Marked offer' });
    const compose = loadEventBundle(bundle, { message, storage });
    await compose.fire('onNewMessageComposeHandler');
    const stamped = message.headers!['X-Docket-Token']!;
    message.customProperties!.docketTrackOnSend = '{}';

    const send = loadEventBundle(bundle, { message, storage });
    const result = await send.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });

    const posted = send.requests.find((request) => request.method === 'POST' && request.url.endsWith('/api/v1/emails'));
    expect(posted?.body).toMatchObject({
      direction: 'outgoing',
      trackingToken: stamped,
      subject: 'Marked offer',
      from: { address: 'ana@docket.test', name: 'Ana Example' },
      to: [{ address: 'bob@customer.example', name: 'Bob Buyer' }],
      cc: [{ address: 'carol@partner.example', name: 'Carol' }],
      source: 'manual',
      body: { contentType: 'html', content: '<p>Here is our offer.</p>' },
    });
    // Content only for the attachment within the org limit (5,120 KB).
    expect(posted?.body.attachments).toEqual([
      { name: 'offer.pdf', contentType: 'application/pdf', size: 12, contentBase64: Buffer.from('%PDF-offer').toString('base64') },
      { name: 'huge.zip', contentType: 'application/zip', size: 50 * 1024 * 1024 },
    ]);
    const status = await statusByToken(stamped);
    expect(status.body).toMatchObject({ tracked: true, email: { direction: 'outgoing', trackingToken: stamped, subject: 'Marked offer' } });
    expect(status.body.email.trackers).toEqual([expect.objectContaining({ direction: 'outgoing', source: 'manual' })]);
    expect(storage.outbox()).toEqual([]);
  });

  it('tracks automatically (auto-send) when the method is outlook and the check says so', async () => {
    const message = draft({ subject: 'To a known contact' });
    const loaded = loadEventBundle(bundle, { message, storage: signedInStorage() });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    const stamped = message.headers!['X-Docket-Token']!;
    expect(stamped).toMatch(UUID);
    const check = loaded.requests.find((request) => request.url.endsWith('/api/v1/emails/check'));
    expect(check?.body).toMatchObject({ direction: 'outgoing', automatic: true, trackingToken: stamped, to: [{ address: 'bob@customer.example', name: 'Bob Buyer' }] });
    const status = await statusByToken(stamped);
    expect(status.body.tracked).toBe(true);
    expect(status.body.email.trackers[0].source).toBe('auto-send');
  });

  it('tracks the reply Docket marked in compose as auto-send, correlated to its conversation', async () => {
    const storage = signedInStorage();
    const message = draft({ composeType: 'reply', conversationId: 'conv-tracked', subject: 'RE: Question about licences', to: [address('dora@unknown.example')], cc: [] });
    await loadEventBundle(bundle, { message, storage }).fire('onNewMessageComposeHandler');
    const result = await loadEventBundle(bundle, { message, storage }).fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    const status = await statusByToken(message.headers!['X-Docket-Token']!);
    expect(status.body.email).toMatchObject({ conversationId: 'conv-tracked', correlationMethod: 'conversation' });
    expect(status.body.email.trackers[0].source).toBe('auto-send');
  });

  it('runs on an engine with only ES2016 built-ins (no globalThis, Promise#finally, Array#flatMap, String#padStart)', async () => {
    const storage = signedInStorage();
    const message = draft({ subject: 'From an old engine', customProperties: { docketTrackOnSend: '{}' } });
    const loaded = loadEventBundle(bundle, { message, storage, es2016BuiltInsOnly: true });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(loaded.logs.filter((line) => line.startsWith('error'))).toEqual([]);
    const stamped = message.headers!['X-Docket-Token']!;
    expect(stamped).toMatch(UUID);
    expect((await statusByToken(stamped)).body).toMatchObject({ tracked: true, email: { subject: 'From an old engine' } });
    expect(storage.outbox()).toEqual([]);
  });

  it('lets a message the filter does not match go untracked', async () => {
    const storage = signedInStorage();
    const message = draft({ to: [address('someone@unknown.example')], cc: [] });
    const loaded = loadEventBundle(bundle, { message, storage });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(loaded.requests.some((request) => request.method === 'POST' && request.url.endsWith('/api/v1/emails'))).toBe(false);
    expect((await statusByToken(message.headers!['X-Docket-Token']!)).body.tracked).toBe(false);
    expect(storage.outbox()).toEqual([]);
  });

  it('allows the send without a Docket sign-in, touching nothing, when the user did not mark the draft', async () => {
    const message = draft();
    const storage = new FakeRuntimeStorage();
    const loaded = loadEventBundle(bundle, { message, storage });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(loaded.requests).toEqual([]);
    expect(message.headers ?? {}).toEqual({});
    expect(storage.items.size).toBe(0);
  });

  it('without a sign-in, still queues a draft the user marked (the pane sends it once they sign in again) and allows the send', async () => {
    const message = draft({ subject: 'Marked, then signed out', customProperties: { docketTrackOnSend: '{}' } });
    const storage = new FakeRuntimeStorage();
    const loaded = loadEventBundle(bundle, { message, storage });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(loaded.requests).toEqual([]);
    const [queued] = storage.outbox();
    expect(queued).toMatchObject({ kind: 'track', state: 'pending', messageKey: message.headers!['X-Docket-Token'] });
    expect(queued!.request.body).toMatchObject({ subject: 'Marked, then signed out', source: 'manual' });
  });

  it('allows the send when capturing the message throws', async () => {
    const storage = signedInStorage();
    const message = draft({ customProperties: { docketTrackOnSend: '{}' } });
    const loaded = loadEventBundle(bundle, {
      message,
      storage,
      office: { failures: { 'body.getAsync': { code: 9017, name: 'GenericResponseError', message: 'Outlook could not read the body.' } } },
    });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(loaded.logs.join('\n')).toMatch(/OnMessageSend failed.*Outlook could not read the body/);
    expect(storage.outbox()).toEqual([]);
    expect(loaded.fake.escaped).toEqual([]);
  });

  it('allows the send when the Office runtime has no storage at all', async () => {
    const loaded = loadEventBundle(bundle, { message: draft(), storage: signedInStorage(), withoutRuntimeStorage: true });
    const result = await loaded.fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(loaded.logs.join('\n')).toMatch(/OfficeRuntime.storage is not available/);
  });

  it('stops waiting for a backend that never answers, queues the track, and allows the send within seconds', async () => {
    const storage = signedInStorage();
    const message = draft({ subject: 'Slow backend', customProperties: { docketTrackOnSend: '{}' } });
    // Answers nothing for 3 s, longer than the handler waits for /me and the check (then resets, so the run can end).
    const hanging = () => new Promise((_resolve, reject) => setTimeout(() => reject(new Error('connection reset')), 3000));
    const result = await loadEventBundle(bundle, { message, storage, fetch: hanging }).fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    expect(result.ms).toBeLessThan(8000);
    const [queued] = storage.outbox();
    expect(queued).toMatchObject({ kind: 'track', state: 'pending', messageKey: message.headers!['X-Docket-Token'], request: { method: 'POST', path: '/api/v1/emails' } });
    expect(queued!.request.body).toMatchObject({ direction: 'outgoing', subject: 'Slow backend', source: 'manual', trackingToken: message.headers!['X-Docket-Token'] });
  }, 20_000);
});

describe('OnMessageSend with the backend down', () => {
  let storage: FakeRuntimeStorage;

  beforeAll(async () => {
    storage = signedInStorage();
    // While the server is up, one send caches /me (the method) in OfficeRuntime.storage...
    await loadEventBundle(bundle, { message: draft({ to: [address('nobody@unknown.example')], cc: [] }), storage }).fire('onMessageSendHandler');
    expect(storage.items.has('docket.me.event-runtime')).toBe(true);
    // ...then the backend goes away.
    await server.stop();
  });

  it('queues a marked draft in OfficeRuntime.storage and allows the send', async () => {
    const message = draft({ subject: 'Sent during the outage', customProperties: { docketTrackOnSend: '{"type":"account","id":"acc-1"}' } });
    const result = await loadEventBundle(bundle, { message, storage }).fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    const queued = storage.outbox().find((operation) => operation.request.body.subject === 'Sent during the outage');
    expect(queued).toMatchObject({ kind: 'track', state: 'pending', messageKey: message.headers!['X-Docket-Token'] });
    expect(queued!.request.body).toMatchObject({
      direction: 'outgoing',
      trackingToken: message.headers!['X-Docket-Token'],
      to: [{ address: 'bob@customer.example', name: 'Bob Buyer' }],
      cc: [{ address: 'carol@partner.example', name: 'Carol' }],
      regarding: { type: 'account', id: 'acc-1' },
      source: 'manual',
    });
  });

  it('queues an unmarked message as auto-send for the server to decide, knowing the method from the cached /me', async () => {
    const message = draft({ subject: 'Unmarked during the outage' });
    const result = await loadEventBundle(bundle, { message, storage }).fire('onMessageSendHandler');
    expect(result).toMatchObject({ completedWith: ALLOW, calls: 1 });
    const queued = storage.outbox().find((operation) => operation.request.body.subject === 'Unmarked during the outage');
    expect(queued!.request.body).toMatchObject({ direction: 'outgoing', source: 'auto-send', trackingToken: message.headers!['X-Docket-Token'] });
  });

  it('still completes OnNewMessageCompose, with the token stamped', async () => {
    const message = draft({ composeType: 'reply', conversationId: 'conv-tracked' });
    const result = await loadEventBundle(bundle, { message, storage }).fire('onNewMessageComposeHandler');
    expect(result.calls).toBe(1);
    expect(message.headers!['X-Docket-Token']).toMatch(UUID);
  });
});
