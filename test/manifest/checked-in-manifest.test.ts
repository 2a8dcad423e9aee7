import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawDocketIcon } from '../../src/build/manifest/draw-docket-icon';
import { iconSizes } from '../../src/build/manifest/make-icons';
import { locateEventBundles } from '../../src/build/manifest/locate-event-bundles';
import { rewriteManifestOrigin } from '../../src/build/manifest/rewrite-origin';
import { assetsDir, checkedInManifest, repositoryRoot, validate } from './manifest-under-test';

describe('the checked-in manifest', () => {
  test('passes every offline check against an event bundle that registers both handlers', () => {
    expect(validate(checkedInManifest)).toEqual([]);
  });

  const launchEventSources = path.join(repositoryRoot, 'src', 'addin', 'launchevent');
  (existsSync(launchEventSources) ? test : test.skip)('passes against the real event handler sources in src/addin/launchevent', () => {
    const bundles = locateEventBundles(repositoryRoot);
    expect(bundles.length).toBeGreaterThan(0);
    expect(validate(checkedInManifest, { eventBundles: bundles })).toEqual([]);
  });

  test('still passes once rewritten for a production origin and checked against that origin', () => {
    const production = rewriteManifestOrigin(checkedInManifest, 'https://tracking.example.com');
    expect(validate(production, { expectedOrigin: 'https://tracking.example.com' })).toEqual([]);
  });

  test('is not accepted for an origin it does not point at', () => {
    const problems = validate(checkedInManifest, { expectedOrigin: 'https://tracking.example.com' });
    expect(problems).toContainEqual(
      expect.objectContaining({ rule: 'single-origin', message: expect.stringContaining("is on https://localhost:3000, but every URL must share the add-in's one origin https://tracking.example.com") }),
    );
  });

  test('declares OnMessageSend with SoftBlock so a backend outage never stops mail', () => {
    expect(checkedInManifest).toMatch(/<LaunchEvent Type="OnMessageSend" FunctionName="onMessageSendHandler" SendMode="SoftBlock"\/>/);
  });
});

describe('the checked-in icons', () => {
  test.each(iconSizes)('icon-%i.png is exactly what make-icons draws at that size', (size) => {
    const png = PNG.sync.read(readFileSync(path.join(assetsDir, `icon-${size}.png`)));
    expect([png.width, png.height]).toEqual([size, size]);
    expect(Buffer.from(png.data).equals(Buffer.from(drawDocketIcon(size)))).toBe(true);
  });
});
