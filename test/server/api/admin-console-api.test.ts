import { ENGINES } from '../../support/engines';
import { incomingMessage, outgoingMessage } from '../../support/messages';
import { TestServer } from '../../support/test-server';

describe.each(ENGINES)('the admin endpoints behind the console on %s', (engine) => {
  let server: TestServer;
  let admin: string;
  let alice: string;
  beforeEach(async () => {
    server = await TestServer.start(engine);
    admin = await server.user('admin@example.com', { admin: true });
    alice = await server.user('alice@example.com', { name: 'Alice' });
  });
  afterEach(() => server.stop());

  test('the overview counts tracked email per day by direction and lists mailboxes needing attention', async () => {
    await server.request('POST', '/api/v1/emails', { token: alice, body: incomingMessage() });
    await server.request('POST', '/api/v1/emails', { token: alice, body: incomingMessage() });
    await server.request('POST', '/api/v1/emails', { token: alice, body: outgoingMessage() });
    const refused = await server.request('POST', '/api/v1/emails', { token: alice, body: incomingMessage({ source: 'auto-read', from: { address: 'stranger@else.example' } }) });
    expect(refused.status).toBe(403);
    const overview = (await server.request('GET', '/api/v1/admin/overview', { token: admin })).body;
    expect(overview.days).toHaveLength(30);
    expect(overview.days[29]).toMatchObject({ date: new Date().toISOString().slice(0, 10), incoming: 2, outgoing: 1 });
    expect(overview.days.slice(0, 29).every((d: { incoming: number; outgoing: number }) => d.incoming + d.outgoing === 0)).toBe(true);
    const aliceRow = overview.attention.find((a: { mailbox: { address: string } }) => a.mailbox.address === 'alice@example.com');
    expect(aliceRow.reasons).toEqual(['not-approved', 'recent-failures']);
    expect(aliceRow.lastFailure).toBe('No participant is a known contact, account or lead.');
  });

  test('tracked email is searched by subject, participant, regarding, direction and date', async () => {
    const contact = await server.record('contact', 'Carol Customer', []);
    await server.request('POST', '/api/v1/emails', { token: alice, body: incomingMessage({ subject: 'Invoice 42', regarding: { type: 'contact', id: contact.id } }) });
    await server.request('POST', '/api/v1/emails', { token: alice, body: incomingMessage({ subject: 'Lunch', from: { address: 'dave@partner.example' } }) });
    await server.request('POST', '/api/v1/emails', { token: alice, body: outgoingMessage({ subject: 'Re: Invoice 42', to: [{ address: 'erin@customer.example' }] }) });
    const search = (query: string) => server.request('GET', `/api/v1/admin/emails?${query}`, { token: admin }).then((r) => r.body.emails.map((e: { subject: string }) => e.subject).sort());
    expect(await search('search=invoice')).toEqual(['Invoice 42', 'Re: Invoice 42']);
    expect(await search('participant=partner.example')).toEqual(['Lunch']);
    expect(await search('participant=erin@')).toEqual(['Re: Invoice 42']);
    expect(await search(`regardingId=${contact.id}`)).toEqual(['Invoice 42']);
    expect(await search('direction=outgoing')).toEqual(['Re: Invoice 42']);
    const today = new Date().toISOString().slice(0, 10);
    expect(await search(`from=${today}&to=${today}`)).toHaveLength(3);
    expect(await search('to=2000-01-01')).toEqual([]);
    expect((await server.request('GET', '/api/v1/admin/emails', { token: alice })).status).toBe(403);
  });

  test('records are imported from CSV text with a per-row report', async () => {
    const response = await server.request('POST', '/api/v1/admin/records/import', {
      token: admin,
      body: { csv: 'type,name,emails\ncontact,Carol,carol@customer.example\nwidget,Nope,\ncontact,Dan,dan@customer.example dan2@customer.example\n' },
    });
    expect(response.body).toEqual({ imported: 2, errors: [{ line: 3, message: 'type "widget" is not one of contact, account, lead, opportunity, case' }] });
    const found = await server.request('GET', '/api/v1/records?search=dan2', { token: alice });
    expect(found.body.records[0]).toMatchObject({ name: 'Dan', emails: ['dan2@customer.example', 'dan@customer.example'] });
  });
});
