/** @jest-environment jsdom */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { FakeMailbox, FakeReadMessage } from '../../fakes/fake-mailbox';
import { FakeTrackingApi } from '../../fakes/fake-tracking-api';
import { isDisabled, trackThroughApi, waitForSettled } from './pane-helpers';
import { renderPane } from './render-pane';

afterEach(cleanup);

test('a signed-out user is told why and can open Settings to paste a token', async () => {
  const pane = renderPane({ mailbox: new FakeMailbox(new FakeReadMessage()), token: null });
  expect(await screen.findByText('Signed out')).toBeTruthy();
  expect(screen.getByText(/paste the local token your administrator gave you/)).toBeTruthy();
  await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe('Signed out of Docket.'));
  fireEvent.click(screen.getByRole('button', { name: 'Open Settings' }));
  expect(await screen.findByLabelText('Local token')).toBeTruthy();
  expect(pane.api.violations).toEqual([]);
});

test('a saved token the server refuses reads as signed out, saying the token was refused', async () => {
  renderPane({ mailbox: new FakeMailbox(new FakeReadMessage()), token: 'dkt_revoked' });
  expect(await screen.findByText(/The tracking server refused your saved token: it may have been revoked or mistyped/)).toBeTruthy();
});

test('with incoming method None the pane explains it in the server’s words and Track is disabled', async () => {
  const pane = renderPane({ mailbox: new FakeMailbox(new FakeReadMessage()), annOptions: { incoming: 'none', filter: 'all' } });
  expect(await screen.findByText('Incoming mail for this mailbox is not tracked: its synchronization method is None.')).toBeTruthy();
  expect(screen.getByText('Tracking is turned off')).toBeTruthy();
  const track = screen.getByRole('button', { name: 'Track' });
  expect(isDisabled(track)).toBe(true);
  expect(track.getAttribute('aria-describedby')).toBeTruthy();
  fireEvent.click(track);
  await waitFor(() => expect(pane.api.requests.some((r) => r.path === '/api/v1/records/resolve')).toBe(true));
  expect(pane.api.trackRequests()).toHaveLength(0);
  expect(pane.api.requests.filter((r) => r.path === '/api/v1/emails/check')).toHaveLength(0);
});

test('server-side synchronization says the server tracks the mail, keeps manual Track, and never auto-tracks', async () => {
  const api = new FakeTrackingApi();
  api.addRecord('contact', 'Fatima Customer', ['customer@fabrikam.example']);
  const pane = renderPane({ api, mailbox: new FakeMailbox(new FakeReadMessage({ subject: 'Quote' })), annOptions: { incoming: 'server-side-sync', filter: 'all' } });
  expect(await screen.findByText(/Incoming mail for this mailbox is tracked by server-side synchronization/)).toBeTruthy();
  expect(screen.getByText('Handled by the server')).toBeTruthy();
  await screen.findByText('Contact: Fatima Customer');
  expect(api.requests.filter((r) => r.path === '/api/v1/emails/check')).toHaveLength(0);
  expect(api.trackRequests()).toHaveLength(0);

  fireEvent.click(screen.getByRole('button', { name: 'Track' }));
  expect(await screen.findByText('Tracked')).toBeTruthy();
  expect(api.trackRequests()).toHaveLength(1);
  expect((api.trackRequests()[0]!.body as { source: string }).source).toBe('manual');
  expect(pane.api.violations).toEqual([]);
});

test('Track queues the message, then shows it tracked with the regarding record of the thread it replies to', async () => {
  const api = new FakeTrackingApi();
  const ben = api.addUser('ben@contoso.example', { name: 'Ben Ortiz' });
  const contoso = api.addRecord('account', 'Contoso Ltd');
  const parent = new FakeReadMessage({ subject: 'Offer', internetMessageId: '<offer-1@fabrikam.example>' });
  await trackThroughApi(api, ben, parent, { regarding: { type: 'account', id: contoso.id } });
  const reply = new FakeReadMessage({ subject: 'RE: Offer', conversationId: null, headers: { 'in-reply-to': '<offer-1@fabrikam.example>', references: '<offer-1@fabrikam.example>' } });
  // Filter "none": a reply to a tracked thread matches any other filter, and automatic tracking would race the click.
  const pane = renderPane({ api, mailbox: new FakeMailbox(reply), annOptions: { filter: 'none' } });

  expect(await screen.findByText('Not tracked')).toBeTruthy();
  api.pause();
  fireEvent.click(screen.getByRole('button', { name: 'Track' }));
  expect(await screen.findByText('Queued')).toBeTruthy();
  expect(screen.getByText(/Track “RE: Offer”\. Will be tracked when the tracking server is reachable\./)).toBeTruthy();
  expect(pane.storage.snapshot()).toHaveLength(1);
  api.resume();

  expect(await screen.findByText('Tracked')).toBeTruthy();
  expect(screen.getByText('Contoso Ltd (Account)')).toBeTruthy();
  expect(screen.getByText('Linked to the thread it replies to')).toBeTruthy();
  expect(screen.getByText('you')).toBeTruthy();
  await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe('Tracked, regarding Contoso Ltd.'));
  const sent = api.trackRequests().at(-1)!;
  expect(sent.body).toMatchObject({ source: 'manual', internetMessageId: reply.internetMessageId, inReplyTo: '<offer-1@fabrikam.example>' });
  expect(pane.storage.snapshot()).toHaveLength(0);
  expect(api.violations).toEqual([]);
});

