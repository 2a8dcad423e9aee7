/** What the outbox stores: one write the add-in owes the tracking backend. */

export type OperationKind = 'track' | 'untrack' | 'set-regarding' | (string & {});

export type HttpMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OperationRequest {
  method: HttpMethod;
  /** Path under the API base URL, starting with `/` (e.g. `/api/v1/emails`). */
  path: string;
  /** JSON-serialisable body; omitted for requests without one (e.g. untrack). */
  body?: unknown;
}

/** Why the last attempt did not succeed, in words a user can read (RFC 7807 `title`/`detail`). */
export interface OperationError {
  status?: number;
  title: string;
  detail: string;
}

export type OperationState = 'pending' | 'failed';

export interface OutboxOperation {
  id: string;
  kind: OperationKind;
  /** Made once at enqueue and sent on every attempt, across restarts, so the server applies the write once. */
  idempotencyKey: string;
  request: OperationRequest;
  /** Human text for the UI, e.g. `Track “Quarterly report”`. */
  label: string;
  /** internetMessageId or trackingToken, so the UI can show per-message state; also orders writes per message. */
  messageKey?: string;
  /** FIFO position; increases with every enqueue over the same storage. */
  sequence: number;
  createdAt: number;
  /** Sends that got no success so far. */
  attempts: number;
  nextAttemptAt: number;
  /** After this instant the outbox stops retrying (the server forgets idempotency keys after 7 days). */
  giveUpAt: number;
  lastError?: OperationError;
  state: OperationState;
}

/** What a caller hands to `enqueue`; the outbox fills in identity, keys and scheduling. */
export interface NewOperation {
  kind: OperationKind;
  request: OperationRequest;
  label: string;
  messageKey?: string;
}

/** FIFO order: by sequence, then creation time and id so two writers over one store still agree. */
export function compareFifo(a: OutboxOperation, b: OutboxOperation): number {
  if (a.sequence !== b.sequence) return a.sequence - b.sequence;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
