import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AttachmentInput, CorrelationMethod, Email, Notice, Tracker, TrackRequest, TrackResponse } from '../../common/api/email';
import type { EmailSettings } from '../../common/api/settings';
import type { SyncMethod, TrackingFilter } from '../../common/sync-methods';
import { decideTracking, normalizeAddress, normalizeMessageId } from '../../common/tracking-policy';
import type { Caller } from '../auth/caller';
import { HttpProblem } from '../http/problem';
import { newId, now } from '../store/ids';
import type { Database, EmailTable } from '../store/schema';
import { loadEmailViews, toEmailView } from './email-views';
import { gatherFilterFacts, threadMessageIds } from './filter-facts';
import { assertRegardingExists, recordName, regardingNotFound } from './regarding';

export const SUBJECT_TOKEN_PATTERN = /\bDKT:([0-9A-Z]{4,12})\b/;
const AUTOMATIC_SOURCES = new Set(['auto-send', 'auto-read']);

export interface TrackOutcome { status: 200 | 201; body: TrackResponse }

/**
 * DESIGN §2 in one place: one email per Message-ID (or tracking token) per organisation,
 * one tracker per user, send-time records linked to their later copies, and new emails
 * correlated to their thread in a fixed order. Runs inside one write job.
 */
export async function trackEmail(trx: Transaction<Database>, caller: Caller, request: TrackRequest, settings: EmailSettings): Promise<TrackOutcome> {
  if (!request.internetMessageId && !request.trackingToken) {
    throw new HttpProblem(422, 'Message identity required', 'A tracked message needs an internetMessageId or a trackingToken, or it could be tracked twice.', {
      rule: 'message-identity-required',
      field: 'internetMessageId',
    });
  }
  if (request.direction === 'incoming' && request.bcc && request.bcc.length > 0) {
    throw new HttpProblem(422, 'Rule violated', 'bcc is only known for outgoing mail; received mail never shows its Bcc line.', {
      rule: 'bcc-outgoing-only',
      field: 'bcc',
    });
  }
  await assertMayTrack(trx, caller, request);

  const scope = settings.internalMailAsTwoActivities ? request.direction : '';
  const messageId = request.internetMessageId ? normalizeMessageId(request.internetMessageId) : null;
  const existing = await findExisting(trx, caller.orgId, scope, messageId, request.trackingToken ?? null);
  const trackedAt = now();

  if (existing) {
    await linkIdentity(trx, existing, messageId, request.trackingToken ?? null);
    await strengthenCorrelation(trx, caller.orgId, existing, request);
    if (request.regarding) {
      await assertRegardingExists(trx, caller.orgId, request.regarding);
      await trx.updateTable('emails').set({ regarding_type: request.regarding.type, regarding_id: request.regarding.id }).where('id', '=', existing.id).execute();
    }
    await addTracker(trx, caller, existing.id, request, trackedAt, false);
    return respondExisting(trx, caller, existing.id);
  }

  const correlation = await correlate(trx, caller.orgId, request, settings);
  const regarding = request.regarding ?? correlation.regarding;
  const regardingName = regarding ? await recordName(trx, caller.orgId, regarding) : null;
  if (request.regarding && regardingName === null) throw regardingNotFound(request.regarding);
  const notices: Notice[] = [];
  const body = truncateBody(request.body.content, settings.maxBodyKb, notices);
  const emailId = newId();
  const subjectToken = settings.trackingTokenInSubject ? await nextSubjectToken(trx, caller.orgId) : null;

  const row: EmailTable = {
    id: emailId,
    org_id: caller.orgId,
    scope,
    internet_message_id: messageId,
    tracking_token: request.trackingToken ?? null,
    subject_token: subjectToken,
    conversation_id: request.conversationId ?? null,
    direction: request.direction,
    subject: request.subject,
    from_address: normalizeAddress(request.from.address),
    from_name: request.from.name ?? null,
    sent_at: request.sentAt ?? null,
    received_at: request.receivedAt ?? null,
    body_content_type: request.body.contentType,
    body_content: body.content,
    body_truncated: body.truncated ? 1 : 0,
    correlation_method: correlation.method,
    regarding_type: regarding?.type ?? null,
    regarding_id: regarding?.id ?? null,
    notices_json: '[]',
    created_at: trackedAt,
    untracked_at: null,
  };
  await trx.insertInto('emails').values(row).execute();

  const participantRows = (
    [
      ['to', request.to],
      ['cc', request.cc ?? []],
      ['bcc', request.bcc ?? []],
    ] as const
  ).flatMap(([role, list]) => list.map((p, position) => ({ email_id: emailId, role, position, address: normalizeAddress(p.address), name: p.name ?? null })));
  if (participantRows.length > 0) await trx.insertInto('email_participants').values(participantRows).execute();
  const attachments = await storeAttachments(trx, caller.orgId, emailId, request.attachments ?? [], settings.maxAttachmentKb, notices);
  if (notices.length > 0) await trx.updateTable('emails').set({ notices_json: JSON.stringify(notices) }).where('id', '=', emailId).execute();
  const trackerId = (await addTracker(trx, caller, emailId, request, trackedAt, true))!;
  // Everything the response shows was written just now: answer from it rather than read it back.
  const tracker: Tracker = { id: trackerId, userId: caller.user.id, userName: caller.user.name, mailboxId: caller.mailbox.id, direction: request.direction, source: request.source, trackedAt };
  const email = toEmailView(row, {
    participants: participantRows,
    attachments,
    trackers: [tracker],
    notices,
    regardingName: regardingName ?? undefined,
  });
  return { status: 201, body: { email, tracker, created: true } };
}

