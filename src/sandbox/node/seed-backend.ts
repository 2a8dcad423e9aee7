import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { SandboxUser } from '../common/mail/mail-types';
import type { Store } from '../../server/store/database';
import { patchMailbox } from '../../server/store/mailboxes';
import { ensureOrganization, LOCAL_ORG_ID } from '../../server/store/organizations';
import { createRecord } from '../../server/store/records';
import { createUser, issueLocalToken } from '../../server/store/users';
import { ADMIN, ALICE, BOB, SAMPLE_RECORDS } from './sample-people';

/** Who the sandbox signs in as. Tokens are shown only once by the backend, so they are kept beside the database. */
export interface SandboxAccounts {
  /** Names this database: the page clears storage it kept for another one. */
  sandboxId: string;
  users: Array<SandboxUser & { userId: string; mailboxId: string }>;
  admin: SandboxUser & { userId: string };
}

function readAccounts(file: string): SandboxAccounts | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxAccounts;
  } catch {
    return null;
  }
}

/**
 * Fills a new database with the sandbox organisation: Alice and Bob (internal users with approved
 * mailboxes, methods from the org defaults), an administrator, and the sample records. A database
 * seeded before (the backend restarted on the same file) keeps its users and tokens.
 */
export async function seedBackend(store: Store, accountsFile: string): Promise<SandboxAccounts> {
  await ensureOrganization(store.db, LOCAL_ORG_ID, 'Contoso (sandbox)');
  const saved = readAccounts(accountsFile);
  if (saved) {
    const known = await store.db.selectFrom('users').select('id').where('id', 'in', [saved.admin.userId, ...saved.users.map((user) => user.userId)]).execute();
    if (known.length === saved.users.length + 1) return saved;
  }
  const accounts = await store.writer.run(async (trx) => {
    const users: SandboxAccounts['users'] = [];
    for (const person of [ALICE, BOB]) {
      const user = await createUser(trx, { orgId: LOCAL_ORG_ID, email: person.address, name: person.name });
      const mailbox = await trx.selectFrom('mailboxes').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
      await patchMailbox(trx, LOCAL_ORG_ID, mailbox.id, { approved: true });
      users.push({ address: person.address, name: person.name, token: await issueLocalToken(trx, user.id, 'sandbox'), userId: user.id, mailboxId: mailbox.id });
    }
    const admin = await createUser(trx, { orgId: LOCAL_ORG_ID, email: ADMIN.address, name: ADMIN.name, isAdmin: true });
    for (const record of SAMPLE_RECORDS) await createRecord(trx, LOCAL_ORG_ID, record);
    return {
      sandboxId: randomUUID(),
      users,
      admin: { address: ADMIN.address, name: ADMIN.name, token: await issueLocalToken(trx, admin.id, 'sandbox'), userId: admin.id },
    };
  });
  fs.writeFileSync(accountsFile, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  return accounts;
}
