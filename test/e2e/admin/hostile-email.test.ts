import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from '../support/axe';
import { screenshotOnFailure, TestBrowser } from '../support/browser';
import { ensureAdminBuilt } from '../support/build-once';
import { DocketServer } from '../support/docket-server';

/**
 * A tracked email written to attack whoever views it. Shown in the console it must run no
 * script and fetch nothing remote until the admin clicks "Load remote images".
 */
let server: DocketServer;
let browser: TestBrowser;
let page: Page;
let tracker: http.Server;
let trackerUrl: string;
const hits: string[] = [];
const dialogs: string[] = [];
let emailId: string;

function hostileBody(remote: string): string {
  return `<html><head><style>
      @import url(${remote}/import.css);
      body { background-image: url('${remote}/style-background.png'); }
      .x { width: expression(window.__pwned = 'css-expression'); background: \\75 rl(${remote}/escaped-url.png); }
      .y { background-image: image-set("${remote}/image-set.png" 1x); }
    </style><link rel="stylesheet" href="${remote}/link.css"><meta http-equiv="refresh" content="0;url=javascript:window.__pwned='refresh'"></head>
    <body>
      <p id="greeting">Dear admin, please review the attached invoice.</p>
      <script>window.__pwned = 'script'; alert('script');</script>
      <img src="x" onerror="window.__pwned = 'onerror'; alert('onerror')">
      <img id="pixel" src="${remote}/pixel.gif?open=1" width="1" height="1" alt="">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="inline image">
      <img srcset="${remote}/srcset.png 2x" alt="srcset image">
      <table background="${remote}/table-background.png"><tr><td style="background:url(${remote}/inline-style.png)">cell</td></tr></table>
      <a id="js-link" href="javascript:window.__pwned='javascript-link';alert('link')">Click for a prize</a>
      <a id="data-link" href="data:text/html,<script>alert('data')</script>">Data link</a>
      <a id="safe-link" href="https://example.com/invoice">The invoice</a>
      <iframe src="javascript:parent.__pwned='iframe'"></iframe>
      <iframe srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>
      <svg onload="window.__pwned = 'svg'; alert('svg')"><image href="${remote}/svg-image.png" width="10" height="10"></image></svg>
      <object data="${remote}/object.swf"></object>
      <embed src="${remote}/embed.swf">
      <form action="${remote}/form"><input type="image" src="${remote}/input-image.png"><button formaction="javascript:alert(1)">Go</button></form>
      <div style="width: expression(alert('expression'))">expression</div>
      <math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'; alert('mxss')">
      <video poster="${remote}/poster.png"></video>
      <body onload="window.__pwned='body-onload'">
    </body></html>`;
}

beforeAll(async () => {
  await ensureAdminBuilt();
  tracker = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' });
    response.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  trackerUrl = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
  [server, browser] = await Promise.all([DocketServer.start(), TestBrowser.launch()]);
  const { token: adminToken } = await server.user('admin@example.com', { admin: true });
  const { token } = await server.user('victim@example.com', { name: 'Victor Victim' });
  emailId = await server.track(token, { subject: 'Invoice overdue', body: { contentType: 'html', content: hostileBody(trackerUrl) } });
  page = await browser.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${server.url}/admin`);
  await page.getByRole('textbox', { name: 'Admin token' }).fill(adminToken);
  await page.getByRole('textbox', { name: 'Admin token' }).press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => tracker?.close(resolve));
});

/** The canary of every frame (the console and the email's sandbox): undefined unless a script of the email ran. */
async function canaries(): Promise<unknown[]> {
  return Promise.all(page.frames().map((frame) => frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)));
}

const emailFrame = () => page.frameLocator('iframe[title="Email body"]');

test('a hostile email is shown with no script run and no remote request until images are allowed', () =>
  screenshotOnFailure(page, 'hostile email', async () => {
    await page.goto(`${server.url}/admin/emails/${emailId}`);
    await page.getByRole('heading', { level: 1, name: 'Invoice overdue' }).waitFor();
    await emailFrame().getByText('Dear admin, please review the attached invoice.').waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);

    expect(dialogs).toEqual([]);
    expect(hits).toEqual([]);
    expect(page.frames().length).toBe(2);
    expect(await canaries()).toEqual([undefined, undefined]);

    expect(await page.locator('iframe[title="Email body"]').getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const markup = await page.locator('iframe[title="Email body"]').getAttribute('srcdoc');
    // The second wall: the body's own policy allows no remote image, whatever the sanitizer missed.
    expect(markup).toContain("img-src data: cid:;");
    expect(markup).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<object|<embed|<form|expression\(|@import|127\.0\.0\.1/i);
    // Links open outside, safely; the javascript: and data: ones lost their target.
    expect(await emailFrame().locator('#safe-link').getAttribute('target')).toBe('_blank');
    expect(await emailFrame().locator('#safe-link').getAttribute('rel')).toBe('noopener noreferrer');
    expect(await emailFrame().locator('#js-link').getAttribute('href')).toBeNull();
    expect(await emailFrame().locator('#data-link').getAttribute('href')).toBeNull();
    await emailFrame().locator('#js-link').click();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Load remote images' }).click();
    await emailFrame().locator('#pixel').waitFor();
    for (let i = 0; i < 50 && !hits.some((hit) => hit.startsWith('/pixel.gif')); i++) await page.waitForTimeout(100);
    expect(hits).toContain('/pixel.gif?open=1');
    expect(hits).toEqual(expect.arrayContaining(['/srcset.png', '/style-background.png', '/table-background.png', '/inline-style.png', '/svg-image.png']));
    // Loading images loads images: still no script, no stylesheet import, no plugin, no form.
    expect(hits.filter((hit) => /import\.css|link\.css|object|embed|form|input-image/.test(hit))).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await canaries()).toEqual([undefined, undefined]);
  }), 60_000);
