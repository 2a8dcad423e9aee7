import type { OutboxOperation } from './operation';
import type { OutboxStorage } from './storage';

// Task pane only: the event runtime has no IndexedDB and uses KeyValueOutboxStorage instead.

const STORE_NAME = 'operations';
const SCHEMA_VERSION = 1;

export interface IndexedDbOutboxStorageOptions {
  databaseName?: string;
  /** Defaults to the global `indexedDB`; tests pass a fake factory. */
  factory?: IDBFactory;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Outbox storage in IndexedDB: one record per operation, keyed by id. */
export class IndexedDbOutboxStorage implements OutboxStorage {
  private constructor(private readonly database: IDBDatabase) {
    // Let a newer version of the add-in (another pane) upgrade the schema instead of blocking it.
    database.onversionchange = () => database.close();
  }

  static open(options: IndexedDbOutboxStorageOptions = {}): Promise<IndexedDbOutboxStorage> {
    const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) return Promise.reject(new Error('IndexedDB is not available in this runtime'));
    const request = factory.open(options.databaseName ?? 'docket-outbox', SCHEMA_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE_NAME)) {
        request.result.createObjectStore(STORE_NAME, { keyPath: 'id' });
      }
    };
    return requestResult(request).then((database) => new IndexedDbOutboxStorage(database));
  }

  async load(): Promise<OutboxOperation[]> {
    const transaction = this.database.transaction(STORE_NAME, 'readonly');
    const [operations] = await Promise.all([
      requestResult(transaction.objectStore(STORE_NAME).getAll() as IDBRequest<OutboxOperation[]>),
      transactionDone(transaction),
    ]);
    return operations;
  }

  put(operation: OutboxOperation): Promise<void> {
    return this.write((store) => store.put(operation));
  }

  remove(id: string): Promise<void> {
    return this.write((store) => store.delete(id));
  }

  close(): void {
    this.database.close();
  }

  /** Resolves on `complete` of a strict-durability transaction: the write has reached the disk. */
  private write(change: (store: IDBObjectStore) => IDBRequest): Promise<void> {
    const transaction = this.database.transaction(STORE_NAME, 'readwrite', { durability: 'strict' });
    const done = transactionDone(transaction);
    change(transaction.objectStore(STORE_NAME));
    return done;
  }
}
