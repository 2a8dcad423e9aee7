import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SignJWT, exportSPKI, type JWTPayload } from 'jose';
import { EntraTokenError, createEntraVerifier, readEntraConfigFromEnv, type EntraConfig, type EntraFailureReason } from '../../../src/server/auth/entra-verifier';
import { createSigningKey, nowInSeconds, startJwksServer, type JwksServer, type SigningKey } from './jwks-server';

const CLIENT_ID = '6f1e3c2a-8b4d-4e5f-9a0b-1c2d3e4f5a6b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
const OBJECT_ID = '00000000-0000-0000-66f3-3332eca7ea81';

function issuerOf(tenant: string): string {
  return `https://login.microsoftonline.com/${tenant}/v2.0`;
}

function userClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: CLIENT_ID,
    iss: issuerOf(TENANT),
    tid: TENANT,
    oid: OBJECT_ID,
    scp: 'User.Read access_as_user',
    preferred_username: 'ada@contoso.example',
    name: 'Ada Lovelace',
    ver: '2.0',
    ...overrides,
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

let key: SigningKey;
let strangerKey: SigningKey;
let rotatedKey: SigningKey;
let server: JwksServer;
let config: EntraConfig;

beforeAll(async () => {
  [key, strangerKey, rotatedKey] = await Promise.all([createSigningKey('entra-key-1'), createSigningKey('not-published'), createSigningKey('entra-key-2')]);
  server = await startJwksServer([key]);
  config = {
    jwksUrl: server.jwksUrl,
    audience: [`api://${CLIENT_ID}`, CLIENT_ID],
    issuerPattern: 'https://login.microsoftonline.com/{tenantid}/v2.0',
    allowedTenants: [TENANT],
    requiredScope: 'access_as_user',
  };
});

afterAll(async () => {
  await server.close();
});

async function rejectionOf(promise: Promise<unknown>): Promise<EntraTokenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EntraTokenError) return error;
    throw new Error(`expected an EntraTokenError, got ${String(error)}`);
  }
  throw new Error('expected the token to be rejected, but it was accepted');
}

async function expectRejected(token: string, reason: EntraFailureReason, verifierConfig: EntraConfig = config): Promise<void> {
  const error = await rejectionOf(createEntraVerifier(verifierConfig).verify(token));
  expect(error.reason).toBe(reason);
  expect(error.message.length).toBeGreaterThan(0);
  if (token.length > 0) expect(error.message).not.toContain(token);
}

describe('an Entra access token that passes every check', () => {
  it('yields the tenant, object id, email and name', async () => {
    const token = await server.sign(userClaims());

    await expect(createEntraVerifier(config).verify(token)).resolves.toEqual({
      tenantId: TENANT,
      objectId: OBJECT_ID,
      email: 'ada@contoso.example',
      name: 'Ada Lovelace',
    });
  });

  it('is accepted when its audience is the api:// identifier instead of the client id', async () => {
    const token = await server.sign(userClaims({ aud: `api://${CLIENT_ID}` }));

    await expect(createEntraVerifier(config).verify(token)).resolves.toMatchObject({ objectId: OBJECT_ID });
  });

  it('takes the email from email or upn when preferred_username is not an address, and null when none is', async () => {
    const verifier = createEntraVerifier(config);
    const fromUpn = await server.sign(userClaims({ preferred_username: '+1 555 0100', upn: 'ada@contoso.example' }));
    const fromEmail = await server.sign(userClaims({ preferred_username: undefined, email: 'lovelace@contoso.example', upn: 'ada@contoso.example' }));
    const withoutAddress = await server.sign(userClaims({ preferred_username: undefined, name: undefined }));

    await expect(verifier.verify(fromUpn)).resolves.toMatchObject({ email: 'ada@contoso.example' });
    await expect(verifier.verify(fromEmail)).resolves.toMatchObject({ email: 'lovelace@contoso.example' });
    await expect(verifier.verify(withoutAddress)).resolves.toMatchObject({ email: null, name: null });
  });

  it('is still accepted when it expired less than the clock tolerance ago', async () => {
    const token = await server.sign(userClaims(), { expiresAt: nowInSeconds() - 30, notBefore: nowInSeconds() - 3600 });

    await expect(createEntraVerifier(config).verify(token)).resolves.toMatchObject({ tenantId: TENANT });
  });

  it('from any tenant is accepted when the allowlist is *, as long as iss matches its tid', async () => {
    const token = await server.sign(userClaims({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) }));

    await expect(createEntraVerifier({ ...config, allowedTenants: '*' }).verify(token)).resolves.toMatchObject({ tenantId: OTHER_TENANT });
  });
});

