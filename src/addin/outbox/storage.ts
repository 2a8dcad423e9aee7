import type { OutboxOperation } from './operation';

/**
 * Durable home of the outbox. Each method resolves only once the change is durably written;
 * that is what lets `enqueue` promise "queued". Order of `load` is irrelevant: the outbox sorts.
 */
export interface OutboxStorage {
  load(): Promise<OutboxOperation[]>;
  /** Inserts or replaces the operation with this id. */
  put(operation: OutboxOperation): Promise<void>;
  /** Removes the operation; removing an unknown id does nothing. */
  remove(id: string): Promise<void>;
}
