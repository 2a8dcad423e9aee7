import type { CorrelationMethod, Tracker } from '../../common/api/email';
import { decideTracking } from '../../common/tracking-policy';
import type { Direction, SyncMethod } from '../../common/sync-methods';
import type { OutboxOperation } from '../outbox';
import { ApiError } from '../outbox/api-client';

/** The sentences the pane shows, kept together so every state reads the same way. */

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

const QUEUED_SENTENCES: Record<string, string> = {
  track: 'Will be tracked when the tracking server is reachable.',
  untrack: 'Will be untracked when the tracking server is reachable.',
  'set-regarding': 'The regarding record will be changed when the tracking server is reachable.',
};

export function queuedSentence(kind: string): string {
  return QUEUED_SENTENCES[kind] ?? 'Will be sent when the tracking server is reachable.';
}

const KIND_NOUNS: Record<string, [one: string, many: string]> = {
  track: ['track', 'tracks'],
  untrack: ['untrack', 'untracks'],
  'set-regarding': ['regarding change', 'regarding changes'],
};

/** "3 tracks", "2 tracks and 1 untrack", in the order the kinds first appear. */
function countByKind(operations: OutboxOperation[]): string {
  const counts = new Map<string, number>();
  for (const operation of operations) counts.set(operation.kind, (counts.get(operation.kind) ?? 0) + 1);
  const parts = Array.from(counts, ([kind, count]) => {
    const [one, many] = KIND_NOUNS[kind] ?? ['change', 'changes'];
    return `${count} ${count === 1 ? one : many}`;
  });
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * What "Send now" did with what was waiting when the user pressed it, given what the outbox
 * holds afterwards: "Sent 3 tracks; 1 is still waiting: Could not reach the tracking server. …"
 */
export function sendNowOutcome(waitingBefore: OutboxOperation[], storedAfter: OutboxOperation[]): { intent: 'success' | 'warning'; text: string } {
  if (waitingBefore.length === 0) return { intent: 'success', text: 'Nothing was waiting to be sent.' };
  const after = new Map(storedAfter.map((operation) => [operation.id, operation]));
  const sent = waitingBefore.filter((operation) => !after.has(operation.id));
  const stillWaiting = waitingBefore.flatMap((operation) => {
    const now = after.get(operation.id);
    return now?.state === 'pending' ? [now] : [];
  });
  const refused = waitingBefore.filter((operation) => after.get(operation.id)?.state === 'failed');
  const parts = [sent.length > 0 ? `Sent ${countByKind(sent)}` : 'Nothing could be sent'];
  if (stillWaiting.length > 0) {
    const reason = stillWaiting[0]!.lastError?.title ?? 'the tracking server did not answer';
    parts.push(`${stillWaiting.length} ${stillWaiting.length === 1 ? 'is' : 'are'} still waiting: ${reason}`);
  }
  if (refused.length > 0) parts.push(`${refused.length} ${refused.length === 1 ? 'was' : 'were'} refused (the reason and Retry are below)`);
  const retrying = stillWaiting.length > 0 ? ' Docket keeps trying on its own.' : '';
  return { intent: stillWaiting.length + refused.length === 0 ? 'success' : 'warning', text: `${parts.join('; ')}.${retrying}` };
}
