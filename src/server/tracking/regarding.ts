import type { Kysely } from 'kysely';
import { HttpProblem } from '../http/problem';
import type { Database } from '../store/schema';

/** The name of a regarding candidate in the organisation, or null when there is no such record. */
export async function recordName(db: Kysely<Database>, orgId: string, ref: { type: string; id: string }): Promise<string | null> {
  const found = await db.selectFrom('records').select('name').where('org_id', '=', orgId).where('type', '=', ref.type).where('id', '=', ref.id).executeTakeFirst();
  return found?.name ?? null;
}

export function regardingNotFound(ref: { type: string; id: string }): HttpProblem {
  return new HttpProblem(422, 'Regarding record not found', `No ${ref.type} with id ${ref.id} exists in this organisation.`, { rule: 'regarding-not-found', field: 'regarding' });
}

export async function assertRegardingExists(db: Kysely<Database>, orgId: string, ref: { type: string; id: string }): Promise<void> {
  if ((await recordName(db, orgId, ref)) === null) throw regardingNotFound(ref);
}
