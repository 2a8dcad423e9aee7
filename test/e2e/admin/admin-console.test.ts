import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from '../support/axe';
import { screenshotForDocs, screenshotOnFailure, TestBrowser } from '../support/browser';
import { ensureAdminBuilt } from '../support/build-once';
import { DocketServer } from '../support/docket-server';
import { tabTo } from '../support/keyboard';

/**
 * The admin console in Chromium against a real backend (issue 5, "How it will be checked").
 * The tests share one server, one browser tab and one signed-in admin, and run in order.
 */
let server: DocketServer;
let browser: TestBrowser;
let page: Page;
let adminToken: string;

const step = (name: string, body: () => Promise<void>, timeout = 30_000) => test(name, () => screenshotOnFailure(page, name, body), timeout);

async function open(path: string, heading: string | RegExp): Promise<void> {
  await page.goto(server.url + path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function rowOf(address: string) {
  await page.getByRole('searchbox', { name: 'Search' }).fill(address);
  await page.getByRole('button', { name: 'Filter' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: address, exact: true }) });
  await row.waitFor();
  return row;
}

beforeAll(async () => {
  await ensureAdminBuilt();
  [server, browser] = await Promise.all([DocketServer.start(), TestBrowser.launch()]);
  ({ token: adminToken } = await server.user('admin@example.com', { admin: true, name: 'Ada Admin' }));
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

step('an admin signs in by pasting their token and lands on the overview', async () => {
  await open('/admin', 'Docket admin: sign in');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: 'Admin token' }).fill(adminToken);
  await page.getByRole('textbox', { name: 'Admin token' }).press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  expect(await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents()).toEqual([
    'Overview',
    'Mailboxes',
    'Tracked email',
    'Records',
    'Email Configuration Settings',
  ]);
});

step('a token of someone who is not an admin is refused at sign-in', async () => {
  const { token } = await server.user('plain.user@example.com');
  const other = await browser.newPage();
  try {
    await other.goto(`${server.url}/admin`);
    await other.getByRole('textbox', { name: 'Admin token' }).fill(token);
    await other.getByRole('button', { name: 'Sign in with token' }).click();
    await other.getByText('plain.user@example.com is not an admin').waitFor();
  } finally {
    await other.close();
  }
});

