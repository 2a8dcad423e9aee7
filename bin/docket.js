#!/usr/bin/env node
// The `docket` command: runs the TypeScript sources directly through tsx, so the checkout needs no build step.
require('tsx/cjs/api').register();
const { main } = require('../src/server/cli/main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`docket: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
