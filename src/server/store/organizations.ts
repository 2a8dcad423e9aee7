import type { Kysely } from 'kysely';
import { DEFAULT_EMAIL_SETTINGS, type EmailSettings } from '../../common/api/settings';
import type { SyncMethod } from '../../common/sync-methods';
import { fromBool, now, toBool } from './ids';
import type { Database, OrgSettingsTable } from './schema';

/** With local tokens there is one organisation; with Entra ID, one per tenant. */
export const LOCAL_ORG_ID = 'local';

export async function ensureOrganization(db: Kysely<Database>, id: string, name: string): Promise<void> {
  const existing = await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst();
  if (existing) return;
  const at = now();
  await db.insertInto('organizations').values({ id, name, created_at: at }).onConflict((c) => c.doNothing()).execute();
  await db
    .insertInto('org_settings')
    .values({ org_id: id, ...settingsToRow(DEFAULT_EMAIL_SETTINGS), subject_token_counter: 0, updated_at: at })
    .onConflict((c) => c.doNothing())
    .execute();
}

export async function getEmailSettings(db: Kysely<Database>, orgId: string): Promise<EmailSettings> {
  const row = await db.selectFrom('org_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return row ? rowToSettings(row) : { ...DEFAULT_EMAIL_SETTINGS };
}

export async function putEmailSettings(db: Kysely<Database>, orgId: string, settings: EmailSettings): Promise<EmailSettings> {
  await db
    .updateTable('org_settings')
    .set({ ...settingsToRow(settings), updated_at: now() })
    .where('org_id', '=', orgId)
    .execute();
  return getEmailSettings(db, orgId);
}

function settingsToRow(s: EmailSettings) {
  return {
    default_incoming_method: s.defaultIncomingMethod,
    default_outgoing_method: s.defaultOutgoingMethod,
    tracking_token_in_subject: fromBool(s.trackingTokenInSubject),
    internal_mail_as_two_activities: fromBool(s.internalMailAsTwoActivities),
    max_attachment_kb: s.maxAttachmentKb,
    max_body_kb: s.maxBodyKb,
    retention_days: s.retentionDays,
  };
}

function rowToSettings(row: OrgSettingsTable): EmailSettings {
  return {
    defaultIncomingMethod: row.default_incoming_method as SyncMethod,
    defaultOutgoingMethod: row.default_outgoing_method as SyncMethod,
    trackingTokenInSubject: toBool(row.tracking_token_in_subject),
    internalMailAsTwoActivities: toBool(row.internal_mail_as_two_activities),
    maxAttachmentKb: Number(row.max_attachment_kb),
    maxBodyKb: Number(row.max_body_kb),
    retentionDays: Number(row.retention_days),
  };
}
