import type { KeyValueStore } from '../outbox/key-value-storage';

/** `localStorage` as a key-value store, for hosts without OfficeRuntime.storage (e.g. Outlook on the web in a browser tab). */
export function localStorageKeyValueStore(storage: Storage = window.localStorage): KeyValueStore {
  return {
    getItem: async (key) => storage.getItem(key),
    setItem: async (key, value) => storage.setItem(key, value),
    removeItem: async (key) => storage.removeItem(key),
    getKeys: async () => Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((key): key is string => key !== null),
  };
}