/** Manual Track ignores the filter but never the method `none`; automatic tracking needs `outlook` and a filter match. */
async function assertMayTrack(trx: Kysely<Database>, caller: Caller, request: TrackRequest): Promise<void> {
  const method = (request.direction === 'incoming' ? caller.mailbox.incoming_method : caller.mailbox.outgoing_method) as SyncMethod;
  const automatic = AUTOMATIC_SOURCES.has(request.source);
  const facts = automatic
    ? await gatherFilterFacts(trx, caller.orgId, request, caller.mailbox.address)
    : { knownRecord: false, emailEnabledRecord: false, respondsToTracked: false };
  const decision = decideTracking({ direction: request.direction, method, filter: caller.mailbox.tracking_filter as TrackingFilter, automatic, facts });
  if (!decision.shouldTrack) {
    throw new HttpProblem(403, 'Tracking not allowed', decision.message, { rule: decision.reason, field: 'direction' });
  }
}

/** What tracking an existing email needs of it; not its body, which can be tens of KB. */
const EXISTING_COLUMNS = ['id', 'internet_message_id', 'tracking_token', 'correlation_method', 'regarding_id'] as const;
type ExistingEmail = Pick<EmailTable, (typeof EXISTING_COLUMNS)[number]>;

async function findExisting(trx: Kysely<Database>, orgId: string, scope: string, messageId: string | null, token: string | null): Promise<ExistingEmail | undefined> {
  if (messageId) {
    const byMessageId = await trx.selectFrom('emails').select(EXISTING_COLUMNS).where('org_id', '=', orgId).where('scope', '=', scope).where('internet_message_id', '=', messageId).executeTakeFirst();
    if (byMessageId) return byMessageId;
  }
  if (token) {
    return trx.selectFrom('emails').select(EXISTING_COLUMNS).where('org_id', '=', orgId).where('scope', '=', scope).where('tracking_token', '=', token).executeTakeFirst();
  }
  return undefined;
}

