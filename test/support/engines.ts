import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestEngine = 'sqlite' | 'postgres';

/** The engines this run can test: SQLite always, PostgreSQL when global setup found or started one. */
export const ENGINES: TestEngine[] = process.env.DOCKET_TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, empty database of the engine: a new SQLite file, or a new PostgreSQL database. */
export async function freshDatabaseUrl(engine: TestEngine): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docket-test-'));
    return { url: path.join(dir, 'docket.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.DOCKET_TEST_POSTGRES_URL!;
  const name = `docket_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
