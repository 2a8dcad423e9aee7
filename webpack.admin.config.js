/**
 * The admin console bundle: src/admin → dist/admin (index.html + hashed JS), served by the
 * backend at /admin under a CSP of script-src 'self', so nothing is inlined.
 * `--env entraClientId=…` or `DOCKET_ENTRA_CLIENT_ID` (and optionally `DOCKET_ENTRA_TENANT_ID`) at build time
 * turn on Entra sign-in, as for the add-in.
 */
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode ?? 'production';
  return {
    mode,
    target: ['web', 'es2020'],
    entry: { admin: path.resolve(__dirname, 'src/admin/index.tsx') },
    output: {
      // Inside the add-in build's output folder when one is given (production builds, tests), else ./dist/admin.
      path: env.outputPath ? path.resolve(env.outputPath, 'admin') : path.resolve(__dirname, 'dist/admin'),
      publicPath: '/admin/',
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs'] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: 'esbuild-loader', options: { target: 'es2020', jsx: 'automatic' } }],
    },
    plugins: [
      new webpack.DefinePlugin({
        'process.env.DOCKET_ENTRA_CLIENT_ID': JSON.stringify(String(env.entraClientId || process.env.DOCKET_ENTRA_CLIENT_ID || '').trim()),
        'process.env.DOCKET_ENTRA_TENANT_ID': JSON.stringify(process.env.DOCKET_ENTRA_TENANT_ID ?? 'organizations'),
      }),
      new HtmlWebpackPlugin({
        template: path.resolve(__dirname, 'src/admin/index.html'),
        filename: 'index.html',
        scriptLoading: 'defer',
        inject: 'head',
      }),
    ],
    // esbuild minifies in a few seconds what terser takes a minute for.
    optimization: { minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'eof' })] },
    devtool: mode === 'production' ? false : 'source-map',
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
