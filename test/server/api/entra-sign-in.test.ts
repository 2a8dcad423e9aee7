import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { createEntraVerifier } from '../../../src/server/auth/entra-verifier';
import { ENGINES } from '../../support/engines';
import { TestServer } from '../../support/test-server';
import { createSigningKey, nowInSeconds, startJwksServer, type JwksServer, type SigningKey } from '../auth/jwks-server';

const CLIENT_ID = '6f1e3c2a-8b4d-4e5f-9a0b-1c2d3e4f5a6b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';

describe.each(ENGINES)('Entra ID sign-in through the API on %s', (engine) => {
  let jwks: JwksServer;
  let stranger: SigningKey;
  let server: TestServer;
  beforeAll(async () => {
    const key = await createSigningKey('k1');
    stranger = await createSigningKey('k-unknown');
    jwks = await startJwksServer([key]);
  });
  afterAll(() => jwks.close());
  beforeEach(async () => {
    const entra = createEntraVerifier({
      jwksUrl: jwks.jwksUrl,
      audience: [`api://${CLIENT_ID}`],
      issuerPattern: 'https://login.microsoftonline.com/{tenantid}/v2.0',
      allowedTenants: [TENANT, OTHER_TENANT],
      requiredScope: 'access_as_user',
    });
    server = await TestServer.start(engine, { entra });
  });
  afterEach(() => server.stop());

  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    aud: `api://${CLIENT_ID}`,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid: randomUUID(),
    scp: 'access_as_user',
    preferred_username: 'ada@contoso.example',
    name: 'Ada Lovelace',
    ...overrides,
  });

  test("a user's first request creates their user and a mailbox with the organisation's defaults", async () => {
    const token = await jwks.sign(claims());
    const me = await server.request('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'ada@contoso.example', name: 'Ada Lovelace', organizationId: TENANT, isAdmin: false });
    expect(me.body.mailbox).toMatchObject({ incomingMethod: 'outlook', outgoingMethod: 'outlook', trackingFilter: 'known-records', kind: 'user' });
    const again = await server.request('GET', '/api/v1/me', { token });
    expect(again.body.user.id).toBe(me.body.user.id);
  });

  test('tenants are separate organisations: nothing tracked in one is visible from the other', async () => {
    const ada = await jwks.sign(claims());
    const eve = await jwks.sign(claims({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, preferred_username: 'eve@other.example' }));
    const messageId = `<${randomUUID()}@contoso.example>`;
    const body = { direction: 'incoming', internetMessageId: messageId, subject: 'x', from: { address: 'c@d.example' }, to: [], body: { contentType: 'text', content: '' }, source: 'manual' };
    const tracked = await server.request('POST', '/api/v1/emails', { token: ada, body });
    expect(tracked.status).toBe(201);
    const otherTenant = await server.request('POST', '/api/v1/emails', { token: eve, body });
    expect(otherTenant.status).toBe(201);
    expect(otherTenant.body.email.id).not.toBe(tracked.body.email.id);
    expect((await server.request('GET', `/api/v1/emails/${tracked.body.email.id}`, { token: eve })).status).toBe(404);
  });

  test.each([
    ['alg none', async () => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`],
    ['the wrong audience', () => jwks.sign(claims({ aud: 'api://someone-else' }))],
    ['the wrong issuer', () => jwks.sign(claims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }))],
    ['an expired token', () => jwks.sign(claims(), { expiresAt: nowInSeconds() - 3600 })],
    ['an unknown key id', () => jwks.sign(claims(), { key: stranger })],
    ['a tenant not allowed', () => jwks.sign(claims({ tid: 'b1b2c3d4-0000-4000-8000-000000000009', iss: 'https://login.microsoftonline.com/b1b2c3d4-0000-4000-8000-000000000009/v2.0' }))],
  ])('a token with %s gets 401 problem+json and creates no user', async (_name, mint) => {
    const response = await server.request('GET', '/api/v1/me', { token: await mint() });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(response.body.rule).toMatch(/^token-/);
    const users = await server.store.db.selectFrom('users').select('id').execute();
    expect(users).toHaveLength(0);
  });
});
