import fs from 'node:fs';
import path from 'node:path';
import { buildOnce, newestMtime, runWebpack } from '../../build/build-once';

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
    // The page bundles src/sandbox/common, src/common and the console's admin API client too.
    sources: ['src/sandbox/host', 'src/sandbox/common', 'src/common', 'src/admin/api', 'webpack.sandbox.config.js'].map((source) => path.join(REPOSITORY_ROOT, source)),
  },
];

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

/**
 * Builds what the sandbox serves, once for everyone asking: the real add-in (taskpane,
 * launchevent) and the sandbox page with its Office shim. Test workers and `npm run sandbox`
 * may ask at the same time; a lock file lets one build while the others wait and re-check.
 */
export async function ensureSandboxBuilt(options: { parts?: ReadonlyArray<Part['name']>; log?: (line: string) => void } = {}): Promise<void> {
  const wanted = options.parts ?? ['addin', 'host'];
  const log = options.log ?? (() => undefined);
  await buildOnce({
    lockFile: LOCK,
    isStale: () => staleSandboxParts(wanted).length > 0,
    build: async (started) => {
      const parts = staleSandboxParts(wanted);
      log(`Building the sandbox (${parts.join(' and ')})…`);
      const environment: NodeJS.ProcessEnv = { ...process.env };
      // The sandbox signs in with local tokens and serves the add-in on its own origin.
      delete environment.DOCKET_ENTRA_CLIENT_ID;
      delete environment.DOCKET_ORIGIN;
      await runWebpack(['--config', path.join(REPOSITORY_ROOT, 'webpack.sandbox.config.js'), '--mode', 'production', '--env', `parts=${parts.join(',')}`], {
        what: 'the sandbox',
        env: environment,
      });
      for (const name of parts) {
        const part = PARTS.find((candidate) => candidate.name === name)!;
        const stamp = path.join(part.output, STAMP);
        fs.writeFileSync(stamp, `${started.toISOString()}\n`);
        fs.utimesSync(stamp, started, started);
      }
      log('Sandbox built.');
    },
  });
}
