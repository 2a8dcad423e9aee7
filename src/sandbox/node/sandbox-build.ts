import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * The sandbox's own build folder. The add-in is built here with the project's webpack.config.js
 * (production mode, the bundles that ship) rather than into dist/: that config empties its
 * output folder first, and dist/admin must not vanish under a test that is using it.
 */
export const SANDBOX_BUILD_DIR = path.join(REPOSITORY_ROOT, 'dist', 'sandbox');
export const ADDIN_BUILD_DIR = path.join(SANDBOX_BUILD_DIR, 'addin');
export const HOST_BUILD_DIR = path.join(SANDBOX_BUILD_DIR, 'host');

const LOCK = path.join(SANDBOX_BUILD_DIR, '.build.lock');
/** A lock older than this was left by a run that died; a build takes well under a minute. */
const STALE_LOCK_MS = 5 * 60_000;
const STAMP = '.built-at';

interface Part {
  name: 'addin' | 'host';
  output: string;
  /** Files the output must hold. */
  files: string[];
  sources: string[];
}

const PARTS: Part[] = [
  {
    name: 'addin',
    output: ADDIN_BUILD_DIR,
    files: ['taskpane.html', 'launchevent.html', 'launchevent.js', 'manifest.xml'],
    sources: ['src/addin', 'src/common', 'src/build', 'manifest.xml', 'assets', 'webpack.config.js', 'webpack.sandbox.config.js'].map((source) => path.join(REPOSITORY_ROOT, source)),
  },
  {
    name: 'host',
    output: HOST_BUILD_DIR,
    files: ['index.html', 'sandbox.js', 'office-shim.js'],
    sources: ['src/sandbox/host', 'webpack.sandbox.config.js'].map((source) => path.join(REPOSITORY_ROOT, source)),
  },
];

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isStale(part: Part): boolean {
  const stamp = fs.statSync(path.join(part.output, STAMP), { throwIfNoEntry: false });
  if (!stamp) return true;
  if (part.files.some((file) => !fs.existsSync(path.join(part.output, file)))) return true;
  return part.sources.some((source) => newestMtime(source) > stamp.mtimeMs);
}

/** The parts of the sandbox build that are missing or older than a source they are built from. */
export function staleSandboxParts(wanted: ReadonlyArray<Part['name']> = ['addin', 'host']): Array<Part['name']> {
  return PARTS.filter((part) => wanted.includes(part.name) && isStale(part)).map((part) => part.name);
}

function tryLock(): boolean {
  fs.mkdirSync(SANDBOX_BUILD_DIR, { recursive: true });
  try {
    fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const stat = fs.statSync(LOCK, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { force: true });
    return false;
  }
}

/**
 * Builds what the sandbox serves, once for everyone asking: the real add-in (taskpane,
 * launchevent) and the sandbox page with its Office shim. Test workers and `npm run sandbox`
 * may ask at the same time; a lock file lets one build while the others wait and re-check.
 */
export async function ensureSandboxBuilt(options: { parts?: ReadonlyArray<Part['name']>; log?: (line: string) => void } = {}): Promise<void> {
  const wanted = options.parts ?? ['addin', 'host'];
  const log = options.log ?? (() => undefined);
  for (;;) {
    if (staleSandboxParts(wanted).length === 0) return;
    if (tryLock()) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    const parts = staleSandboxParts(wanted);
    if (parts.length === 0) return;
    // Stamp with the moment the build started: a source saved during the build stays newer, so the next run rebuilds.
    const started = new Date();
    log(`Building the sandbox (${parts.join(' and ')})…`);
    const environment: NodeJS.ProcessEnv = { ...process.env };
    // The sandbox signs in with local tokens and serves the add-in on its own origin.
    delete environment.DOCKET_ENTRA_CLIENT_ID;
    delete environment.DOCKET_ORIGIN;
    const webpack = require.resolve('webpack-cli/bin/cli.js', { paths: [REPOSITORY_ROOT] });
    await run(process.execPath, [webpack, '--config', path.join(REPOSITORY_ROOT, 'webpack.sandbox.config.js'), '--mode', 'production', '--env', `parts=${parts.join(',')}`], {
      cwd: REPOSITORY_ROOT,
      env: environment,
      maxBuffer: 32 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`Building the sandbox failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
    });
    for (const name of parts) {
      const part = PARTS.find((candidate) => candidate.name === name)!;
      const stamp = path.join(part.output, STAMP);
      fs.writeFileSync(stamp, `${started.toISOString()}\n`);
      fs.utimesSync(stamp, started, started);
    }
    log('Sandbox built.');
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}
