/**
 * Builds the Outlook add-in into dist/:
 *   taskpane.html + taskpane.[hash].js   React + Fluent UI task pane
 *   launchevent.js                        the event bundle: ONE file, ES2016, no React, no DOM
 *   launchevent.html                      loads office.js, then launchevent.js (web, new Outlook, Mac)
 *   support.html, assets/                 SupportUrl page and icons
 *   manifest.xml                          the checked-in manifest, rewritten to the build's origin
 *   .well-known/microsoft-officeaddins-allowed.json   CORS allow list for classic Outlook's JS runtime
 *
 *   npm run build -- --env origin=https://tracking.example.com   (or DOCKET_ORIGIN=…)  production
 *   npm run build:dev                                            development, https://localhost:3000
 *
 * Other --env values: entraClientId=… (or DOCKET_ENTRA_CLIENT_ID), outputPath=<dir> (default dist),
 * only=launchevent (just the event bundle and its page, for tests), apiOrigin=<origin> (the API
 * the bundles call; defaults to the add-in origin, tests point it at a loopback server).
 */
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');
const tsx = require('tsx/cjs/api');

const build = tsx.require('./src/build/production-manifest.ts', __filename);

const PROJECT_ROOT = __dirname;
/** Office.js comes from Microsoft's CDN in every build (a Marketplace rule); a sandbox may swap it later. */
const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const PLUGIN_NAME = 'DocketAddinFiles';

/** Writes manifest.xml, the well-known allow list and assets/ for the origin, then validates what was written. */
class DocketAddinFilesPlugin {
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { origin, outputPath, entraClientId } = this.options;
    const { RawSource } = compiler.webpack.sources;
    const manifestSource = path.join(PROJECT_ROOT, 'manifest.xml');
    const assetsSource = path.join(PROJECT_ROOT, 'assets');

    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN_NAME, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.fileDependencies.add(manifestSource);
        compilation.contextDependencies.add(assetsSource);
        let files;
        try {
          files = build.originFiles(fs.readFileSync(manifestSource, 'utf8'), origin, entraClientId);
        } catch (error) {
          compilation.errors.push(new compiler.webpack.WebpackError(`manifest.xml: ${error.message}`));
          return;
        }
        compilation.emitAsset('manifest.xml', new RawSource(files.manifestXml));
        compilation.emitAsset(build.ALLOWED_ADDINS_FILE, new RawSource(files.allowedAddinsJson));
        for (const name of fs.readdirSync(assetsSource).sort()) {
          compilation.emitAsset(`assets/${name}`, new RawSource(fs.readFileSync(path.join(assetsSource, name))));
        }
      });
    });

    // Validate the files as written to disk, with the event bundle as built: a manifest that
    // would not load in Outlook fails the build.
    compiler.hooks.afterEmit.tap(PLUGIN_NAME, (compilation) => {
      if (compilation.errors.length > 0) return;
      for (const problem of build.validateBuiltAddin(outputPath, origin)) {
        compilation.errors.push(new compiler.webpack.WebpackError(`manifest check failed: ${problem}`));
      }
    });
  }
}

function scriptRule(target) {
  return { test: /\.tsx?$/, exclude: /node_modules/, loader: 'esbuild-loader', options: { target } };
}

function commonConfig({ name, production, outputPath, target, defines }) {
  return {
    name,
    mode: production ? 'production' : 'development',
    context: PROJECT_ROOT,
    target: ['web', target],
    resolve: { extensions: ['.tsx', '.ts', '.js', '.json'] },
    module: { rules: [scriptRule(target)] },
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
    plugins: [new webpack.DefinePlugin(defines)],
    output: { path: outputPath },
  };
}

/** The event bundle: one self-contained ES2016 file (older classic Outlook times out on native async/await). */
function launchEventConfig(options) {
  const config = commonConfig({ ...options, name: 'launchevent', target: 'es2016' });
  return {
    ...config,
    entry: { launchevent: './src/addin/launchevent/launchevent.ts' },
    devtool: false,
    output: { ...config.output, filename: build.EVENT_BUNDLE_FILE, publicPath: '', iife: true },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
      minimize: options.production,
      minimizer: [new EsbuildPlugin({ target: 'es2016', legalComments: 'none' })],
    },
    plugins: [
      ...config.plugins,
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new HtmlWebpackPlugin({
        filename: 'launchevent.html',
        template: './src/addin/pages/launchevent.html',
        inject: false,
        templateParameters: { officeJs: OFFICE_JS_URL },
        minify: false,
      }),
      ...(options.withAddinFiles ? [new DocketAddinFilesPlugin({ origin: options.origin, outputPath: options.outputPath, entraClientId: options.entraClientId })] : []),
    ],
  };
}

function taskPaneConfig(options) {
  const config = commonConfig({ ...options, name: 'taskpane', target: 'es2020' });
  const hashed = options.production ? '[name].[contenthash:8].js' : '[name].js';
  return {
    ...config,
    entry: { taskpane: './src/addin/taskpane/index.tsx' },
    devtool: options.production ? false : 'source-map',
    output: { ...config.output, filename: hashed, chunkFilename: hashed, publicPath: 'auto' },
    optimization: {
      minimize: options.production,
      minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'none' })],
    },
    plugins: [
      ...config.plugins,
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/addin/pages/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: { officeJs: OFFICE_JS_URL },
        minify: false,
      }),
      new HtmlWebpackPlugin({
        filename: 'support.html',
        template: './src/addin/pages/support.html',
        inject: false,
        chunks: [],
        minify: false,
      }),
    ],
  };
}

module.exports = (env = {}, argv = {}) => {
  const production = (argv.mode ?? env.mode ?? 'production') === 'production';
  const origin = build.resolveAddinOrigin({ production, cliOrigin: env.origin, environmentOrigin: process.env.DOCKET_ORIGIN });
  const apiOrigin = env.apiOrigin ? String(env.apiOrigin).replace(/\/+$/, '') : origin;
  const outputPath = path.resolve(PROJECT_ROOT, env.outputPath || 'dist');
  const entraClientId = String(env.entraClientId || process.env.DOCKET_ENTRA_CLIENT_ID || '').trim();
  const defines = {
    __DOCKET_API_ORIGIN__: JSON.stringify(apiOrigin),
    __DOCKET_ENTRA_CLIENT_ID__: JSON.stringify(entraClientId),
  };
  const options = { production, origin, outputPath, defines, entraClientId };

  if (env.only === 'launchevent') return [launchEventConfig({ ...options, withAddinFiles: false })];
  if (env.only) throw new Error(`--env only=${env.only}: the only partial build is only=launchevent`);

  // Both compilers write into one folder: start from an empty one so no stale file ships.
  if (!path.relative(PROJECT_ROOT, outputPath) || PROJECT_ROOT.startsWith(outputPath + path.sep)) {
    throw new Error(`--env outputPath=${env.outputPath} would empty the project itself; choose a build folder`);
  }
  fs.rmSync(outputPath, { recursive: true, force: true });
  // The admin console (dist/admin) ships with the add-in: one origin serves all three.
  const adminConsole = require('./webpack.admin.config.js')(env, { ...argv, mode: production ? 'production' : 'development' });
  return [taskPaneConfig(options), launchEventConfig({ ...options, withAddinFiles: true }), adminConsole];
};
