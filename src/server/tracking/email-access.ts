import type { Kysely } from 'kysely';
import type { Caller } from '../auth/caller';
import { notFound } from '../http/problem';
import type { Database } from '../store/schema';

/** Callers see an email only through their own tracker (admins: any email of their org); anything else is 404, so existence never leaks. */
export async function assertCanSee(db: Kysely<Database>, caller: Caller, emailId: string, forWrite = false): Promise<void> {
  const email = await db.selectFrom('emails').select('id').where('id', '=', emailId).where('org_id', '=', caller.orgId).executeTakeFirst();
  if (!email) throw notFound('The email');
  if (caller.isAdmin && !forWrite) return;
  const tracker = await db.selectFrom('trackers').select('id').where('email_id', '=', emailId).where('user_id', '=', caller.user.id).executeTakeFirst();
  if (!tracker && !(caller.isAdmin && forWrite)) throw notFound('The email');
}
