/**
 * Validates Entra ID access tokens sent by the add-in (DESIGN §3): RS256 signature against the
 * published keys, `aud`, `iss` for the token's own tenant, tenant allowlist, lifetime, delegated
 * scope, and the `tid`+`oid` user key. Every failure is an EntraTokenError with a reason code and
 * a short message fit for a problem+json `detail`; the token itself never appears in a message.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTHeaderParameters, type JWTPayload, type FlattenedJWSInput } from 'jose';
import {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  TENANT_ID_PLACEHOLDER,
  assertValidEntraConfig,
  type EntraConfig,
} from './entra-config';
import { isGuid } from '../../common/guid';

export { readEntraConfigFromEnv, type EntraConfig } from './entra-config';

export type EntraFailureReason =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'unknown-key'
  | 'audience'
  | 'issuer'
  | 'tenant'
  | 'expired'
  | 'not-yet-valid'
  | 'scope'
  | 'claims'
  | 'jwks-unavailable';

export interface EntraIdentity {
  tenantId: string;
  objectId: string;
  email: string | null;
  name: string | null;
}

export class EntraTokenError extends Error {
  override readonly name = 'EntraTokenError';

  constructor(
    readonly reason: EntraFailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface EntraVerifier {
  verify(token: string): Promise<EntraIdentity>;
}

/** Entra only signs access tokens with RS256; allowing anything else invites `none` and HS256-with-the-public-key forgeries. */
const ACCEPTED_ALGORITHMS = ['RS256'];

/** Real Entra tokens are a few KB even with group claims; refuse to parse megabytes of header. */
const MAX_TOKEN_LENGTH = 32 * 1024;

export function createEntraVerifier(config: EntraConfig): EntraVerifier {
  assertValidEntraConfig(config);
  const audience = [...config.audience];
  const allowedTenants = config.allowedTenants === '*' ? '*' : new Set(config.allowedTenants.map((tenant) => tenant.toLowerCase()));
  const clockTolerance = config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  // jose caches the key set, refetches it when a token names an unknown kid (at most every 30 s), and refreshes it every 10 min.
  const publishedKeys = createRemoteJWKSet(new URL(config.jwksUrl));

  async function signingKeyFor(header: JWTHeaderParameters, token: FlattenedJWSInput) {
    // Without a kid every published RSA key matches; Entra always names its key.
    if (typeof header.kid !== 'string' || header.kid === '') {
      throw new EntraTokenError('unknown-key', 'The token does not name its signing key (kid).');
    }
    try {
      return await publishedKeys(header, token);
    } catch (error) {
      throw keyLookupFailure(error);
    }
  }

  async function verifiedClaims(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, signingKeyFor, {
        algorithms: ACCEPTED_ALGORITHMS,
        audience,
        clockTolerance,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      throw verificationFailure(error);
    }
  }

  return {
    async verify(token: string): Promise<EntraIdentity> {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw new EntraTokenError('malformed', 'The access token is not a well-formed JWT.');
      }
      const claims = await verifiedClaims(token);

      const tenantId = claims['tid'];
      if (!isGuid(tenantId)) throw new EntraTokenError('claims', 'The access token has no valid tenant id (tid).');
      if (claims.iss !== config.issuerPattern.replaceAll(TENANT_ID_PLACEHOLDER, tenantId)) {
        throw new EntraTokenError('issuer', "The access token's issuer does not match the configured Entra issuer for its tenant.");
      }
      if (allowedTenants !== '*' && !allowedTenants.has(tenantId.toLowerCase())) {
        throw new EntraTokenError('tenant', `Tenant ${tenantId} is not allowed to use this Docket server.`);
      }
      if (config.requiredScope !== undefined && !scopesOf(claims).includes(config.requiredScope)) {
        throw new EntraTokenError('scope', `The access token lacks the "${config.requiredScope}" scope.`);
      }
      const objectId = claims['oid'];
      if (!isGuid(objectId)) throw new EntraTokenError('claims', 'The access token has no valid user object id (oid).');

      return { tenantId, objectId, email: emailOf(claims), name: nonEmptyString(claims['name']) };
    },
  };
}

/** `scp` is a space-separated list in delegated tokens; app-only tokens carry `roles` instead and so never pass. */
function scopesOf(claims: JWTPayload): string[] {
  const scp = claims['scp'];
  return typeof scp === 'string' ? scp.split(' ').filter((scope) => scope !== '') : [];
}

/** `preferred_username` may be a phone number or a bare user name, so only a value that looks like an address counts. */
function emailOf(claims: JWTPayload): string | null {
  for (const claim of ['preferred_username', 'email', 'upn']) {
    const value = nonEmptyString(claims[claim]);
    if (value !== null && value.includes('@')) return value;
  }
  return null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Errors from looking up the signing key: a key we do not know, or a key set we could not get. */
function keyLookupFailure(error: unknown): EntraTokenError {
  if (error instanceof EntraTokenError) return error;
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new EntraTokenError('unknown-key', 'The access token was signed with a key that is not published for this issuer.', { cause: error });
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new EntraTokenError('unknown-key', 'More than one published key matches the access token key id.', { cause: error });
  }
  // Network errors, timeouts, non-200 answers, a body that is not a key set: the token may be fine, the keys are not reachable.
  return new EntraTokenError('jwks-unavailable', 'The signing keys for Entra ID tokens could not be fetched; try again later.', { cause: error });
}

function verificationFailure(error: unknown): EntraTokenError {
  if (error instanceof EntraTokenError) return error;
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new EntraTokenError('algorithm', 'Only RS256-signed access tokens are accepted.', { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new EntraTokenError('signature', 'The access token signature is not valid.', { cause: error });
  }
  if (error instanceof errors.JWTExpired) {
    return new EntraTokenError('expired', 'The access token has expired.', { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new EntraTokenError('audience', 'The access token was not issued for this API.', { cause: error });
    if (error.claim === 'nbf' && error.reason === 'check_failed') {
      return new EntraTokenError('not-yet-valid', 'The access token is not valid yet.', { cause: error });
    }
    return new EntraTokenError('claims', `The access token's "${error.claim}" claim is missing or invalid.`, { cause: error });
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new EntraTokenError('malformed', 'The access token is not a well-formed JWT.', { cause: error });
  }
  // Anything else (a key crypto refuses, an unexpected jose error) still means: this token is not verified.
  return new EntraTokenError('signature', 'The access token could not be verified.', { cause: error });
}
