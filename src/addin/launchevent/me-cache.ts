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

/** A short hash: the cache says whose answer it holds without keeping any part of the token. */
function hash(text: string): string {
  let value = 5381;
  for (let i = 0; i < text.length; i++) value = ((value * 33) ^ text.charCodeAt(i)) >>> 0;
  return value.toString(36);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The claims of a JWT, unverified (the server verifies; here they only name the user). Decoded by
 * hand: the JavaScript-only runtime may have neither atob nor TextDecoder. Bytes become
 * characters one by one, which keeps ASCII claims such as `tid` and `oid` exact.
 */
function jwtClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part || !/^[A-Za-z0-9_-]+$/.test(part)) return null;
  let bits = 0;
  let buffer = 0;
  let text = '';
  for (const char of part) {
    buffer = (buffer << 6) | BASE64URL.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      text += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  try {
    const claims: unknown = JSON.parse(text);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Whose token this is, hashed. An Entra token is renewed every hour or so; its tenant and object
 * ids stay, so the cached answer keeps serving the same user (above all while the server is
 * down). A local token is its own identity.
 */
export function tokenIdentity(token: string): string {
  const claims = token.split('.').length === 3 ? jwtClaims(token) : null;
  if (claims && typeof claims.tid === 'string' && typeof claims.oid === 'string') return hash(`entra:${claims.tid}:${claims.oid}`);
  return hash(token);
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
  const tokenHash = tokenIdentity(options.token);
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
