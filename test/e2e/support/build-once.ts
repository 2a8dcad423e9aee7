import fs from 'node:fs';
import path from 'node:path';
import { buildOnce, newestMtime, runWebpack } from '../../../src/build/build-once';

export const REPO = path.resolve(__dirname, '../../..');
export const DIST = path.join(REPO, 'dist');
const ADMIN_INDEX = path.join(DIST, 'admin', 'index.html');
const SOURCES = [path.join(REPO, 'src/admin'), path.join(REPO, 'src/common'), path.join(REPO, 'webpack.admin.config.js')];
const LOCK = path.join(REPO, 'dist', '.admin-build.lock');

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

/** Builds the admin console once for the whole jest run: browser tests run the real bundle. */
export async function ensureAdminBuilt(): Promise<void> {
  await buildOnce({
    lockFile: LOCK,
    isStale: adminBuildIsStale,
    build: async (started) => {
      await runWebpack(['--config', path.join(REPO, 'webpack.admin.config.js')], { what: 'the admin console' });
      fs.utimesSync(ADMIN_INDEX, started, started);
    },
  });
}
