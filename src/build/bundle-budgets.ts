/**
 * `npm run budgets`: builds the add-in for production into a temporary folder (or measures
 * `--dist <dir>`), prints the gzip size of what Outlook loads against its budget, and exits
 * non-zero when a bundle is over. For a bundle over budget it lists what weighs in it.
 *
 *   event bundle      dist/launchevent.js                                  < 15 KB gzip
 *   task pane         every <script> of taskpane.html except office.js     < 150 KB gzip
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runWebpack } from './build-once';
import { EVENT_BUNDLE_FILE } from './production-manifest';

const KB = 1024;
/** The origin of a build made only to be measured; it never ships. */
const MEASURING_ORIGIN = 'https://budgets.docket.invalid';

export interface Budget {
  name: string;
  /** The source entry behind these files, and the syntax level it is built for. */
  entry: string;
  target: string;
  limitBytes: number;
  /** The files to measure, relative to the build folder. */
  files(buildDir: string): string[];
}

export interface BudgetResult {
  budget: Budget;
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  bytes: number;
  gzipBytes: number;
  over: boolean;
}

/** The scripts a page loads before it runs, except Office.js (from Microsoft's CDN, not ours to shrink). */
export function pageScripts(html: string): string[] {
  const sources: string[] = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)) {
    const source = match[1]!;
    if (/^https:\/\/appsforoffice\.microsoft\.com\//i.test(source)) continue;
    if (/^[a-z]+:|^\/\//i.test(source)) throw new Error(`taskpane.html loads ${source} from another origin: it cannot be measured`);
    sources.push(source.replace(/^\/+/, '').replace(/[?#].*$/, ''));
  }
  return sources;
}

export const BUDGETS: Budget[] = [
  { name: 'event bundle', entry: 'src/addin/launchevent/launchevent.ts', target: 'es2016', limitBytes: 15 * KB, files: () => [EVENT_BUNDLE_FILE] },
  {
    name: 'task pane, before first render',
    entry: 'src/addin/taskpane/index.tsx',
    target: 'es2020',
    limitBytes: 150 * KB,
    files: (buildDir) => pageScripts(readFileSync(path.join(buildDir, 'taskpane.html'), 'utf8')),
  },
];

export function measureBudgets(buildDir: string, budgets: Budget[] = BUDGETS): BudgetResult[] {
  return budgets.map((budget) => {
    const files = budget.files(buildDir).map((file) => {
      const content = readFileSync(path.join(buildDir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
    const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
    const gzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
    return { budget, files, bytes, gzipBytes, over: gzipBytes > budget.limitBytes };
  });
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);

export function formatBudgetTable(results: BudgetResult[]): string {
  const rows = [['bundle', 'files', 'raw KB', 'gzip KB', 'budget KB', 'status']];
  for (const result of results) {
    const status = result.over ? `OVER by ${kb(result.gzipBytes - result.budget.limitBytes)} KB` : 'ok';
    rows.push([result.budget.name, result.files.map((file) => file.file).join(' '), kb(result.bytes), kb(result.gzipBytes), kb(result.budget.limitBytes), status]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column >= 2 && column <= 4 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd()).join('\n');
}

/** `node_modules/@fluentui/react-button/…` → `@fluentui/react-button`; our sources by folder. */
export function packageOf(inputPath: string): string {
  const inNodeModules = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath);
  if (inNodeModules) return inNodeModules[1]!;
  const ours = /^(src\/[^/]+\/[^/]+)/.exec(inputPath);
  return ours ? ours[1]! : inputPath;
}

/**
 * What weighs in a budget's files, by package: the bytes each package leaves in the minified,
 * tree-shaken output, with a gzip share in proportion. Webpack's stats only know module sizes
 * before tree shaking and minification (2 MB for an icon package of which a few icons remain),
 * so the same entry is bundled once more with esbuild, whose metafile counts output bytes per
 * input; code loaded later with `import()` stays out, as in the webpack build.
 */
export async function weighBudget(result: BudgetResult, projectRoot: string): Promise<string> {
  const { build } = await import('esbuild');
  const built = await build({
    absWorkingDir: projectRoot,
    entryPoints: [result.budget.entry],
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: result.budget.target,
    jsx: 'automatic',
    define: { __DOCKET_API_ORIGIN__: JSON.stringify(MEASURING_ORIGIN), __DOCKET_ENTRA_CLIENT_ID__: '""', 'process.env.NODE_ENV': '"production"' },
    outdir: 'budget-analysis',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = built.metafile.outputs;
  const entryOutput = Object.keys(outputs).find((file) => outputs[file]!.entryPoint === result.budget.entry);
  if (!entryOutput) return `Could not find the output of ${result.budget.entry} to weigh it.`;
  // The entry and everything it imports statically: what loads before first render.
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file) || !outputs[file]) return;
    initial.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryOutput);
  const byPackage = new Map<string, number>();
  for (const file of initial) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) {
      byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  const total = [...byPackage.values()].reduce((sum, bytes) => sum + bytes, 0) || 1;
  const lines = [`What is in the ${result.budget.name}, by package (minified bytes after tree shaking; gzip in proportion to the measured ${kb(result.gzipBytes)} KB):`];
  for (const [name, bytes] of [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    const share = bytes / total;
    lines.push(`  ${kb(bytes).padStart(7)} KB  ${(share * 100).toFixed(1).padStart(5)} %  ≈${kb(share * result.gzipBytes).padStart(6)} KB gzip  ${name}`);
  }
  return lines.join('\n');
}

/** A production build for measuring only: the origin is a placeholder that never ships. */
function buildForMeasuring(outputPath: string): Promise<void> {
  return runWebpack(['--mode', 'production', '--env', `origin=${MEASURING_ORIGIN}`, '--env', `outputPath=${outputPath}`], { what: 'the add-in to measure it' });
}

export async function runBudgets(args: string[], out: (line: string) => void): Promise<number> {
  const distIndex = args.indexOf('--dist');
  const given = distIndex >= 0 ? args[distIndex + 1] : undefined;
  if (distIndex >= 0 && !given) {
    out('usage: npm run budgets [-- --dist <built add-in folder>]');
    return 2;
  }
  const buildDir = given ? path.resolve(given) : mkdtempSync(path.join(os.tmpdir(), 'docket-budgets-'));
  try {
    if (!given) {
      out('Building the add-in for production (placeholder origin) to measure it…');
      await buildForMeasuring(buildDir);
    }
    const results = measureBudgets(buildDir);
    out(formatBudgetTable(results));
    for (const result of results.filter((candidate) => candidate.over)) {
      out('');
      out(await weighBudget(result, path.resolve(__dirname, '..', '..')));
    }
    return results.some((result) => result.over) ? 1 : 0;
  } finally {
    if (!given) rmSync(buildDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runBudgets(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`budgets: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
