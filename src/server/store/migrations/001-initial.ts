import { type Kysely, sql } from 'kysely';

/** The first schema. Written with Kysely's builder so SQLite and PostgreSQL get the same tables. */
export async function up(db: Kysely<any>, engine: 'sqlite' | 'postgres'): Promise<void> {
  const blob = engine === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('default_incoming_method', 'text', (c) => c.notNull())
    .addColumn('default_outgoing_method', 'text', (c) => c.notNull())
    .addColumn('tracking_token_in_subject', 'integer', (c) => c.notNull())
    .addColumn('internal_mail_as_two_activities', 'integer', (c) => c.notNull())
    .addColumn('max_attachment_kb', 'integer', (c) => c.notNull())
    .addColumn('max_body_kb', 'integer', (c) => c.notNull())
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .addColumn('subject_token_counter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull())
    .addColumn('entra_oid', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_org_email', ['org_id', 'email'])
    .addUniqueConstraint('users_org_oid', ['org_id', 'entra_oid'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('mailboxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('incoming_method', 'text', (c) => c.notNull())
    .addColumn('outgoing_method', 'text', (c) => c.notNull())
    .addColumn('tracking_filter', 'text', (c) => c.notNull())
    .addColumn('approved', 'integer', (c) => c.notNull())
    .addColumn('is_forward_mailbox', 'integer', (c) => c.notNull())
    .addColumn('last_tracked_at', 'text')
    .addColumn('last_failure_at', 'text')
    .addColumn('last_failure', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mailboxes_org_address', ['org_id', 'address'])
    .execute();
  await db.schema.createIndex('mailboxes_user').on('mailboxes').column('user_id').execute();

  await db.schema
    .createTable('records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('records_org_name').on('records').columns(['org_id', 'name_lower']).execute();

  await db.schema
    .createTable('record_emails')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_emails_pk', ['record_id', 'address'])
    .execute();
  await db.schema.createIndex('record_emails_org_address').on('record_emails').columns(['org_id', 'address']).execute();

  await db.schema
    .createTable('emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('internet_message_id', 'text')
    .addColumn('tracking_token', 'text')
    .addColumn('subject_token', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('body_content_type', 'text', (c) => c.notNull())
    .addColumn('body_content', 'text', (c) => c.notNull())
    .addColumn('body_truncated', 'integer', (c) => c.notNull())
    .addColumn('correlation_method', 'text', (c) => c.notNull())
    .addColumn('regarding_type', 'text')
    .addColumn('regarding_id', 'text')
    .addColumn('notices_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('untracked_at', 'text')
    // The second safety net behind idempotency keys: one email per Message-ID and per token.
    .addUniqueConstraint('emails_org_message_id', ['org_id', 'scope', 'internet_message_id'])
    .addUniqueConstraint('emails_org_tracking_token', ['org_id', 'scope', 'tracking_token'])
    .execute();
  await db.schema.createIndex('emails_org_conversation').on('emails').columns(['org_id', 'conversation_id']).execute();
  await db.schema.createIndex('emails_org_subject_token').on('emails').columns(['org_id', 'subject_token']).execute();
  await db.schema.createIndex('emails_org_created').on('emails').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('emails_org_message_id_any').on('emails').columns(['org_id', 'internet_message_id']).execute();

  await db.schema
    .createTable('email_participants')
    .addColumn('email_id', 'text', (c) => c.notNull().references('emails.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addPrimaryKeyConstraint('email_participants_pk', ['email_id', 'role', 'position'])
    .execute();
  await db.schema.createIndex('email_participants_address').on('email_participants').column('address').execute();

  await db.schema
    .createTable('attachment_blobs')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', sql.raw(blob) as never, (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_blobs_pk', ['org_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('email_attachments')
    .addColumn('email_id', 'text', (c) => c.notNull().references('emails.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('saved', 'integer', (c) => c.notNull())
    .addColumn('is_inline', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_attachments_pk', ['email_id', 'position'])
    .execute();

  await db.schema
    .createTable('trackers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email_id', 'text', (c) => c.notNull().references('emails.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('tracked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('trackers_email_user', ['email_id', 'user_id'])
    .execute();
  await db.schema.createIndex('trackers_user').on('trackers').columns(['user_id', 'tracked_at']).execute();
  await db.schema.createIndex('trackers_org_time').on('trackers').columns(['org_id', 'tracked_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
}
