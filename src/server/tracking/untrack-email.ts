import type { Kysely } from 'kysely';
import type { RecordRef } from '../../common/api/primitives';
import type { UntrackResponse } from '../../common/api/email';
import type { Caller } from '../auth/caller';
import { HttpProblem, notFound } from '../http/problem';
import { now } from '../store/ids';
import { getEmailSettings } from '../store/organizations';
import type { Database } from '../store/schema';

/** Callers see an email only through their own tracker (admins: any email of their org); anything else is 404, so existence never leaks. */
export async function assertCanSee(db: Kysely<Database>, caller: Caller, emailId: string, forWrite = false): Promise<void> {
  const email = await db.selectFrom('emails').select('id').where('id', '=', emailId).where('org_id', '=', caller.orgId).executeTakeFirst();
  if (!email) throw notFound('The email');
  if (caller.isAdmin && !forWrite) return;
  const tracker = await db.selectFrom('trackers').select('id').where('email_id', '=', emailId).where('user_id', '=', caller.user.id).executeTakeFirst();
  if (!tracker && !(caller.isAdmin && forWrite)) throw notFound('The email');
}

/** Removes only the caller's tracker; the email goes with its last tracker unless retention keeps it. */
export async function untrackEmail(trx: Kysely<Database>, caller: Caller, emailId: string): Promise<UntrackResponse> {
  const email = await trx.selectFrom('emails').select('id').where('id', '=', emailId).where('org_id', '=', caller.orgId).executeTakeFirst();
  if (!email) throw notFound('The email');
  const removed = await trx.deleteFrom('trackers').where('email_id', '=', emailId).where('user_id', '=', caller.user.id).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw notFound('The email');
  const left = await trx.selectFrom('trackers').select('id').where('email_id', '=', emailId).limit(1).executeTakeFirst();
  if (left) return { emailId, emailRemoved: false };
  const { retentionDays } = await getEmailSettings(trx, caller.orgId);
  if (retentionDays === 0) {
    await deleteEmail(trx, emailId);
    return { emailId, emailRemoved: true };
  }
  await trx.updateTable('emails').set({ untracked_at: now() }).where('id', '=', emailId).execute();
  return { emailId, emailRemoved: false };
}

export async function deleteEmail(trx: Kysely<Database>, emailId: string): Promise<void> {
  await trx.deleteFrom('email_participants').where('email_id', '=', emailId).execute();
  await trx.deleteFrom('email_attachments').where('email_id', '=', emailId).execute();
  await trx.deleteFrom('emails').where('id', '=', emailId).execute();
}

/** Deletes emails whose last tracker went longer ago than the organisation's retention. */
export async function purgeUntrackedEmails(trx: Kysely<Database>, orgId: string, retentionDays: number, at = new Date()): Promise<number> {
  const cutoff = new Date(at.getTime() - retentionDays * 86_400_000).toISOString();
  const stale = await trx.selectFrom('emails').select('id').where('org_id', '=', orgId).where('untracked_at', 'is not', null).where('untracked_at', '<', cutoff).execute();
  for (const { id } of stale) await deleteEmail(trx, id);
  return stale.length;
}

export async function setRegarding(trx: Kysely<Database>, caller: Caller, emailId: string, regarding: RecordRef | null): Promise<void> {
  await assertCanSee(trx, caller, emailId, true);
  if (regarding) {
    const record = await trx.selectFrom('records').select('id').where('org_id', '=', caller.orgId).where('type', '=', regarding.type).where('id', '=', regarding.id).executeTakeFirst();
    if (!record) {
      throw new HttpProblem(422, 'Regarding record not found', `No ${regarding.type} with id ${regarding.id} exists in this organisation.`, {
        rule: 'regarding-not-found',
        field: 'regarding',
      });
    }
  }
  await trx.updateTable('emails').set({ regarding_type: regarding?.type ?? null, regarding_id: regarding?.id ?? null }).where('id', '=', emailId).execute();
}
