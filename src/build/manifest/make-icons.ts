/**
 * Writes assets/icon-16.png … icon-128.png: the sizes Outlook asks for (16, 32 and 80 for
 * commands, 64 for IconUrl, 128 for HighResolutionIconUrl).
 * Run: `npx tsx src/build/manifest/make-icons.ts [output-folder]` (default: ./assets).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawDocketIcon } from './draw-docket-icon';

export const iconSizes = [16, 32, 64, 80, 128] as const;

/** Encodes the icon at one size as PNG bytes. */
export function encodeDocketIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  png.data = Buffer.from(drawDocketIcon(size));
  return PNG.sync.write(png);
}

export function writeDocketIcons(folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  return iconSizes.map((size) => {
    const file = path.join(folder, `icon-${size}.png`);
    writeFileSync(file, encodeDocketIcon(size));
    return file;
  });
}

if (process.argv[1] !== undefined && path.basename(process.argv[1]).startsWith('make-icons')) {
  for (const file of writeDocketIcons(path.resolve(process.argv[2] ?? 'assets'))) process.stdout.write(`wrote ${file}\n`);
}
