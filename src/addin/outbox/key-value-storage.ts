import type { OutboxOperation } from './operation';
import type { OutboxStorage } from './storage';

/** An async string key-value store, such as `OfficeRuntime.storage`. */
export interface KeyValueStore {
  getItem(key: string): Promise<string | null | undefined>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  /** Every key of the store, when the store can list them (OfficeRuntime.storage, localStorage). */
  getKeys?(): Promise<string[]>;
}

export interface KeyValueOutboxStorageOptions {
  /** Namespace for this outbox's keys in a store shared with other features. */
  keyPrefix?: string;
}

/**
 * Outbox storage over a key-value store: one key per operation (a big attachment rewrites only
 * its own entry). When the store lists its keys, that listing is the index: the task pane and
 * the event runtime then share the store without a read-modify-write that could drop an entry.
 * Otherwise an index key lists the ids. An operation is written before the index
 * names it and dropped from the index before its entry is deleted, so a crash between the two
 * leaves at worst an unlisted orphan entry, never an index entry without its operation.
 */
export class KeyValueOutboxStorage implements OutboxStorage {
  private readonly indexKey: string;
  private readonly operationPrefix: string;
  /** Serialises this instance's writes, because updating the index is a read-modify-write. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: KeyValueStore,
    options: KeyValueOutboxStorageOptions = {},
  ) {
    const prefix = options.keyPrefix ?? 'docket.outbox.';
    this.indexKey = `${prefix}index`;
    this.operationPrefix = `${prefix}operation.`;
  }

  async load(): Promise<OutboxOperation[]> {
    const ids = this.store.getKeys
      ? (await this.store.getKeys()).filter((key) => key.startsWith(this.operationPrefix)).map((key) => key.slice(this.operationPrefix.length))
      : await this.readIndex();
    const values = await Promise.all(ids.map((id) => this.store.getItem(this.operationKey(id))));
    const operations: OutboxOperation[] = [];
    for (const value of values) {
      if (value != null) operations.push(JSON.parse(value) as OutboxOperation);
    }
    return operations;
  }

  put(operation: OutboxOperation): Promise<void> {
    return this.serialise(async () => {
      await this.store.setItem(this.operationKey(operation.id), JSON.stringify(operation));
      if (this.store.getKeys) return;
      const ids = await this.readIndex();
      if (!ids.includes(operation.id)) {
        ids.push(operation.id);
        await this.store.setItem(this.indexKey, JSON.stringify(ids));
      }
    });
  }

  remove(id: string): Promise<void> {
    return this.serialise(async () => {
      const ids = this.store.getKeys ? [] : await this.readIndex();
      if (ids.includes(id)) {
        await this.store.setItem(this.indexKey, JSON.stringify(ids.filter((other) => other !== id)));
      }
      await this.store.removeItem(this.operationKey(id));
    });
  }

  private operationKey(id: string): string {
    return this.operationPrefix + id;
  }

  private async readIndex(): Promise<string[]> {
    const value = await this.store.getItem(this.indexKey);
    if (value == null || value === '') return [];
    const parsed = JSON.parse(value) as unknown;
    if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === 'string')) {
      throw new Error(`Outbox index "${this.indexKey}" is not a list of ids`);
    }
    return parsed;
  }

  private serialise(task: () => Promise<void>): Promise<void> {
    const result = this.writes.then(task);
    this.writes = result.catch(() => undefined);
    return result;
  }
}
