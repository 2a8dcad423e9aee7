import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registeredEventHandlers } from '../../src/build/manifest/check-event-handler-registration';
import { locateEventBundles } from '../../src/build/manifest/locate-event-bundles';
import { encodeDocketIcon } from '../../src/build/manifest/make-icons';
import { readPngSize } from '../../src/build/manifest/read-png-size';

describe('registeredEventHandlers', () => {
  test('finds names associated with any quote style and spacing, including minified code', () => {
    const text = [
      'Office.actions.associate("onMessageSendHandler", onMessageSendHandler);',
      "Office . actions . associate( 'onNewMessageComposeHandler' , handler)",
      'Office.actions.associate(`onInfoBarDismissed`,x);Office.actions.associate("b",y)',
    ].join('\n');
    expect([...registeredEventHandlers(text)].sort()).toEqual(['b', 'onInfoBarDismissed', 'onMessageSendHandler', 'onNewMessageComposeHandler']);
  });

  test('does not count a name that is only mentioned, not associated', () => {
    expect(registeredEventHandlers('function onMessageSendHandler(event) { event.completed(); }').size).toBe(0);
  });
});

describe('readPngSize', () => {
  test('reads width and height from a PNG header', () => {
    expect(readPngSize(encodeDocketIcon(80))).toEqual({ width: 80, height: 80 });
  });

  test('returns undefined for bytes that are not a PNG', () => {
    expect(readPngSize(Buffer.from('GIF89a and then some more bytes'))).toBeUndefined();
    expect(readPngSize(new Uint8Array(4))).toBeUndefined();
  });
});

describe('locateEventBundles', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'docket-bundles-'));
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  test('finds nothing in a project with neither a built bundle nor event sources', () => {
    expect(locateEventBundles(project)).toEqual([]);
  });

  test('reads every TypeScript source under src/addin/launchevent when nothing is built', () => {
    mkdirSync(path.join(project, 'src', 'addin', 'launchevent', 'handlers'), { recursive: true });
    writeFileSync(path.join(project, 'src', 'addin', 'launchevent', 'index.ts'), 'Office.actions.associate("a", a);');
    writeFileSync(path.join(project, 'src', 'addin', 'launchevent', 'handlers', 'send.ts'), 'export const x = 1;');
    writeFileSync(path.join(project, 'src', 'addin', 'launchevent', 'notes.md'), 'not code');
    expect(locateEventBundles(project).map((bundle) => bundle.path)).toEqual([
      path.join('src', 'addin', 'launchevent', 'handlers', 'send.ts'),
      path.join('src', 'addin', 'launchevent', 'index.ts'),
    ]);
  });

  test('prefers the built dist/launchevent.js over the sources', () => {
    mkdirSync(path.join(project, 'src', 'addin', 'launchevent'), { recursive: true });
    writeFileSync(path.join(project, 'src', 'addin', 'launchevent', 'index.ts'), '');
    mkdirSync(path.join(project, 'dist'));
    writeFileSync(path.join(project, 'dist', 'launchevent.js'), 'Office.actions.associate("a",a)');
    expect(locateEventBundles(project)).toEqual([{ path: path.join('dist', 'launchevent.js'), text: 'Office.actions.associate("a",a)' }]);
  });
});