step('the default set to Outlook/Outlook is what a user created afterwards gets', async () => {
  await server.putSettings(adminToken, { defaultIncomingMethod: 'server-side-sync', defaultOutgoingMethod: 'none' });
  await open('/admin/settings', 'Email Configuration Settings');
  const incoming = page.getByRole('radiogroup', { name: 'Incoming email' });
  const outgoing = page.getByRole('radiogroup', { name: 'Outgoing email' });
  expect(await incoming.getByRole('radio', { name: /^Server-Side Synchronization/ }).isChecked()).toBe(true);
  // Each option carries its one-line explanation; outgoing never offers Forward Mailbox.
  await incoming.getByText("The Docket add-in in the user's Outlook tracks the mail. Users only, never queues.").waitFor();
  expect(await outgoing.getByRole('radio', { name: /^Forward Mailbox/ }).count()).toBe(0);

  await incoming.getByRole('radio', { name: /^Dynamics 365 for Outlook/ }).check();
  await outgoing.getByRole('radio', { name: /^Dynamics 365 for Outlook/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).getByText('Existing mailboxes keep their methods; the defaults apply to mailboxes created from now on.').waitFor();
  await screenshotForDocs(page, 'settings');

  await server.user('new.user@example.com', { name: 'Nora New' });
  await open('/admin/mailboxes', 'Mailboxes');
  const row = await rowOf('new.user@example.com');
  const cells = await row.getByRole('cell').allTextContents();
  expect(cells.slice(2, 4)).toEqual(['Dynamics 365 for Outlook', 'Dynamics 365 for Outlook']);
  await screenshotForDocs(page, 'mailboxes');
});

step('changing the default to None leaves the existing mailbox as it was', async () => {
  await open('/admin/settings', 'Email Configuration Settings');
  await page.getByRole('radiogroup', { name: 'Incoming email' }).getByRole('radio', { name: /^None/ }).check();
  await page.getByRole('radiogroup', { name: 'Outgoing email' }).getByRole('radio', { name: /^None/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  expect((await server.api('GET', '/api/v1/admin/email-settings', adminToken)).body).toMatchObject({ defaultIncomingMethod: 'none', defaultOutgoingMethod: 'none' });

  await open('/admin/mailboxes', 'Mailboxes');
  const row = await rowOf('new.user@example.com');
  expect((await row.getByRole('cell').allTextContents()).slice(2, 4)).toEqual(['Dynamics 365 for Outlook', 'Dynamics 365 for Outlook']);
  expect(await server.mailboxOf(adminToken, 'new.user@example.com')).toMatchObject({ incomingMethod: 'outlook', outgoingMethod: 'outlook' });
});

step("a queue is never offered Dynamics 365 for Outlook, and the server's 422 shows beside the field", async () => {
  const queue = await server.queue('support@example.com', { incoming: 'server-side-sync' });
  await open(`/admin/mailboxes/${queue.id}`, 'Mailbox support@example.com');
  const incoming = page.getByRole('radiogroup', { name: 'Incoming email' });
  const outgoing = page.getByRole('radiogroup', { name: 'Outgoing email' });
  await incoming.getByRole('radio', { name: /^Server-Side Synchronization/ }).waitFor();
  expect(await incoming.getByRole('radio', { name: /^Dynamics 365 for Outlook/ }).count()).toBe(0);
  expect(await outgoing.getByRole('radio', { name: /^Dynamics 365 for Outlook/ }).count()).toBe(0);
  // No forward mailbox exists yet, so Forward Mailbox is not offered either.
  expect(await incoming.getByRole('radio', { name: /^Forward Mailbox/ }).count()).toBe(0);
  await screenshotForDocs(page, 'mailbox-edit');

  // Through the API, from the page itself, with the console's own token.
  const answer = await page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/admin/mailboxes/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sessionStorage.getItem('docket.admin.token')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ incomingMethod: 'outlook' }),
    });
    return { status: response.status, body: await response.json() };
  }, queue.id);
  expect(answer.status).toBe(422);
  expect(answer.body).toMatchObject({ rule: 'queue-cannot-use-outlook', field: 'incomingMethod' });

  // When a rule is broken anyway (here: the request is rewritten on its way), the server's words appear beside the field.
  await page.route(`**/api/v1/admin/mailboxes/${queue.id}`, async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    return route.continue({ postData: JSON.stringify({ incomingMethod: 'outlook' }) });
  });
  await incoming.getByRole('radio', { name: /^None/ }).check();
  await page.getByRole('button', { name: 'Save mailbox' }).click();
  await page.getByText('A queue cannot use "Dynamics 365 for Outlook"').waitFor();
  // Beside the field: the radio group is described by the server's message.
  const description = await incoming.evaluate((group) =>
    (group.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  expect(description).toContain('A queue cannot use "Dynamics 365 for Outlook"');
  expect(await incoming.getAttribute('aria-invalid')).toBe('true');
  await page.unroute(`**/api/v1/admin/mailboxes/${queue.id}`);
  expect(await server.mailboxOf(adminToken, 'support@example.com')).toMatchObject({ incomingMethod: 'server-side-sync' });
});

step('Forward Mailbox is offered for incoming only once a forward mailbox exists', async () => {
  await open('/admin/mailboxes', 'Mailboxes');
  const addQueue = page.getByRole('form', { name: 'Add a queue mailbox' });
  await addQueue.getByRole('textbox', { name: 'Queue address' }).fill('sink@example.com');
  await addQueue.getByRole('checkbox', { name: 'This queue is the forward mailbox' }).check();
  await addQueue.getByRole('button', { name: 'Add queue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mailbox sink@example.com' }).waitFor();
  // The forward mailbox itself is not offered Forward Mailbox.
  expect(await page.getByRole('radiogroup', { name: 'Incoming email' }).getByRole('radio', { name: /^Forward Mailbox/ }).count()).toBe(0);

  await open('/admin/mailboxes', 'Mailboxes');
  await addQueue.getByRole('textbox', { name: 'Queue address' }).fill('sink@example.com');
  await addQueue.getByRole('button', { name: 'Add queue' }).click();
  await addQueue.getByText('A mailbox for sink@example.com already exists.').waitFor();

  const mailbox = await server.mailboxOf(adminToken, 'new.user@example.com');
  await open(`/admin/mailboxes/${mailbox.id}`, 'Mailbox new.user@example.com');
  await page.getByRole('radiogroup', { name: 'Incoming email' }).getByRole('radio', { name: /^Forward Mailbox/ }).waitFor();
  expect(await page.getByRole('radiogroup', { name: 'Outgoing email' }).getByRole('radio', { name: /^Forward Mailbox/ }).count()).toBe(0);
});

