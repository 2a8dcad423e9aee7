import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element } from '@xmldom/xmldom';
import type { ManifestUrl } from './collect-manifest-urls';
import type { ManifestProblem } from './manifest-problem';
import { readPngSize } from './read-png-size';
import { attributeOf, closestElement, descendantElements, nameOf, parentElementOf, problemAt } from './xml-elements';

/** Microsoft's sizes for an Outlook add-in's own icons. */
const ICON_URL_SIZE = 64;
const HIGH_RESOLUTION_ICON_URL_SIZE = 128;
/** Every command icon must come in these sizes. */
const REQUIRED_COMMAND_ICON_SIZES = [16, 32, 80];

const ASSETS_PATH_PREFIX = '/assets/';

/**
 * Icons served by the add-in from /assets/ exist in `assetsDir`, are PNGs, and have the pixel
 * size their use declares (`bt:Image size` in commands; 64 for IconUrl, 128 for
 * HighResolutionIconUrl). Every command `<Icon>` has the 16, 32 and 80 sizes.
 */
export function checkIconFiles(root: Element, urls: readonly ManifestUrl[], origin: string | undefined, assetsDir: string): ManifestProblem[] {
  const problems: ManifestProblem[] = [...checkCommandIconSizes(root)];
  if (origin === undefined) return problems;
  for (const entry of urls) {
    const sizes = declaredSizes(entry, problems);
    if (sizes === undefined) continue;
    const file = assetFileFor(entry.parsed, origin, assetsDir);
    if (file === undefined) continue;
    problems.push(...checkIconFile(entry, file, sizes));
  }
  return problems;
}

function checkCommandIconSizes(root: Element): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const icon of descendantElements(root, 'Icon')) {
    const sizes = new Set(descendantElements(icon, 'Image').map((image) => Number(attributeOf(image, 'size'))));
    const missing = REQUIRED_COMMAND_ICON_SIZES.filter((size) => !sizes.has(size));
    if (missing.length > 0) {
      const control = closestElement(icon, 'Control');
      const owner = control ? `<Control id="${attributeOf(control, 'id') ?? ''}">` : '<Icon>';
      problems.push(problemAt('icon-sizes', icon, `the <Icon> of ${owner} lacks the required size(s) ${missing.join(', ')} (Outlook needs ${REQUIRED_COMMAND_ICON_SIZES.join(', ')})`));
    }
  }
  return problems;
}

/** The pixel size(s) a URL's image must have; undefined when it is not an icon. */
function declaredSizes(entry: ManifestUrl, problems: ManifestProblem[]): number[] | undefined {
  if (entry.kind === 'icon') return [ICON_URL_SIZE];
  if (entry.kind === 'high-resolution-icon') return [HIGH_RESOLUTION_ICON_URL_SIZE];
  if (entry.kind !== 'image-resource') return undefined;
  const resource = nameOf(entry.element) === 'Override' ? parentElementOf(entry.element) : entry.element;
  const id = resource ? attributeOf(resource, 'id') : undefined;
  const versionOverrides = resource ? closestElement(resource, 'VersionOverrides') : undefined;
  if (id === undefined || !versionOverrides) return [];
  const sizes = new Set(
    descendantElements(versionOverrides, 'Image')
      .filter((image) => nameOf(parentElementOf(image) ?? image) === 'Icon' && attributeOf(image, 'resid') === id)
      .filter((image) => closestElement(image, 'VersionOverrides') === versionOverrides)
      .map((image) => Number(attributeOf(image, 'size'))),
  );
  if (sizes.size > 1) {
    problems.push(problemAt('icon-file', entry.element, `${entry.label} is used at sizes ${[...sizes].join(' and ')}; one image file has one pixel size, so give each size its own resource`));
    return [];
  }
  return [...sizes];
}

/** The file under `assetsDir` an https://<origin>/assets/… URL is served from, if it is one. */
function assetFileFor(parsed: URL | undefined, origin: string, assetsDir: string): string | undefined {
  if (!parsed || parsed.origin !== origin || !parsed.pathname.startsWith(ASSETS_PATH_PREFIX)) return undefined;
  const relative = decodeURIComponent(parsed.pathname.slice(ASSETS_PATH_PREFIX.length));
  const file = path.resolve(assetsDir, relative);
  // A URL like /assets/../secret must not reach outside the assets folder.
  return path.relative(path.resolve(assetsDir), file).startsWith('..') ? undefined : file;
}

function checkIconFile(entry: ManifestUrl, file: string, sizes: number[]): ManifestProblem[] {
  if (!existsSync(file) || !statSync(file).isFile()) {
    return [problemAt('icon-file', entry.element, `${entry.label} points at ${entry.url}, but the file ${file} does not exist`)];
  }
  const size = readPngSize(readFileSync(file));
  if (!size) return [problemAt('icon-file', entry.element, `${entry.label} points at ${file}, which is not a PNG file`)];
  const expected = sizes[0];
  if (expected === undefined || !Number.isFinite(expected)) return [];
  if (size.width !== expected || size.height !== expected) {
    return [
      problemAt(
        'icon-file',
        entry.element,
        `${entry.label} points at ${file}, which is ${size.width}x${size.height} pixels; its use declares ${expected}x${expected}`,
      ),
    ];
  }
  return [];
}
