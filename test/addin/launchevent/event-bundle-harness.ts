/**
 * Builds the real event bundle with the project's webpack config and runs the built file in a
 * `vm` context that has what Outlook's JavaScript-only runtime has (Office, OfficeRuntime,
 * fetch, timers) and nothing of a browser (no window, document, localStorage).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { createFakeOffice, type FakeMessage, type FakeOffice, type FakeOfficeOptions } from '../office/fake-office';

export const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Runs `webpack --mode production --env only=launchevent` into a temporary folder. The API
 * origin is a build-time constant, so the bundle is built for the test server's loopback origin
 * (`--env apiOrigin`): the test runs the same file a production build makes, with only that
 * constant differing, and there is no run-time override a real installation could trip over.
 */
export async function buildEventBundle(apiOrigin: string, options: { entraClientId?: string } = {}): Promise<{ file: string; text: string }> {
  const outputPath = mkdtempSync(path.join(os.tmpdir(), 'docket-launchevent-'));
  const environment: NodeJS.ProcessEnv = { ...process.env };
  delete environment.DOCKET_ORIGIN;
  delete environment.DOCKET_ENTRA_CLIENT_ID;
  await promisify(execFile)(
    process.execPath,
    [
      path.join(repositoryRoot, 'node_modules', 'webpack-cli', 'bin', 'cli.js'),
      '--mode',
      'production',
      '--env',
      'only=launchevent',
      '--env',
      'origin=https://tracking.docket.test',
      '--env',
      `apiOrigin=${apiOrigin}`,
      '--env',
      `outputPath=${outputPath}`,
      ...(options.entraClientId ? ['--env', `entraClientId=${options.entraClientId}`] : []),
    ],
    { cwd: repositoryRoot, env: environment, maxBuffer: 16 * 1024 * 1024 },
  );
  const file = path.join(outputPath, 'launchevent.js');
  return { file, text: readFileSync(file, 'utf8') };
}

/** `OfficeRuntime.storage` of one Outlook profile: shared by every run of the bundle that gets it. */
export class FakeRuntimeStorage {
  readonly items = new Map<string, string>();

  async getItem(key: string): Promise<string | null> {
    return this.items.has(key) ? this.items.get(key)! : null;
  }

  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }

  async removeItem(key: string): Promise<void> {
    this.items.delete(key);
  }

  /** The operations the outbox holds, as stored. */
  outbox(): Array<{ kind: string; state: string; request: { method: string; path: string; body: any }; messageKey?: string }> {
    const index = this.items.get('docket.outbox.index');
    const ids: string[] = index ? JSON.parse(index) : [];
    return ids.map((id) => JSON.parse(this.items.get(`docket.outbox.operation.${id}`)!));
  }
}

export interface RecordedRequest { method: string; url: string; body: any; authorization?: string }

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<unknown>;

export interface LoadedBundle {
  fake: FakeOffice;
  /** Handler names passed to Office.actions.associate, in order. */
  associated: string[];
  requests: RecordedRequest[];
  logs: string[];
  /** Calls the named handler with a recording event; resolves with what `completed` got. */
  fire(name: string, options?: { timeoutMs?: number }): Promise<{ completedWith: unknown; calls: number; ms: number }>;
}

export function loadEventBundle(
  bundle: string,
  options: {
    message: FakeMessage;
    storage: FakeRuntimeStorage;
    fetch?: FetchLike;
    office?: Omit<FakeOfficeOptions, 'message'>;
    withoutRuntimeStorage?: boolean;
    es2016BuiltInsOnly?: boolean;
    /** Office's single sign-on (`Office.auth.getAccessToken`); absent, Office.auth is missing as in an old host. */
    accessToken?: (options: unknown) => Promise<string>;
  },
): LoadedBundle {
  const fake = createFakeOffice({ requirementSets: ['1.13'], ...options.office, message: options.message });
  if (options.accessToken) (fake.office as { auth?: unknown }).auth = { getAccessToken: options.accessToken };
  const associated: string[] = [];
  const handlers = new Map<string, (event: unknown) => void>();
  (fake.office as { actions?: unknown }).actions = {
    associate(name: string, handler: (event: unknown) => void) {
      associated.push(name);
      handlers.set(name, handler);
    },
  };
  const requests: RecordedRequest[] = [];
  const logs: string[] = [];
  const realFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const recordingFetch: FetchLike = (url, init) => {
    requests.push({ method: init.method, url, body: init.body ? JSON.parse(init.body) : undefined, authorization: init.headers?.Authorization });
    return realFetch(url, init);
  };
  const record = (level: string) => (...args: unknown[]) => logs.push(`${level}: ${args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')}`);
  const sandbox = {
    Office: fake.office,
    OfficeRuntime: options.withoutRuntimeStorage ? {} : { storage: options.storage },
    fetch: recordingFetch,
    setTimeout,
    clearTimeout,
    AbortController,
    URLSearchParams,
    // An ES2016 engine may have no crypto.randomUUID either: the UUID then comes from getRandomValues.
    crypto: options.es2016BuiltInsOnly ? { getRandomValues: <T extends Uint8Array<ArrayBuffer>>(array: T) => globalThis.crypto.getRandomValues(array) } : globalThis.crypto,
    console: { log: record('log'), info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug') },
  };
  const context = vm.createContext(sandbox);
  if (options.es2016BuiltInsOnly) {
    // What an ES2016 engine lacks of what the shared code calls.
    vm.runInContext(
      'delete globalThis.globalThis; delete Promise.prototype.finally; delete Array.prototype.flatMap; delete String.prototype.padStart; delete String.prototype.padEnd;',
      context,
    );
  }
  vm.runInContext(bundle, context, { filename: 'launchevent.js' });

  return {
    fake,
    associated,
    requests,
    logs,
    fire(name, { timeoutMs = 15_000 } = {}) {
      const handler = handlers.get(name);
      if (!handler) throw new Error(`the bundle did not associate ${name}`);
      const started = Date.now();
      return new Promise((resolve, reject) => {
        let calls = 0;
        let completedWith: unknown;
        const timer = setTimeout(() => reject(new Error(`${name} never called event.completed (logs: ${logs.join(' | ')})`)), timeoutMs);
        handler({
          completed(options?: unknown) {
            calls++;
            if (calls > 1) return;
            completedWith = options;
            // Give a stray second call a moment to show up.
            setTimeout(() => {
              clearTimeout(timer);
              resolve({ completedWith, calls, ms: Date.now() - started });
            }, 50);
          },
        });
      });
    },
  };
}
