/** The checked-in manifest and ways to break it, shared by the manifest tests. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventBundle } from '../../src/build/manifest/check-event-handler-registration';
import type { ManifestProblem, ManifestRule } from '../../src/build/manifest/manifest-problem';
import { validateManifest } from '../../src/build/manifest/validate-manifest';

export const repositoryRoot = path.resolve(__dirname, '..', '..');
export const manifestPath = path.join(repositoryRoot, 'manifest.xml');
export const assetsDir = path.join(repositoryRoot, 'assets');
export const fixtureBundlePath = path.join(repositoryRoot, 'test', 'fixtures', 'manifest', 'launchevent-bundle.js');

export const checkedInManifest = readFileSync(manifestPath, 'utf8');
export const fixtureBundle: EventBundle = { path: 'test/fixtures/manifest/launchevent-bundle.js', text: readFileSync(fixtureBundlePath, 'utf8') };

export interface ValidateOptions {
  assetsDir?: string;
  eventBundles?: readonly EventBundle[];
  expectedOrigin?: string;
}

/** Validates manifest text as if it were the checked-in manifest, with the fixture event bundle unless told otherwise. */
export function validate(xml: string, options: ValidateOptions = {}): ManifestProblem[] {
  return validateManifest({
    xml,
    manifestPath,
    assetsDir: options.assetsDir ?? assetsDir,
    eventBundles: options.eventBundles ?? [fixtureBundle],
    ...(options.expectedOrigin === undefined ? {} : { expectedOrigin: options.expectedOrigin }),
  });
}

/** Replaces the first occurrence, failing loudly when the text is not there (so a test never checks an unbroken manifest). */
export function replaceFirst(xml: string, from: string, to: string): string {
  const index = xml.indexOf(from);
  if (index === -1) throw new Error(`test setup: "${from}" is not in the manifest`);
  return xml.slice(0, index) + to + xml.slice(index + from.length);
}

/** Replaces the last occurrence: in this manifest, the one inside VersionOverrides 1.1. */
export function replaceLast(xml: string, from: string, to: string): string {
  const index = xml.lastIndexOf(from);
  if (index === -1) throw new Error(`test setup: "${from}" is not in the manifest`);
  return xml.slice(0, index) + to + xml.slice(index + from.length);
}

/** The problems of one rule, for readable assertion failures. */
export function problemsOf(problems: readonly ManifestProblem[], rule: ManifestRule): string[] {
  return problems.filter((problem) => problem.rule === rule).map((problem) => problem.message);
}

/** A temporary copy of the assets folder that a test may damage. */
export function copyOfAssets(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-assets-'));
  for (const size of [16, 32, 64, 80, 128]) copyFileSync(path.join(assetsDir, `icon-${size}.png`), path.join(dir, `icon-${size}.png`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
