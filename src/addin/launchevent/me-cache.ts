import type { MeResponse } from '../../common/api/me';
import { ApiError, type ApiClient } from '../outbox/api-client';
import type { KeyValueStore } from '../outbox';
import { withTimeout } from './with-timeout';

/** Where the event runtime keeps the last `/api/v1/me` answer. */
// Not 'docket.me': the task pane caches the plain /me answer there, in another shape.
export const ME_CACHE_KEY = 'docket.me.event-runtime';
/** Younger than this, the cached answer is used without asking the server. */
export const ME_FRESH_MS = 5 * 60 * 1000;
/** When the server cannot be reached, an answer up to this old still says the user's method. */
export const ME_USABLE_MS = 7 * 24 * 60 * 60 * 1000;

interface CachedMe { savedAt: number; tokenHash: string; me: MeResponse }

/** Tells whose answer a cache entry is, without keeping any part of the token itself. */
function hashToken(token: string): string {
  let hash = 5381;
  for (let i = 0; i < token.length; i++) hash = ((hash * 33) ^ token.charCodeAt(i)) >>> 0;
  return hash.toString(36);
}

async function readCache(store: KeyValueStore, tokenHash: string): Promise<CachedMe | null> {
  try {
    const text = await store.getItem(ME_CACHE_KEY);
    if (!text) return null;
    const cached = JSON.parse(text) as CachedMe;
    return cached && cached.tokenHash === tokenHash && typeof cached.savedAt === 'number' && cached.me?.mailbox ? cached : null;
  } catch {
    return null;
  }
}

/**
 * The caller's `/me` (mailbox methods, filter, attachment limit): from a fresh cache, else from
 * the server (and cached), else from an older cache when the server is unreachable. Null when
 * nothing is known, or the server refused the token.
 */
export async function loadMe(options: { client: ApiClient; store: KeyValueStore; token: string; now: () => number; timeoutMs: number }): Promise<MeResponse | null> {
  const { client, store, now } = options;
  const tokenHash = hashToken(options.token);
  const cached = await readCache(store, tokenHash);
  if (cached && now() - cached.savedAt < ME_FRESH_MS) return cached.me;
  try {
    const me = await withTimeout(client.me(), options.timeoutMs, 'GET /api/v1/me');
    const entry: CachedMe = { savedAt: now(), tokenHash, me };
    await store.setItem(ME_CACHE_KEY, JSON.stringify(entry)).catch((error: unknown) => console.warn('Docket: could not cache /me', error));
    return me;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    console.warn('Docket: /me unavailable, using the cached answer if any', error);
    return cached && now() - cached.savedAt < ME_USABLE_MS ? cached.me : null;
  }
}
