import type { OutboxOperation } from './operation';
import type { OutboxStorage } from './storage';

/**
 * Storage kept in memory, for tests and for hosts with nothing durable. Stores serialised
 * copies, as a real store does, so callers cannot change stored operations by reference.
 */
export class MemoryOutboxStorage implements OutboxStorage {
  private readonly records = new Map<string, string>();

  async load(): Promise<OutboxOperation[]> {
    return this.snapshot();
  }

  async put(operation: OutboxOperation): Promise<void> {
    this.records.set(operation.id, JSON.stringify(operation));
  }

  async remove(id: string): Promise<void> {
    this.records.delete(id);
  }

  /** What is stored right now, read synchronously (for test invariants). */
  snapshot(): OutboxOperation[] {
    return Array.from(this.records.values(), (json) => JSON.parse(json) as OutboxOperation);
  }
}
