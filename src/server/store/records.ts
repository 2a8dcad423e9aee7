import type { Kysely } from 'kysely';
import type { RecordType } from '../../common/api/primitives';
import type { CreateRecord, CrmRecord } from '../../common/api/record';
import { normalizeAddress } from '../../common/tracking-policy';
import { containsText } from './contains-text';
import { newId, now } from './ids';
import type { Database } from './schema';

export async function createRecord(db: Kysely<Database>, orgId: string, input: CreateRecord): Promise<CrmRecord> {
  const id = newId();
  const createdAt = now();
  const name = input.name.trim();
  await db.insertInto('records').values({ id, org_id: orgId, type: input.type, name, name_lower: name.toLowerCase(), created_at: createdAt }).execute();
  const emails = [...new Set((input.emails ?? []).map(normalizeAddress))];
  if (emails.length > 0) {
    await db.insertInto('record_emails').values(emails.map((address) => ({ record_id: id, org_id: orgId, address }))).execute();
  }
  return { id, type: input.type, name, emails, createdAt };
}

async function withEmails(db: Kysely<Database>, rows: Array<{ id: string; type: string; name: string; created_at: string }>): Promise<CrmRecord[]> {
  if (rows.length === 0) return [];
  const emailRows = await db.selectFrom('record_emails').select(['record_id', 'address']).where('record_id', 'in', rows.map((r) => r.id)).execute();
  const byRecord = new Map<string, string[]>();
  for (const e of emailRows) byRecord.set(e.record_id, [...(byRecord.get(e.record_id) ?? []), e.address]);
  return rows.map((r) => ({ id: r.id, type: r.type as RecordType, name: r.name, emails: (byRecord.get(r.id) ?? []).sort(), createdAt: r.created_at }));
}

export async function searchRecords(
  db: Kysely<Database>,
  orgId: string,
  query: { search?: string; type?: RecordType; limit?: number },
): Promise<CrmRecord[]> {
  let q = db.selectFrom('records').select(['id', 'type', 'name', 'created_at']).where('org_id', '=', orgId);
  if (query.type) q = q.where('type', '=', query.type);
  const search = query.search?.trim();
  if (search) {
    q = q.where((eb) =>
      eb.or([
        containsText('name', search),
        eb.exists(
          eb
            .selectFrom('record_emails')
            .select('record_emails.record_id')
            .whereRef('record_emails.record_id', '=', 'records.id')
            .where(containsText('record_emails.address', search)),
        ),
      ]),
    );
  }
  const rows = await q.orderBy('name_lower').limit(query.limit ?? 20).execute();
  return withEmails(db, rows);
}

export async function getRecord(db: Kysely<Database>, orgId: string, type: string, id: string): Promise<CrmRecord | undefined> {
  const row = await db.selectFrom('records').select(['id', 'type', 'name', 'created_at']).where('org_id', '=', orgId).where('type', '=', type).where('id', '=', id).executeTakeFirst();
  return row ? (await withEmails(db, [row]))[0] : undefined;
}

/** For each address: the records that carry it, and whether it belongs to a user or queue mailbox of the organisation. */
export async function resolveAddresses(
  db: Kysely<Database>,
  orgId: string,
  addresses: string[],
): Promise<Array<{ address: string; records: CrmRecord[]; isUser: boolean }>> {
  const wanted = [...new Set(addresses.map(normalizeAddress))];
  if (wanted.length === 0) return [];
  const links = await db.selectFrom('record_emails').select(['record_id', 'address']).where('org_id', '=', orgId).where('address', 'in', wanted).execute();
  const recordRows = links.length
    ? await db.selectFrom('records').select(['id', 'type', 'name', 'created_at']).where('id', 'in', [...new Set(links.map((l) => l.record_id))]).execute()
    : [];
  const records = new Map((await withEmails(db, recordRows)).map((r) => [r.id, r]));
  const mailboxes = new Set(
    (await db.selectFrom('mailboxes').select('address').where('org_id', '=', orgId).where('address', 'in', wanted).execute()).map((m) => m.address),
  );
  return wanted.map((address) => ({
    address,
    records: links.filter((l) => l.address === address).map((l) => records.get(l.record_id)!).filter(Boolean),
    isUser: mailboxes.has(address),
  }));
}
