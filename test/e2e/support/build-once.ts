import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO = path.resolve(__dirname, '../../..');
export const DIST = path.join(REPO, 'dist');
const ADMIN_INDEX = path.join(DIST, 'admin', 'index.html');
const SOURCES = [path.join(REPO, 'src/admin'), path.join(REPO, 'src/common'), path.join(REPO, 'webpack.admin.config.js')];
const LOCK = path.join(REPO, 'dist', '.admin-build.lock');
/** A lock older than this belongs to a run that died; the build itself takes well under a minute. */
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** An Entra build (DOCKET_ENTRA_CLIENT_ID set) carries an MSAL chunk; the tests sign in with local tokens. */
function builtWithEntra(): boolean {
  return fs.readdirSync(path.dirname(ADMIN_INDEX)).some((file) => file.startsWith('msal.'));
}

/** True when dist/admin is missing, older than a source it is built from, or built for another sign-in. */
export function adminBuildIsStale(): boolean {
  const built = fs.statSync(ADMIN_INDEX, { throwIfNoEntry: false });
  if (!built) return true;
  if (builtWithEntra() !== Boolean(process.env.DOCKET_ENTRA_CLIENT_ID)) return true;
  return SOURCES.some((source) => newestMtime(source) > built.mtimeMs);
}

function tryLock(): boolean {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
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
 * Builds the admin console once for the whole jest run: browser tests run the real bundle.
 * Two workers may ask at once; a lock file makes one build while the other waits and re-checks.
 */
export async function ensureAdminBuilt(): Promise<void> {
  for (;;) {
    if (!adminBuildIsStale()) return;
    if (tryLock()) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    if (!adminBuildIsStale()) return;
    // Stamp the output with the moment the build started: a source saved during the build stays newer, so the next run rebuilds.
    const started = new Date();
    const webpack = require.resolve('webpack-cli/bin/cli.js', { paths: [REPO] });
    await run(process.execPath, [webpack, '--config', path.join(REPO, 'webpack.admin.config.js')], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`Building the admin console failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
      },
    );
    fs.utimesSync(ADMIN_INDEX, started, started);
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}
