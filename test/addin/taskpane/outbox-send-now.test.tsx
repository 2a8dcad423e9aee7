/** @jest-environment jsdom */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryOutboxStorage, Outbox, type OutboxOperation } from '../../../src/addin/outbox';
import { trackOperation } from '../../../src/addin/outbox/api-client';
import { FakeMailbox, FakeReadMessage } from '../../fakes/fake-mailbox';
import { FakeTrackingApi } from '../../fakes/fake-tracking-api';
import { networkError, problem, ScriptedTransport } from '../outbox/fakes/scripted-transport';
import { isDisabled, trackRequestFor } from './pane-helpers';
import { renderPane } from './render-pane';

afterEach(cleanup);

const MINUTE = 60_000;
/** Real jitter, so a write that fails again waits as it would in Outlook. */
const realJitter = () => 0.99;

/**
 * What an earlier session left during a long outage: each waiting track was tried eight times
 * and is due again only in about ten minutes; each refused one failed for good (422).
 */
async function leftByEarlierSession(storage: MemoryOutboxStorage, waiting: string[], refused: string[] = []): Promise<OutboxOperation[]> {
  const transport = new ScriptedTransport();
  const earlier = new Outbox({ storage, transport, random: realJitter, backoff: { baseMs: 10 * MINUTE, capMs: 10 * MINUTE } });
  for (const subject of [...waiting, ...refused]) {
    const message = new FakeReadMessage({ subject });
    await earlier.enqueue({ kind: 'track', request: trackOperation(trackRequestFor(message)), label: `Track “${subject}”`, messageKey: message.internetMessageId });
    transport.reply(refused.includes(subject) ? problem(422, 'Regarding record not found', 'No account with that id exists in this organisation.') : networkError());
  }
  await earlier.flush();
  for (const operation of storage.snapshot()) if (operation.state === 'pending') await storage.put({ ...operation, attempts: 8 });
  const stored = storage.snapshot();
  for (const operation of stored) if (operation.state === 'pending') expect(operation.nextAttemptAt).toBeGreaterThan(Date.now() + 9 * MINUTE);
  return stored;
}

function trackedSubjects(api: FakeTrackingApi): string[] {
  return Array.from(api.emails.values(), (stored) => stored.email.subject).sort();
}

/** The pane has tried once and failed (the server is down): every waiting write has one attempt more. */
async function paneStartFailed(storage: MemoryOutboxStorage, waiting: number): Promise<void> {
  await waitFor(() => expect(storage.snapshot().filter((operation) => operation.state === 'pending' && operation.attempts === 9)).toHaveLength(waiting));
}

test('when the pane opens it sends at once what an earlier session left waiting, and leaves a refused one failed', async () => {
  const api = new FakeTrackingApi();
  const storage = new MemoryOutboxStorage();
  const stored = await leftByEarlierSession(storage, ['Quote request', 'Partnership idea'], ['Refused']);
  const refused = stored.find((operation) => operation.state === 'failed')!;

  renderPane({ api, storage, mailbox: new FakeMailbox(null), random: realJitter });

  await waitFor(() => expect(trackedSubjects(api)).toEqual(['Partnership idea', 'Quote request']));
  expect(storage.snapshot()).toEqual([refused]);
  expect(api.trackRequests().map((request) => request.idempotencyKey)).not.toContain(refused.idempotencyKey);
  expect(api.violations).toEqual([]);
});

test('when the device comes back online the pane sends at once what waits, however long its backoff', async () => {
  const api = new FakeTrackingApi();
  const storage = new MemoryOutboxStorage();
  const [waiting] = await leftByEarlierSession(storage, ['On the train']);
  api.down = true;
  const pane = renderPane({ api, storage, mailbox: new FakeMailbox(null), random: realJitter });
  await paneStartFailed(storage, 1);
  // The failed try at opening pushed the next one minutes away: only the online event explains a send now.
  expect(storage.snapshot()[0]!.nextAttemptAt).toBeGreaterThan(Date.now() + 5 * MINUTE);

  api.down = false;
  pane.goOnline();
  await waitFor(() => expect(trackedSubjects(api)).toEqual(['On the train']));
  expect(api.trackRequests().map((request) => request.idempotencyKey)).toEqual([waiting!.idempotencyKey]);
  expect(storage.snapshot()).toEqual([]);
});

