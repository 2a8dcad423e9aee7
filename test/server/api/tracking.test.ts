import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../support/engines';
import { incomingMessage, outgoingMessage } from '../../support/messages';
import { TestServer } from '../../support/test-server';

describe.each(ENGINES)('tracking semantics on %s', (engine) => {
  let server: TestServer;
  let admin: string;
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    server = await TestServer.start(engine);
    admin = await server.user('admin@example.com', { admin: true });
    alice = await server.user('alice@example.com', { name: 'Alice' });
    bob = await server.user('bob@example.com', { name: 'Bob' });
  });
  afterEach(() => server.stop());

  const track = (token: string, body: unknown, headers: Record<string, string> = {}) => server.request('POST', '/api/v1/emails', { token, body, headers });
  const setMailbox = async (email: string, patch: Record<string, unknown>) => {
    const list = await server.request('GET', `/api/v1/admin/mailboxes?search=${email}`, { token: admin });
    const id = list.body.mailboxes.find((m: { address: string }) => m.address === email).id;
    const response = await server.request('PATCH', `/api/v1/admin/mailboxes/${id}`, { token: admin, body: patch });
    expect(response.status).toBe(200);
  };
  const countRows = async (table: 'emails' | 'trackers') => Number((await server.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  test('a message is one email with one tracker per user; a second user gets 200 and the same email', async () => {
    const message = incomingMessage();
    const first = await track(alice, message);
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.email).toMatchObject({ internetMessageId: message.internetMessageId, correlationMethod: 'none', subject: 'Quarterly numbers' });
    expect(first.body.tracker).toMatchObject({ userName: 'Alice', direction: 'incoming', source: 'manual' });
    const second = await track(bob, message);
    expect(second.status).toBe(200);
    expect(second.body.created).toBe(false);
    expect(second.body.email.id).toBe(first.body.email.id);
    expect(second.body.email.trackers.map((t: { userName: string }) => t.userName).sort()).toEqual(['Alice', 'Bob']);
    const again = await track(alice, message);
    expect(again.status).toBe(200);
    expect(again.body.tracker.id).toBe(first.body.tracker.id);
    expect(await countRows('emails')).toBe(1);
    expect(await countRows('trackers')).toBe(2);
  });

  test('Message-IDs match with or without angle brackets', async () => {
    const id = `${randomUUID()}@mail.example.net`;
    const first = await track(alice, incomingMessage({ internetMessageId: `<${id}>` }));
    const second = await track(bob, incomingMessage({ internetMessageId: id }));
    expect(second.body.email.id).toBe(first.body.email.id);
  });

  test('50 users tracking the same message at once make exactly one email and 50 trackers', async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => server.user(`user${i}@example.com`)));
    const message = incomingMessage();
    const responses = await Promise.all(tokens.map((token) => track(token, message)));
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(responses.map((r) => r.body.email.id)).size).toBe(1);
    expect(await countRows('emails')).toBe(1);
    expect(await countRows('trackers')).toBe(50);
  });

  test("untrack removes only the caller's tracker; the email goes with the last one", async () => {
    const message = incomingMessage();
    const { body } = await track(alice, message);
    await track(bob, message);
    const untrack = await server.request('DELETE', `/api/v1/emails/${body.email.id}/tracking`, { token: alice });
    expect(untrack.status).toBe(200);
    expect(untrack.body).toEqual({ emailId: body.email.id, emailRemoved: false });
    const forBob = await server.request('GET', `/api/v1/emails/${body.email.id}`, { token: bob });
    expect(forBob.body.trackers.map((t: { userName: string }) => t.userName)).toEqual(['Bob']);
    expect((await server.request('GET', `/api/v1/emails/${body.email.id}`, { token: alice })).status).toBe(404);
    const again = await server.request('DELETE', `/api/v1/emails/${body.email.id}/tracking`, { token: alice });
    expect(again.status).toBe(404);
    const last = await server.request('DELETE', `/api/v1/emails/${body.email.id}/tracking`, { token: bob });
    expect(last.body.emailRemoved).toBe(true);
    expect(await countRows('emails')).toBe(0);
  });

  test('with a retention period an untracked email is kept, then purged by housekeeping', async () => {
    const settings = (await server.request('GET', '/api/v1/admin/email-settings', { token: admin })).body;
    await server.request('PUT', '/api/v1/admin/email-settings', { token: admin, body: { ...settings, retentionDays: 30 } });
    const { body } = await track(alice, incomingMessage());
    const untrack = await server.request('DELETE', `/api/v1/emails/${body.email.id}/tracking`, { token: alice });
    expect(untrack.body.emailRemoved).toBe(false);
    const { runHousekeeping } = await import('../../../src/server/housekeeping');
    expect((await runHousekeeping(server.store, new Date(Date.now() + 29 * 86_400_000))).emails).toBe(0);
    expect(await countRows('emails')).toBe(1);
    expect((await runHousekeeping(server.store, new Date(Date.now() + 31 * 86_400_000))).emails).toBe(1);
    expect(await countRows('emails')).toBe(0);
  });

  test('the send-time record (token only) and the later copy with its Message-ID become one email', async () => {
    const contact = await server.record('contact', 'Carol Customer', ['carol@customer.example']);
    const sent = await track(alice, outgoingMessage({ regarding: { type: 'contact', id: contact.id } }));
    expect(sent.status).toBe(201);
    expect(sent.body.email.internetMessageId).toBeNull();
    const messageId = `<${randomUUID()}@example.com>`;
    const sentItems = await track(alice, outgoingMessage({ trackingToken: sent.body.email.trackingToken, internetMessageId: messageId, source: 'auto-send' }));
    expect(sentItems.status).toBe(200);
    expect(sentItems.body.email).toMatchObject({ id: sent.body.email.id, internetMessageId: messageId, correlationMethod: 'x-header' });
    expect(sentItems.body.email.regarding).toMatchObject({ type: 'contact', id: contact.id, name: 'Carol Customer' });
    const byMessageId = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(messageId)}`, { token: alice });
    expect(byMessageId.body).toMatchObject({ tracked: true, email: { id: sent.body.email.id } });
    const byToken = await server.request('GET', `/api/v1/emails?trackingToken=${sent.body.email.trackingToken}`, { token: alice });
    expect(byToken.body.email.id).toBe(sent.body.email.id);
    expect(await countRows('emails')).toBe(1);
  });

  test('mail between two users is one email with an outgoing and an incoming tracker', async () => {
    const token = randomUUID();
    const messageId = `<${randomUUID()}@example.com>`;
    const sent = await track(alice, outgoingMessage({ trackingToken: token, to: [{ address: 'bob@example.com' }] }));
    const received = await track(bob, incomingMessage({ internetMessageId: messageId, trackingToken: token, from: { address: 'alice@example.com' }, to: [{ address: 'bob@example.com' }] }));
    expect(received.status).toBe(200);
    expect(received.body.email.id).toBe(sent.body.email.id);
    expect(received.body.email.trackers.map((t: { direction: string }) => t.direction).sort()).toEqual(['incoming', 'outgoing']);
  });

  test('with "track mail between users as two activities" the same message makes two emails', async () => {
    const settings = (await server.request('GET', '/api/v1/admin/email-settings', { token: admin })).body;
    await server.request('PUT', '/api/v1/admin/email-settings', { token: admin, body: { ...settings, internalMailAsTwoActivities: true } });
    const token = randomUUID();
    const sent = await track(alice, outgoingMessage({ trackingToken: token, to: [{ address: 'bob@example.com' }] }));
    const received = await track(bob, incomingMessage({ trackingToken: token, from: { address: 'alice@example.com' } }));
    expect(received.status).toBe(201);
    expect(received.body.email.id).not.toBe(sent.body.email.id);
    expect(received.body.email.direction).toBe('incoming');
    expect(await countRows('emails')).toBe(2);
  });

  test('a reply correlates in-reply-to with its stored parent and inherits regarding', async () => {
    const account = await server.record('account', 'Contoso', ['info@contoso.example']);
    const parent = await track(alice, incomingMessage({ regarding: { type: 'account', id: account.id } }));
    const reply = await track(alice, incomingMessage({ inReplyTo: parent.body.email.internetMessageId, subject: 'RE: Quarterly numbers' }));
    expect(reply.body.email).toMatchObject({ correlationMethod: 'in-reply-to', regarding: { type: 'account', id: account.id, name: 'Contoso' } });
    const viaReferences = await track(alice, incomingMessage({ inReplyTo: `<${randomUUID()}@never.tracked>`, references: [parent.body.email.internetMessageId, `<${randomUUID()}@x.example>`] }));
    expect(viaReferences.body.email.correlationMethod).toBe('in-reply-to');
  });

  test('correlation falls back to the conversation, never to the subject', async () => {
    const contact = await server.record('contact', 'Carol Customer', ['carol@customer.example']);
    const conversationId = `AAQk${randomUUID()}`;
    await track(alice, incomingMessage({ conversationId, regarding: { type: 'contact', id: contact.id } }));
    const sameConversation = await track(alice, incomingMessage({ conversationId }));
    expect(sameConversation.body.email).toMatchObject({ correlationMethod: 'conversation', regarding: { id: contact.id } });
    const sameSubject = await track(alice, incomingMessage({ subject: 'Quarterly numbers' }));
    expect(sameSubject.body.email).toMatchObject({ correlationMethod: 'none', regarding: null });
  });

  test('in-reply-to wins over the conversation, and an explicit regarding wins over the inherited one', async () => {
    const a = await server.record('contact', 'A', []);
    const b = await server.record('contact', 'B', []);
    const c = await server.record('lead', 'C', []);
    const conversationId = `AAQk${randomUUID()}`;
    const parent = await track(alice, incomingMessage({ regarding: { type: 'contact', id: a.id } }));
    await track(alice, incomingMessage({ conversationId, regarding: { type: 'contact', id: b.id } }));
    const reply = await track(alice, incomingMessage({ conversationId, inReplyTo: parent.body.email.internetMessageId }));
    expect(reply.body.email).toMatchObject({ correlationMethod: 'in-reply-to', regarding: { id: a.id } });
    const explicit = await track(alice, incomingMessage({ inReplyTo: parent.body.email.internetMessageId, regarding: { type: 'lead', id: c.id } }));
    expect(explicit.body.email).toMatchObject({ correlationMethod: 'in-reply-to', regarding: { type: 'lead', id: c.id } });
  });

  test('with the subject token setting, emails get a token and a reply carrying it correlates tracking-token', async () => {
    const settings = (await server.request('GET', '/api/v1/admin/email-settings', { token: admin })).body;
    await server.request('PUT', '/api/v1/admin/email-settings', { token: admin, body: { ...settings, trackingTokenInSubject: true } });
    const contact = await server.record('contact', 'Carol Customer', []);
    const sent = await track(alice, outgoingMessage({ regarding: { type: 'contact', id: contact.id } }));
    expect(sent.body.email.subjectToken).toMatch(/^DKT:[0-9A-Z]{6}$/);
    const reply = await track(alice, incomingMessage({ subject: `RE: Proposal [${sent.body.email.subjectToken}]` }));
    expect(reply.body.email).toMatchObject({ correlationMethod: 'tracking-token', regarding: { id: contact.id } });
  });

  test('regarding is set, changed and cleared; an unknown record is a 422 naming the rule', async () => {
    const contact = await server.record('contact', 'Carol Customer', []);
    const { body } = await track(alice, incomingMessage());
    const set = await server.request('PATCH', `/api/v1/emails/${body.email.id}`, { token: alice, body: { regarding: { type: 'contact', id: contact.id } } });
    expect(set.body.regarding).toEqual({ type: 'contact', id: contact.id, name: 'Carol Customer' });
    const unknown = await server.request('PATCH', `/api/v1/emails/${body.email.id}`, { token: alice, body: { regarding: { type: 'contact', id: randomUUID() } } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.rule).toBe('regarding-not-found');
    const cleared = await server.request('PATCH', `/api/v1/emails/${body.email.id}`, { token: alice, body: { regarding: null } });
    expect(cleared.body.regarding).toBeNull();
    const notMine = await server.request('PATCH', `/api/v1/emails/${body.email.id}`, { token: bob, body: { regarding: null } });
    expect(notMine.status).toBe(404);
  });

  test('manual Track ignores the filter but never the method none', async () => {
    await setMailbox('alice@example.com', { trackingFilter: 'none', incomingMethod: 'server-side-sync' });
    expect((await track(alice, incomingMessage())).status).toBe(201);
    await setMailbox('alice@example.com', { incomingMethod: 'none' });
    const refused = await track(alice, incomingMessage());
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ rule: 'method-none' });
    expect(refused.body.detail).toBe('Incoming mail for this mailbox is not tracked: its synchronization method is None.');
    expect((await track(alice, outgoingMessage())).status).toBe(201);
  });

  test('automatic tracking follows the method and the filter', async () => {
    const auto = (overrides = {}) => track(alice, incomingMessage({ source: 'auto-read', ...overrides }));
    // known-records (the default): only mail from a contact, account or lead.
    expect((await auto()).body.rule).toBe('filter-no-match');
    await server.record('contact', 'Carol Customer', ['carol@customer.example']);
    expect((await auto()).status).toBe(201);
    // email-enabled-records: a user of the organisation counts.
    await setMailbox('alice@example.com', { trackingFilter: 'email-enabled-records' });
    expect((await auto({ from: { address: 'bob@example.com' } })).status).toBe(201);
    expect((await auto({ from: { address: 'stranger@else.example' } })).status).toBe(403);
    // responses: only replies to tracked mail.
    await setMailbox('alice@example.com', { trackingFilter: 'responses' });
    const parent = await track(alice, incomingMessage({ from: { address: 'stranger@else.example' } }));
    expect((await auto({ from: { address: 'stranger@else.example' } })).status).toBe(403);
    expect((await auto({ from: { address: 'stranger@else.example' }, inReplyTo: parent.body.email.internetMessageId })).status).toBe(201);
    // server-side-sync: the add-in never auto-tracks.
    await setMailbox('alice@example.com', { trackingFilter: 'all', incomingMethod: 'server-side-sync' });
    const ssync = await auto();
    expect(ssync.status).toBe(403);
    expect(ssync.body.detail).toBe('Incoming mail for this mailbox is tracked by server-side synchronization, not by Outlook.');
  });

  test('check answers whether to track, with a reason, and whether it is tracked already', async () => {
    await server.record('contact', 'Carol Customer', ['carol@customer.example']);
    const message = incomingMessage();
    const check = (token: string, body: Record<string, unknown>) => server.request('POST', '/api/v1/emails/check', { token, body });
    const before = await check(alice, { direction: 'incoming', internetMessageId: message.internetMessageId, from: message.from });
    expect(before.body).toMatchObject({ shouldTrack: true, reason: 'filter-match', tracked: false, trackedByOthers: false });
    const stranger = await check(alice, { direction: 'incoming', from: { address: 'x@unknown.example' } });
    expect(stranger.body).toMatchObject({ shouldTrack: false, reason: 'filter-no-match' });
    expect((await check(alice, { direction: 'incoming', automatic: false, from: { address: 'x@unknown.example' } })).body.reason).toBe('manual');
    const tracked = await track(alice, message);
    const after = await check(alice, { direction: 'incoming', internetMessageId: message.internetMessageId });
    expect(after.body).toMatchObject({ shouldTrack: false, reason: 'already-tracked', tracked: true, emailId: tracked.body.email.id });
    const forBob = await check(bob, { direction: 'incoming', internetMessageId: message.internetMessageId, from: message.from });
    expect(forBob.body).toMatchObject({ shouldTrack: true, tracked: false, trackedByOthers: true });
    expect(forBob.body.emailId).toBeUndefined();
    await setMailbox('bob@example.com', { incomingMethod: 'none' });
    expect((await check(bob, { direction: 'incoming', from: message.from })).body).toMatchObject({ shouldTrack: false, reason: 'method-none' });
  });

  test('a message needs a Message-ID or a token; bcc is for outgoing mail only', async () => {
    const noIdentity = await track(alice, incomingMessage({ internetMessageId: undefined }));
    expect(noIdentity.status).toBe(422);
    expect(noIdentity.body.rule).toBe('message-identity-required');
    const bcc = await track(alice, incomingMessage({ bcc: [{ address: 'hidden@example.com' }] }));
    expect(bcc.status).toBe(422);
    expect(bcc.body.rule).toBe('bcc-outgoing-only');
    const sent = await track(alice, outgoingMessage({ bcc: [{ address: 'hidden@example.com' }] }));
    expect(sent.status).toBe(201);
    const detail = await server.request('GET', `/api/v1/emails/${sent.body.email.id}`, { token: alice });
    expect(detail.body.bcc).toEqual([{ address: 'hidden@example.com' }]);
  });

  test('attachments are stored by content hash up to the limit; larger ones are listed with a notice', async () => {
    const settings = (await server.request('GET', '/api/v1/admin/email-settings', { token: admin })).body;
    await server.request('PUT', '/api/v1/admin/email-settings', { token: admin, body: { ...settings, maxAttachmentKb: 1, maxBodyKb: 1 } });
    const small = Buffer.from('small file');
    const large = Buffer.alloc(2048, 7);
    const response = await track(alice, incomingMessage({
      body: { contentType: 'text', content: 'é'.repeat(1000) },
      attachments: [
        { name: 'small.txt', contentType: 'text/plain', size: small.length, contentBase64: small.toString('base64') },
        { name: 'large.bin', contentType: 'application/octet-stream', size: large.length, contentBase64: large.toString('base64') },
        { name: 'cloud.docx', contentType: 'application/msword', size: 10 },
      ],
    }));
    expect(response.status).toBe(201);
    const { attachments, notices } = response.body.email;
    expect(attachments[0]).toMatchObject({ name: 'small.txt', saved: true, size: small.length });
    expect(attachments[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(attachments[1]).toMatchObject({ name: 'large.bin', saved: false, sha256: null });
    expect(notices.map((n: { code: string }) => n.code)).toEqual(['body-truncated', 'attachment-not-saved', 'attachment-not-saved']);
    expect(notices[1].message).toContain('large.bin');
    const detail = await server.request('GET', `/api/v1/emails/${response.body.email.id}`, { token: alice });
    expect(detail.body.body.truncated).toBe(true);
    expect(Buffer.byteLength(detail.body.body.content)).toBeLessThanOrEqual(1024);
    expect(detail.body.body.content).toMatch(/^é+$/);
  });

  test('admins see any email of their organisation; users only their own', async () => {
    const { body } = await track(alice, incomingMessage());
    expect((await server.request('GET', `/api/v1/emails/${body.email.id}`, { token: admin })).status).toBe(200);
    const forBob = await server.request('GET', `/api/v1/emails/${body.email.id}`, { token: bob });
    const missing = await server.request('GET', `/api/v1/emails/${randomUUID()}`, { token: bob });
    expect(forBob.status).toBe(404);
    expect(forBob.body).toEqual(missing.body);
    const status = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(body.email.internetMessageId)}`, { token: bob });
    expect(status.body).toEqual({ tracked: false });
  });

  test('a reply tracked at send time by its conversation becomes in-reply-to when its copy with In-Reply-To is seen', async () => {
    const contact = await server.record('contact', 'Carol Customer', []);
    const conversationId = `AAQk${randomUUID()}`;
    const parent = await track(alice, incomingMessage({ conversationId, regarding: { type: 'contact', id: contact.id } }));
    const token = randomUUID();
    const atSend = await track(alice, outgoingMessage({ trackingToken: token, conversationId, source: 'auto-send' }));
    expect(atSend.body.email.correlationMethod).toBe('conversation');
    const sentCopy = await track(alice, outgoingMessage({ trackingToken: token, conversationId, internetMessageId: `<${randomUUID()}@example.com>`, inReplyTo: parent.body.email.internetMessageId }));
    expect(sentCopy.body.email).toMatchObject({ id: atSend.body.email.id, correlationMethod: 'in-reply-to', regarding: { id: contact.id } });
  });

  test("the status of a conversation says whether the caller tracks any of its emails", async () => {
    const conversationId = `AAQk${randomUUID()}`;
    const before = await server.request('GET', `/api/v1/emails?conversationId=${conversationId}`, { token: alice });
    expect(before.body).toEqual({ tracked: false });
    const tracked = await track(alice, incomingMessage({ conversationId }));
    const after = await server.request('GET', `/api/v1/emails?conversationId=${conversationId}`, { token: alice });
    expect(after.body).toMatchObject({ tracked: true, email: { id: tracked.body.email.id } });
    expect((await server.request('GET', `/api/v1/emails?conversationId=${conversationId}`, { token: bob })).body).toEqual({ tracked: false });
  });

  test("a message is not a reply to tracked mail just because someone else tracks that same message", async () => {
    const conversationId = `AAQk${randomUUID()}`;
    const message = incomingMessage({ conversationId, from: { address: 'stranger@else.example' } });
    await track(bob, message);
    await setMailbox('alice@example.com', { trackingFilter: 'responses' });
    const check = await server.request('POST', '/api/v1/emails/check', { token: alice, body: { direction: 'incoming', internetMessageId: message.internetMessageId, conversationId, from: message.from } });
    expect(check.body).toMatchObject({ shouldTrack: false, reason: 'filter-no-match', trackedByOthers: true });
    const reply = await server.request('POST', '/api/v1/emails/check', { token: alice, body: { direction: 'incoming', internetMessageId: `<${randomUUID()}@x.example>`, conversationId, from: message.from } });
    expect(reply.body).toMatchObject({ shouldTrack: true, reason: 'filter-match' });
  });
});
