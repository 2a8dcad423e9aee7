import { ENGINES } from '../../support/engines';
import { TestServer } from '../../support/test-server';

describe.each(ENGINES)('records, health and the OpenAPI document on %s', (engine) => {
  let server: TestServer;
  let alice: string;
  let admin: string;
  beforeEach(async () => {
    server = await TestServer.start(engine);
    alice = await server.user('alice@example.com');
    admin = await server.user('admin@example.com', { admin: true });
  });
  afterEach(() => server.stop());

  test('records are created, searched by name or address, and resolved by participant address', async () => {
    const contact = await server.request('POST', '/api/v1/records', { token: alice, body: { type: 'contact', name: 'Carol Customer', emails: ['Carol@Customer.example'] } });
    expect(contact.status).toBe(201);
    expect(contact.body.emails).toEqual(['carol@customer.example']);
    await server.record('account', 'Contoso 100% Ltd', ['info@contoso.example', 'carol@customer.example']);
    await server.record('opportunity', 'Contoso renewal');
    const byName = await server.request('GET', '/api/v1/records?search=contoso', { token: alice });
    expect(byName.body.records.map((r: { name: string }) => r.name)).toEqual(['Contoso 100% Ltd', 'Contoso renewal']);
    const typed = await server.request('GET', '/api/v1/records?search=contoso&type=opportunity', { token: alice });
    expect(typed.body.records).toHaveLength(1);
    const wildcard = await server.request('GET', `/api/v1/records?search=${encodeURIComponent('100%')}`, { token: alice });
    expect(wildcard.body.records.map((r: { name: string }) => r.name)).toEqual(['Contoso 100% Ltd']);
    const byAddress = await server.request('GET', '/api/v1/records?search=customer.example', { token: alice });
    expect(byAddress.body.records).toHaveLength(2);
    const resolved = await server.request('GET', '/api/v1/records/resolve?address=carol@customer.example&address=alice@example.com&address=nobody@x.example', { token: alice });
    expect(resolved.body.matches).toEqual([
      { address: 'carol@customer.example', records: expect.arrayContaining([expect.objectContaining({ type: 'contact' }), expect.objectContaining({ type: 'account' })]), isUser: false },
      { address: 'alice@example.com', records: [], isUser: true },
      { address: 'nobody@x.example', records: [], isUser: false },
    ]);
  });

  test('one record is read by type and id, and only in its organisation', async () => {
    const contact = await server.record('contact', 'Carol Customer', ['carol@customer.example']);
    const found = await server.request('GET', `/api/v1/records/contact/${contact.id}`, { token: alice });
    expect(found.body).toMatchObject({ id: contact.id, name: 'Carol Customer', emails: ['carol@customer.example'] });
    expect((await server.request('GET', `/api/v1/records/lead/${contact.id}`, { token: alice })).status).toBe(404);
    const stranger = await server.user('eve@other.example', { orgId: 'other-tenant' });
    expect((await server.request('GET', `/api/v1/records/contact/${contact.id}`, { token: stranger })).status).toBe(404);
    expect((await server.request('GET', `/api/v1/records/planet/${contact.id}`, { token: alice })).status).toBe(400);
  });

  test('users create contacts and leads; other record types are for admins', async () => {
    const account = await server.request('POST', '/api/v1/records', { token: alice, body: { type: 'account', name: 'Fabrikam' } });
    expect(account.status).toBe(403);
    expect(account.body.rule).toBe('record-type-admin-only');
    expect((await server.request('POST', '/api/v1/records', { token: admin, body: { type: 'account', name: 'Fabrikam' } })).status).toBe(201);
  });

  test('/healthz answers without a token and reports the database', async () => {
    const health = await server.request('GET', '/healthz');
    expect(health.body).toEqual({ status: 'ok', database: 'ok', engine });
  });

  test('/openapi.json is an OpenAPI 3.1 document covering every endpoint of the contract', async () => {
    const doc = (await server.request('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const expected: Array<[string, string]> = [
      ['get', '/api/v1/me'],
      ['post', '/api/v1/emails/check'],
      ['post', '/api/v1/emails'],
      ['get', '/api/v1/emails'],
      ['get', '/api/v1/emails/{id}'],
      ['patch', '/api/v1/emails/{id}'],
      ['delete', '/api/v1/emails/{id}/tracking'],
      ['get', '/api/v1/records'],
      ['get', '/api/v1/records/resolve'],
      ['post', '/api/v1/records'],
      ['get', '/api/v1/records/{type}/{id}'],
      ['get', '/api/v1/admin/email-settings'],
      ['put', '/api/v1/admin/email-settings'],
      ['get', '/api/v1/admin/mailboxes'],
      ['post', '/api/v1/admin/mailboxes'],
      ['get', '/api/v1/admin/mailboxes/{id}'],
      ['patch', '/api/v1/admin/mailboxes/{id}'],
      ['get', '/healthz'],
    ];
    for (const [method, path] of expected) expect(doc.paths[path]?.[method]).toBeDefined();
    const track = doc.paths['/api/v1/emails'].post.requestBody.content['application/json'].schema;
    expect(track.additionalProperties).toBe(false);
    expect(track.properties.direction.enum).toEqual(['incoming', 'outgoing']);
  });

  test('a known path asked with a method it does not take gets 405 with Allow; an unknown path 404', async () => {
    const wrongMethod = await server.request('DELETE', '/api/v1/me', { token: alice });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    expect(wrongMethod.headers.get('content-type')).toContain('application/problem+json');
    expect(wrongMethod.body).toMatchObject({ title: 'Method Not Allowed', status: 405, detail: '/api/v1/me does not take DELETE; it takes GET, HEAD.' });
    const withParameter = await server.request('PUT', '/api/v1/emails/0b7c4f4e-0000-4000-8000-000000000001?x=1', { token: alice });
    expect(withParameter.status).toBe(405);
    expect(withParameter.headers.get('allow')?.split(', ')).toEqual(expect.arrayContaining(['GET', 'PATCH']));
    const unknown = await server.request('GET', '/api/v1/nothing-here', { token: alice });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('No route GET /api/v1/nothing-here.');
  });

  test('requests without a token get 401 problem+json', async () => {
    const response = await server.request('GET', '/api/v1/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toContain('Bearer');
  });
});
