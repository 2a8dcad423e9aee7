import { findPostgresBin, startPostgres } from './postgres-server';

/**
 * Makes PostgreSQL available to the whole suite: DOCKET_TEST_POSTGRES_URL if given, else a
 * server started here from Debian's packages. CI must have it; elsewhere the suite says loudly
 * that it ran on SQLite only.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DOCKET_TEST_POSTGRES_URL) return;
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.CI) throw new Error('CI needs PostgreSQL: install the postgresql package (.ci/run does).');
    process.stderr.write('\n[docket] PostgreSQL is not installed: the engine tests run on SQLite only. apt-get install postgresql to run both.\n');
    return;
  }
  const server = await startPostgres(bin);
  process.env.DOCKET_TEST_POSTGRES_URL = server.url;
  (globalThis as { __docketPostgres?: { stop(): void } }).__docketPostgres = server;
}
