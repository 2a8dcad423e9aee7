/**
 * How the backend recognises Entra ID access tokens: the settings, their defaults, and how they
 * are read from the environment. A misconfiguration is an ordinary Error thrown at startup; a bad
 * token is an EntraTokenError thrown per request (see entra-verifier.ts).
 */

import { isGuid } from '../../common/guid';

export interface EntraConfig {
  /** Where the signing keys are published, e.g. MICROSOFT_COMMON_JWKS_URL. */
  jwksUrl: string;
  /** Accepted `aud` values: `api://<client-id>` and/or the client id GUID. */
  audience: string[];
  /** `{tenantid}` is replaced by the token's own `tid`; the result must equal `iss` exactly. */
  issuerPattern: string;
  /** Tenant ids (GUIDs) whose users may sign in; '*' lets any tenant in, but a `tid` is still required. */
  allowedTenants: string[] | '*';
  /** A delegated scope the token's `scp` must contain; unset means no scope is required. */
  requiredScope?: string;
  /** Allowed clock skew for `exp` and `nbf`; 60 when unset. */
  clockToleranceSeconds?: number;
}

export const MICROSOFT_COMMON_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const MICROSOFT_V2_ISSUER_PATTERN = 'https://login.microsoftonline.com/{tenantid}/v2.0';
export const TENANT_ID_PLACEHOLDER = '{tenantid}';
export const DEFAULT_ENTRA_SCOPE = 'access_as_user';
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;



const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Keys fetched over plain HTTP could be swapped in transit, so HTTP is only allowed on loopback (tests, local mocks). */
function jwksUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'must be an https URL (http is allowed only on 127.0.0.1 or localhost)';
}

/** Throws an Error naming the first invalid field; called by createEntraVerifier so a bad config fails at startup. */
export function assertValidEntraConfig(config: EntraConfig): void {
  const urlProblem = jwksUrlProblem(config.jwksUrl);
  if (urlProblem) throw new Error(`Entra config: jwksUrl ${urlProblem}.`);
  if (!Array.isArray(config.audience) || config.audience.length === 0 || config.audience.some((a) => typeof a !== 'string' || a.trim() === '')) {
    throw new Error('Entra config: audience must list at least one non-empty value (api://<client-id> or the client id).');
  }
  if (typeof config.issuerPattern !== 'string' || config.issuerPattern.trim() === '') {
    throw new Error('Entra config: issuerPattern must not be empty.');
  }
  if (config.allowedTenants !== '*') {
    if (!Array.isArray(config.allowedTenants) || config.allowedTenants.length === 0) {
      throw new Error("Entra config: allowedTenants must list at least one tenant id, or be '*' for any tenant.");
    }
    const notGuid = config.allowedTenants.find((tenant) => !isGuid(tenant));
    if (notGuid !== undefined) throw new Error(`Entra config: allowedTenants entry "${notGuid}" is not a tenant id (GUID).`);
  }
  if (config.requiredScope !== undefined && !/^\S+$/.test(config.requiredScope)) {
    throw new Error('Entra config: requiredScope must be a single scope name without spaces.');
  }
  const tolerance = config.clockToleranceSeconds;
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) {
    throw new Error('Entra config: clockToleranceSeconds must be a number of seconds, zero or more.');
  }
}

const ENTRA_VARIABLES = ['DOCKET_ENTRA_AUDIENCE', 'DOCKET_ENTRA_JWKS_URL', 'DOCKET_ENTRA_ISSUER', 'DOCKET_ENTRA_TENANTS', 'DOCKET_ENTRA_SCOPE'] as const;

/** An empty value counts as unset, so `DOCKET_ENTRA_SCOPE=` in a compose file means "the default". */
function readVariable(env: NodeJS.ProcessEnv, name: (typeof ENTRA_VARIABLES)[number]): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function commaList(value: string): string[] {
  return [...new Set(value.split(',').map((item) => item.trim()).filter((item) => item !== ''))];
}

function readTenants(value: string): string[] | '*' {
  const tenants = commaList(value);
  if (tenants.length === 1 && tenants[0] === '*') return '*';
  if (tenants.includes('*')) throw new Error("DOCKET_ENTRA_TENANTS is either '*' (any tenant) or a list of tenant ids, not both.");
  const notGuid = tenants.find((tenant) => !isGuid(tenant));
  if (notGuid !== undefined) throw new Error(`DOCKET_ENTRA_TENANTS: "${notGuid}" is not a tenant id (GUID).`);
  if (tenants.length === 0) throw new Error("DOCKET_ENTRA_TENANTS must list tenant ids, or be '*' for any tenant.");
  return tenants.map((tenant) => tenant.toLowerCase());
}

/**
 * Entra sign-in is on when DOCKET_ENTRA_AUDIENCE is set (null means: not configured, use local tokens).
 * Setting only some of the variables is an error rather than a silent fallback to local tokens.
 */
export function readEntraConfigFromEnv(env: NodeJS.ProcessEnv): EntraConfig | null {
  const audience = readVariable(env, 'DOCKET_ENTRA_AUDIENCE');
  if (audience === undefined) {
    const stray = ENTRA_VARIABLES.filter((name) => readVariable(env, name) !== undefined);
    if (stray.length > 0) {
      throw new Error(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but DOCKET_ENTRA_AUDIENCE is not: set DOCKET_ENTRA_AUDIENCE and DOCKET_ENTRA_TENANTS to turn on Entra ID sign-in, or unset the others.`);
    }
    return null;
  }

  const tenants = readVariable(env, 'DOCKET_ENTRA_TENANTS');
  if (tenants === undefined) {
    throw new Error("DOCKET_ENTRA_AUDIENCE is set but DOCKET_ENTRA_TENANTS is not: list the tenant ids allowed to sign in, or '*' for any tenant.");
  }

  const audiences = commaList(audience);
  if (audiences.length === 0) throw new Error('DOCKET_ENTRA_AUDIENCE must list at least one audience (api://<client-id> or the client id).');

  const jwksUrl = readVariable(env, 'DOCKET_ENTRA_JWKS_URL') ?? MICROSOFT_COMMON_JWKS_URL;
  const urlProblem = jwksUrlProblem(jwksUrl);
  if (urlProblem) throw new Error(`DOCKET_ENTRA_JWKS_URL ${urlProblem}.`);

  const requiredScope = readVariable(env, 'DOCKET_ENTRA_SCOPE') ?? DEFAULT_ENTRA_SCOPE;
  if (!/^\S+$/.test(requiredScope)) throw new Error('DOCKET_ENTRA_SCOPE must be a single scope name without spaces.');

  return {
    jwksUrl,
    audience: audiences,
    issuerPattern: readVariable(env, 'DOCKET_ENTRA_ISSUER') ?? MICROSOFT_V2_ISSUER_PATTERN,
    allowedTenants: readTenants(tenants),
    requiredScope,
  };
}
