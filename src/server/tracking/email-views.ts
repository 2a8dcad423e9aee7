import type { Kysely } from 'kysely';
import type { CorrelationMethod, Email, EmailDetail, Notice, Tracker, TrackSource } from '../../common/api/email';
import type { RecordType } from '../../common/api/primitives';
import type { Direction } from '../../common/sync-methods';
import { toBool } from '../store/ids';
import type { Database, EmailTable } from '../store/schema';

type EmailViewRow = Omit<EmailTable, 'body_content'>;
const VIEW_COLUMNS = [
  'id', 'org_id', 'scope', 'internet_message_id', 'tracking_token', 'subject_token', 'conversation_id', 'direction', 'subject', 'from_address', 'from_name',
  'sent_at', 'received_at', 'body_content_type', 'body_truncated', 'correlation_method', 'regarding_type', 'regarding_id', 'notices_json', 'created_at', 'untracked_at',
] as const satisfies ReadonlyArray<keyof EmailViewRow>;

/** Builds API views of emails with their participants, attachments, trackers and regarding names, in a fixed number of queries. */
export async function loadEmailViews(db: Kysely<Database>, ids: string[]): Promise<Email[]> {
  if (ids.length === 0) return [];
  // Views carry no body: reading it back (often tens of KB) is wasted work on every track.
  const rows = await db.selectFrom('emails').select(VIEW_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r): r is EmailViewRow => r !== undefined);
  return buildViews(db, ordered);
}

export async function loadEmailDetail(db: Kysely<Database>, id: string): Promise<EmailDetail | undefined> {
  const row = await db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [view] = await buildViews(db, [row]);
  const bcc = await db.selectFrom('email_participants').select(['address', 'name']).where('email_id', '=', id).where('role', '=', 'bcc').orderBy('position').execute();
  return {
    ...view!,
    bcc: bcc.map(toAddress),
    body: { contentType: row.body_content_type as 'html' | 'text', content: row.body_content, truncated: toBool(row.body_truncated) },
  };
}

function toAddress(p: { address: string; name: string | null }) {
  return p.name ? { address: p.address, name: p.name } : { address: p.address };
}

async function buildViews(db: Kysely<Database>, rows: EmailViewRow[]): Promise<Email[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [participants, attachments, trackers] = await Promise.all([
    db.selectFrom('email_participants').selectAll().where('email_id', 'in', ids).where('role', 'in', ['to', 'cc']).orderBy('position').execute(),
    db.selectFrom('email_attachments').selectAll().where('email_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('trackers')
      .innerJoin('users', 'users.id', 'trackers.user_id')
      .select(['trackers.id', 'trackers.email_id', 'trackers.user_id', 'users.name as user_name', 'trackers.mailbox_id', 'trackers.direction', 'trackers.source', 'trackers.tracked_at'])
      .where('trackers.email_id', 'in', ids)
      .orderBy('trackers.tracked_at')
      .execute(),
  ]);
  const regardingIds = [...new Set(rows.map((r) => r.regarding_id).filter((id): id is string => id !== null))];
  const regardingNames = new Map(
    regardingIds.length
      ? (await db.selectFrom('records').select(['id', 'name']).where('id', 'in', regardingIds).execute()).map((r) => [r.id, r.name])
      : [],
  );
  return rows.map((row) =>
    toEmailView(row, {
      participants: participants.filter((p) => p.email_id === row.id),
      attachments: attachments
        .filter((a) => a.email_id === row.id)
        .map((a) => ({ name: a.name, contentType: a.content_type, size: Number(a.size), saved: toBool(a.saved), sha256: a.sha256 })),
      trackers: trackers.filter((t) => t.email_id === row.id).map(toTracker),
      notices: JSON.parse(row.notices_json) as Notice[],
      regardingName: row.regarding_id ? regardingNames.get(row.regarding_id) : undefined,
    }),
  );
}

/** What an email's view takes from outside its row: its to/cc participants, attachments, trackers, notices and regarding's name. */
export interface EmailViewParts {
  participants: Array<{ role: string; address: string; name: string | null }>;
  attachments: Email['attachments'];
  trackers: Tracker[];
  notices: Notice[];
  regardingName: string | undefined;
}

/** The one mapping from stored rows to the API's email view, for emails read back and for one just written. */
export function toEmailView(row: Omit<EmailViewRow, 'notices_json'>, parts: EmailViewParts): Email {
  return {
    id: row.id,
    internetMessageId: row.internet_message_id,
    trackingToken: row.tracking_token,
    subjectToken: row.subject_token,
    conversationId: row.conversation_id,
    direction: row.direction as Direction,
    subject: row.subject,
    from: toAddress({ address: row.from_address, name: row.from_name }),
    to: parts.participants.filter((p) => p.role === 'to').map(toAddress),
    cc: parts.participants.filter((p) => p.role === 'cc').map(toAddress),
    sentAt: row.sent_at,
    receivedAt: row.received_at,
    correlationMethod: row.correlation_method as CorrelationMethod,
    regarding: row.regarding_type && row.regarding_id ? { type: row.regarding_type as RecordType, id: row.regarding_id, name: parts.regardingName ?? '(deleted record)' } : null,
    notices: parts.notices,
    attachments: parts.attachments,
    trackers: parts.trackers,
    createdAt: row.created_at,
  };
}

export function toTracker(t: {
  id: string;
  user_id: string;
  user_name: string;
  mailbox_id: string;
  direction: string;
  source: string;
  tracked_at: string;
}): Tracker {
  return {
    id: t.id,
    userId: t.user_id,
    userName: t.user_name,
    mailboxId: t.mailbox_id,
    direction: t.direction as Direction,
    source: t.source as TrackSource,
    trackedAt: t.tracked_at,
  };
}
