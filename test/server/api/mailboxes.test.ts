import { ENGINES } from '../../support/engines';
import { TestServer } from '../../support/test-server';

describe.each(ENGINES)('mailbox configuration on %s', (engine) => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await TestServer.start(engine);
    admin = await server.user('admin@example.com', { admin: true });
  });
  afterEach(() => server.stop());

  const mailboxOf = async (email: string) => {
    const list = await server.request('GET', `/api/v1/admin/mailboxes?search=${encodeURIComponent(email)}`, { token: admin });
    return list.body.mailboxes.find((m: { address: string }) => m.address === email);
  };

  test('org defaults apply to user mailboxes created after the change, never to existing ones', async () => {
    const settings = (await server.request('GET', '/api/v1/admin/email-settings', { token: admin })).body;
    expect(settings).toMatchObject({ defaultIncomingMethod: 'outlook', defaultOutgoingMethod: 'outlook', maxAttachmentKb: 5120 });
    await server.user('before@example.com');
    const put = await server.request('PUT', '/api/v1/admin/email-settings', { token: admin, body: { ...settings, defaultIncomingMethod: 'none', defaultOutgoingMethod: 'server-side-sync' } });
    expect(put.status).toBe(200);
    await server.user('after@example.com');
    expect(await mailboxOf('before@example.com')).toMatchObject({ incomingMethod: 'outlook', outgoingMethod: 'outlook' });
    expect(await mailboxOf('after@example.com')).toMatchObject({ incomingMethod: 'none', outgoingMethod: 'server-side-sync' });
  });

  test('a mailbox is changed on its own and /me shows the change to its user', async () => {
    const bob = await server.user('bob@example.com');
    const mailbox = await mailboxOf('bob@example.com');
    const patched = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, { token: admin, body: { incomingMethod: 'server-side-sync', trackingFilter: 'all', approved: true } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ incomingMethod: 'server-side-sync', outgoingMethod: 'outlook', trackingFilter: 'all', approved: true });
    const me = await server.request('GET', '/api/v1/me', { token: bob });
    expect(me.body.mailbox).toMatchObject({ incomingMethod: 'server-side-sync', trackingFilter: 'all', approved: true });
    expect(await mailboxOf('admin@example.com')).toMatchObject({ incomingMethod: 'outlook', approved: false });
  });

  test('a queue cannot use outlook, incoming or outgoing, on creation or later', async () => {
    const created = await server.request('POST', '/api/v1/admin/mailboxes', { token: admin, body: { address: 'support@example.com', incomingMethod: 'outlook' } });
    expect(created.status).toBe(422);
    expect(created.headers.get('content-type')).toContain('application/problem+json');
    expect(created.body).toMatchObject({ rule: 'queue-cannot-use-outlook', field: 'incomingMethod' });
    const queue = await server.request('POST', '/api/v1/admin/mailboxes', { token: admin, body: { address: 'support@example.com', incomingMethod: 'server-side-sync' } });
    expect(queue.status).toBe(201);
    expect(queue.body).toMatchObject({ kind: 'queue', incomingMethod: 'server-side-sync', outgoingMethod: 'none' });
    const outgoing = await server.request('PATCH', `/api/v1/admin/mailboxes/${queue.body.id}`, { token: admin, body: { outgoingMethod: 'outlook' } });
    expect(outgoing.status).toBe(422);
    expect(outgoing.body).toMatchObject({ rule: 'queue-cannot-use-outlook', field: 'outgoingMethod' });
    expect(outgoing.body.detail).toMatch(/queue/i);
  });

  test('outgoing mail cannot use forward-mailbox', async () => {
    await server.user('bob@example.com');
    const mailbox = await mailboxOf('bob@example.com');
    const response = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, { token: admin, body: { outgoingMethod: 'forward-mailbox' } });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ rule: 'outgoing-cannot-forward', field: 'outgoingMethod' });
  });

  test('incoming forward-mailbox needs a forward mailbox, and works once one exists', async () => {
    await server.user('bob@example.com');
    const mailbox = await mailboxOf('bob@example.com');
    const refused = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, { token: admin, body: { incomingMethod: 'forward-mailbox' } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ rule: 'forward-mailbox-required' });
    const sink = await server.request('POST', '/api/v1/admin/mailboxes', { token: admin, body: { address: 'sink@example.com', incomingMethod: 'server-side-sync', isForwardMailbox: true } });
    expect(sink.status).toBe(201);
    const accepted = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, { token: admin, body: { incomingMethod: 'forward-mailbox' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.incomingMethod).toBe('forward-mailbox');
    const unmark = await server.request('PATCH', `/api/v1/admin/mailboxes/${sink.body.id}`, { token: admin, body: { isForwardMailbox: false } });
    expect(unmark.status).toBe(422);
    expect(unmark.body.rule).toBe('forward-mailbox-required');
  });

  test('a user mailbox cannot be the forward mailbox', async () => {
    await server.user('bob@example.com');
    const mailbox = await mailboxOf('bob@example.com');
    const response = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, { token: admin, body: { isForwardMailbox: true } });
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe('forward-mailbox-is-queue');
  });

  test('unknown method and filter values are rejected, not coerced', async () => {
    await server.user('bob@example.com');
    const mailbox = await mailboxOf('bob@example.com');
    for (const body of [{ incomingMethod: 'Outlook' }, { incomingMethod: 1 }, { trackingFilter: 'everything' }, {}]) {
      const response = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, { token: admin, body });
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('https://docket.dev/problems/validation');
    }
    const settings = (await server.request('GET', '/api/v1/admin/email-settings', { token: admin })).body;
    const bad = await server.request('PUT', '/api/v1/admin/email-settings', { token: admin, body: { ...settings, defaultIncomingMethod: 'imap' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/defaultIncomingMethod');
  });

  test('the admin API is for admins only', async () => {
    const bob = await server.user('bob@example.com');
    for (const [method, path] of [['GET', '/api/v1/admin/email-settings'], ['GET', '/api/v1/admin/mailboxes']] as const) {
      const response = await server.request(method, path, { token: bob });
      expect(response.status).toBe(403);
      expect(response.body.rule).toBe('admin-only');
    }
  });

  test('mailboxes are listed with filters and search, and a duplicate queue address is a conflict', async () => {
    await server.user('bob@example.com');
    await server.queue('sales@example.com', { incoming: 'server-side-sync' });
    const queues = await server.request('GET', '/api/v1/admin/mailboxes?kind=queue', { token: admin });
    expect(queues.body.total).toBe(1);
    expect(queues.body.mailboxes[0].address).toBe('sales@example.com');
    const search = await server.request('GET', '/api/v1/admin/mailboxes?search=BOB', { token: admin });
    expect(search.body.mailboxes.map((m: { address: string }) => m.address)).toEqual(['bob@example.com']);
    const duplicate = await server.request('POST', '/api/v1/admin/mailboxes', { token: admin, body: { address: 'sales@example.com' } });
    expect(duplicate.status).toBe(409);
  });
});