test('once the pane is closed, an online event sends nothing', async () => {
  const api = new FakeTrackingApi();
  const storage = new MemoryOutboxStorage();
  await leftByEarlierSession(storage, ['Left waiting']);
  api.down = true;
  const pane = renderPane({ api, storage, mailbox: new FakeMailbox(null), random: realJitter });
  await paneStartFailed(storage, 1);
  pane.unmount();

  api.down = false;
  pane.goOnline();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(api.trackRequests()).toEqual([]);
  expect(storage.snapshot()).toHaveLength(1);
});

test('Send now sends every waiting track at once and says so; a refused one keeps its own Retry', async () => {
  const api = new FakeTrackingApi();
  const storage = new MemoryOutboxStorage();
  const stored = await leftByEarlierSession(storage, ['First', 'Second', 'Third'], ['Refused']);
  const refused = stored.find((operation) => operation.state === 'failed')!;
  api.down = true;
  renderPane({ api, storage, mailbox: new FakeMailbox(null), random: realJitter });
  await paneStartFailed(storage, 3);
  api.down = false;

  fireEvent.click(await screen.findByRole('button', { name: /Outbox, 4 waiting, 1 failed/ }));
  api.pause();
  fireEvent.click(await screen.findByRole('button', { name: 'Send now' }));
  const sending = await screen.findByRole('button', { name: 'Sending…' });
  expect(isDisabled(sending)).toBe(true);
  api.resume();

  expect(await screen.findByText('Sent 3 tracks.', { selector: '.fui-MessageBarBody' })).toBeTruthy();
  await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe('Sent 3 tracks.'));
  expect(trackedSubjects(api)).toEqual(['First', 'Second', 'Third']);
  expect(storage.snapshot()).toEqual([refused]);
  // Nothing waits, so there is nothing to send now; the refused track keeps its own Retry.
  expect(screen.queryByRole('button', { name: 'Send now' })).toBeNull();
  const list = screen.getByRole('list', { name: 'Waiting and failed operations' });
  expect(within(list).getByRole('button', { name: 'Retry Track “Refused”' })).toBeTruthy();
  expect(api.violations).toEqual([]);
});

test('Send now says what is still waiting and why, and the waiting track keeps its key for the next try', async () => {
  const api = new FakeTrackingApi();
  const storage = new MemoryOutboxStorage();
  const [busy] = await leftByEarlierSession(storage, ['Meets a busy server', 'Goes through']);
  api.down = true;
  renderPane({ api, storage, mailbox: new FakeMailbox(null), random: realJitter });
  await paneStartFailed(storage, 2);
  api.down = false;

  fireEvent.click(await screen.findByRole('button', { name: /Outbox, 2 waiting/ }));
  api.failNext({ method: 'POST', path: '/api/v1/emails', status: 503, title: 'Service unavailable', detail: 'The database is restarting.' });
  fireEvent.click(await screen.findByRole('button', { name: 'Send now' }));

  expect(await screen.findByText('Sent 1 track; 1 is still waiting: Service unavailable. Docket keeps trying on its own.', { selector: '.fui-MessageBarBody' })).toBeTruthy();
  expect(trackedSubjects(api)).toEqual(['Goes through']);
  const [stillWaiting] = storage.snapshot();
  expect(stillWaiting).toMatchObject({ state: 'pending', attempts: 10, label: 'Track “Meets a busy server”', lastError: { title: 'Service unavailable' } });
  expect(stillWaiting!.idempotencyKey).toBe(busy!.idempotencyKey);
  expect(screen.getByRole('button', { name: 'Send now' })).toBeTruthy();
});
