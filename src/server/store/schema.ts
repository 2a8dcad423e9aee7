/**
 * Table shapes as Kysely sees them. The same types serve SQLite and PostgreSQL:
 * timestamps are ISO-8601 text and booleans are 0/1 integers on both engines, so
 * every query reads the same everywhere.
 */
export interface OrganizationTable { id: string; name: string; created_at: string }

export interface OrgSettingsTable {
  org_id: string;
  default_incoming_method: string;
  default_outgoing_method: string;
  tracking_token_in_subject: number;
  internal_mail_as_two_activities: number;
  max_attachment_kb: number;
  max_body_kb: number;
  retention_days: number;
  subject_token_counter: number;
  updated_at: string;
}

export interface UserTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  is_admin: number;
  entra_oid: string | null;
  created_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

export interface MailboxTable {
  id: string;
  org_id: string;
  user_id: string | null;
  kind: string;
  address: string;
  name: string;
  incoming_method: string;
  outgoing_method: string;
  tracking_filter: string;
  approved: number;
  is_forward_mailbox: number;
  last_tracked_at: string | null;
  last_failure_at: string | null;
  last_failure: string | null;
  created_at: string;
}

export interface RecordTable { id: string; org_id: string; type: string; name: string; name_lower: string; created_at: string }

export interface RecordEmailTable { record_id: string; org_id: string; address: string }

export interface EmailTable {
  id: string;
  org_id: string;
  /** '' normally; the direction when "track mail between users as two activities" made a second email. */
  scope: string;
  internet_message_id: string | null;
  tracking_token: string | null;
  subject_token: string | null;
  conversation_id: string | null;
  direction: string;
  subject: string;
  from_address: string;
  from_name: string | null;
  sent_at: string | null;
  received_at: string | null;
  body_content_type: string;
  body_content: string;
  body_truncated: number;
  correlation_method: string;
  regarding_type: string | null;
  regarding_id: string | null;
  notices_json: string;
  created_at: string;
  /** When the last tracker went; the email is purged after the retention period. */
  untracked_at: string | null;
}

export interface EmailParticipantTable { email_id: string; role: string; position: number; address: string; name: string | null }

export interface EmailAttachmentTable {
  email_id: string;
  position: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string | null;
  saved: number;
  is_inline: number;
}

export interface AttachmentBlobTable { org_id: string; sha256: string; size: number; content: Uint8Array }

export interface TrackerTable {
  id: string;
  email_id: string;
  org_id: string;
  user_id: string;
  mailbox_id: string;
  direction: string;
  source: string;
  tracked_at: string;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_json: string;
  created_at: string;
}

export interface Database {
  organizations: OrganizationTable;
  org_settings: OrgSettingsTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  mailboxes: MailboxTable;
  records: RecordTable;
  record_emails: RecordEmailTable;
  emails: EmailTable;
  email_participants: EmailParticipantTable;
  email_attachments: EmailAttachmentTable;
  attachment_blobs: AttachmentBlobTable;
  trackers: TrackerTable;
  idempotency_keys: IdempotencyKeyTable;
}

