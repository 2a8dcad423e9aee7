import { type Kysely, sql } from 'kysely';
import * as initial from './migrations/001-initial';

type Engine = 'sqlite' | 'postgres';
interface Migration { name: string; up(db: Kysely<any>, engine: Engine): Promise<void> }

/** In order; a migration, once released, is never edited: add the next one instead. */
const MIGRATIONS: Migration[] = [{ name: '001-initial', up: initial.up }];

/** Applies pending migrations, each in its own transaction. On PostgreSQL an advisory lock keeps two servers starting at once from racing. */
export async function migrateToLatest(db: Kysely<any>, engine: Engine): Promise<string[]> {
  await db.schema
    .createTable('docket_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();

  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(7240021)`.execute(trx);
    const done = new Set(
      (await trx.selectFrom('docket_migrations').select('name').execute()).map((row: { name: string }) => row.name),
    );
    for (const migration of MIGRATIONS) {
      if (done.has(migration.name)) continue;
      await migration.up(trx, engine);
      await trx.insertInto('docket_migrations').values({ name: migration.name, applied_at: new Date().toISOString() }).execute();
      applied.push(migration.name);
    }
  });
  return applied;
}
