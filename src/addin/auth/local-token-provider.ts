import type { KeyValueStore } from '../outbox/key-value-storage';
import type { TokenProvider } from '../outbox/transport';

/** Where the pasted local token is kept: OfficeRuntime.storage is shared by the task pane and the event runtime. */
export const LOCAL_TOKEN_KEY = 'docket.localToken';

/** A local token (dkt_…) pasted once in Settings. It cannot be refreshed: a 401 means "paste a new one". */
export class LocalTokenProvider implements TokenProvider {
  constructor(private readonly store: KeyValueStore) {}

  async getToken(): Promise<string | null> {
    const token = await this.store.getItem(LOCAL_TOKEN_KEY);
    return token && token.trim() ? token.trim() : null;
  }

  async refresh(): Promise<string | null> {
    return null;
  }

  async save(token: string): Promise<void> {
    await this.store.setItem(LOCAL_TOKEN_KEY, token.trim());
  }

  async clear(): Promise<void> {
    await this.store.removeItem(LOCAL_TOKEN_KEY);
  }
}
