import type { Response } from 'playwright-core';
import { KNOWN_RECORD_ADDRESSES } from '../../../src/sandbox/node/sample-people';
import { ALICE, type SandboxSession } from './support/sandbox-session';
import { scenario, useSandboxBrowser } from './support/scenario';

/** Issue 4, scenarios 4 and 5: the pinned pane following the user, and a backend outage. */
useSandboxBrowser();

/** The automatic-tracking check the pane makes for one message (the user stays on it until the answer comes). */
function checkFor(s: SandboxSession, internetMessageId: string): Promise<Response> {
  return s.page.waitForResponse((response) => response.url().endsWith('/api/v1/emails/check') && (response.request().postData() ?? '').includes(internetMessageId), { timeout: 15_000 });
}

scenario('4. a pinned pane with the known-records filter auto-tracks, of ten messages moved through, exactly those from known records', async (s) => {
  expect((await s.mailboxOf(ALICE)).trackingFilter).toBe('known-records');
  const ten = (await s.sampleFolder(ALICE, 'inbox')).slice(0, 10);
  const known = ten.filter((message) => KNOWN_RECORD_ADDRESSES.has(message.from.address.toLowerCase()));
  expect(known.length).toBeGreaterThan(2);
  expect(known.length).toBeLessThan(8);

  for (const [index, message] of ten.entries()) {
    const check = checkFor(s, message.internetMessageId);
    if (index === 0) await s.message(message.subject).click();
    else await s.page.getByRole('listbox', { name: 'Messages' }).press('ArrowDown');
    await s.pane.getByRole('heading', { level: 1, name: message.subject }).waitFor();
    const answer = (await (await check).json()) as { shouldTrack: boolean };
    if (answer.shouldTrack) {
      await s.pane.getByRole('region', { name: 'Tracking' }).getByText(/^Tracked automatically/).waitFor();
      if (message.from.address === known[0]!.from.address) await s.screenshotPaneForDocs('auto-tracked');
    } else {
      await s.pane.getByText('Not tracked', { exact: true }).waitFor();
    }
  }

  const emails = await s.emails();
  expect(emails.map((email) => email.internetMessageId).sort()).toEqual(known.map((message) => message.internetMessageId).sort());
  for (const email of emails) expect(email.trackers.map((tracker) => [tracker.userName, tracker.source])).toEqual([['Alice Adams', 'auto-read']]);
});

scenario(
  '5. with the backend stopped, three tracks and two tracked sends wait in the outbox (mail still goes); back up, each lands exactly once',
  async (s) => {
    const received = ['Quote request: 40 licences', 'Partnership idea', 'Team offsite agenda'];
    const sent = ['Order confirmation for Northwind', 'Pilot follow-up for Litware'];
    // A pane in use before the outage: it has shown a message, a draft and its outbox (and learnt how the mailbox is tracked).
    await s.open(received[0]!);
    await s.pane.getByText('Not tracked', { exact: true }).waitFor();
    await s.page.getByRole('button', { name: 'New message' }).click();
    await s.pane.getByRole('switch', { name: 'Track when sent' }).waitFor();
    await s.composeForm().getByRole('button', { name: 'Discard' }).click();
    await s.paneView(/^Outbox/).click();
    await s.pane.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await s.paneView('Message').click();
    await s.stopBackend();

    for (const subject of received) {
      await s.open(subject);
      await s.pane.getByRole('heading', { level: 1, name: subject }).waitFor();
      await s.pane.getByRole('button', { name: 'Track', exact: true }).click();
      await s.pane.getByText('Queued', { exact: true }).waitFor();
    }
    await s.screenshotPaneForDocs('queued');

    for (const [index, subject] of sent.entries()) {
      await s.page.getByRole('button', { name: 'New message' }).click();
      const form = s.composeForm();
      await form.getByLabel('To', { exact: true }).fill(index === 0 ? 'Erik Lund <erik.lund@northwind.example>' : 'Hana Sato <hana.sato@litware.example>');
      await form.getByLabel('Subject').fill(subject);
      await form.getByLabel('Message').fill('Sent while the tracking server is down.');
      await s.turnOnTrackWhenSent();
      await s.send();
    }
    // Sending was never blocked: both are in Sent Items.
    await s.openFolder('Sent Items');
    for (const subject of sent) await s.message(subject).waitFor();
    expect((await s.log()).filter((line) => /OnMessageSend: completed/.test(line))).toHaveLength(2);

    // The pane shows all five waiting.
    await s.paneView(/^Outbox, 5 waiting/).click();
    const waiting = s.pane.getByRole('list', { name: 'Waiting and failed operations' }).getByRole('listitem');
    for (const subject of [...received, ...sent]) await waiting.filter({ hasText: subject }).first().waitFor();
    await s.screenshotPaneForDocs('outbox-waiting');

    await s.startBackend();
    await s.eventually(
      async () => {
        const emails = await s.emails();
        return [...received, ...sent].every((subject) => emails.some((email) => email.subject === subject));
      },
      'all five tracks to land after the backend came back',
      90_000,
    );
    const emails = await s.emails();
    for (const subject of [...received, ...sent]) {
      const copies = emails.filter((email) => email.subject === subject);
      expect(copies).toHaveLength(1);
      expect(copies[0]!.trackers.map((tracker) => tracker.userName)).toEqual(['Alice Adams']);
    }
    await s.paneView('Outbox').waitFor();

    await s.paneView('Message').click();
    await s.openFolder('Inbox');
    for (const subject of received) {
      await s.open(subject);
      await s.pane.getByRole('region', { name: 'Tracking' }).getByText('Tracked', { exact: true }).waitFor();
    }
    await s.openFolder('Sent Items');
    for (const subject of sent) {
      await s.open(subject);
      await s.pane.getByRole('region', { name: 'Tracking' }).getByText('Tracked', { exact: true }).waitFor();
    }
  },
  { timeoutMs: 180_000 },
);

