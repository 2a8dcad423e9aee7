import { ALICE, BOB } from './support/sandbox-session';
import { scenario, useSandboxBrowser } from './support/scenario';

/**
 * Issue 4, scenarios 1–3: the real task pane and event bundles in Chromium, in the sandbox
 * that stands in for Outlook, against a real backend checked through its API.
 */
useSandboxBrowser();

scenario('1. a received message is tracked with its regarding set to a contact, and the pane says so', async (s) => {
  const subject = 'Introduction: Dana suggested I write';
  await s.page.getByText('Not Outlook: a stand-in for it.').waitFor();
  // Unpinned, as most people use it: the pane opens for the message.
  await s.setPinned(false);
  await s.open(subject);
  await s.pane.getByText('Not tracked', { exact: true }).waitFor();
  await s.screenshotPaneForDocs('not-tracked');

  await s.pane.getByRole('button', { name: 'Track and set regarding…' }).click();
  await s.pane.getByRole('searchbox', { name: 'Track and set regarding: find the record' }).fill('Dana');
  await s.pane.getByRole('button', { name: 'Choose Dana Whitfield (Contact)' }).waitFor();
  await s.screenshotPaneForDocs('regarding-search');
  await s.pane.getByRole('button', { name: 'Choose Dana Whitfield (Contact)' }).click();

  const tracking = s.pane.getByRole('region', { name: 'Tracking' });
  await tracking.getByText('Tracked', { exact: true }).waitFor();
  await tracking.getByText('Dana Whitfield (Contact)').waitFor();
  await s.screenshotPaneForDocs('tracked');
  await s.screenshotSandboxForDocs('in-the-sandbox');

  const email = await s.emailWithSubject(subject);
  expect(email).not.toBeNull();
  expect(email!.direction).toBe('incoming');
  expect(email!.regarding).toMatchObject({ type: 'contact', name: 'Dana Whitfield' });
  expect(email!.trackers.map((tracker) => [tracker.userName, tracker.direction, tracker.source])).toEqual([['Alice Adams', 'incoming', 'manual']]);
  expect(email!.internetMessageId).toBe('<introduction-jonas@proseware.example>');
});

scenario('2. a message composed to a known contact with "Track when sent" is tracked at send; the internal recipient\'s copy is the same email', async (s) => {
  const subject = 'Proposal for the Litware roll-out';
  await s.page.getByRole('button', { name: 'New message' }).click();
  const form = s.composeForm();
  await form.getByLabel('To', { exact: true }).fill('Hana Sato <hana.sato@litware.example>');
  await form.getByLabel('Cc', { exact: true }).fill('Bob Barnes <bob@contoso.example>');
  await form.getByLabel('Subject').fill(subject);
  await form.getByLabel('Message').fill('Hana, the proposal for the roll-out is below. Bob will run the onboarding.');

  await s.turnOnTrackWhenSent();
  await s.pane.getByText('This message will be tracked when it is sent.').first().waitFor({ state: 'attached' });
  await s.screenshotPaneForDocs('compose-track-when-sent');
  await s.send();

  const sent = await s.eventually(() => s.emailWithSubject(subject), 'the sent message to be tracked');
  expect(sent.direction).toBe('outgoing');
  expect(sent.trackingToken).toMatch(/^[0-9a-f-]{36}$/);
  expect(sent.trackers.map((tracker) => [tracker.userName, tracker.source])).toEqual([['Alice Adams', 'manual']]);

  // Bob (also a Docket user) opens his copy: same token in its headers, so the same email.
  await s.switchUser(BOB);
  await s.open(subject);
  const bobsHeaders = await s.openMessageHeaders();
  expect(bobsHeaders).toContain(`X-Docket-Token: ${sent.trackingToken}`);
  expect(bobsHeaders).toMatch(/^Received: /);
  const bobPane = s.pane;
  await bobPane.getByRole('button', { name: 'Track', exact: true }).click();
  const tracking = bobPane.getByRole('region', { name: 'Tracking' });
  await tracking.getByText('Tracked', { exact: true }).waitFor();
  await tracking.getByText(/Alice Adams and you|you and Alice Adams/).waitFor();
  await s.screenshotPaneForDocs('tracked-by-two');

  const both = await s.eventually(async () => {
    const email = await s.emailWithSubject(subject);
    return email && email.trackers.length === 2 ? email : null;
  }, 'the second tracker');
  expect(both.id).toBe(sent.id);
  expect(both.internetMessageId).toMatch(/^<SBX[0-9A-F]+@contoso\.example>$/);
  expect(both.trackers.map((tracker) => [tracker.userName, tracker.direction]).sort()).toEqual([
    ['Alice Adams', 'outgoing'],
    ['Bob Barnes', 'incoming'],
  ]);
  expect((await s.emails()).filter((email) => email.subject === subject)).toHaveLength(1);

  // Alice sees it tracked too, from her Sent Items.
  await s.switchUser(ALICE);
  await s.openFolder('Sent Items');
  await s.open(subject);
  await s.pane.getByRole('region', { name: 'Tracking' }).getByText(/Bob Barnes/).waitFor();
  const alicesHeaders = await s.openMessageHeaders();
  expect(alicesHeaders).toContain(`X-Docket-Token: ${sent.trackingToken}`);
  expect(alicesHeaders).toContain(`Message-ID: ${both.internetMessageId}`);
});

