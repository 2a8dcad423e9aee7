import { createHash, randomBytes } from 'node:crypto';

/** Local tokens look like `dkt_<43 base64url chars>`; only their SHA-256 is stored, so a copied database yields no usable token. */
export const LOCAL_TOKEN_PREFIX = 'dkt_';

export function generateLocalToken(): string {
  return LOCAL_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashLocalToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeLocalToken(token: string): boolean {
  return token.startsWith(LOCAL_TOKEN_PREFIX) && /^[A-Za-z0-9_-]{20,200}$/.test(token);
}
