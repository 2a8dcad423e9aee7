import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { Email } from '../../../../src/common/api/email';
import type { Mailbox } from '../../../../src/common/api/mailbox';
import type { SandboxMessage, SandboxSeed } from '../../../../src/sandbox/common/mail/mail-types';
import { SandboxServer } from '../../../../src/sandbox/node/sandbox-server';
import { callApi, type ApiAnswer } from '../../support/api-call';
import { SCREENSHOTS_DIR, type TestBrowser } from '../../support/browser';

export const ALICE = 'alice@contoso.example';
export const BOB = 'bob@contoso.example';

/**
 * One scenario's world: a fresh backend on a temporary SQLite file with the sandbox beside it,
 * and a page of the sandbox in the shared browser. The backend can be stopped and started
 * again on the same port and database while the page stays open.
 */
export class SandboxSession {
  private constructor(
    readonly page: Page,
    private server: SandboxServer | null,
    private readonly port: number,
    private readonly databaseUrl: string,
    private readonly directory: string,
    readonly url: string,
    readonly tokens: { alice: string; bob: string; admin: string },
  ) {}

  static async open(browser: TestBrowser, options: { query?: string; before?: (session: { api: SandboxSession['api']; patchMailbox: SandboxSession['patchMailbox'] }) => Promise<void> } = {}): Promise<SandboxSession> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-sandbox-e2e-'));
    const databaseUrl = path.join(directory, 'sandbox.db');
    const server = await SandboxServer.start({ databaseUrl });
    const page = await browser.newPage();
    const session = new SandboxSession(page, server, server.port, databaseUrl, directory, server.url, {
      alice: server.tokenOf(ALICE),
      bob: server.tokenOf(BOB),
      admin: server.accounts.admin.token,
    });
    await options.before?.(session);
    await page.goto(`${server.sandboxUrl}${options.query ?? ''}`);
    await session.messages().first().waitFor();
    return session;
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
    await this.server?.stop().catch(() => undefined);
    fs.rmSync(this.directory, { recursive: true, force: true });
  }

  /** Stops the backend (API and add-in files); the page and what it loaded stay. */
  async stopBackend(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  /** Starts the backend again on the same port and database. */
  async startBackend(): Promise<void> {
    this.server = await SandboxServer.start({ databaseUrl: this.databaseUrl, port: this.port });
  }

  // ---- the sandbox page -------------------------------------------------------------------

  /** The Docket task pane's frame. */
  get pane(): FrameLocator {
    return this.page.frameLocator('iframe[title="Docket task pane"]');
  }

  /**
   * The pane's view switcher (Message, Outbox, Settings): tabs, or buttons in the pane's
   * "Docket" navigation. `name` matches the accessible name, e.g. /^Outbox, 5 waiting/.
   */
  paneView(name: string | RegExp): Locator {
    const exact = typeof name === 'string';
    return this.pane
      .getByRole('tab', { name, exact })
      .or(this.pane.getByRole('navigation', { name: 'Docket' }).getByRole('button', { name, exact }));
  }

  messages(): Locator {
    return this.page.getByRole('listbox', { name: 'Messages' }).getByRole('option');
  }

  message(subject: string | RegExp): Locator {
    return this.messages().filter({ has: this.page.locator('.subject', { hasText: subject }) }).first();
  }

  async open(subject: string | RegExp): Promise<void> {
    await this.message(subject).click();
    await this.page.getByRole('heading', { level: 2, name: subject }).first().waitFor();
  }

  /** The raw internet headers of the message open in the reading pane. */
  async openMessageHeaders(): Promise<string> {
    const reading = this.page.getByRole('region', { name: 'Reading pane' });
    await reading.getByText('Internet headers', { exact: true }).click();
    return (await reading.getByLabel('Internet headers').textContent()) ?? '';
  }

  async openFolder(name: 'Inbox' | 'Sent Items'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  }

  async switchUser(address: string): Promise<void> {
    await this.page.getByLabel('Signed in as').selectOption(address);
    await this.messages().first().waitFor();
  }

  async setPinned(pinned: boolean): Promise<void> {
    await this.page.getByLabel('Pin the Docket pane').setChecked(pinned);
  }

  async restartPane(): Promise<void> {
    await this.page.getByRole('button', { name: 'Restart the pane' }).click();
  }

  /** The sandbox's log of launch events and deliveries, as text lines. */
  async log(): Promise<string[]> {
    return this.page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
  }

  async waitForLog(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = (await this.log()).find((line) => pattern.test(line));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`the sandbox log never showed ${pattern}; it has:\n${(await this.log()).join('\n')}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** The compose form (inline, in the reading pane). */
  composeForm(): Locator {
    return this.page.getByRole('form');
  }

  /**
   * Turns on the pane's "Track when sent" for the open draft. The switch moves once Outlook has
   * saved the choice with the draft (a custom property), so the click is followed by a wait.
   */
  async turnOnTrackWhenSent(): Promise<void> {
    await this.pane.getByRole('switch', { name: 'Track when sent' }).click();
    await this.pane.getByRole('switch', { name: 'Track when sent', checked: true }).waitFor();
  }

  /** Sends the open draft and waits until it has left the outbox of the sandbox (the form closes). */
  async send(): Promise<void> {
    const before = (await this.log()).filter((line) => line.includes('OnMessageSend')).length;
    await this.composeForm().getByRole('button', { name: 'Send' }).click();
    await this.composeForm().waitFor({ state: 'detached', timeout: 30_000 });
    const deadline = Date.now() + 5000;
    while ((await this.log()).filter((line) => line.includes('OnMessageSend')).length === before && Date.now() < deadline) await this.page.waitForTimeout(50);
  }

  /** The sample mailboxes the page started with. */
  async seed(): Promise<SandboxSeed> {
    const response = await fetch(`${this.url}/sandbox/state.json`);
    return (await response.json()) as SandboxSeed;
  }

  /** The messages of a user's folder as the list shows them, newest first. */
  async sampleFolder(address: string, folder: 'inbox' | 'sent'): Promise<SandboxMessage[]> {
    return ((await this.seed()).mailboxes[address] ?? []).filter((message) => message.folder === folder);
  }

  // ---- the backend, as a test checks it ------------------------------------------------------

  api = <T = any>(method: string, apiPath: string, token: string, body?: unknown): Promise<ApiAnswer<T>> => callApi<T>(this.url, method, apiPath, token, body);

  async mailboxOf(address: string): Promise<Mailbox> {
    const { body } = await this.api<{ mailboxes: Mailbox[] }>('GET', `/api/v1/admin/mailboxes?search=${encodeURIComponent(address)}`, this.tokens.admin);
    const mailbox = body.mailboxes.find((candidate) => candidate.address === address);
    if (!mailbox) throw new Error(`no mailbox ${address}`);
    return mailbox;
  }

  patchMailbox = async (address: string, patch: Partial<Pick<Mailbox, 'incomingMethod' | 'outgoingMethod' | 'trackingFilter'>>): Promise<void> => {
    const mailbox = await this.mailboxOf(address);
    const { status, body } = await this.api('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, this.tokens.admin, patch);
    if (status !== 200) throw new Error(`PATCH mailbox ${address}: ${status} ${JSON.stringify(body)}`);
  };

  /** Every tracked email of the organisation (the admin's view), newest first. */
  async emails(query = ''): Promise<Email[]> {
    const emails: Email[] = [];
    for (let offset = 0; ; offset += 200) {
      const { status, body } = await this.api<{ emails: Email[]; total: number }>('GET', `/api/v1/admin/emails?limit=200&offset=${offset}${query ? `&${query}` : ''}`, this.tokens.admin);
      if (status !== 200) throw new Error(`GET admin emails: ${status} ${JSON.stringify(body)}`);
      emails.push(...body.emails);
      if (emails.length >= body.total || body.emails.length === 0) return emails;
    }
  }

  /** The email (with its trackers) whose subject is exactly this, or null. */
  async emailWithSubject(subject: string): Promise<Email | null> {
    const matches = (await this.emails(`search=${encodeURIComponent(subject)}`)).filter((email) => email.subject === subject);
    if (matches.length > 1) throw new Error(`${matches.length} emails have the subject "${subject}": ${matches.map((email) => email.id).join(', ')}`);
    return matches[0] ?? null;
  }

  /** Waits until `probe` returns something truthy (the backend is written asynchronously by the add-in). */
  async eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** A screenshot of the pane (with its frame) for the README: docs/screenshots/pane-<name>.png. */
  async screenshotPaneForDocs(name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await this.page.locator('aside[aria-label="Docket task pane"]').screenshot({ path: path.join(SCREENSHOTS_DIR, `pane-${name}.png`) });
  }

  /** The whole sandbox, for the README: docs/screenshots/pane-<name>.png. */
  async screenshotSandboxForDocs(name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await this.page.screenshot({ path: path.join(SCREENSHOTS_DIR, `pane-${name}.png`) });
  }
}
