import { openStore } from '../../src/server/store/database';
import { ensureOrganization, LOCAL_ORG_ID } from '../../src/server/store/organizations';
import { createUser, issueLocalToken } from '../../src/server/store/users';

/** Users with their mailboxes (org defaults: method outlook) and one local token each, written before the server starts. */
export async function createBenchUsers(databaseUrl: string, count: number): Promise<string[]> {
  const store = await openStore(databaseUrl);
  try {
    await ensureOrganization(store.db, LOCAL_ORG_ID, 'Local organisation');
    return await store.writer.run(async (trx) => {
      const tokens: string[] = [];
      for (let i = 0; i < count; i++) {
        const user = await createUser(trx, { orgId: LOCAL_ORG_ID, email: `user${String(i).padStart(4, '0')}@contoso.example`, name: `Bench User ${i}` });
        tokens.push(await issueLocalToken(trx, user.id, 'bench'));
      }
      return tokens;
    });
  } finally {
    await store.close();
  }
}
