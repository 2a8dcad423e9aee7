import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EventBundle } from './check-event-handler-registration';

/** Reads the given bundle files; paths in the result are as given. */
export function readEventBundles(files: readonly string[], cwd: string): EventBundle[] {
  return files.map((file) => ({ path: file, text: readFileSync(path.resolve(cwd, file), 'utf8') }));
}

/**
 * The event bundle to check handlers against when none is named: the built
 * `dist/launchevent.js` if there is one, else the TypeScript sources under
 * `src/addin/launchevent/`; empty when neither exists.
 */
export function locateEventBundles(projectRoot: string): EventBundle[] {
  const built = path.join('dist', 'launchevent.js');
  if (existsSync(path.join(projectRoot, built))) return readEventBundles([built], projectRoot);
  const sources = path.join('src', 'addin', 'launchevent');
  if (!existsSync(path.join(projectRoot, sources))) return [];
  return readEventBundles(typeScriptFilesUnder(projectRoot, sources), projectRoot);
}

function typeScriptFilesUnder(projectRoot: string, folder: string): string[] {
  const entries = readdirSync(path.join(projectRoot, folder), { withFileTypes: true }).sort((left, right) => left.name.localeCompare(right.name));
  return entries.flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFilesUnder(projectRoot, relative);
    return /\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [relative] : [];
  });
}
