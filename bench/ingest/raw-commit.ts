import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

const ROW = 'x'.repeat(200);

/**
 * The floor under any durable write: single-row INSERTs, one transaction each, in WAL mode
 * with synchronous=FULL, so every commit waits for its own fsync. Same disk as the bench's database.
 */
export function sqliteRawCommitsPerSecond(dir: string, durationMs: number): { commits: number; perSecond: number } {
  const db = new BetterSqlite3(path.join(dir, 'raw-commit.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table rows (id integer primary key, payload text not null)');
    const insert = db.prepare('insert into rows (payload) values (?)');
    const commitOne = db.transaction(() => insert.run(ROW));
    for (let i = 0; i < 50; i++) commitOne();
    const started = performance.now();
    let commits = 0;
    while (performance.now() - started < durationMs) {
      commitOne();
      commits++;
    }
    return { commits, perSecond: commits / ((performance.now() - started) / 1000) };
  } finally {
    db.close();
  }
}

/** The same for PostgreSQL: one connection, autocommit single-row INSERTs, waiting for each commit. */
export async function postgresRawCommitsPerSecond(url: string, durationMs: number): Promise<{ commits: number; perSecond: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table if not exists bench_raw_rows (id bigserial primary key, payload text not null)');
    for (let i = 0; i < 50; i++) await client.query('insert into bench_raw_rows (payload) values ($1)', [ROW]);
    const started = performance.now();
    let commits = 0;
    while (performance.now() - started < durationMs) {
      await client.query('insert into bench_raw_rows (payload) values ($1)', [ROW]);
      commits++;
    }
    const perSecond = commits / ((performance.now() - started) / 1000);
    await client.query('drop table bench_raw_rows');
    return { commits, perSecond };
  } finally {
    await client.end();
  }
}
