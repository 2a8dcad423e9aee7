/**
 * A stand-in for Entra's key endpoint: real RSA keys, a real HTTP server on 127.0.0.1, and a
 * way to mint access tokens signed with those keys (or with keys the server does not publish).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload, type KeyLike } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  // Shaped like Microsoft's published keys: kty, use, kid, n, e, and no alg.
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  return { kid, privateKey, publicKey, publicJwk };
}

export interface SignOptions {
  /** Sign with this key instead of the server's first key. */
  key?: SigningKey;
  /** Put this kid in the header; null leaves kid out. Defaults to the signing key's kid. */
  kid?: string | null;
  /** Seconds since the epoch; defaults to an hour from now. null leaves exp out. */
  expiresAt?: number | null;
  /** Seconds since the epoch; defaults to now. */
  notBefore?: number;
}

export interface JwksServer {
  /** http://127.0.0.1:PORT/keys */
  jwksUrl: string;
  /** How many times the key set has been fetched. */
  readonly requestCount: number;
  /** Start publishing another key, as Entra does when it rotates keys. */
  publish(key: SigningKey): void;
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export async function startJwksServer(keys: SigningKey[]): Promise<JwksServer> {
  const published = [...keys];
  let requestCount = 0;
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/keys') {
      requestCount += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    get requestCount() {
      return requestCount;
    },
    publish(key) {
      published.push(key);
    },
    async sign(claims, options = {}) {
      const key = options.key ?? published[0];
      if (key === undefined) throw new Error('The JWKS server has no key to sign with.');
      const kid = options.kid === undefined ? key.kid : options.kid;
      const now = nowInSeconds();
      const jwt = new SignJWT(claims)
        .setProtectedHeader(kid === null ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid })
        .setIssuedAt(now)
        .setNotBefore(options.notBefore ?? now);
      if (options.expiresAt !== null) jwt.setExpirationTime(options.expiresAt ?? now + 3600);
      return jwt.sign(key.privateKey);
    },
    close() {
      // jose's HTTP client keeps connections alive; drop them so close() does not wait for the idle timeout.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
