import type { Kysely } from 'kysely';
import type { UntrackResponse } from '../../common/api/email';
import type { Caller } from '../auth/caller';
import { notFound } from '../http/problem';
import { now } from '../store/ids';
import { getEmailSettings } from '../store/organizations';
import type { Database } from '../store/schema';

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