describe('an Entra access token is rejected with a reason', () => {
  it('when it is unsigned (alg none)', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(userClaims({ exp: nowInSeconds() + 3600 }))}.`;

    await expectRejected(unsigned, 'algorithm');
  });

  it('when it is HS256-signed with the public key as the secret', async () => {
    const publicKeyPem = await exportSPKI(key.publicKey);
    const forged = await new SignJWT(userClaims())
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(publicKeyPem));

    await expectRejected(forged, 'algorithm');
  });

  it('when it was issued for another audience', async () => {
    await expectRejected(await server.sign(userClaims({ aud: 'api://someone-else' })), 'audience');
  });

  it('when its issuer is another tenant than its tid', async () => {
    await expectRejected(await server.sign(userClaims({ iss: issuerOf(OTHER_TENANT) })), 'issuer');
  });

  it('when it has expired beyond the clock tolerance', async () => {
    const token = await server.sign(userClaims(), { expiresAt: nowInSeconds() - 120, notBefore: nowInSeconds() - 3600 });

    await expectRejected(token, 'expired');
  });

  it('when it is not valid yet', async () => {
    await expectRejected(await server.sign(userClaims(), { notBefore: nowInSeconds() + 600 }), 'not-yet-valid');
  });

  it('when it has no expiry', async () => {
    await expectRejected(await server.sign(userClaims(), { expiresAt: null }), 'claims');
  });

  it('when it was signed with a key the key set does not publish', async () => {
    await expectRejected(await server.sign(userClaims(), { key: strangerKey }), 'unknown-key');
  });

  it('when it does not name its signing key', async () => {
    await expectRejected(await server.sign(userClaims(), { kid: null }), 'unknown-key');
  });

  it('when its tenant is not in the allowlist', async () => {
    await expectRejected(await server.sign(userClaims({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) })), 'tenant');
  });

  it('when it lacks the required scope', async () => {
    await expectRejected(await server.sign(userClaims({ scp: 'User.Read' })), 'scope');
  });

  it('when it is an app-only token with roles and no delegated scope', async () => {
    await expectRejected(await server.sign(userClaims({ scp: undefined, roles: ['access_as_user'] })), 'scope');
  });

  it('when it has no object id', async () => {
    await expectRejected(await server.sign(userClaims({ oid: undefined })), 'claims');
  });

  it('when it has no tenant id, even if any tenant is allowed', async () => {
    await expectRejected(await server.sign(userClaims({ tid: undefined })), 'claims', { ...config, allowedTenants: '*' });
  });

  it('when its payload was changed after signing', async () => {
    const [header, , signature] = (await server.sign(userClaims())).split('.');
    const tampered = `${header}.${base64url(userClaims({ oid: '11111111-2222-3333-4444-555555555555', exp: nowInSeconds() + 3600 }))}.${signature}`;

    await expectRejected(tampered, 'signature');
  });

  it.each(['', 'garbage', 'a.b.c', 'x.y', `${Buffer.from('{not json').toString('base64url')}.e30.sig`])('when it is not a JWT at all (%j)', async (garbage) => {
    await expectRejected(garbage, 'malformed');
  });

  it('when the key endpoint is down', async () => {
    const downServer = await startJwksServer([key]);
    const token = await downServer.sign(userClaims());
    await downServer.close();

    await expectRejected(token, 'jwks-unavailable', { ...config, jwksUrl: downServer.jwksUrl });
  });

  it('when the key endpoint answers with an error instead of a key set', async () => {
    await expectRejected(await server.sign(userClaims()), 'jwks-unavailable', { ...config, jwksUrl: server.jwksUrl.replace('/keys', '/missing') });
  });
});

describe('the published key set', () => {
  // jose refetches on an unknown kid at most once per 30 s cooldown, measured with Date.now; token lifetimes use new Date(), so only the cooldown moves.
  function pretendSecondsPassed(seconds: number): () => void {
    const realNow = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(realNow + seconds * 1000);
    return () => spy.mockRestore();
  }

  it('is fetched once and reused across tokens', async () => {
    const ownServer = await startJwksServer([key]);
    try {
      const verifier = createEntraVerifier({ ...config, jwksUrl: ownServer.jwksUrl });
      await verifier.verify(await ownServer.sign(userClaims()));
      await verifier.verify(await ownServer.sign(userClaims()));

      expect(ownServer.requestCount).toBe(1);
    } finally {
      await ownServer.close();
    }
  });

  it('is refetched when a rotated key appears, and a kid still unknown after the refetch fails', async () => {
    const ownServer = await startJwksServer([key]);
    try {
      const verifier = createEntraVerifier({ ...config, jwksUrl: ownServer.jwksUrl });
      await verifier.verify(await ownServer.sign(userClaims()));
      ownServer.publish(rotatedKey);
      const rotatedToken = await ownServer.sign(userClaims(), { key: rotatedKey });
      const strangerToken = await ownServer.sign(userClaims(), { key: strangerKey });

      const restoreClock = pretendSecondsPassed(31);
      try {
        await expect(verifier.verify(rotatedToken)).resolves.toMatchObject({ objectId: OBJECT_ID });
        expect(ownServer.requestCount).toBe(2);
      } finally {
        restoreClock();
      }

      const restoreLaterClock = pretendSecondsPassed(62);
      try {
        const error = await rejectionOf(verifier.verify(strangerToken));
        expect(error.reason).toBe('unknown-key');
        expect(ownServer.requestCount).toBe(3);
      } finally {
        restoreLaterClock();
      }
    } finally {
      await ownServer.close();
    }
  });
});

describe('createEntraVerifier', () => {
  it('refuses a key set fetched over plain http from a host other than loopback', () => {
    expect(() => createEntraVerifier({ ...config, jwksUrl: 'http://keys.example.com/keys' })).toThrow(/https/);
  });

  it('refuses an empty tenant allowlist', () => {
    expect(() => createEntraVerifier({ ...config, allowedTenants: [] })).toThrow(/allowedTenants/);
  });
});

describe('readEntraConfigFromEnv', () => {
  it('returns null when Entra sign-in is not configured', () => {
    expect(readEntraConfigFromEnv({ PATH: '/usr/bin' })).toBeNull();
  });

  it('fills in the Microsoft defaults for keys, issuer and scope', () => {
    expect(readEntraConfigFromEnv({ DOCKET_ENTRA_AUDIENCE: `api://${CLIENT_ID}, ${CLIENT_ID}`, DOCKET_ENTRA_TENANTS: TENANT.toUpperCase() })).toEqual({
      jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      audience: [`api://${CLIENT_ID}`, CLIENT_ID],
      issuerPattern: 'https://login.microsoftonline.com/{tenantid}/v2.0',
      allowedTenants: [TENANT],
      requiredScope: 'access_as_user',
    });
  });

  it('reads every variable, including * for any tenant', () => {
    expect(
      readEntraConfigFromEnv({
        DOCKET_ENTRA_AUDIENCE: CLIENT_ID,
        DOCKET_ENTRA_TENANTS: '*',
        DOCKET_ENTRA_JWKS_URL: 'https://login.microsoftonline.com/organizations/discovery/v2.0/keys',
        DOCKET_ENTRA_ISSUER: 'https://sts.windows.net/{tenantid}/',
        DOCKET_ENTRA_SCOPE: 'Mail.Track',
      }),
    ).toEqual({
      jwksUrl: 'https://login.microsoftonline.com/organizations/discovery/v2.0/keys',
      audience: [CLIENT_ID],
      issuerPattern: 'https://sts.windows.net/{tenantid}/',
      allowedTenants: '*',
      requiredScope: 'Mail.Track',
    });
  });

  it('throws when the audience is set but no tenants are', () => {
    expect(() => readEntraConfigFromEnv({ DOCKET_ENTRA_AUDIENCE: CLIENT_ID })).toThrow(/DOCKET_ENTRA_TENANTS/);
  });

  it('throws when other Entra variables are set without an audience', () => {
    expect(() => readEntraConfigFromEnv({ DOCKET_ENTRA_TENANTS: TENANT })).toThrow(/DOCKET_ENTRA_AUDIENCE/);
  });

  it('throws when a tenant is not a GUID', () => {
    expect(() => readEntraConfigFromEnv({ DOCKET_ENTRA_AUDIENCE: CLIENT_ID, DOCKET_ENTRA_TENANTS: 'contoso.onmicrosoft.com' })).toThrow(/not a tenant id/);
  });

  it('throws when the key set URL is plain http to a remote host', () => {
    expect(() =>
      readEntraConfigFromEnv({ DOCKET_ENTRA_AUDIENCE: CLIENT_ID, DOCKET_ENTRA_TENANTS: TENANT, DOCKET_ENTRA_JWKS_URL: 'http://keys.example.com/keys' }),
    ).toThrow(/DOCKET_ENTRA_JWKS_URL/);
  });
});
