/** Entry point of `npm run validate` (see run-validate-cli.ts for the options). */
import { runValidateCli } from './run-validate-cli';

process.exitCode = runValidateCli(process.argv.slice(2), process.cwd(), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
