import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EventBundle } from './check-event-handler-registration';
import { locateEventBundles, readEventBundles } from './locate-event-bundles';
import { formatManifestProblem } from './manifest-problem';
import { validateManifest } from './validate-manifest';

export const validateUsage = 'usage: npm run validate -- [manifest.xml] [--bundle <file>]... [--origin https://host] [--assets <dir>]';

interface CliOptions {
  manifestPath: string;
  bundles: string[];
  origin?: string;
  assetsDir?: string;
}

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `npm run validate`: checks a manifest offline and prints one line per problem.
 * Returns the exit code: 0 when clean, 1 when anything is wrong, 2 for a usage error.
 */
export function runValidateCli(args: readonly string[], cwd: string, output: CliOutput): number {
  const options = parseArguments(args);
  if (typeof options === 'string') {
    output.err(options);
    output.err(validateUsage);
    return 2;
  }
  const displayPath = options.manifestPath;

  let xml: string;
  let bundles: EventBundle[];
  try {
    xml = readFileSync(path.resolve(cwd, options.manifestPath), 'utf8');
  } catch (error) {
    output.err(`${displayPath}: cannot read the manifest: ${(error as Error).message}`);
    return 1;
  }
  try {
    bundles = options.bundles.length > 0 ? readEventBundles(options.bundles, cwd) : locateEventBundles(cwd);
  } catch (error) {
    output.err(`${displayPath}: cannot read an event bundle: ${(error as Error).message}`);
    return 1;
  }

  const problems = validateManifest({
    xml,
    manifestPath: path.resolve(cwd, options.manifestPath),
    eventBundles: bundles,
    ...(options.assetsDir === undefined ? {} : { assetsDir: path.resolve(cwd, options.assetsDir) }),
    ...(options.origin === undefined ? {} : { expectedOrigin: options.origin }),
  });
  for (const problem of problems) output.out(formatManifestProblem(displayPath, problem));
  if (problems.length > 0) {
    output.out(`${displayPath}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    return 1;
  }
  const checkedAgainst = bundles.map((bundle) => bundle.path).join(', ') || 'no event bundle (no LaunchEvent)';
  output.out(`${displayPath}: ok (event handlers checked against ${checkedAgainst})`);
  return 0;
}

function parseArguments(args: readonly string[]): CliOptions | string {
  const options: CliOptions = { manifestPath: 'manifest.xml', bundles: [] };
  let manifestGiven = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    const takeValue = (): string | undefined => {
      index += 1;
      return args[index];
    };
    if (arg === '--bundle' || arg === '--origin' || arg === '--assets') {
      const value = takeValue();
      if (value === undefined) return `${arg} needs a value`;
      if (arg === '--bundle') options.bundles.push(value);
      else if (arg === '--origin') options.origin = value;
      else options.assetsDir = value;
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else if (manifestGiven) {
      return `only one manifest path may be given (got ${options.manifestPath} and ${arg})`;
    } else {
      options.manifestPath = arg;
      manifestGiven = true;
    }
  }
  return options;
}
