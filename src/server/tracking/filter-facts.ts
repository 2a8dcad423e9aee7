import { type Kysely, sql } from 'kysely';
import type { EmailAddress } from '../../common/api/primitives';
import { type FilterFacts, normalizeAddress, normalizeMessageId } from '../../common/tracking-policy';
import type { Direction } from '../../common/sync-methods';
import type { Database } from '../store/schema';

export interface MessageFacts {
  direction: Direction;
  from?: EmailAddress;
  to?: EmailAddress[];
  cc?: EmailAddress[];
  bcc?: EmailAddress[];
  inReplyTo?: string;
  references?: string[];
  conversationId?: string;
  internetMessageId?: string;
  trackingToken?: string;
}

/** The filter looks at the sender of received mail and the recipients of sent mail (DESIGN §1). */
export function filterParticipants(message: MessageFacts): string[] {
  const list = message.direction === 'incoming' ? (message.from ? [message.from] : []) : [...(message.to ?? []), ...(message.cc ?? []), ...(message.bcc ?? [])];
  return [...new Set(list.map((p) => normalizeAddress(p.address)))];
}

export function threadMessageIds(message: { inReplyTo?: string; references?: string[] }): string[] {
  const ids = [message.inReplyTo, ...[...(message.references ?? [])].reverse()].filter((id): id is string => Boolean(id));
  return [...new Set(ids.map(normalizeMessageId))];
}

export async function gatherFilterFacts(db: Kysely<Database>, orgId: string, message: MessageFacts, selfAddress: string): Promise<FilterFacts> {
  const addresses = filterParticipants(message).filter((a) => a !== selfAddress);
  const threadIds = threadMessageIds(message);
  const [records, mailboxes, replied, conversation] = await Promise.all([
    addresses.length
      ? db
          .selectFrom('record_emails')
          .innerJoin('records', 'records.id', 'record_emails.record_id')
          .select('records.type')
          .where('record_emails.org_id', '=', orgId)
          .where('record_emails.address', 'in', addresses)
          .execute()
      : Promise.resolve([]),
    addresses.length
      ? db.selectFrom('mailboxes').select('id').where('org_id', '=', orgId).where('address', 'in', addresses).limit(1).execute()
      : Promise.resolve([]),
    threadIds.length
      ? db.selectFrom('emails').select('id').where('org_id', '=', orgId).where('internet_message_id', 'in', threadIds).limit(1).execute()
      : Promise.resolve([]),
    message.conversationId
      ? // The message itself, tracked by someone else, is not "tracked mail it replies to".
        db
          .selectFrom('emails')
          .select('id')
          .where('org_id', '=', orgId)
          .where('conversation_id', '=', message.conversationId)
          .$if(Boolean(message.internetMessageId), (q) => q.where(sql<boolean>`coalesce(internet_message_id, '') <> ${normalizeMessageId(message.internetMessageId ?? '')}`))
          .$if(Boolean(message.trackingToken), (q) => q.where(sql<boolean>`coalesce(tracking_token, '') <> ${message.trackingToken ?? ''}`))
          .limit(1)
          .execute()
      : Promise.resolve([]),
  ]);
  const knownTypes = new Set(['contact', 'account', 'lead']);
  return {
    knownRecord: records.some((r) => knownTypes.has(r.type)),
    emailEnabledRecord: records.length > 0 || mailboxes.length > 0,
    respondsToTracked: replied.length > 0 || conversation.length > 0,
  };
}
