/**
 * The Outlook sandbox (issue 4): a development page that stands in for Outlook. NOT part of the
 * production build. Writes into dist/sandbox/:
 *   host/index.html, host/sandbox.js   the stand-in for Outlook (mailbox, compose, the pane beside them)
 *   host/office-shim.js                the Office / OfficeRuntime host shim the add-in pages load instead of office.js
 *   addin/                              the real add-in, built by webpack.config.js in production mode
 *
 *   npx webpack --config webpack.sandbox.config.js --mode production [--env parts=host,addin]
 *
 * `npm run sandbox` (src/sandbox/node/main.ts) runs this when a part is missing or stale.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

const PROJECT_ROOT = __dirname;
const OUTPUT = path.join(PROJECT_ROOT, 'dist', 'sandbox');
/** The add-in's bundles take their API origin from the page that loads them; this origin only fills the manifest. */
const ADDIN_ORIGIN = 'https://localhost:3000';
/** The compilers of webpack.config.js that make the add-in (task pane and event bundle with its page). */
const ADDIN_COMPILERS = ['taskpane', 'launchevent'];

function hostConfig(production) {
  return {
    name: 'sandbox-host',
    mode: production ? 'production' : 'development',
    context: PROJECT_ROOT,
    target: ['web', 'es2020'],
    entry: {
      sandbox: './src/sandbox/host/index.tsx',
      'office-shim': './src/sandbox/host/shim/office-shim.ts',
    },
    output: { path: path.join(OUTPUT, 'host'), filename: '[name].js', publicPath: '/sandbox/', clean: true },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, loader: 'esbuild-loader', options: { target: 'es2020', jsx: 'automatic' } }],
    },
    optimization: { minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'none' })] },
    devtool: production ? false : 'source-map',
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
    stats: 'errors-warnings',
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/sandbox/host/index.html',
        chunks: ['sandbox'],
        scriptLoading: 'defer',
        minify: false,
      }),
    ],
  };
}

module.exports = (env = {}, argv = {}) => {
  const production = (argv.mode ?? 'production') === 'production';
  const parts = String(env.parts ?? 'host,addin').split(',');
  const configs = [];
  if (parts.includes('host')) configs.push(hostConfig(production));
  if (parts.includes('addin')) {
    // Only the add-in's own compilers: webpack.config.js may bring others (the admin console) that write elsewhere.
    const addin = require('./webpack.config.js')({ origin: ADDIN_ORIGIN, outputPath: path.join(OUTPUT, 'addin') }, { mode: 'production' });
    configs.push(...addin.filter((config) => ADDIN_COMPILERS.includes(config.name)));
  }
  return configs;
};
