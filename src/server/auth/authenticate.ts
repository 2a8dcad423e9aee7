import type { Store } from '../store/database';
import { HttpProblem } from '../http/problem';
import type { UserTable } from '../store/schema';
import { createUser, findUserByEntraOid, findUserByLocalToken } from '../store/users';
import type { Caller } from './caller';
import { EntraTokenError, type EntraIdentity, type EntraVerifier } from './entra-verifier';
import { looksLikeLocalToken } from './local-tokens';

export type Authenticator = (authorization: string | undefined) => Promise<Caller>;

const unauthorized = (detail: string, rule = 'unauthorized') =>
  new HttpProblem(401, 'Unauthorized', detail, { rule, headers: { 'www-authenticate': 'Bearer realm="docket"' } });

/**
 * Local tokens (`dkt_…`, issued by the CLI) always work; Entra ID access tokens work when
 * Entra is configured. A user seen for the first time through Entra gets a user and a
 * mailbox with their organisation's defaults.
 */
export function createAuthenticator(store: Store, entra: EntraVerifier | null): Authenticator {
  // Which user a local token belongs to never changes, so it is remembered for a minute; the
  // mailbox (methods, filter) is read on every request so an admin's change applies at once.
  const usersByToken = new Map<string, { user: UserTable; expires: number }>();
  const findLocalUser = async (token: string): Promise<UserTable | undefined> => {
    const cached = usersByToken.get(token);
    if (cached && cached.expires > Date.now()) return cached.user;
    const user = await findUserByLocalToken(store.db, token);
    if (user) {
      if (usersByToken.size >= 10_000) usersByToken.clear();
      usersByToken.set(token, { user, expires: Date.now() + 60_000 });
    }
    return user;
  };
  return async (authorization) => {
    const match = /^Bearer ([^\s]{1,20000})$/i.exec(authorization ?? '');
    if (!match) throw unauthorized('Send "Authorization: Bearer <token>": a local token from `docket token create`, or an Entra ID access token.');
    const token = match[1]!;
    let user: UserTable | undefined;
    if (looksLikeLocalToken(token)) {
      user = await findLocalUser(token);
      if (!user) throw unauthorized('This token is not valid (unknown or revoked). Create a new one with `docket token create <email>`.');
    } else if (entra) {
      user = await userForEntraIdentity(store, await verifyEntra(entra, token));
    } else {
      throw unauthorized('This server accepts local tokens only (dkt_…); Entra ID sign-in is not configured.');
    }
    const mailbox = await store.db.selectFrom('mailboxes').selectAll().where('user_id', '=', user.id).executeTakeFirst();
    if (!mailbox) throw new HttpProblem(403, 'No mailbox', `The user ${user.email} has no mailbox; ask an admin.`, { rule: 'mailbox-missing' });
    return { user, mailbox, orgId: user.org_id, isAdmin: user.is_admin === 1 };
  };
}

async function verifyEntra(entra: EntraVerifier, token: string): Promise<EntraIdentity> {
  try {
    return await entra.verify(token);
  } catch (error) {
    if (error instanceof EntraTokenError) {
      if (error.reason === 'jwks-unavailable') {
        throw new HttpProblem(503, 'Sign-in keys unavailable', error.message, { rule: 'jwks-unavailable', headers: { 'retry-after': '5' } });
      }
      throw unauthorized(error.message, `token-${error.reason}`);
    }
    throw error;
  }
}

async function userForEntraIdentity(store: Store, identity: EntraIdentity): Promise<UserTable> {
  const known = await findUserByEntraOid(store.db, identity.tenantId, identity.objectId);
  if (known) return known;
  return store.writer.run(async (trx) => {
    const again = await findUserByEntraOid(trx, identity.tenantId, identity.objectId);
    if (again) return again;
    const email = identity.email ?? `${identity.objectId}@${identity.tenantId}.invalid`;
    // A user an admin created by address before their first sign-in is linked, not duplicated.
    const byEmail = await trx.selectFrom('users').selectAll().where('org_id', '=', identity.tenantId).where('email', '=', email.toLowerCase()).executeTakeFirst();
    if (byEmail) {
      await trx.updateTable('users').set({ entra_oid: identity.objectId }).where('id', '=', byEmail.id).execute();
      return { ...byEmail, entra_oid: identity.objectId };
    }
    return createUser(trx, { orgId: identity.tenantId, email, name: identity.name ?? undefined, entraOid: identity.objectId });
  });
}

