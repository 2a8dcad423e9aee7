import type { KeyValueStore } from '../../src/addin/outbox/key-value-storage';

/** An async in-memory key-value store (stands in for OfficeRuntime.storage or localStorage). */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly items = new Map<string, string>();

  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null;
  }

  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }

  async removeItem(key: string): Promise<void> {
    this.items.delete(key);
  }
}
