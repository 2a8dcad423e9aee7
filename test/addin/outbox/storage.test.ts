import { describe, expect, it } from '@jest/globals';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbOutboxStorage } from '../../../src/addin/outbox/indexeddb-storage';
import { KeyValueOutboxStorage } from '../../../src/addin/outbox/key-value-storage';
import { MemoryOutboxStorage } from '../../../src/addin/outbox/memory-storage';
import type { OutboxStorage } from '../../../src/addin/outbox/storage';
import { officeRuntimeKeyValueStore } from '../../../src/addin/office/runtime-storage';
import { MemoryKeyValueStore } from './fakes/memory-key-value-store';
import { describeOutboxStorageContract, operation } from './storage-contract';

describeOutboxStorageContract('MemoryOutboxStorage', () => {
  const storage = new MemoryOutboxStorage();
  return { open: async () => storage };
});

describeOutboxStorageContract('KeyValueOutboxStorage', () => {
  const store = new MemoryKeyValueStore();
  return { open: async () => new KeyValueOutboxStorage(store) };
});

describeOutboxStorageContract('IndexedDbOutboxStorage', () => {
  const factory = new IDBFactory();
  return {
    open: () => IndexedDbOutboxStorage.open({ factory, databaseName: 'docket-outbox' }),
    close: (storage: OutboxStorage) => (storage as IndexedDbOutboxStorage).close(),
  };
});

/** A store that lists its keys, as OfficeRuntime.storage and localStorage do: no index key is kept. */
class ListingKeyValueStore extends MemoryKeyValueStore {
  async getKeys() {
    await Promise.resolve();
    return [...this.items.keys()];
  }
}

describeOutboxStorageContract('KeyValueOutboxStorage over a store that lists its keys', () => {
  const store = new ListingKeyValueStore();
  return { open: async () => new KeyValueOutboxStorage(store) };
});

describe('KeyValueOutboxStorage shared by two runtimes', () => {
  it('loses no operation when the task pane and the event runtime write at the same moment', async () => {
    const store = new ListingKeyValueStore();
    const pane = new KeyValueOutboxStorage(store);
    const eventRuntime = new KeyValueOutboxStorage(store);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? pane : eventRuntime).put(operation(`op-${i}`, { sequence: i }))));
    expect((await pane.load()).map((op) => op.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `op-${i}`).sort());
    expect([...store.items.keys()].some((key) => key.endsWith('index'))).toBe(false);
  });
});

describeOutboxStorageContract('KeyValueOutboxStorage over OfficeRuntime.storage', () => {
  const store = new MemoryKeyValueStore();
  return {
    async open() {
      const global = globalThis as { OfficeRuntime?: unknown };
      global.OfficeRuntime = { storage: store };
      try {
        return new KeyValueOutboxStorage(officeRuntimeKeyValueStore());
      } finally {
        delete global.OfficeRuntime;
      }
    },
  };
});

describe('KeyValueOutboxStorage', () => {
  it('keeps two outboxes with different prefixes apart in one store', async () => {
    const store = new MemoryKeyValueStore();
    const first = new KeyValueOutboxStorage(store, { keyPrefix: 'first.' });
    const second = new KeyValueOutboxStorage(store, { keyPrefix: 'second.' });
    await first.put(operation('a'));
    await second.put(operation('b'));
    expect((await first.load()).map((stored) => stored.id)).toEqual(['a']);
    expect((await second.load()).map((stored) => stored.id)).toEqual(['b']);
  });

  it('stores only strings and removes every key of a removed operation', async () => {
    const store = new MemoryKeyValueStore();
    const storage = new KeyValueOutboxStorage(store);
    await storage.put(operation('a'));
    expect([...store.items.keys()].sort()).toEqual(['docket.outbox.index', 'docket.outbox.operation.a']);
    await storage.remove('a');
    expect([...store.items.entries()]).toEqual([['docket.outbox.index', '[]']]);
  });

  it('ignores an operation entry the index does not name (a write cut short before the index)', async () => {
    const store = new MemoryKeyValueStore();
    await store.setItem('docket.outbox.operation.orphan', JSON.stringify(operation('orphan')));
    expect(await new KeyValueOutboxStorage(store).load()).toEqual([]);
  });

  it('refuses to read an index that is not a list of ids rather than dropping the queue', async () => {
    const store = new MemoryKeyValueStore();
    await store.setItem('docket.outbox.index', '{"oops":true}');
    await expect(new KeyValueOutboxStorage(store).load()).rejects.toThrow(/not a list of ids/);
  });
});

describe('officeRuntimeKeyValueStore', () => {
  it('says so when OfficeRuntime.storage is missing', () => {
    expect(() => officeRuntimeKeyValueStore()).toThrow(/OfficeRuntime.storage is not available/);
  });

  it('reads a missing key as null even when the host answers undefined', async () => {
    const global = globalThis as { OfficeRuntime?: unknown };
    global.OfficeRuntime = {
      storage: { getItem: async () => undefined, setItem: async () => undefined, removeItem: async () => undefined },
    };
    try {
      expect(await officeRuntimeKeyValueStore().getItem('docket.outbox.index')).toBeNull();
    } finally {
      delete global.OfficeRuntime;
    }
  });
});

describe('IndexedDbOutboxStorage', () => {
  it('fails clearly where IndexedDB does not exist', async () => {
    const global = globalThis as { indexedDB?: unknown };
    const original = global.indexedDB;
    delete global.indexedDB;
    try {
      await expect(IndexedDbOutboxStorage.open()).rejects.toThrow(/IndexedDB is not available/);
    } finally {
      if (original !== undefined) global.indexedDB = original;
    }
  });
});