step('approving a mailbox from its page marks it approved', async () => {
  const mailbox = await server.mailboxOf(adminToken, 'new.user@example.com');
  expect(mailbox.approved).toBe(false);
  await open(`/admin/mailboxes/${mailbox.id}`, 'Mailbox new.user@example.com');
  await page.getByRole('button', { name: 'Approve mailbox' }).click();
  await page.getByRole('status').filter({ hasText: 'The mailbox is approved.' }).waitFor();
  await page.getByRole('button', { name: 'Withdraw approval' }).waitFor();
  expect((await server.mailboxOf(adminToken, 'new.user@example.com')).approved).toBe(true);
});

step('a tracked email opens with its trackers, correlation, notices, attachments and body', async () => {
  const { token } = await server.user('tracker@example.com', { name: 'Tess Tracker' });
  const trackerMailbox = await server.mailboxOf(adminToken, 'tracker@example.com');
  await server.api('PATCH', `/api/v1/admin/mailboxes/${trackerMailbox.id}`, adminToken, { incomingMethod: 'outlook', outgoingMethod: 'outlook' });
  await server.putSettings(adminToken, { maxAttachmentKb: 1 });
  const big = Buffer.alloc(4096, 7).toString('base64');
  const id = await server.track(token, {
    subject: 'Quarterly numbers for Contoso',
    body: { contentType: 'html', content: '<h2>Numbers</h2><p>Revenue is <b>up</b> this quarter.</p>' },
    attachments: [
      { name: 'summary.txt', contentType: 'text/plain', size: 5, contentBase64: Buffer.from('hello').toString('base64') },
      { name: 'big.bin', contentType: 'application/octet-stream', size: 4096, contentBase64: big },
    ],
  });
  for (let i = 0; i < 4; i++) await server.track(token, { subject: `Follow-up ${i}`, direction: i % 2 ? 'outgoing' : 'incoming', sentAt: new Date().toISOString() });

  await open('/admin/emails', 'Tracked email');
  await page.getByRole('searchbox', { name: 'Subject' }).fill('Quarterly');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '1 tracked email' }).waitFor();
  await page.getByRole('link', { name: 'Quarterly numbers for Contoso' }).click();
  await page.getByRole('heading', { level: 1, name: 'Quarterly numbers for Contoso' }).waitFor();
  expect(page.url()).toBe(`${server.url}/admin/emails/${id}`);

  const trackers = page.getByRole('table', { name: 'Trackers' });
  await trackers.getByRole('cell', { name: 'Tess Tracker' }).waitFor();
  await page.getByText('none: Not correlated: a new thread').waitFor();
  const attachments = page.getByRole('table', { name: 'Attachments' });
  expect(await attachments.getByRole('row').filter({ hasText: 'big.bin' }).getByText('Not saved').count()).toBe(1);
  expect(await attachments.getByRole('row').filter({ hasText: 'summary.txt' }).getByText('Saved').count()).toBe(1);
  expect(await page.getByRole('region', { name: 'Notices' }).getByText(/big\.bin/).count()).toBeGreaterThan(0);
  await page.frameLocator('iframe[title="Email body"]').getByText('Revenue is up this quarter.').waitFor();
  await screenshotForDocs(page, 'email');
  await server.putSettings(adminToken, { maxAttachmentKb: 5120 });
});

step('the overview charts tracked email per day and lists mailboxes needing attention', async () => {
  await open('/admin', 'Overview');
  const chart = page.getByRole('img', { name: /Tracked email per day/ });
  await chart.waitFor();
  await page.getByRole('button', { name: 'Show as a table' }).click();
  const table = page.getByRole('table', { name: /by day/ });
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = await table.getByRole('row').filter({ hasText: today }).getByRole('cell').allTextContents();
  expect(todayRow).toEqual([today, '3', '2']);
  const attention = page.getByRole('table', { name: 'Mailboxes needing attention' });
  expect(await attention.getByRole('row').filter({ hasText: 'tracker@example.com' }).getByText('Not approved').count()).toBe(1);
  await page.getByRole('button', { name: 'Hide the table' }).click();
  await screenshotForDocs(page, 'overview');
});

