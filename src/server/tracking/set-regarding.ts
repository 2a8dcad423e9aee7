import type { Kysely } from 'kysely';
import type { RecordRef } from '../../common/api/primitives';
import type { Caller } from '../auth/caller';
import type { Database } from '../store/schema';
import { assertCanSee } from './email-access';
import { assertRegardingExists } from './regarding';

export async function setRegarding(trx: Kysely<Database>, caller: Caller, emailId: string, regarding: RecordRef | null): Promise<void> {
  await assertCanSee(trx, caller, emailId, true);
  if (regarding) await assertRegardingExists(trx, caller.orgId, regarding);
  await trx.updateTable('emails').set({ regarding_type: regarding?.type ?? null, regarding_id: regarding?.id ?? null }).where('id', '=', emailId).execute();
}