/** The send-time record (token only) meets its later copy (Message-ID + token): they become one email. */
async function linkIdentity(trx: Kysely<Database>, email: ExistingEmail, messageId: string | null, token: string | null): Promise<void> {
  const patch: Partial<EmailTable> = {};
  if (messageId && !email.internet_message_id) {
    patch.internet_message_id = messageId;
    if (email.correlation_method === 'none') patch.correlation_method = 'x-header';
  }
  if (token && !email.tracking_token) patch.tracking_token = token;
  if (Object.keys(patch).length > 0) await trx.updateTable('emails').set(patch).where('id', '=', email.id).execute();
}

/**
 * A send-time record knows only its conversation; its later copy carries In-Reply-To.
 * When that copy hits a stored parent, the stronger correlation wins, and the parent's
 * regarding fills an empty one.
 */
async function strengthenCorrelation(trx: Kysely<Database>, orgId: string, email: ExistingEmail, request: TrackRequest): Promise<void> {
  if (email.correlation_method === 'in-reply-to') return;
  const nearest = await findNearestAncestor(trx, orgId, threadMessageIds(request).filter((id) => id !== email.internet_message_id));
  if (!nearest) return;
  const inherit = !email.regarding_id && nearest.regarding_id ? { regarding_type: nearest.regarding_type, regarding_id: nearest.regarding_id } : {};
  await trx.updateTable('emails').set({ correlation_method: 'in-reply-to', ...inherit }).where('id', '=', email.id).execute();
}

/** The stored email nearest in the thread: In-Reply-To first, then References from the newest (the order of `threadIds`). */
async function findNearestAncestor(trx: Kysely<Database>, orgId: string, threadIds: string[]) {
  if (threadIds.length === 0) return undefined;
  const hits = await trx.selectFrom('emails').select(['internet_message_id', 'regarding_type', 'regarding_id']).where('org_id', '=', orgId).where('internet_message_id', 'in', threadIds).execute();
  return threadIds.map((id) => hits.find((h) => h.internet_message_id === id)).find(Boolean);
}

async function correlate(
  trx: Kysely<Database>,
  orgId: string,
  request: TrackRequest,
  settings: EmailSettings,
): Promise<{ method: CorrelationMethod; regarding: { type: string; id: string } | null }> {
  const pick = (row: { regarding_type: string | null; regarding_id: string | null } | undefined) =>
    row?.regarding_type && row.regarding_id ? { type: row.regarding_type, id: row.regarding_id } : null;

  const nearest = await findNearestAncestor(trx, orgId, threadMessageIds(request));
  if (nearest) return { method: 'in-reply-to', regarding: pick(nearest) };
  if (request.conversationId) {
    const hit = await trx
      .selectFrom('emails')
      .select(['regarding_type', 'regarding_id'])
      .where('org_id', '=', orgId)
      .where('conversation_id', '=', request.conversationId)
      .orderBy((eb) => eb.case().when('regarding_id', 'is not', null).then(0).else(1).end())
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (hit) return { method: 'conversation', regarding: pick(hit) };
  }
  if (settings.trackingTokenInSubject) {
    const token = SUBJECT_TOKEN_PATTERN.exec(request.subject)?.[0];
    if (token) {
      const hit = await trx.selectFrom('emails').select(['regarding_type', 'regarding_id']).where('org_id', '=', orgId).where('subject_token', '=', token).executeTakeFirst();
      if (hit) return { method: 'tracking-token', regarding: pick(hit) };
    }
  }
  return { method: 'none', regarding: null };
}

async function nextSubjectToken(trx: Kysely<Database>, orgId: string): Promise<string> {
  const row = await trx
    .updateTable('org_settings')
    .set((eb) => ({ subject_token_counter: eb('subject_token_counter', '+', 1) }))
    .where('org_id', '=', orgId)
    .returning('subject_token_counter')
    .executeTakeFirstOrThrow();
  return `DKT:${Number(row.subject_token_counter).toString(36).toUpperCase().padStart(6, '0')}`;
}

