import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type BackgroundCheckpointer, startBackgroundCheckpoints } from './background-checkpoint';
import { migrateToLatest } from './migrate';
import type { Database } from './schema';
import { GroupCommitQueue, TransactionPerJobQueue, type WriteQueue } from './write-queue';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  engine: Engine;
  /** Reads. On SQLite this connection sees committed data only (WAL), never a batch in progress. */
  db: Kysely<Database>;
  writer: WriteQueue;
  /** Where the data lives, for logs: a file path or a URL without its password. */
  location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = './data/docket.db';

/** `DATABASE_URL` is a file path, a `sqlite:` URL, or a `postgres://` / `postgresql://` URL. */
export function parseDatabaseUrl(url: string): { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string } {
  if (/^postgres(ql)?:\/\//i.test(url)) return { engine: 'postgres', url };
  if (/^sqlite:/i.test(url)) {
    const rest = url.replace(/^sqlite:(\/\/)?/i, '');
    return { engine: 'sqlite', file: rest === '' ? ':memory:' : rest };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL: unsupported scheme in "${redact(url)}"; use a file path, sqlite:PATH or postgres://…`);
  }
  return { engine: 'sqlite', file: url };
}

export async function openStore(url: string = DEFAULT_DATABASE_URL): Promise<Store> {
  const target = parseDatabaseUrl(url);
  return target.engine === 'postgres' ? openPostgres(target.url) : openSqlite(target.file);
}

function openSqliteConnection(file: string): BetterSqlite3.Database {
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  // FULL: a commit returns only after the WAL is synced, so a 2xx survives power loss.
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return connection;
}

/**
 * Kysely's SQLite driver prepares every query anew, and compiling SQL was a fifth of a track's
 * time under load; keep prepared statements by SQL text (bounded: `in (?, ?, …)` lists vary).
 */
function withStatementCache(connection: BetterSqlite3.Database, limit = 500) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string): BetterSqlite3.Statement {
      const cached = statements.get(sql);
      if (cached) return cached;
      const statement = connection.prepare(sql);
      if (statements.size >= limit) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
      return statement;
    },
  };
}

async function openSqlite(file: string): Promise<Store> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const writeConnection = openSqliteConnection(file);
  const writeDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(writeConnection) }) });
  await migrateToLatest(writeDb, 'sqlite');
  // In-memory databases are per connection, so reads share the writer there (tests only).
  const readConnection = file === ':memory:' ? writeConnection : openSqliteConnection(file);
  const readDb = file === ':memory:' ? writeDb : new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(readConnection) }) });
  const writer = new GroupCommitQueue(writeDb);
  let checkpoints: BackgroundCheckpointer | null = null;
  if (file !== ':memory:') {
    writeConnection.pragma('wal_autocheckpoint = 0');
    // Keep the WAL file from staying large after a burst.
    writeConnection.pragma('journal_size_limit = 67108864');
    checkpoints = startBackgroundCheckpoints(file);
  }
  return {
    engine: 'sqlite',
    db: readDb,
    writer,
    location: path.resolve(file),
    async ping() {
      await sql`select 1`.execute(readDb);
    },
    async close() {
      await writer.close();
      await checkpoints?.close();
      if (readDb !== writeDb) await readDb.destroy();
      await writeDb.destroy();
    },
  };
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DOCKET_PG_POOL ?? 20) });
  // An idle connection that PostgreSQL closes (restart, failover, admin command) must not take
  // the server down; the pool replaces it, and the next query reports any real outage.
  pool.on('error', (error) => process.stderr.write(`docket: idle PostgreSQL connection lost: ${error.message}\n`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, 'postgres');
  const writer = new TransactionPerJobQueue(db);
  return {
    engine: 'postgres',
    db,
    writer,
    location: redact(url),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await writer.close();
      await db.destroy();
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