step('records are found, created, and imported from CSV in chunks with a per-row error report', async () => {
  await open('/admin/records', 'Records');
  await page.getByRole('form', { name: 'Create a record' }).getByRole('combobox', { name: 'Type' }).selectOption('account');
  await page.getByRole('textbox', { name: 'Name' }).fill('Contoso Ltd');
  await page.getByRole('textbox', { name: 'Email addresses' }).fill('info@contoso.example');
  await page.getByRole('button', { name: 'Create record' }).click();
  await page.getByText('Account "Contoso Ltd" created.').waitFor();
  await page.getByRole('textbox', { name: 'Name' }).fill('Fabrikam');
  await page.getByRole('textbox', { name: 'Email addresses' }).fill('not-an-address');
  await page.getByRole('button', { name: 'Create record' }).click();
  const emailsField = page.getByRole('textbox', { name: 'Email addresses' });
  await page.getByText(/The server refused this value/).waitFor();
  expect(await emailsField.getAttribute('aria-invalid')).toBe('true');

  const rows = ['type,name,emails'];
  for (let i = 1; i <= 1200; i++) rows.push(i === 700 ? 'planet,Pluto,' : i === 1100 ? `contact,Bad Address,not-an-address` : `contact,Person ${i},person${i}@import.example`);
  const requests: string[] = [];
  page.on('request', (request) => request.url().endsWith('/api/v1/admin/records/import') && requests.push(request.postData() ?? ''));
  await page.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported 1198 of 1200 rows.').waitFor();
  expect(requests.map((body) => JSON.parse(body).firstLine)).toEqual([2, 502, 1002]);
  expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
  const report = await page.getByRole('table', { name: 'Rows not imported' }).getByRole('row').allTextContents();
  expect(report.slice(1)).toEqual([expect.stringMatching(/^701type "planet"/), expect.stringMatching(/^1101not an email address: not-an-address/)]);

  await page.getByRole('searchbox', { name: 'Name or address' }).fill('Person 1199');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('table', { name: 'Records found' }).getByRole('cell', { name: 'person1199@import.example' }).waitFor();
});

step("every page's main actions work with Tab and Enter alone", async () => {
  await server.user('keyboard.user@example.com');
  await open('/admin', 'Overview');
  await tabTo(page, 'Mailboxes');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Mailboxes' }).waitFor();
  await tabTo(page, 'Search');
  await page.keyboard.type('keyboard.user');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: '1 mailbox' }).waitFor();
  await tabTo(page, 'keyboard.user@example.com');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Mailbox keyboard.user@example.com' }).waitFor();
  await tabTo(page, 'Approve mailbox');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'The mailbox is approved.' }).waitFor();
  // Radios: Tab into the group, arrows choose, Tab on to Save.
  await tabTo(page, /^None/);
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'Save mailbox');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  expect((await server.mailboxOf(adminToken, 'keyboard.user@example.com')).incomingMethod).toBe('outlook');

  await open('/admin/settings', 'Email Configuration Settings');
  await tabTo(page, 'Save settings');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  await open('/admin/emails', 'Tracked email');
  await tabTo(page, 'Subject');
  await page.keyboard.type('Follow-up 3');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: '1 tracked email' }).waitFor();
  await tabTo(page, 'Follow-up 3');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Follow-up 3' }).waitFor();

  await open('/admin/records', 'Records');
  await tabTo(page, /^Name\*?$/);
  await page.keyboard.type('Keyboard Lead');
  await page.keyboard.press('Enter');
  await page.getByText('Contact "Keyboard Lead" created.').waitFor();

  await tabTo(page, 'Sign out');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Docket admin: sign in' }).waitFor();
  await tabTo(page, 'Admin token');
  await page.keyboard.type(adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor();
}, 45_000);

step('axe finds no serious or critical accessibility violations on any page', async () => {
  const queue = await server.mailboxOf(adminToken, 'support@example.com');
  const { body: emails } = await server.api('GET', '/api/v1/admin/emails?search=Quarterly', adminToken);
  const pages: Array<[string, string | RegExp]> = [
    ['/admin', 'Overview'],
    ['/admin/settings', 'Email Configuration Settings'],
    ['/admin/mailboxes', 'Mailboxes'],
    [`/admin/mailboxes/${queue.id}`, 'Mailbox support@example.com'],
    ['/admin/emails', 'Tracked email'],
    [`/admin/emails/${emails.emails[0].id}`, 'Quarterly numbers for Contoso'],
    ['/admin/records', 'Records'],
  ];
  const found: Record<string, unknown> = {};
  for (const [path, heading] of pages) {
    await open(path, heading);
    await page.waitForLoadState('networkidle');
    const violations = await seriousAccessibilityViolations(page);
    if (violations.length > 0) found[path] = violations;
  }
  expect(found).toEqual({});
}, 45_000);
