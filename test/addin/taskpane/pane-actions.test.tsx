/** @jest-environment jsdom */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeMailbox, FakeReadMessage } from '../../fakes/fake-mailbox';
import { FakeTrackingApi } from '../../fakes/fake-tracking-api';
import { trackThroughApi } from './pane-helpers';
import { renderPane } from './render-pane';

afterEach(cleanup);

async function search(label: string, text: string) {
  const box = await screen.findByRole('searchbox', { name: label });
  fireEvent.change(box, { target: { value: text } });
}

test('Track and set regarding searches records and tracks the message with the chosen record', async () => {
  const api = new FakeTrackingApi();
  api.addRecord('account', 'Contoso Ltd', ['info@contoso.example']);
  api.addRecord('opportunity', 'Contoso renewal 2025');
  api.addRecord('account', 'Northwind Traders');
  renderPane({ api, mailbox: new FakeMailbox(new FakeReadMessage({ subject: 'Renewal' })) });

  fireEvent.click(await screen.findByRole('button', { name: 'Track and set regarding…' }));
  await search('Track and set regarding: find the record', 'contoso');
  const results = await screen.findByRole('list', { name: 'Matching records' });
  expect(within(results).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
    'Choose Contoso Ltd (Account)',
    'Choose Contoso renewal 2025 (Opportunity)',
  ]);
  fireEvent.click(screen.getByRole('button', { name: 'Choose Contoso renewal 2025 (Opportunity)' }));

  expect(await screen.findByText('Contoso renewal 2025 (Opportunity)')).toBeTruthy();
  expect(api.trackRequests()[0]!.body).toMatchObject({ regarding: { type: 'opportunity' } });
  const searches = api.requests.filter((r) => r.path === '/api/v1/records');
  expect(searches.length).toBeGreaterThanOrEqual(1);
  expect(api.violations).toEqual([]);
});

test('typing in the record search waits for a pause before asking the server', async () => {
  const api = new FakeTrackingApi();
  api.addRecord('account', 'Contoso Ltd');
  renderPane({ api, mailbox: new FakeMailbox(new FakeReadMessage()) });
  fireEvent.click(await screen.findByRole('button', { name: 'Track and set regarding…' }));
  const box = await screen.findByRole('searchbox', { name: 'Track and set regarding: find the record' });
  for (const text of ['c', 'co', 'con', 'cont']) fireEvent.change(box, { target: { value: text } });
  await screen.findByRole('button', { name: 'Choose Contoso Ltd (Account)' });
  const searched = api.requests.filter((r) => r.path === '/api/v1/records');
  expect(searched).toHaveLength(1);
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(await screen.findByText('Not tracked')).toBeTruthy();
});

test('Change regarding on a tracked message searches, picks and updates the regarding record', async () => {
  const api = new FakeTrackingApi();
  const first = api.addRecord('account', 'Contoso Ltd');
  api.addRecord('case', 'Broken invoice');
  const message = new FakeReadMessage({ subject: 'Invoice' });
  const annToken = api.addUser('ann@contoso.example', { name: 'Ann Agent' });
  await trackThroughApi(api, annToken, message, { regarding: { type: 'account', id: first.id } });
  renderPane({ api, annToken, mailbox: new FakeMailbox(message) });

  expect(await screen.findByText('Contoso Ltd (Account)')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Change regarding…' }));
  await search('Change regarding: find the record', 'invoice');
  fireEvent.click(await screen.findByRole('button', { name: 'Choose Broken invoice (Case)' }));
  expect(await screen.findByText('Broken invoice (Case)')).toBeTruthy();
  const patch = api.requests.find((r) => r.method === 'PATCH')!;
  expect(patch.body).toMatchObject({ regarding: { type: 'case' } });
  expect(patch.idempotencyKey).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Clear regarding' }));
  expect(await screen.findByText('No regarding record yet')).toBeTruthy();
  expect(api.violations).toEqual([]);
});

test('Untrack removes the caller’s tracker and the message reads as not tracked', async () => {
  const api = new FakeTrackingApi();
  const ben = api.addUser('ben@contoso.example', { name: 'Ben Ortiz' });
  const message = new FakeReadMessage({ subject: 'Lunch' });
  await trackThroughApi(api, ben, message);
  const pane = renderPane({ api, mailbox: new FakeMailbox(message) });
  fireEvent.click(await screen.findByRole('button', { name: 'Track' }));
  expect(await screen.findByText('Ben Ortiz and you')).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Untrack' }));
  expect(await screen.findByText('Not tracked')).toBeTruthy();
  const [email] = Array.from(api.emails.values());
  expect(email!.email.trackers.map((t) => t.userName)).toEqual(['Ben Ortiz']);
  expect(api.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  expect(pane.storage.snapshot()).toHaveLength(0);
});

test('participants show their matched records, users are marked, and Create contact turns an unknown sender into a contact', async () => {
  const api = new FakeTrackingApi();
  api.addUser('ben@contoso.example', { name: 'Ben Ortiz' });
  api.addRecord('contact', 'Pat Northwind', ['pat@northwind.example']);
  api.addRecord('account', 'Northwind Traders', ['pat@northwind.example']);
  const message = new FakeReadMessage({
    from: { address: 'newcomer@fabrikam.example', name: 'Nia Newcomer' },
    to: [{ address: 'ann@contoso.example', name: 'Ann Agent' }],
    cc: [{ address: 'ben@contoso.example', name: 'Ben Ortiz' }, { address: 'pat@northwind.example' }, { address: '/o=ExchangeLabs/cn=Recipients/cn=legacy' }],
  });
  renderPane({ api, mailbox: new FakeMailbox(message) });

  const section = await screen.findByRole('region', { name: 'Participants' });
  expect(await within(section).findByText('Contact: Pat Northwind')).toBeTruthy();
  expect(within(section).getByText('Account: Northwind Traders')).toBeTruthy();
  expect(within(section).getByText('Docket user')).toBeTruthy();
  expect(within(section).queryByText('Ann Agent')).toBeNull();
  expect(within(section).queryByRole('button', { name: 'Create contact for Ben Ortiz' })).toBeNull();

  fireEvent.click(within(section).getByRole('button', { name: 'Create contact for Nia Newcomer' }));
  expect(await within(section).findByText('Contact: Nia Newcomer')).toBeTruthy();
  expect(api.records.find((r) => r.name === 'Nia Newcomer')).toMatchObject({ type: 'contact', emails: ['newcomer@fabrikam.example'] });
  const create = api.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/records')!;
  expect(create.idempotencyKey).toBeTruthy();
  expect(api.violations).toEqual([]);
});

test('a message whose body Outlook refuses is not queued, and the pane says why', async () => {
  const message = new FakeReadMessage({ subject: 'Protected' });
  message.bodyError = new Error('The item is protected by Information Rights Management.');
  const pane = renderPane({ mailbox: new FakeMailbox(message) });
  fireEvent.click(await screen.findByRole('button', { name: 'Track' }));
  expect(await screen.findByText('The item is protected by Information Rights Management.')).toBeTruthy();
  expect(screen.getByText('Not tracked')).toBeTruthy();
  expect(pane.storage.snapshot()).toHaveLength(0);
});

void waitFor;
