import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assetsDir, checkedInManifest, fixtureBundlePath, replaceFirst, repositoryRoot } from './manifest-under-test';

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'docket-validate-cli-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function runValidate(args: string[]): { status: number | null; output: string } {
  const result = spawnSync('npx', ['tsx', 'src/build/manifest/validate-cli.ts', ...args], { cwd: repositoryRoot, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function writeManifest(name: string, xml: string): string {
  const file = path.join(workDir, name);
  writeFileSync(file, xml);
  return file;
}

describe('npm run validate', () => {
  test('exits 0 with an ok line for the good manifest', () => {
    const file = writeManifest('good.xml', checkedInManifest);
    const { status, output } = runValidate([file, '--bundle', fixtureBundlePath, '--assets', assetsDir]);
    expect(output).toContain(`${file}: ok`);
    expect(status).toBe(0);
  });

  test('exits 1 and prints one line per problem, prefixed with the manifest path, for a broken manifest', () => {
    const broken = replaceFirst(replaceFirst(checkedInManifest, 'SendMode="SoftBlock"', 'SendMode="Block"'), '<Version>1.0.0.0</Version>', '<Version>1.0</Version>');
    const file = writeManifest('broken.xml', broken);
    const { status, output } = runValidate([file, '--bundle', fixtureBundlePath, '--assets', assetsDir]);
    expect(output).toContain(`${file}: <Version> "1.0" must have exactly four numeric parts`);
    expect(output).toContain(`${file}: OnMessageSend must set SendMode="SoftBlock" (found SendMode="Block")`);
    expect(output).toContain(`${file}: 2 problems`);
    expect(status).toBe(1);
  });

  test('exits 1 when the bundle does not register a LaunchEvent handler', () => {
    const bundle = path.join(workDir, 'empty-bundle.js');
    writeFileSync(bundle, '// no handlers registered\n');
    const { status, output } = runValidate(['manifest.xml', '--bundle', bundle]);
    expect(output).toContain('manifest.xml: LaunchEvent Type="OnMessageSend" FunctionName="onMessageSendHandler" is not registered');
    expect(status).toBe(1);
  });

  test('exits 2 with the usage for an unknown option', () => {
    const { status, output } = runValidate(['--bundel', fixtureBundlePath]);
    expect(output).toContain('unknown option --bundel');
    expect(output).toContain('usage: npm run validate');
    expect(status).toBe(2);
  });
});
