import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Caller } from '../auth/caller';
import { now } from '../store/ids';
import type { Database } from '../store/schema';
import type { WriteQueue } from '../store/write-queue';
import { HttpProblem } from './problem';

export interface WriteResult { status: number; body: unknown }
export type WriteOperation = (trx: Transaction<Database>) => Promise<WriteResult>;

export const IDEMPOTENCY_KEY_DAYS = 7;
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/**
 * DESIGN §2 idempotency: the key is scoped to the caller; a retry gets the first result,
 * the same key with another body is 422, a key still being processed is 409. The key is
 * stored in the same transaction as the write, so "done" and "remembered" are one commit.
 */
export class IdempotentWriter {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly writer: WriteQueue,
    private readonly readStored: (userId: string, key: string) => Promise<{ request_hash: string; status_code: number; response_json: string } | undefined>,
  ) {}

  async run(caller: Caller, key: string | undefined, fingerprint: () => string, operation: WriteOperation): Promise<WriteResult & { replayed: boolean }> {
    if (key === undefined) return { ...(await this.writer.run(operation)), replayed: false };
    if (!KEY_PATTERN.test(key)) {
      throw new HttpProblem(400, 'Bad Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', { rule: 'idempotency-key-format', field: 'Idempotency-Key' });
    }
    const requestHash = createHash('sha256').update(fingerprint()).digest('hex');
    const scoped = `${caller.user.id}\u0000${key}`;
    if (this.inFlight.has(scoped)) throw inFlightProblem();
    this.inFlight.add(scoped);
    try {
      const stored = await this.readStored(caller.user.id, key);
      if (stored) return replay(stored, requestHash);
      const outcome = await this.writer.run(async (trx) => {
        const committed = await trx
          .selectFrom('idempotency_keys')
          .select(['request_hash', 'status_code', 'response_json'])
          .where('user_id', '=', caller.user.id)
          .where('key', '=', key)
          .executeTakeFirst();
        if (committed) return { stored: committed, result: null };
        const result = await operation(trx);
        await trx
          .insertInto('idempotency_keys')
          .values({ user_id: caller.user.id, key, request_hash: requestHash, status_code: result.status, response_json: JSON.stringify(result.body ?? null), created_at: now() })
          .execute();
        return { stored: null, result };
      });
      if (outcome.stored) return replay(outcome.stored, requestHash);
      return { ...outcome.result!, replayed: false };
    } finally {
      this.inFlight.delete(scoped);
    }
  }
}

function replay(stored: { request_hash: string; status_code: number; response_json: string }, requestHash: string) {
  if (stored.request_hash !== requestHash) {
    throw new HttpProblem(422, 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request; use a new key for a new request.', {
      rule: 'idempotency-key-reused',
      field: 'Idempotency-Key',
    });
  }
  return { status: Number(stored.status_code), body: JSON.parse(stored.response_json) as unknown, replayed: true };
}

function inFlightProblem() {
  return new HttpProblem(409, 'Request in progress', 'A request with this Idempotency-Key is still being processed; retry shortly.', {
    rule: 'idempotency-key-in-flight',
    field: 'Idempotency-Key',
    headers: { 'retry-after': '1' },
  });
}

export async function purgeExpiredIdempotencyKeys(trx: Transaction<Database>, at = new Date()): Promise<number> {
  const cutoff = new Date(at.getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000).toISOString();
  const result = await trx.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