scenario('3. a reply to a tracked message is tracked on send and correlated in-reply-to with the same regarding', async (s) => {
  const original = 'Delivery dates for the Q3 order';
  // Erik Lund is a known contact: with the default filter the pane tracks his message when it opens.
  await s.open(original);
  await s.pane.getByRole('region', { name: 'Tracking' }).waitFor();
  await s.pane.getByRole('button', { name: 'Set regarding…' }).click();
  await s.pane.getByRole('searchbox', { name: 'Change regarding: find the record' }).fill('Northwind');
  await s.pane.getByRole('button', { name: 'Choose Northwind Traders (Account)' }).click();
  await s.pane.getByRole('region', { name: 'Tracking' }).getByText('Northwind Traders (Account)').waitFor();
  const tracked = await s.eventually(async () => {
    const email = await s.emailWithSubject(original);
    return email?.regarding ? email : null;
  }, 'the original to be tracked with its regarding');

  await s.page.getByRole('button', { name: 'Reply', exact: true }).click();
  const form = s.composeForm();
  // OnNewMessageCompose marks a reply in a tracked conversation and says so in the notification bar.
  await form.getByRole('status').filter({ hasText: 'Docket will track this reply when it is sent.' }).waitFor();
  await form.getByLabel('Message').fill('Erik, the dates are confirmed: week 32.');
  await s.send();

  const reply = await s.eventually(() => s.emailWithSubject(`RE: ${original}`), 'the reply to be tracked');
  expect(reply.direction).toBe('outgoing');
  expect(reply.trackers.map((tracker) => tracker.source)).toEqual(['auto-send']);
  expect(reply.regarding).toMatchObject({ type: 'account', name: 'Northwind Traders', id: tracked.regarding!.id });

  // The copy in Sent Items carries In-Reply-To: once Docket has seen it, the reply is correlated in-reply-to.
  await s.openFolder('Sent Items');
  await s.open(`RE: ${original}`);
  expect(await s.openMessageHeaders()).toContain('In-Reply-To: <q3-delivery-dates@northwind.example>');
  await s.pane.getByRole('region', { name: 'Tracking' }).waitFor();
  const correlated = await s.eventually(async () => {
    const email = await s.emailWithSubject(`RE: ${original}`);
    return email?.correlationMethod === 'in-reply-to' ? email : null;
  }, `the reply to be correlated in-reply-to (it is "${(await s.emailWithSubject(`RE: ${original}`))?.correlationMethod}")`, 10_000);
  expect(correlated.id).toBe(reply.id);
  expect(correlated.regarding).toMatchObject({ type: 'account', id: tracked.regarding!.id });
});

scenario('3b. a reply Docket marks for tracking shows "Track when sent" switched on in the pane', async (s) => {
  const original = 'Delivery dates for the Q3 order';
  await s.open(original);
  await s.pane.getByRole('region', { name: 'Tracking' }).waitFor();
  await s.page.getByRole('button', { name: 'Reply', exact: true }).click();
  await s.composeForm().getByRole('status').filter({ hasText: 'Docket will track this reply when it is sent.' }).waitFor();
  await s.pane.getByRole('switch', { name: 'Track when sent', checked: true }).waitFor({ timeout: 5000 });
});
