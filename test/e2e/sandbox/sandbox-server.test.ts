import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxSeed } from '../../../src/sandbox/common/mail/mail-types';
import { readAddinEntryPoints } from '../../../src/sandbox/node/addin-manifest';
import { ADDIN_BUILD_DIR, ensureSandboxBuilt } from '../../../src/sandbox/node/sandbox-build';
import { SandboxServer, withOfficeShim } from '../../../src/sandbox/node/sandbox-server';

/** The sandbox server serves the real add-in: only the one script tag Outlook's stand-in needs is changed. */

const OFFICE_JS = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
let directory: string;
let server: SandboxServer;

beforeAll(async () => {
  await ensureSandboxBuilt();
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-sandbox-server-'));
  server = await SandboxServer.start({ databaseUrl: path.join(directory, 'sandbox.db') });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

test.each(['taskpane.html', 'launchevent.html'])('%s is served as built, with only the CDN office.js tag swapped for the shim', async (page) => {
  const built = fs.readFileSync(path.join(ADDIN_BUILD_DIR, page), 'utf8');
  expect(built.split(OFFICE_JS)).toHaveLength(2);
  const served = await (await fetch(`${server.url}/${page}`)).text();
  expect(served).toBe(built.replace(OFFICE_JS, '<script src="/sandbox/office-shim.js"></script>'));
});

test('a page without exactly one CDN office.js tag is refused rather than served half-wired', () => {
  expect(() => withOfficeShim('<html><head></head></html>', 'taskpane.html')).toThrow(/exactly once; found 0/);
  expect(() => withOfficeShim(`${OFFICE_JS}${OFFICE_JS}`, 'taskpane.html')).toThrow(/found 2/);
});

test('the launch events and pages come from the built manifest, as Outlook reads them', () => {
  const entryPoints = readAddinEntryPoints(fs.readFileSync(path.join(ADDIN_BUILD_DIR, 'manifest.xml'), 'utf8'));
  expect(entryPoints.taskpaneUrl).toBe('/taskpane.html');
  expect(entryPoints.eventPageUrl).toBe('/launchevent.html');
  expect(entryPoints.launchEvents).toEqual([
    { type: 'OnNewMessageCompose', functionName: 'onNewMessageComposeHandler' },
    { type: 'OnMessageSend', functionName: 'onMessageSendHandler', sendMode: 'SoftBlock' },
  ]);
});

test('the sample mailbox has what the scenarios need: 60+ messages, HTML and text, attachments, a thread, internal and external senders', async () => {
  const seed = (await (await fetch(`${server.url}/sandbox/state.json`)).json()) as SandboxSeed;
  const inbox = seed.mailboxes['alice@contoso.example']!.filter((message) => message.folder === 'inbox');
  expect(inbox.length).toBeGreaterThanOrEqual(60);
  expect(new Set(inbox.map((message) => message.body.type))).toEqual(new Set(['html', 'text']));
  expect(inbox.some((message) => message.attachments.length > 0)).toBe(true);
  expect(inbox.filter((message) => message.conversationId === 'AAQkSbxSeedOfferFor200Seats=').length).toBeGreaterThanOrEqual(2);
  expect(inbox.some((message) => message.from.address.endsWith('@contoso.example'))).toBe(true);
  expect(inbox.some((message) => !message.from.address.endsWith('@contoso.example'))).toBe(true);
  expect(seed.users.map((user) => user.address)).toEqual(['alice@contoso.example', 'bob@contoso.example']);
});

test('a backend started again on the same database keeps the sandbox users and their tokens', async () => {
  const token = server.tokenOf('alice@contoso.example');
  const port = server.port;
  await server.stop();
  server = await SandboxServer.start({ databaseUrl: path.join(directory, 'sandbox.db'), port });
  expect(server.tokenOf('alice@contoso.example')).toBe(token);
  const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
});
