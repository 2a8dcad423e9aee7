import type { Kysely } from 'kysely';
import type { CheckRequest, CheckResponse } from '../../common/api/email';
import type { SyncMethod, TrackingFilter } from '../../common/sync-methods';
import { decideTracking, normalizeMessageId } from '../../common/tracking-policy';
import type { Caller } from '../auth/caller';
import type { Database } from '../store/schema';
import { gatherFilterFacts } from './filter-facts';

/** Should this message be tracked by the caller, and is it already? (Dataverse CheckPromoteEmail.) */
export async function checkEmail(db: Kysely<Database>, caller: Caller, request: CheckRequest): Promise<CheckResponse> {
  const status = await findTrackingStatus(db, caller, request);
  if (status.tracked) {
    return { shouldTrack: false, reason: 'already-tracked', message: 'You already track this message.', tracked: true, trackedByOthers: status.trackedByOthers, emailId: status.emailId };
  }
  const method = (request.direction === 'incoming' ? caller.mailbox.incoming_method : caller.mailbox.outgoing_method) as SyncMethod;
  const automatic = request.automatic ?? true;
  const facts = await gatherFilterFacts(db, caller.orgId, request, caller.mailbox.address);
  const decision = decideTracking({ direction: request.direction, method, filter: caller.mailbox.tracking_filter as TrackingFilter, automatic, facts });
  return { shouldTrack: decision.shouldTrack, reason: decision.reason, message: decision.message, tracked: false, trackedByOthers: status.trackedByOthers };
}

/** Finds the email by Message-ID, then by token, in any scope, and says who tracks it. */
export async function findTrackingStatus(
  db: Kysely<Database>,
  caller: Caller,
  identity: { internetMessageId?: string; trackingToken?: string; conversationId?: string },
): Promise<{ tracked: boolean; trackedByOthers: boolean; emailId?: string }> {
  if (identity.conversationId && !identity.internetMessageId && !identity.trackingToken) return findConversationStatus(db, caller, identity.conversationId);
  const conditions: Array<['internet_message_id' | 'tracking_token', string]> = [];
  if (identity.internetMessageId) conditions.push(['internet_message_id', normalizeMessageId(identity.internetMessageId)]);
  if (identity.trackingToken) conditions.push(['tracking_token', identity.trackingToken]);
  if (conditions.length === 0) return { tracked: false, trackedByOthers: false };
  const rows = await db
    .selectFrom('emails')
    .innerJoin('trackers', 'trackers.email_id', 'emails.id')
    .select(['emails.id', 'trackers.user_id'])
    .where('emails.org_id', '=', caller.orgId)
    .where((eb) => eb.or(conditions.map(([column, value]) => eb(`emails.${column}`, '=', value))))
    .execute();
  const mine = rows.find((r) => r.user_id === caller.user.id);
  return { tracked: mine !== undefined, trackedByOthers: rows.some((r) => r.user_id !== caller.user.id), emailId: mine?.id };
}

/** Replies and forwards of a tracked conversation are tracked on send: is any email of this conversation the caller's? */
async function findConversationStatus(db: Kysely<Database>, caller: Caller, conversationId: string): Promise<{ tracked: boolean; trackedByOthers: boolean; emailId?: string }> {
  const rows = await db
    .selectFrom('emails')
    .innerJoin('trackers', 'trackers.email_id', 'emails.id')
    .select(['emails.id', 'trackers.user_id', 'emails.created_at'])
    .where('emails.org_id', '=', caller.orgId)
    .where('emails.conversation_id', '=', conversationId)
    .orderBy('emails.created_at', 'desc')
    .limit(200)
    .execute();
  const mine = rows.find((r) => r.user_id === caller.user.id);
  return { tracked: mine !== undefined, trackedByOthers: rows.some((r) => r.user_id !== caller.user.id), emailId: mine?.id };
}
