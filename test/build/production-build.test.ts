import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { measureBudgets, pageScripts } from '../../src/build/bundle-budgets';
import { MISSING_ORIGIN_MESSAGE, resolveAddinOrigin, validateBuiltAddin } from '../../src/build/production-manifest';

const repositoryRoot = path.resolve(__dirname, '..', '..');
const ORIGIN = 'https://tracking.example.com';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

interface BuildOutcome { code: number; stdout: string; stderr: string }

/** `npm run build -- <args>`, as a user runs it (webpack-cli, the project's config), into `outputPath`. */
async function runBuild(args: string[], outputPath: string, environment: NodeJS.ProcessEnv = {}): Promise<BuildOutcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...environment };
  if (!('DOCKET_ORIGIN' in environment)) delete env.DOCKET_ORIGIN;
  const cli = path.join(repositoryRoot, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, '--mode', 'production', '--env', `outputPath=${outputPath}`, ...args], {
      cwd: repositoryRoot,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const temporaryDirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-build-'));
  temporaryDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the production build without an origin', () => {
  it('refuses to run, says how to give one, and writes nothing', async () => {
    const out = path.join(temporaryDir(), 'dist');
    const outcome = await runBuild([], out);
    expect(outcome.code).not.toBe(0);
    expect(outcome.stdout + outcome.stderr).toContain('--env origin=https://tracking.example.com');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an origin that is not a bare https origin', async () => {
    const outcome = await runBuild(['--env', 'origin=http://tracking.example.com/app'], path.join(temporaryDir(), 'dist'));
    expect(outcome.code).not.toBe(0);
    expect(outcome.stdout + outcome.stderr).toMatch(/must be an https origin without a path/);
  });
});

describe('the production build with DOCKET_ORIGIN', () => {
  it('takes the origin from the environment when none is given on the command line', async () => {
    const out = path.join(temporaryDir(), 'dist');
    const outcome = await runBuild(['--env', 'only=launchevent'], out, { DOCKET_ORIGIN: 'https://Docket.Example.org/' });
    expect(outcome.code).toBe(0);
    expect(readFileSync(path.join(out, 'launchevent.js'), 'utf8')).toContain('"https://docket.example.org"');
  }, 60_000);
});

describe('resolveAddinOrigin', () => {
  it('takes --env origin first, then DOCKET_ORIGIN, and normalises it', () => {
    expect(resolveAddinOrigin({ production: true, cliOrigin: 'https://A.example.com/', environmentOrigin: 'https://b.example.com' })).toBe('https://a.example.com');
    expect(resolveAddinOrigin({ production: true, environmentOrigin: 'https://b.example.com' })).toBe('https://b.example.com');
  });

  it('uses https://localhost:3000 for a development build, whatever DOCKET_ORIGIN says, and nothing for a production one', () => {
    expect(resolveAddinOrigin({ production: false })).toBe('https://localhost:3000');
    expect(resolveAddinOrigin({ production: false, environmentOrigin: 'https://tracking.example.com' })).toBe('https://localhost:3000');
    expect(() => resolveAddinOrigin({ production: true, cliOrigin: ' ' })).toThrow(MISSING_ORIGIN_MESSAGE);
  });
});

describe('pageScripts', () => {
  it('lists the page scripts except Office.js from the CDN', () => {
    const html = `<script src="${OFFICE_JS}"></script><script defer src="taskpane.1234abcd.js"></script><script src="/vendor.js?v=1"></script>`;
    expect(pageScripts(html)).toEqual(['taskpane.1234abcd.js', 'vendor.js']);
  });
});

describe(`npm run build -- --env origin=${ORIGIN}`, () => {
  let dist: string;
  let buildSeconds: number;

  beforeAll(async () => {
    dist = path.join(temporaryDir(), 'dist');
    const started = Date.now();
    const outcome = await runBuild(['--env', `origin=${ORIGIN}`], dist);
    buildSeconds = (Date.now() - started) / 1000;
    if (outcome.code !== 0) throw new Error(`the production build failed:\n${outcome.stdout}\n${outcome.stderr}`);
  }, 180_000);

  const read = (file: string) => readFileSync(path.join(dist, file), 'utf8');

  it('writes the add-in files', () => {
    for (const file of ['manifest.xml', 'taskpane.html', 'launchevent.html', 'launchevent.js', 'support.html', '.well-known/microsoft-officeaddins-allowed.json']) {
      expect(existsSync(path.join(dist, file))).toBe(true);
    }
    expect(readdirSync(path.join(dist, 'assets')).sort()).toEqual(['icon-128.png', 'icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']);
    expect(buildSeconds).toBeLessThan(120);
  });

  it('writes a manifest with only that origin, AppDomains included', () => {
    const manifest = read('manifest.xml');
    expect(manifest).not.toContain('localhost');
    // Every URL but the XML namespace names (xmlns="http://schemas.microsoft.com/…").
    const withoutNamespaces = manifest.replace(/\sxmlns(?::\w+)?="[^"]*"/g, '');
    const origins = new Set([...withoutNamespaces.matchAll(/https?:\/\/[^\s"'<>/;]+/g)].map((match) => new URL(match[0]).origin));
    expect([...origins]).toEqual([ORIGIN]);
    expect(manifest).toContain(`<AppDomain>${ORIGIN}</AppDomain>`);
    expect(manifest).toContain(`<bt:Url id="JSRuntime.Url" DefaultValue="${ORIGIN}/launchevent.js"/>`);
  });

  it('writes a manifest that passes the validator against the built event bundle', () => {
    expect(validateBuiltAddin(dist, ORIGIN)).toEqual([]);
  });

  it('would fail validation for a manifest left on another origin', () => {
    const copy = path.join(temporaryDir(), 'tampered');
    cpSync(dist, copy, { recursive: true });
    writeFileSync(path.join(copy, 'manifest.xml'), read('manifest.xml').replace(`${ORIGIN}/support.html`, 'https://localhost:3000/support.html'));
    expect(validateBuiltAddin(copy, ORIGIN).join('\n')).toMatch(/single-origin|every URL must share/);
  });

  it('writes the well-known file that allows the event bundle CORS in classic Outlook on Windows', () => {
    expect(JSON.parse(read('.well-known/microsoft-officeaddins-allowed.json'))).toEqual({ allowed: [`${ORIGIN}/launchevent.js`] });
  });

  it("loads Office.js from Microsoft's CDN on every page that needs it", () => {
    const taskpane = read('taskpane.html');
    expect(taskpane).toContain(`<script src="${OFFICE_JS}"></script>`);
    expect(pageScripts(taskpane).length).toBeGreaterThan(0);
    const launchevent = read('launchevent.html');
    expect(launchevent.indexOf(OFFICE_JS)).toBeGreaterThan(0);
    expect(launchevent.indexOf(OFFICE_JS)).toBeLessThan(launchevent.indexOf('src="launchevent.js"'));
    expect(read('support.html')).not.toContain('<script');
  });

  it('bakes the origin into the event bundle as the API base', () => {
    const bundle = read('launchevent.js');
    expect(bundle).toContain(`"${ORIGIN}"`);
    expect(bundle).not.toContain('localhost');
  });

  it('keeps the event bundle under its 15 KB gzip budget', () => {
    const [eventBundle] = measureBudgets(dist);
    expect(eventBundle!.budget.name).toBe('event bundle');
    expect(eventBundle!.gzipBytes).toBeLessThan(15 * 1024);
  });
});
