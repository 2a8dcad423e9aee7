import { ENGINES } from '../../support/engines';
import { incomingMessage } from '../../support/messages';
import { TestServer } from '../../support/test-server';

describe.each(ENGINES)('idempotency keys on %s', (engine) => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  beforeEach(async () => {
    server = await TestServer.start(engine);
    alice = await server.user('alice@example.com');
    bob = await server.user('bob@example.com');
  });
  afterEach(() => server.stop());

  const track = (token: string, body: unknown, key: string) => server.request('POST', '/api/v1/emails', { token, body, headers: { 'idempotency-key': key } });

  test('a retry with the same idempotency key returns the first result', async () => {
    const message = incomingMessage();
    const first = await track(alice, message, 'key-1');
    const retry = await track(alice, message, 'key-1');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
  });

  test('the same key with a different body is 422 and changes nothing', async () => {
    await track(alice, incomingMessage(), 'key-1');
    const reused = await track(alice, incomingMessage(), 'key-1');
    expect(reused.status).toBe(422);
    expect(reused.body.rule).toBe('idempotency-key-reused');
    expect(await server.store.db.selectFrom('emails').select('id').execute()).toHaveLength(1);
  });

  test('keys are scoped to the caller', async () => {
    const message = incomingMessage();
    await track(alice, message, 'shared-key');
    const other = await track(bob, message, 'shared-key');
    expect(other.status).toBe(200);
    expect(other.body.tracker.userName).toBe('bob');
  });

  test('a key still in flight gets 409 with Retry-After', async () => {
    const message = incomingMessage({ body: { contentType: 'html', content: 'x'.repeat(200_000) } });
    const responses = await Promise.all(Array.from({ length: 8 }, () => track(alice, message, 'racing-key')));
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(201);
    const conflicts = responses.filter((r) => r.status === 409);
    for (const conflict of conflicts) {
      expect(conflict.body.rule).toBe('idempotency-key-in-flight');
      expect(conflict.headers.get('retry-after')).toBe('1');
    }
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await server.store.db.selectFrom('trackers').select('id').execute()).toHaveLength(1);
  });

  test('keys are kept 7 days, then forgotten by housekeeping', async () => {
    const message = incomingMessage();
    await track(alice, message, 'old-key');
    const { runHousekeeping } = await import('../../../src/server/housekeeping');
    expect((await runHousekeeping(server.store, new Date(Date.now() + 6.9 * 86_400_000))).keys).toBe(0);
    expect((await track(alice, message, 'old-key')).headers.get('idempotent-replayed')).toBe('true');
    expect((await runHousekeeping(server.store, new Date(Date.now() + 7.1 * 86_400_000))).keys).toBe(1);
    const afterExpiry = await track(alice, message, 'old-key');
    expect(afterExpiry.status).toBe(200);
    expect(afterExpiry.headers.get('idempotent-replayed')).toBeNull();
  });

  test('untrack and set-regarding are idempotent too', async () => {
    const { body } = await track(alice, incomingMessage(), 'track');
    const first = await server.request('DELETE', `/api/v1/emails/${body.email.id}/tracking`, { token: alice, headers: { 'idempotency-key': 'untrack' } });
    const retry = await server.request('DELETE', `/api/v1/emails/${body.email.id}/tracking`, { token: alice, headers: { 'idempotency-key': 'untrack' } });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });

  test('a malformed key is a 400 naming the header', async () => {
    const response = await track(alice, incomingMessage(), 'has spaces in it');
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('Idempotency-Key');
  });
});
