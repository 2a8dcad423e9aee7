import type { Store } from './store/database';
import { getEmailSettings } from './store/organizations';
import { purgeExpiredIdempotencyKeys } from './http/idempotency';
import { purgeUntrackedEmails } from './tracking/untrack-email';

/** Hourly: forget idempotency keys older than 7 days and delete untracked emails past their org's retention. */
export async function runHousekeeping(store: Store, at = new Date()): Promise<{ keys: number; emails: number }> {
  const keys = await store.writer.run((trx) => purgeExpiredIdempotencyKeys(trx, at));
  let emails = 0;
  const orgs = await store.db.selectFrom('organizations').select('id').execute();
  for (const { id } of orgs) {
    const { retentionDays } = await getEmailSettings(store.db, id);
    emails += await store.writer.run((trx) => purgeUntrackedEmails(trx, id, retentionDays, at));
  }
  return { keys, emails };
}

export function scheduleHousekeeping(store: Store, log: (message: string) => void): () => void {
  const tick = () => {
    runHousekeeping(store).then(
      (done) => done.keys + done.emails > 0 && log(`housekeeping: ${done.keys} idempotency keys and ${done.emails} untracked emails removed`),
      (error: unknown) => log(`housekeeping failed: ${String(error)}`),
    );
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