export function truncateBody(content: string, maxBodyKb: number, notices: Notice[]): { content: string; truncated: boolean } {
  const limit = maxBodyKb * 1024;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes <= limit) return { content, truncated: false };
  // Cut on a character boundary: decode the first `limit` bytes and drop a split last character.
  const cut = Buffer.from(content, 'utf8').subarray(0, limit).toString('utf8').replace(/\uFFFD$/, '');
  notices.push({ code: 'body-truncated', message: `The body is ${Math.ceil(bytes / 1024)} KB; the first ${maxBodyKb} KB were saved (the organisation's body limit).` });
  return { content: cut, truncated: true };
}

async function storeAttachments(trx: Kysely<Database>, orgId: string, emailId: string, attachments: AttachmentInput[], maxKb: number, notices: Notice[]): Promise<Email['attachments']> {
  const views: Email['attachments'] = [];
  for (const [position, attachment] of attachments.entries()) {
    const content = attachment.contentBase64 !== undefined ? Buffer.from(attachment.contentBase64, 'base64') : null;
    const size = content ? content.length : attachment.size;
    let sha256: string | null = null;
    if (content && size <= maxKb * 1024) {
      sha256 = createHash('sha256').update(content).digest('hex');
      await trx.insertInto('attachment_blobs').values({ org_id: orgId, sha256, size, content }).onConflict((c) => c.columns(['org_id', 'sha256']).doNothing()).execute();
    } else if (content) {
      notices.push({ code: 'attachment-not-saved', message: `"${attachment.name}" (${Math.ceil(size / 1024)} KB) was not saved: it is over the ${maxKb} KB attachment limit.` });
    } else {
      notices.push({ code: 'attachment-not-saved', message: `"${attachment.name}" was not saved: its content was not sent, only its name and size.` });
    }
    await trx
      .insertInto('email_attachments')
      .values({ email_id: emailId, position, name: attachment.name, content_type: attachment.contentType, size, sha256, saved: sha256 ? 1 : 0, is_inline: attachment.isInline ? 1 : 0 })
      .execute();
    views.push({ name: attachment.name, contentType: attachment.contentType, size, saved: sha256 !== null, sha256 });
  }
  return views;
}

/** Adds the caller's tracker unless they already have one; returns its id when it was added. */
async function addTracker(trx: Kysely<Database>, caller: Caller, emailId: string, request: TrackRequest, trackedAt: string, freshEmail: boolean): Promise<string | null> {
  const id = newId();
  const result = await trx
    .insertInto('trackers')
    .values({ id, email_id: emailId, org_id: caller.orgId, user_id: caller.user.id, mailbox_id: caller.mailbox.id, direction: request.direction, source: request.source, tracked_at: trackedAt })
    .onConflict((c) => c.columns(['email_id', 'user_id']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
  // Only an email kept after its last tracker left has untracked_at set.
  if (!freshEmail) await trx.updateTable('emails').set({ untracked_at: null }).where('id', '=', emailId).where('untracked_at', 'is not', null).execute();
  // "Last tracking activity" is shown to admins by the minute; writing it on every track would cost a statement each.
  const last = caller.mailbox.last_tracked_at ? Date.parse(caller.mailbox.last_tracked_at) : 0;
  if (Date.parse(trackedAt) - last >= 60_000) await trx.updateTable('mailboxes').set({ last_tracked_at: trackedAt }).where('id', '=', caller.mailbox.id).execute();
  return id;
}

/** An email that already existed is read back whole: other users' trackers and earlier writes are part of it. */
async function respondExisting(trx: Kysely<Database>, caller: Caller, emailId: string): Promise<TrackOutcome> {
  const [email] = await loadEmailViews(trx, [emailId]);
  const tracker = email!.trackers.find((t) => t.userId === caller.user.id)!;
  return { status: 200, body: { email: email!, tracker, created: false } };
}