test('a message someone else tracks shows who tracks it once the caller tracks it too', async () => {
  const api = new FakeTrackingApi();
  const ben = api.addUser('ben@contoso.example', { name: 'Ben Ortiz' });
  const message = new FakeReadMessage({ subject: 'Shared' });
  await trackThroughApi(api, ben, message);
  renderPane({ api, mailbox: new FakeMailbox(message) });
  fireEvent.click(await screen.findByRole('button', { name: 'Track' }));
  expect(await screen.findByText('Ben Ortiz and you')).toBeTruthy();
  expect(api.emails.size).toBe(1);
});

test('a track the server refuses with 422 shows the reason, and Retry sends it again with the same key', async () => {
  const api = new FakeTrackingApi();
  const pane = renderPane({ api, mailbox: new FakeMailbox(new FakeReadMessage({ subject: 'Contract' })) });
  await screen.findByText('Not tracked');
  api.failNext({ method: 'POST', path: '/api/v1/emails', status: 422, title: 'Regarding record not found', detail: 'No account with that id exists in this organisation.' });
  fireEvent.click(screen.getByRole('button', { name: 'Track' }));
  expect(await screen.findByText('Track “Contract” failed')).toBeTruthy();
  expect(screen.getByText('Regarding record not found: No account with that id exists in this organisation.')).toBeTruthy();
  expect(pane.storage.snapshot()[0]!.state).toBe('failed');

  fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await screen.findByText('Tracked')).toBeTruthy();
  const keys = api.trackRequests().map((r) => r.idempotencyKey);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBe(keys[1]);
  expect(pane.storage.snapshot()).toHaveLength(0);
});

test('with the tracking server down a track stays queued with the reason, and coming back online tracks it', async () => {
  const api = new FakeTrackingApi();
  const pane = renderPane({ api, mailbox: new FakeMailbox(new FakeReadMessage({ subject: 'Offline' })) });
  await screen.findByText('Not tracked');
  api.down = true;
  fireEvent.click(screen.getByRole('button', { name: 'Track' }));
  expect(await screen.findByText(/Last attempt: Could not reach the tracking server/)).toBeTruthy();
  expect(screen.getByText('Queued')).toBeTruthy();
  expect(screen.getByText(/Will be tracked when the tracking server is reachable\./)).toBeTruthy();
  expect(screen.getByRole('button', { name: /Outbox, 1 waiting/ })).toBeTruthy();

  api.down = false;
  pane.goOnline();
  expect(await screen.findByText('Tracked')).toBeTruthy();
  expect(api.emails.size).toBe(1);
  expect(pane.storage.snapshot()).toHaveLength(0);
});

test('the pane opens from the cached profile while the server is away, and Track still queues', async () => {
  const first = renderPane({ mailbox: new FakeMailbox(new FakeReadMessage()) });
  await screen.findByText('Not tracked');
  expect(first.store.items.get('docket.me')).toBeTruthy();
  cleanup();

  first.api.down = true;
  const pane = renderPane({ api: first.api, store: first.store, mailbox: new FakeMailbox(new FakeReadMessage({ subject: 'On the train' })) });
  expect(await screen.findByText('Working offline')).toBeTruthy();
  expect(await screen.findByText('Could not ask the tracking server')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Track' }));
  expect(await screen.findByText(/Will be tracked when the tracking server is reachable/)).toBeTruthy();
  expect(pane.storage.snapshot()).toHaveLength(1);
});

test('without a cached profile an unreachable server is explained, and Try again recovers', async () => {
  const api = new FakeTrackingApi();
  api.down = true;
  renderPane({ api, mailbox: new FakeMailbox(new FakeReadMessage()) });
  expect(await screen.findByText('Tracking server unreachable')).toBeTruthy();
  expect(screen.getByText(/Docket cannot reach the tracking server/)).toBeTruthy();
  api.down = false;
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('Not tracked')).toBeTruthy();
});

test('a dark Office theme gives the pane Fluent’s dark theme, a light one the light theme', async () => {
  const dark = new FakeMailbox(new FakeReadMessage());
  dark.officeTheme = { bodyBackgroundColor: '#1f1f1f', bodyForegroundColor: '#ffffff' };
  renderPane({ mailbox: dark });
  await screen.findByText('Not tracked');
  expect(themeVariables()).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
  cleanup();

  const light = new FakeMailbox(new FakeReadMessage());
  light.officeTheme = { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#000000' };
  renderPane({ mailbox: light });
  await screen.findByText('Not tracked');
  expect(themeVariables()).toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1}`);
});

/** The CSS variables FluentProvider wrote for the provider on screen now. */
function themeVariables(): string {
  const provider = document.querySelector('.fui-FluentProvider');
  const classes = Array.from(provider?.classList ?? []);
  const rules = Array.from(document.querySelectorAll('style')).flatMap((style) => [style.textContent ?? '', ...Array.from(style.sheet?.cssRules ?? []).map((rule) => rule.cssText)]);
  return rules.filter((rule) => classes.some((name) => rule.includes(`.${name}`)) && rule.includes('--colorNeutralBackground1')).join('\n');
}

void within;
