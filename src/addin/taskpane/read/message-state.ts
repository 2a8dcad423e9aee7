import type { Email } from '../../../common/api/email';
import type { SyncMethod } from '../../../common/sync-methods';
import type { OutboxOperation } from '../../outbox';

/** The one state the pane shows for an opened message (DESIGN §4). */
export type MessageState =
  | { kind: 'loading' }
  | { kind: 'failed'; operation: OutboxOperation }
  | { kind: 'queued'; operation: OutboxOperation }
  | { kind: 'tracked'; email: Email }
  | { kind: 'turned-off'; sentence: string }
  | { kind: 'handled-by-server'; method: SyncMethod; sentence: string; manualTrack: boolean }
  | { kind: 'not-tracked'; statusProblem: { title: string; detail: string } | null };

export interface MessageFacts {
  /** Outbox operations about this message, oldest first. */
  operations: OutboxOperation[];
  statusLoading: boolean;
  email: Email | null;
  statusProblem: { title: string; detail: string } | null;
  method: SyncMethod;
  methodSentence: string;
}

/**
 * What the outbox owes the server wins (a failure must be seen, a queued write is the newest
 * truth), then the server's answer, then what the method allows.
 */
export function deriveMessageState(facts: MessageFacts): MessageState {
  const failed = facts.operations.filter((operation) => operation.state === 'failed');
  if (failed.length > 0) return { kind: 'failed', operation: failed[failed.length - 1]! };
  const pending = facts.operations.filter((operation) => operation.state === 'pending');
  if (pending.length > 0) return { kind: 'queued', operation: pending[pending.length - 1]! };
  if (facts.statusLoading) return { kind: 'loading' };
  if (facts.email) return { kind: 'tracked', email: facts.email };
  switch (facts.method) {
    case 'none':
      return { kind: 'turned-off', sentence: facts.methodSentence };
    case 'server-side-sync':
      // DESIGN §1: the server reads the mailbox, but a person may still track by hand.
      return { kind: 'handled-by-server', method: facts.method, sentence: facts.methodSentence, manualTrack: true };
    case 'forward-mailbox':
      return { kind: 'handled-by-server', method: facts.method, sentence: facts.methodSentence, manualTrack: false };
    case 'outlook':
      return { kind: 'not-tracked', statusProblem: facts.statusProblem };
  }
}

/** One short sentence per state for the screen reader's live region. */
export function announcementFor(state: MessageState): string {
  switch (state.kind) {
    case 'loading':
      return 'Checking whether this message is tracked.';
    case 'failed':
      return `${state.operation.label} failed: ${state.operation.lastError?.title ?? 'see the reason'}.`;
    case 'queued':
      return `${state.operation.label} is queued.`;
    case 'tracked':
      return state.email.regarding ? `Tracked, regarding ${state.email.regarding.name}.` : 'Tracked.';
    case 'turned-off':
      return 'Not tracked: tracking is turned off for this mailbox.';
    case 'handled-by-server':
      return 'This message is handled by the server.';
    case 'not-tracked':
      return 'Not tracked.';
  }
}
