import type { KeyValueStore } from '../../../../src/addin/outbox/key-value-storage';

/** An in-memory stand-in for `OfficeRuntime.storage`: async, strings only. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly items = new Map<string, string>();

  async getItem(key: string): Promise<string | null> {
    await Promise.resolve();
    return this.items.get(key) ?? null;
  }

  async setItem(key: string, value: string): Promise<void> {
    await Promise.resolve();
    if (typeof value !== 'string') throw new TypeError('OfficeRuntime.storage stores strings only');
    this.items.set(key, value);
  }

  async removeItem(key: string): Promise<void> {
    await Promise.resolve();
    this.items.delete(key);
  }
}
