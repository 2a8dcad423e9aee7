import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from './schema';

export type WriteJob<T> = (trx: Transaction<Database>) => Promise<T>;

/** Every write of the service goes through here; a resolved promise means the write is durable. */
export interface WriteQueue {
  run<T>(job: WriteJob<T>): Promise<T>;
  /** Writes committed and batches used, for the benchmark and the logs. */
  stats(): { jobs: number; batches: number };
  close(): Promise<void>;
}

interface Pending { job: WriteJob<unknown>; resolve(value: unknown): void; reject(error: unknown): void }

/**
 * Group commit for SQLite: jobs that arrive while a commit is on disk wait, then share
 * the next transaction, so one fsync (synchronous=FULL) covers many writes. Each job runs
 * in its own savepoint: a job that fails rolls back alone and the others still commit.
 * Promises resolve only after COMMIT returns, i.e. after the data is on disk.
 */
export class GroupCommitQueue implements WriteQueue {
  private pending: Pending[] = [];
  private running = false;
  private closed = false;
  private jobs = 0;
  private batches = 0;

  private lastCommitAt = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 512,
    private readonly gatherMs = 2,
  ) {}

  run<T>(job: WriteJob<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the write queue is closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ job: job as WriteJob<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  stats() {
    return { jobs: this.jobs, batches: this.batches };
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.running || this.pending.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Under steady load, wait a moment so more writes share the commit's fsync; an idle
      // server commits at once (the request parsed in this tick still joins).
      const busy = Date.now() - this.lastCommitAt < 20;
      await new Promise((r) => (busy ? setTimeout(r, this.gatherMs) : setImmediate(r)));
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const item of batch) {
          await sql`savepoint docket_job`.execute(trx);
          try {
            const value = await item.job(trx);
            await sql`release savepoint docket_job`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint docket_job`.execute(trx);
            await sql`release savepoint docket_job`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is durable.
      for (const item of batch) item.reject(error);
      return;
    }
    this.jobs += batch.length;
    this.batches += 1;
    this.lastCommitAt = Date.now();
    batch.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}

/**
 * PostgreSQL commits concurrent transactions in groups on its own (its WAL writer
 * flushes many commits at once), so each job gets its own transaction from the pool.
 * A unique-constraint race between two servers is retried once: the second attempt
 * sees the other's committed row and takes the "existing" path.
 */
export class TransactionPerJobQueue implements WriteQueue {
  private jobs = 0;

  constructor(private readonly db: Kysely<Database>) {}

  async run<T>(job: WriteJob<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await this.db.transaction().execute(job);
        this.jobs++;
        return value;
      } catch (error) {
        const code = (error as { code?: string }).code;
        const retryable = code === '23505' || code === '40001' || code === '40P01';
        if (!retryable || attempt >= 3) throw error;
      }
    }
  }

  stats() {
    return { jobs: this.jobs, batches: this.jobs };
  }

  async close(): Promise<void> {}
}