scenario('5d. back from an outage, Send now in the outbox delivers a queued track at once instead of after its backoff', async (s) => {
  const subject = 'Quote request: 40 licences';
  await s.open(subject);
  await s.pane.getByText('Not tracked', { exact: true }).waitFor();
  await s.stopBackend();
  await s.pane.getByRole('button', { name: 'Track', exact: true }).click();
  await s.pane.getByText('Queued', { exact: true }).waitFor();
  await s.paneView(/^Outbox, 1 waiting/).click();
  await s.pane.getByRole('list', { name: 'Waiting and failed operations' }).getByText(`Track “${subject}”`).waitFor();

  // The pane's own timed retry must not land the track first: until the click, its sends still meet a closed door.
  const tracks = '**/api/v1/emails';
  await s.page.route(tracks, (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.fallback()));
  await s.startBackend();
  await s.page.unroute(tracks);
  await s.pane.getByRole('button', { name: 'Send now' }).click();
  // The MessageBar says it (role group); the live region repeats it for screen readers.
  await s.pane.getByRole('group').getByText('Sent 1 track.', { exact: true }).waitFor({ timeout: 5_000 });
  const email = await s.emailWithSubject(subject);
  expect(email?.trackers.map((tracker) => tracker.userName)).toEqual(['Alice Adams']);
  await s.pane.getByText('Nothing is waiting: everything has reached the tracking server.').waitFor();
});

scenario('5b. a pane opened before an outage still shows the views it had not opened yet (a draft, the outbox)', async (s) => {
  await s.open('Quote request: 40 licences');
  await s.pane.getByText('Not tracked', { exact: true }).waitFor();
  await s.stopBackend();
  await s.page.getByRole('button', { name: 'New message' }).click();
  await s.pane.getByRole('switch', { name: 'Track when sent' }).waitFor();
  await s.paneView(/^Outbox/).click();
  await s.pane.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
});

scenario('5c. a pane opened while the tracking API is unreachable works from what it learnt before, also after a send', async (s) => {
  await s.open('Quote request: 40 licences');
  await s.pane.getByText('Not tracked', { exact: true }).waitFor();
  // A send: the event runtime asks the backend about the mailbox too, and keeps the answer.
  await s.page.getByRole('button', { name: 'New message' }).click();
  await s.composeForm().getByLabel('To', { exact: true }).fill('someone@outside.example');
  await s.composeForm().getByLabel('Subject').fill('Before the outage');
  await s.send();
  // The API stops answering while the add-in's files are still served (a proxy in front of a restarting API).
  await s.page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
  await s.restartPane();
  await s.pane.getByText('Working offline', { exact: true }).waitFor();
  await s.pane.getByRole('heading', { level: 1, name: 'Quote request: 40 licences' }).waitFor();
  expect(await s.pane.getByRole('button', { name: 'Track', exact: true }).isEnabled()).toBe(true);
});
