import type { CorrelationMethod, Tracker } from '../../common/api/email';
import type { RecordType } from '../../common/api/primitives';
import { decideTracking } from '../../common/tracking-policy';
import type { Direction, SyncMethod } from '../../common/sync-methods';
import { ApiError } from '../outbox/api-client';

/** The sentences the pane shows, kept together so every state reads the same way. */

export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  contact: 'Contact',
  account: 'Account',
  lead: 'Lead',
  opportunity: 'Opportunity',
  case: 'Case',
};

export const CORRELATION_WORDS: Record<CorrelationMethod, string> = {
  'in-reply-to': 'Linked to the thread it replies to',
  'x-header': 'Linked by the Docket header stamped when it was sent',
  conversation: 'Linked by its Outlook conversation',
  'tracking-token': 'Linked by the tracking token in its subject',
  none: 'Not linked to earlier tracked mail',
};

/** What the method alone says about a direction, in the server's own words (shared policy code). */
export function methodSentence(direction: Direction, method: SyncMethod): string {
  return decideTracking({
    direction,
    method,
    filter: 'all',
    automatic: true,
    facts: { knownRecord: false, emailEnabledRecord: false, respondsToTracked: false },
  }).message;
}

/** "you", "you and Ben Ortiz", "Ben Ortiz, Chloé Ng and you". */
export function describeTrackers(trackers: Tracker[], myUserId: string | undefined): string {
  const names = Array.from(new Set(trackers.map((t) => (t.userId === myUserId ? 'you' : t.userName))));
  if (names.length === 0) return 'nobody';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A failure as a sentence a user can act on; never a bare status code. */
export function describeFailure(error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    // A reply without a problem body gets a title like "HTTP 502" from the client: say it in words.
    const title = /^HTTP \d+$/.test(error.title) ? 'Unexpected answer from the tracking server' : error.title;
    return { title, detail: error.detail };
  }
  if (error instanceof Error && error.message) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong', detail: 'Docket could not finish this. Try again.' };
}

export const QUEUED_SENTENCES: Record<string, string> = {
  track: 'Will be tracked when the tracking server is reachable.',
  untrack: 'Will be untracked when the tracking server is reachable.',
  'set-regarding': 'The regarding record will be changed when the tracking server is reachable.',
};

export function queuedSentence(kind: string): string {
  return QUEUED_SENTENCES[kind] ?? 'Will be sent when the tracking server is reachable.';
}
