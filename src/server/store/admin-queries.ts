import { type Kysely, sql } from 'kysely';
import type { AdminEmailQuery, AttentionReason, Overview } from '../../common/api/admin';
import type { Email } from '../../common/api/email';
import { loadEmailViews } from '../tracking/email-views';
import { containsText } from './contains-text';
import { toMailbox } from './mailboxes';
import type { Database } from './schema';

const DAY = 86_400_000;
const RECENT_FAILURE_DAYS = 7;

/** Emails tracked per day for 30 days, and the mailboxes that need an admin's eye. */
export async function loadOverview(db: Kysely<Database>, orgId: string, at = new Date()): Promise<Overview> {
  const today = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const first = new Date(today - 29 * DAY).toISOString();
  const day = sql<string>`substr(created_at, 1, 10)`;
  const counts = await db
    .selectFrom('emails')
    .select([day.as('day'), 'direction', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('org_id', '=', orgId)
    .where('created_at', '>=', first)
    .groupBy([day, 'direction'])
    .execute();
  const days = Array.from({ length: 30 }, (_, i) => {
    const date = new Date(today - (29 - i) * DAY).toISOString().slice(0, 10);
    const count = (direction: string) => Number(counts.find((c) => c.day === date && c.direction === direction)?.n ?? 0);
    return { date, incoming: count('incoming'), outgoing: count('outgoing') };
  });

  const recent = new Date(at.getTime() - RECENT_FAILURE_DAYS * DAY).toISOString();
  const rows = await db
    .selectFrom('mailboxes')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('approved', '=', 0), eb('incoming_method', '=', 'none'), eb('outgoing_method', '=', 'none'), eb('last_failure_at', '>=', recent)]))
    .orderBy('address')
    .limit(500)
    .execute();
  const attention = rows.map((row) => {
    const reasons: AttentionReason[] = [];
    if (row.approved === 0) reasons.push('not-approved');
    if (row.incoming_method === 'none' || row.outgoing_method === 'none') reasons.push('method-none');
    if (row.last_failure_at && row.last_failure_at >= recent) reasons.push('recent-failures');
    return { mailbox: toMailbox(row), reasons, lastFailure: row.last_failure, lastFailureAt: row.last_failure_at };
  });
  return { days, attention };
}

export async function searchEmails(db: Kysely<Database>, orgId: string, query: AdminEmailQuery): Promise<{ emails: Email[]; total: number }> {
  let base = db.selectFrom('emails').where('org_id', '=', orgId);
  if (query.search) base = base.where(containsText('subject', query.search));
  if (query.participant) {
    const participant = query.participant;
    base = base.where((eb) =>
      eb.or([
        containsText('from_address', participant),
        eb.exists(eb.selectFrom('email_participants').select('email_participants.email_id').whereRef('email_participants.email_id', '=', 'emails.id').where(containsText('email_participants.address', participant))),
      ]),
    );
  }
  if (query.regardingId) base = base.where('regarding_id', '=', query.regardingId);
  if (query.regardingType) base = base.where('regarding_type', '=', query.regardingType);
  if (query.direction) base = base.where('direction', '=', query.direction);
  if (query.from) base = base.where('created_at', '>=', `${query.from}T00:00:00.000Z`);
  if (query.to) base = base.where('created_at', '<=', `${query.to}T23:59:59.999Z`);
  const [rows, count] = await Promise.all([
    base.select('id').orderBy('created_at', 'desc').orderBy('id').limit(query.limit ?? 50).offset(query.offset ?? 0).execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { emails: await loadEmailViews(db, rows.map((r) => r.id)), total: Number(count.n) };
}

/** A refused track is remembered on the mailbox so the overview can show users whose tracks fail. */
export async function recordTrackFailure(db: Kysely<Database>, mailboxId: string, reason: string, at = new Date()): Promise<void> {
  await db.updateTable('mailboxes').set({ last_failure: reason.slice(0, 500), last_failure_at: at.toISOString() }).where('id', '=', mailboxId).execute();
}
