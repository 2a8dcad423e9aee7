import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
/** A lock older than this was left by a run that died; the builds it guards take well under a minute. */
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time of a file, or of anything in a folder (0 when it does not exist). */
export function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function tryLock(lockFile: string): boolean {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const stat = fs.statSync(lockFile, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) fs.rmSync(lockFile, { force: true });
    return false;
  }
}

/**
 * Runs `build` when `isStale` says so, once for every process asking at the same time (jest
 * workers, `npm run sandbox`): a lock file lets one build while the others wait and look again.
 * `build` gets the moment it started, to stamp its output with: a source saved during the build
 * stays newer than the stamp, so the next run builds again.
 */
export async function buildOnce(options: { lockFile: string; isStale: () => boolean; build: (started: Date) => Promise<void> }): Promise<void> {
  for (;;) {
    if (!options.isStale()) return;
    if (tryLock(options.lockFile)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    if (options.isStale()) await options.build(new Date());
  } finally {
    fs.rmSync(options.lockFile, { force: true });
  }
}

/** Runs webpack-cli from this repository; a failure carries webpack's own output. */
export async function runWebpack(args: string[], options: { what: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  const webpack = require.resolve('webpack-cli/bin/cli.js', { paths: [REPOSITORY_ROOT] });
  await promisify(execFile)(process.execPath, [webpack, ...args], { cwd: REPOSITORY_ROOT, env: options.env ?? process.env, maxBuffer: 32 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`Building ${options.what} failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
    },
  );
}
