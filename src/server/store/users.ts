import type { Kysely } from 'kysely';
import type { User } from '../../common/api/me';
import { normalizeAddress } from '../../common/tracking-policy';
import { generateLocalToken, hashLocalToken } from '../auth/local-tokens';
import { HttpProblem, notFound } from '../http/problem';
import { fromBool, newId, now, toBool } from './ids';
import { createUserMailbox } from './mailboxes';
import { ensureOrganization } from './organizations';
import type { Database, UserTable } from './schema';

export function toUser(row: UserTable): User {
  return { id: row.id, email: row.email, name: row.name, isAdmin: toBool(row.is_admin), organizationId: row.org_id };
}

/** Creates the user and their mailbox (with the org defaults of this moment). */
export async function createUser(
  db: Kysely<Database>,
  input: { orgId: string; orgName?: string; email: string; name?: string; isAdmin?: boolean; entraOid?: string },
): Promise<UserTable> {
  await ensureOrganization(db, input.orgId, input.orgName ?? input.orgId);
  const email = normalizeAddress(input.email);
  const existing = await db.selectFrom('users').select('id').where('org_id', '=', input.orgId).where('email', '=', email).executeTakeFirst();
  if (existing) throw new HttpProblem(409, 'Conflict', `A user with the address ${email} already exists.`, { rule: 'user-exists', field: 'email' });
  const row: UserTable = {
    id: newId(),
    org_id: input.orgId,
    email,
    name: input.name?.trim() || email.split('@')[0]!,
    is_admin: fromBool(input.isAdmin ?? false),
    entra_oid: input.entraOid ?? null,
    created_at: now(),
  };
  await db.insertInto('users').values(row).execute();
  const mailboxTaken = await db.selectFrom('mailboxes').select('id').where('org_id', '=', row.org_id).where('address', '=', email).executeTakeFirst();
  if (mailboxTaken) throw new HttpProblem(409, 'Conflict', `A mailbox for ${email} already exists.`, { rule: 'mailbox-exists', field: 'email' });
  await createUserMailbox(db, { id: row.id, orgId: row.org_id, email, name: row.name });
  return row;
}

export async function findUserByEmail(db: Kysely<Database>, orgId: string, email: string): Promise<UserTable> {
  const row = await db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('email', '=', normalizeAddress(email)).executeTakeFirst();
  if (!row) throw notFound(`The user ${email}`);
  return row;
}

export async function setAdmin(db: Kysely<Database>, userId: string, isAdmin: boolean): Promise<void> {
  await db.updateTable('users').set({ is_admin: fromBool(isAdmin) }).where('id', '=', userId).execute();
}

/** Issues a new local token; returns it once, stores only its hash. */
export async function issueLocalToken(db: Kysely<Database>, userId: string, label = 'cli'): Promise<string> {
  const token = generateLocalToken();
  await db
    .insertInto('api_tokens')
    .values({ id: newId(), user_id: userId, token_hash: hashLocalToken(token), label, created_at: now(), last_used_at: null })
    .execute();
  return token;
}

export async function findUserByLocalToken(db: Kysely<Database>, token: string): Promise<UserTable | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .where('api_tokens.token_hash', '=', hashLocalToken(token))
    .executeTakeFirst();
}

export async function findUserByEntraOid(db: Kysely<Database>, tenantId: string, oid: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('org_id', '=', tenantId).where('entra_oid', '=', oid).executeTakeFirst();
}
