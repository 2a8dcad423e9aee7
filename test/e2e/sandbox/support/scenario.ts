import { ensureSandboxBuilt } from '../../../../src/sandbox/node/sandbox-build';
import { screenshotOnFailure, TestBrowser } from '../../support/browser';
import { SandboxSession } from './sandbox-session';

let browser: TestBrowser | null = null;

/**
 * One Chromium for every scenario of a test file, and one build of the bundles for the whole
 * run (the build is locked and skipped when it is fresh). Call once at the top of a file.
 */
export function useSandboxBrowser(): void {
  beforeAll(async () => {
    await ensureSandboxBuilt();
    browser = await TestBrowser.launch();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    browser = null;
  });
}

type SessionOptions = Parameters<typeof SandboxSession.open>[1];

/**
 * A scenario of issue 4: a fresh backend on a temporary database and a new sandbox page; the
 * page as it was goes to test-results/ when a step fails.
 */
export function scenario(name: string, body: (session: SandboxSession) => Promise<void>, options: { timeoutMs?: number; session?: SessionOptions } = {}): void {
  test(
    name,
    async () => {
      if (!browser) throw new Error('useSandboxBrowser() was not called in this file');
      const session = await SandboxSession.open(browser, options.session);
      try {
        await screenshotOnFailure(session.page, `sandbox ${name}`, () => body(session));
      } finally {
        await session.close();
      }
    },
    options.timeoutMs ?? 90_000,
  );
}
