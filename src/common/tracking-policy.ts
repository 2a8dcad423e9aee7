import type { Direction, SyncMethod, TrackingFilter } from './sync-methods';

/** What the backend learned about a message's participants and thread, for the tracking filter. */
export interface FilterFacts {
  /** A participant (sender of received mail, recipient of sent mail) is a contact, account or lead. */
  knownRecord: boolean;
  /** A participant is any record with an email address, a user or a queue. */
  emailEnabledRecord: boolean;
  /** The message replies to, or is in the conversation of, mail already tracked. */
  respondsToTracked: boolean;
}

export type TrackDecisionReason =
  | 'method-none'
  | 'method-server-side-sync'
  | 'method-forward-mailbox'
  | 'filter-none'
  | 'filter-no-match'
  | 'filter-match'
  | 'manual';

export interface TrackDecision { shouldTrack: boolean; reason: TrackDecisionReason; message: string }

const DIRECTION_WORD: Record<Direction, string> = { incoming: 'Incoming', outgoing: 'Outgoing' };

/**
 * The client tracks only where the method says it does (DESIGN §1): manual Track ignores
 * the filter but never the method `none`; automatic tracking needs `outlook` and a filter match.
 */
export function decideTracking(input: {
  direction: Direction;
  method: SyncMethod;
  filter: TrackingFilter;
  automatic: boolean;
  facts: FilterFacts;
}): TrackDecision {
  const { direction, method, filter, automatic, facts } = input;
  const word = DIRECTION_WORD[direction];
  if (method === 'none') {
    return { shouldTrack: false, reason: 'method-none', message: `${word} mail for this mailbox is not tracked: its synchronization method is None.` };
  }
  if (!automatic) return { shouldTrack: true, reason: 'manual', message: 'Tracked by hand.' };
  if (method === 'server-side-sync') {
    return {
      shouldTrack: false,
      reason: 'method-server-side-sync',
      message: `${word} mail for this mailbox is tracked by server-side synchronization, not by Outlook.`,
    };
  }
  if (method === 'forward-mailbox') {
    return { shouldTrack: false, reason: 'method-forward-mailbox', message: `${word} mail for this mailbox is tracked through the forward mailbox.` };
  }
  if (filter === 'none') return { shouldTrack: false, reason: 'filter-none', message: 'Automatic tracking is off for this mailbox; use Track.' };
  // Whatever the filter, a reply to tracked mail stays with its thread (that is why compose marks replies of tracked conversations).
  if (facts.respondsToTracked) return { shouldTrack: true, reason: 'filter-match', message: 'This is a reply to tracked email.' };
  switch (filter) {
    case 'all':
      return { shouldTrack: true, reason: 'filter-match', message: 'All email is tracked automatically.' };
    case 'responses':
      return { shouldTrack: false, reason: 'filter-no-match', message: 'Only replies to tracked email are tracked automatically.' };
    case 'known-records':
      return facts.knownRecord
        ? { shouldTrack: true, reason: 'filter-match', message: 'A participant is a known contact, account or lead.' }
        : { shouldTrack: false, reason: 'filter-no-match', message: 'No participant is a known contact, account or lead.' };
    case 'email-enabled-records':
      return facts.emailEnabledRecord
        ? { shouldTrack: true, reason: 'filter-match', message: 'A participant is a record with an email address.' }
        : { shouldTrack: false, reason: 'filter-no-match', message: 'No participant is a record with an email address.' };
  }
}

/** Message-IDs are compared in their `<left@right>` form. */
export function normalizeMessageId(id: string): string {
  const trimmed = id.trim();
  const bare = trimmed.replace(/^<+/, '').replace(/>+$/, '');
  return `<${bare}>`;
}

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}
