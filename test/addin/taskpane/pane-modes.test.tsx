/** @jest-environment jsdom */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeComposeMessage, FakeMailbox, FakeReadMessage } from '../../fakes/fake-mailbox';
import { FakeTrackingApi } from '../../fakes/fake-tracking-api';
import { isDisabled, trackThroughApi } from './pane-helpers';
import { renderPane } from './render-pane';
import { TRACKING_FILTER_EXPLANATIONS } from '../../../src/common/sync-methods';

afterEach(cleanup);

describe('compose', () => {
  test('the Track when sent switch writes docketTrackOnSend as {} or with the chosen regarding, and removes it when off', async () => {
    const api = new FakeTrackingApi();
    const account = api.addRecord('account', 'Contoso Ltd');
    const draft = new FakeComposeMessage();
    renderPane({ api, mailbox: new FakeMailbox(draft) });

    const toggle = await screen.findByRole('switch', { name: 'Track when sent' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/Docket never stops a message from being sent/)).toBeTruthy();
    fireEvent.click(toggle);
    await waitFor(() => expect(draft.customProperties.get('docketTrackOnSend')).toBe('{}'));
    expect((toggle as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Set regarding…' }));
    fireEvent.change(await screen.findByRole('searchbox', { name: 'Regarding: find the record' }), { target: { value: 'contoso' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Contoso Ltd (Account)' }));
    await waitFor(() => expect(draft.customProperties.get('docketTrackOnSend')).toBe(JSON.stringify({ regarding: { type: 'account', id: account.id } })));
    expect(screen.getByText('Regarding: Contoso Ltd (Account)')).toBeTruthy();

    fireEvent.click(screen.getByRole('switch', { name: 'Track when sent' }));
    await waitFor(() => expect(draft.customProperties.has('docketTrackOnSend')).toBe(false));
    expect(draft.propertyWrites.at(-1)).toEqual({ name: 'docketTrackOnSend', value: null });
  });

  test('a draft already marked reads back as on with its regarding record', async () => {
    const draft = new FakeComposeMessage();
    draft.customProperties.set('docketTrackOnSend', JSON.stringify({ regarding: { type: 'case', id: '0b8f3c7e-59d4-4d0e-9d43-0a4c57f2c1aa' } }));
    renderPane({ mailbox: new FakeMailbox(draft) });
    const toggle = await screen.findByRole('switch', { name: 'Track when sent' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Regarding: the case chosen earlier')).toBeTruthy();
    expect(draft.propertyWrites).toEqual([]);
  });

  test('a draft Docket marked itself says so, and the user’s change clears that mark so the track is theirs', async () => {
    const draft = new FakeComposeMessage();
    draft.customProperties.set('docketTrackOnSend', '{}');
    draft.customProperties.set('docketTrackOnSendSource', 'auto-send');
    renderPane({ mailbox: new FakeMailbox(draft) });
    expect(await screen.findByText('Docket switched this on because you track this conversation.')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Track when sent' }));
    await waitFor(() => expect(draft.customProperties.has('docketTrackOnSendSource')).toBe(false));
    expect(draft.customProperties.has('docketTrackOnSend')).toBe(false);
    fireEvent.click(screen.getByRole('switch', { name: 'Track when sent' }));
    await waitFor(() => expect(draft.customProperties.get('docketTrackOnSend')).toBe('{}'));
    expect(draft.customProperties.has('docketTrackOnSendSource')).toBe(false);
  });

  test('with outgoing method None the switch is disabled and says why', async () => {
    const draft = new FakeComposeMessage();
    renderPane({ mailbox: new FakeMailbox(draft), annOptions: { outgoing: 'none' } });
    const toggle = await screen.findByRole('switch', { name: 'Track when sent' });
    expect(isDisabled(toggle)).toBe(true);
    expect(screen.getByText('Outgoing mail for this mailbox is not tracked: its synchronization method is None.')).toBeTruthy();
    fireEvent.click(toggle);
    expect(draft.propertyWrites).toEqual([]);
  });
});

describe('pinned pane', () => {
  test('auto-tracks each opened message that matches the filter exactly once, even when ItemChanged fires twice', async () => {
    const api = new FakeTrackingApi();
    api.addRecord('contact', 'Fatima Customer', ['customer@fabrikam.example']);
    const known = new FakeReadMessage({ subject: 'From a known contact' });
    const stranger = new FakeReadMessage({ subject: 'From a stranger', from: { address: 'someone@elsewhere.example', name: 'Someone' } });
    const alsoKnown = new FakeReadMessage({ subject: 'Another from the contact' });
    const pane = renderPane({ api, mailbox: new FakeMailbox(known) });

    expect(await screen.findByText('Tracked automatically: A participant is a known contact, account or lead.')).toBeTruthy();
    expect(screen.getByText('Tracked')).toBeTruthy();

    act(() => pane.mailbox.open(stranger));
    expect(await screen.findByRole('heading', { name: 'From a stranger' })).toBeTruthy();
    expect(await screen.findByText('Not tracked')).toBeTruthy();

    act(() => {
      pane.mailbox.open(alsoKnown);
      pane.mailbox.fireItemChanged();
    });
    expect(await screen.findByRole('heading', { name: 'Another from the contact' })).toBeTruthy();
    expect(await screen.findByText('Tracked')).toBeTruthy();

    // Back to the first message, twice: it is already tracked, so nothing more is sent.
    act(() => {
      pane.mailbox.open(known);
      pane.mailbox.fireItemChanged();
    });
    expect(await screen.findByRole('heading', { name: 'From a known contact' })).toBeTruthy();
    expect(await screen.findByText('Tracked')).toBeTruthy();

    const tracks = api.trackRequests().map((r) => r.body as { internetMessageId: string; source: string });
    expect(tracks.filter((t) => t.internetMessageId === known.internetMessageId)).toHaveLength(1);
    expect(tracks.filter((t) => t.internetMessageId === alsoKnown.internetMessageId)).toHaveLength(1);
    expect(tracks.filter((t) => t.internetMessageId === stranger.internetMessageId)).toHaveLength(0);
    expect(new Set(tracks.map((t) => t.source))).toEqual(new Set(['auto-read']));
    expect(api.violations).toEqual([]);
  });

  test('a message the user untracked is not tracked again when they come back to it', async () => {
    const api = new FakeTrackingApi();
    api.addRecord('contact', 'Fatima Customer', ['customer@fabrikam.example']);
    const known = new FakeReadMessage({ subject: 'Known' });
    const other = new FakeReadMessage({ subject: 'Other', from: { address: 'x@elsewhere.example' } });
    const pane = renderPane({ api, mailbox: new FakeMailbox(known) });
    fireEvent.click(await screen.findByRole('button', { name: 'Untrack' }));
    expect(await screen.findByText('Not tracked')).toBeTruthy();
    act(() => pane.mailbox.open(other));
    await screen.findByRole('heading', { name: 'Other' });
    act(() => pane.mailbox.open(known));
    await screen.findByRole('heading', { name: 'Known' });
    expect(await screen.findByText('Not tracked')).toBeTruthy();
    expect(api.trackRequests()).toHaveLength(1);
  });

  test('filter None never auto-tracks', async () => {
    const api = new FakeTrackingApi();
    api.addRecord('contact', 'Fatima Customer', ['customer@fabrikam.example']);
    renderPane({ api, mailbox: new FakeMailbox(new FakeReadMessage()), annOptions: { filter: 'none' } });
    expect(await screen.findByText('Not tracked')).toBeTruthy();
    await screen.findByText('Contact: Fatima Customer');
    expect(api.requests.filter((r) => r.path === '/api/v1/emails/check')).toHaveLength(0);
    expect(api.trackRequests()).toHaveLength(0);
  });
});

describe('multi-select', () => {
  test('bulk track moves the progress bar, counts the results, skips tracked messages and makes no duplicates on a second run', async () => {
    const api = new FakeTrackingApi();
    const annToken = api.addUser('ann@contoso.example', { name: 'Ann Agent', filter: 'none' });
    const messages = [1, 2, 3].map((n) => new FakeReadMessage({ subject: `Bulk ${n}` }));
    await trackThroughApi(api, annToken, messages[1]!);
    const mailbox = new FakeMailbox(null);
    mailbox.select(messages);
    renderPane({ api, annToken, mailbox });

    const start = await screen.findByRole('button', { name: 'Track 3 messages' });
    api.pause();
    fireEvent.click(start);
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0));
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeLessThan(Number(bar.getAttribute('aria-valuemax')));
    api.resume();

    const results = await screen.findByRole('list', { name: 'Results' });
    await waitFor(() => expect(within(results).getByText('Tracked: 2')).toBeTruthy());
    expect(within(results).getByText('Already tracked (skipped): 1')).toBeTruthy();
    expect(within(results).getByText('Failed: 0')).toBeTruthy();
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe(bar.getAttribute('aria-valuemax')));
    expect(mailbox.loadCalls).toHaveLength(3);

    fireEvent.click(screen.getByRole('button', { name: 'Track 3 messages' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Results' })).getByText('Already tracked (skipped): 3')).toBeTruthy());
    expect(within(screen.getByRole('list', { name: 'Results' })).getByText('Tracked: 0')).toBeTruthy();
    expect(api.emails.size).toBe(3);
    expect(api.trackRequests().filter((r) => (r.body as { source: string }).source === 'bulk')).toHaveLength(2);
    expect(api.violations).toEqual([]);
  });

  test('bulk track counts a refused track as failed and points to the Outbox view', async () => {
    const api = new FakeTrackingApi();
    const messages = [1, 2].map((n) => new FakeReadMessage({ subject: `Batch ${n}` }));
    const mailbox = new FakeMailbox(null);
    mailbox.select(messages);
    renderPane({ api, mailbox, annOptions: { filter: 'none' } });
    api.failNext({ method: 'POST', path: '/api/v1/emails', status: 413, title: 'Payload too large', detail: 'The message with its attachments is larger than the server accepts.' });
    fireEvent.click(await screen.findByRole('button', { name: 'Track 2 messages' }));
    await waitFor(() => expect(screen.getByText('Failed: 1')).toBeTruthy());
    expect(screen.getByText('Tracked: 1')).toBeTruthy();
    expect(screen.getByText(/The Outbox view shows each reason/)).toBeTruthy();
  });
});

describe('outbox view', () => {
  test('lists failed operations with their reasons; Retry sends one and Discard drops the other', async () => {
    const api = new FakeTrackingApi();
    const first = new FakeReadMessage({ subject: 'First' });
    const second = new FakeReadMessage({ subject: 'Second' });
    const pane = renderPane({ api, mailbox: new FakeMailbox(first) });
    api.failNext({ method: 'POST', path: '/api/v1/emails', status: 422, title: 'Rule violated', detail: 'The regarding record was deleted.', times: 2 });
    fireEvent.click(await screen.findByRole('button', { name: 'Track' }));
    await screen.findByText('Track “First” failed');
    act(() => pane.mailbox.open(second));
    fireEvent.click(await screen.findByRole('button', { name: 'Track' }));
    await screen.findByText('Track “Second” failed');

    fireEvent.click(screen.getByRole('button', { name: /Outbox, 2 waiting, 2 failed/ }));
    const list = await screen.findByRole('list', { name: 'Waiting and failed operations' });
    expect(within(list).getAllByText('Rule violated: The regarding record was deleted.')).toHaveLength(2);
    expect(within(list).getAllByText('Failed')).toHaveLength(2);

    fireEvent.click(within(list).getByRole('button', { name: 'Retry Track “First”' }));
    await waitFor(() => expect(within(list).queryByText('Track “First”')).toBeNull());
    fireEvent.click(within(list).getByRole('button', { name: 'Discard Track “Second”' }));
    expect(await screen.findByText('Nothing is waiting: everything has reached the tracking server.')).toBeTruthy();
    expect(pane.storage.snapshot()).toEqual([]);
    expect(Array.from(api.emails.values()).map((e) => e.email.subject)).toEqual(['First']);
  });
});

describe('settings', () => {
  test('saving a pasted token signs in and shows who is signed in and how the mailbox is tracked, in words', async () => {
    const pane = renderPane({ mailbox: new FakeMailbox(new FakeReadMessage()), token: null, annOptions: { incoming: 'outlook', outgoing: 'server-side-sync', filter: 'known-records' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Open Settings' }));
    const input = await screen.findByLabelText('Local token');
    expect(input.getAttribute('type')).toBe('password');
    fireEvent.change(input, { target: { value: `  ${pane.annToken}  ` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Token saved')).toBeTruthy();
    expect(pane.store.items.get('docket.localToken')).toBe(pane.annToken);
    const who = screen.getByRole('region', { name: 'Signed in as' });
    expect(within(who).getByText('Ann Agent (ann@contoso.example)')).toBeTruthy();
    expect(within(who).getByText(/Dynamics 365 for Outlook: The Docket add-in in the user's Outlook tracks the mail/)).toBeTruthy();
    expect(within(who).getByText(/Server-Side Synchronization: The server reads the mailbox itself/)).toBeTruthy();
    expect(within(who).getByText(TRACKING_FILTER_EXPLANATIONS['known-records'])).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Message' }));
    expect(await screen.findByText('Not tracked')).toBeTruthy();
  });

  test('a mistyped token is reported, and Sign out forgets the token', async () => {
    const pane = renderPane({ mailbox: new FakeMailbox(new FakeReadMessage()) });
    await screen.findByText('Not tracked');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.change(await screen.findByLabelText('Local token'), { target: { value: 'dkt_typo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not signed in')).toBeTruthy();
    expect(screen.getByText(/refused your saved token/, { selector: '.fui-MessageBarBody' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('Signed out')).toBeTruthy();
    expect(pane.store.items.has('docket.localToken')).toBe(false);
  });
});
