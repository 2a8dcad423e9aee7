/** The arrows of STYLE.md, made real: `npm test` fails when a file imports across them. */
module.exports = {
  forbidden: [
    {
      name: 'common-is-pure',
      comment: 'src/common runs anywhere: no Node built-ins, no DOM/Office, nothing else of ours.',
      severity: 'error',
      from: { path: '^src/common' },
      to: { pathNot: ['^src/common', '^node_modules/@sinclair/typebox'] },
    },
    {
      name: 'common-no-node-builtins',
      severity: 'error',
      from: { path: '^src/common' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-not-addin',
      comment: 'The server never imports add-in or admin-console code.',
      severity: 'error',
      from: { path: '^src/server' },
      to: { path: '^src/(addin|admin)' },
    },
    {
      name: 'addin-not-server',
      comment: 'Code that runs in Outlook never imports server code (it would drag Node into the bundle).',
      severity: 'error',
      from: { path: '^src/(addin|admin)' },
      to: { path: ['^src/server', '^src/build'] },
    },
    {
      name: 'only-office-touches-office',
      comment: 'Only src/addin/office talks to Office.js; the task pane gets the mailbox interface (its entry point wires it).',
      severity: 'error',
      from: { path: '^src/addin', pathNot: ['^src/addin/office', '^src/addin/taskpane/index\\.tsx?$', '^src/addin/launchevent/index\\.ts$', '^src/addin/launchevent/launchevent\\.ts$'] },
      to: { path: '^src/addin/office', pathNot: '^src/addin/office/mailbox\\.ts$' },
    },
    {
      name: 'outbox-has-no-ui',
      severity: 'error',
      from: { path: '^src/addin/(outbox|launchevent)' },
      to: { path: ['^src/addin/taskpane', '^node_modules/(react|react-dom|@fluentui)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
