import type { KeyValueStore } from '../outbox/key-value-storage';

/** The part of `OfficeRuntime.storage` the outbox uses (declared here: @types/office-js is optional). */
interface OfficeRuntimeStorage {
  getItem(key: string): Promise<string | null | undefined>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  getKeys?(): Promise<string[]>;
}

interface OfficeRuntimeGlobal {
  storage?: OfficeRuntimeStorage;
}

/**
 * `OfficeRuntime.storage` as a key-value store: the durable store of Outlook's JS-only event
 * runtime, which has no localStorage or IndexedDB. Throws when the host does not provide it.
 */
export function officeRuntimeKeyValueStore(): KeyValueStore {
  const runtime = (globalThis as { OfficeRuntime?: OfficeRuntimeGlobal }).OfficeRuntime;
  const storage = runtime?.storage;
  if (!storage) throw new Error('OfficeRuntime.storage is not available in this Outlook runtime');
  return {
    getItem: async (key) => (await storage.getItem(key)) ?? null,
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
    ...(typeof storage.getKeys === 'function' && { getKeys: () => storage.getKeys!() }),
  };
}
