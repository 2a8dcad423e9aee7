import { ALICE, BOB } from './support/sandbox-session';
import { scenario, useSandboxBrowser } from './support/scenario';

/** Issue 4, scenarios 6–8: synchronization methods, bulk track, untrack. */
useSandboxBrowser();

scenario(
  '6. method none turns Track off with a reason; server-side sync says the server handles it and does not auto-track; a change shows when the pane reopens',
  async (s) => {
    const known = 'Delivery dates for the Q3 order';
    await s.open(known);
    await s.pane.getByText('Tracking is turned off', { exact: true }).waitFor();
    const track = s.pane.getByRole('button', { name: 'Track', exact: true });
    expect(await track.isDisabled()).toBe(true);
    expect(await track.getAttribute('aria-describedby')).toBeTruthy();
    await s.pane.getByText(/Ask your administrator to change the mailbox's synchronization method/).waitFor();
    await s.screenshotPaneForDocs('turned-off');

    await s.patchMailbox(ALICE, { incomingMethod: 'server-side-sync' });
    await s.restartPane();
    await s.pane.getByText('Handled by the server', { exact: true }).waitFor();
    // Erik is a known contact: with Dynamics 365 for Outlook the pane would track his message now; the server does here.
    await s.page.waitForTimeout(1500);
    expect(await s.emails()).toEqual([]);
    await s.screenshotPaneForDocs('handled-by-server');

    await s.patchMailbox(ALICE, { incomingMethod: 'outlook' });
    await s.restartPane();
    await s.pane.getByRole('region', { name: 'Tracking' }).getByText(/^Tracked automatically/).waitFor();
    const email = await s.eventually(() => s.emailWithSubject(known), 'the message to be auto-tracked');
    expect(email.trackers.map((tracker) => tracker.source)).toEqual(['auto-read']);
  },
  { session: { before: (s) => s.patchMailbox(ALICE, { incomingMethod: 'none' }) } },
);

scenario(
  '7. fifty messages selected together are bulk tracked with a moving progress bar, and a second run makes no duplicates',
  async (s) => {
    const inbox = await s.sampleFolder(ALICE, 'inbox');
    const fillers = inbox.filter((message) => /\s\d{4}$/.test(message.subject));
    expect(fillers.length).toBeGreaterThanOrEqual(51);
    const first = fillers[0]!;
    const last = fillers[49]!;
    await s.message(first.subject).click();
    await s.message(last.subject).click({ modifiers: ['Shift'] });
    // Ctrl+click adds one more and takes it away again.
    await s.message(fillers[50]!.subject).click({ modifiers: ['Control'] });
    await s.page.getByRole('heading', { level: 2, name: '51 messages selected' }).waitFor();
    await s.message(fillers[50]!.subject).click({ modifiers: ['Control'] });
    await s.page.getByRole('heading', { level: 2, name: '50 messages selected' }).waitFor();
    await s.pane.getByRole('heading', { level: 1, name: '50 messages selected' }).waitFor();

    const progress = s.pane.getByRole('progressbar');
    const seen: number[] = [];
    await s.pane.getByRole('button', { name: 'Track 50 messages' }).click();
    await progress.waitFor();
    let shot = false;
    for (;;) {
      const now = Number(await progress.getAttribute('aria-valuenow'));
      const max = Number(await progress.getAttribute('aria-valuemax'));
      if (seen[seen.length - 1] !== now) seen.push(now);
      if (!shot && now > max / 3) {
        await s.screenshotPaneForDocs('bulk-progress');
        shot = true;
      }
      if (now >= max) break;
      await s.page.waitForTimeout(50);
    }
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const results = s.pane.getByRole('list', { name: 'Results' });
    await results.getByText('Tracked: 50').waitFor();
    await s.screenshotPaneForDocs('bulk-done');

    const expected = fillers.slice(0, 50).map((message) => message.internetMessageId).sort();
    const afterFirst = await s.emails();
    expect(afterFirst.map((email) => email.internetMessageId).sort()).toEqual(expected);
    for (const email of afterFirst) expect(email.trackers.map((tracker) => [tracker.userName, tracker.source])).toEqual([['Alice Adams', 'bulk']]);

    await s.pane.getByRole('button', { name: 'Track 50 messages' }).click();
    await results.getByText('Already tracked (skipped): 50').waitFor({ timeout: 30_000 });
    const afterSecond = await s.emails();
    expect(afterSecond).toHaveLength(50);
    expect(afterSecond.flatMap((email) => email.trackers)).toHaveLength(50);
  },
  { timeoutMs: 120_000 },
);

scenario("8. untrack from the pane removes the caller's tracker and keeps another user's", async (s) => {
  const subject = 'Litware pilot feedback';
  // Hana Sato is a known contact and wrote to both: each pane auto-tracks its own copy.
  await s.open(subject);
  await s.pane.getByRole('region', { name: 'Tracking' }).waitFor();
  await s.switchUser(BOB);
  await s.open(subject);
  await s.pane.getByRole('region', { name: 'Tracking' }).getByText(/Alice Adams and you|you and Alice Adams/).waitFor();
  await s.switchUser(ALICE);
  await s.open(subject);
  const tracking = s.pane.getByRole('region', { name: 'Tracking' });
  await tracking.getByText(/you and Bob Barnes|Bob Barnes and you/).waitFor();
  const before = await s.emailWithSubject(subject);
  expect(before!.trackers.map((tracker) => tracker.userName).sort()).toEqual(['Alice Adams', 'Bob Barnes']);

  const untracked = s.page.waitForResponse((response) => response.request().method() === 'DELETE' && /\/api\/v1\/emails\/[^/]+\/tracking$/.test(response.url()));
  await tracking.getByRole('button', { name: 'Untrack' }).click();
  expect((await untracked).status()).toBe(200);
  // Alice stays on the message a moment: nothing tracks it again behind her back.
  await s.page.waitForTimeout(2000);
  const after = (await s.emailWithSubject(subject))!;
  expect(after.id).toBe(before!.id);
  expect(after.trackers.map((tracker) => [tracker.userName, tracker.source])).toEqual([['Bob Barnes', 'auto-read']]);
  await s.pane.getByText('Not tracked', { exact: true }).waitFor();
  const bobsView = await s.api('GET', `/api/v1/emails/${after.id}`, s.tokens.bob);
  expect(bobsView.status).toBe(200);
  const alicesView = await s.api('GET', `/api/v1/emails/${after.id}`, s.tokens.alice);
  expect(alicesView.status).toBe(404);
});
