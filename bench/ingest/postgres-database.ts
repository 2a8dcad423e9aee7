import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { findPostgresBin, startPostgres } from '../../test/support/postgres-server';

export interface BenchDatabase { url: string; describe: string; dispose(): Promise<void> }

/**
 * A fresh, empty database for one run, on the server of `--postgres-url` or
 * DOCKET_TEST_POSTGRES_URL, else on a throwaway server started here and stopped afterwards.
 */
export async function freshPostgresDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  let throwaway: { url: string; stop(): void } | null = null;
  if (!serverUrl) {
    const bin = findPostgresBin();
    if (!bin) throw new Error('No PostgreSQL: pass --postgres-url, set DOCKET_TEST_POSTGRES_URL, or apt-get install postgresql.');
    throwaway = await startPostgres(bin);
    serverUrl = throwaway.url;
  }
  const name = `docket_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  return {
    url,
    describe: `${throwaway ? 'throwaway server' : 'given server'}, database ${name}`,
    async dispose() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      throwaway?.stop();
    },
  };
}
