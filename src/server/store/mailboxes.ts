import type { Kysely } from 'kysely';
import type { CreateQueueMailbox, Mailbox, MailboxListQuery, MailboxPatch } from '../../common/api/mailbox';
import { findMailboxRuleViolations } from '../../common/mailbox-rules';
import { DEFAULT_TRACKING_FILTER, type MailboxKind, type SyncMethod, type TrackingFilter } from '../../common/sync-methods';
import { normalizeAddress } from '../../common/tracking-policy';
import { HttpProblem, notFound } from '../http/problem';
import { containsText } from './contains-text';
import { fromBool, newId, now, toBool } from './ids';
import { getEmailSettings } from './organizations';
import type { Database, MailboxTable } from './schema';

export function toMailbox(row: MailboxTable): Mailbox {
  return {
    id: row.id,
    address: row.address,
    name: row.name,
    kind: row.kind as MailboxKind,
    userId: row.user_id,
    incomingMethod: row.incoming_method as SyncMethod,
    outgoingMethod: row.outgoing_method as SyncMethod,
    trackingFilter: row.tracking_filter as TrackingFilter,
    approved: toBool(row.approved),
    isForwardMailbox: toBool(row.is_forward_mailbox),
    lastTrackedAt: row.last_tracked_at,
    createdAt: row.created_at,
  };
}

/** A new user's mailbox takes the organisation's defaults as they are now; later changes to the defaults never reach it. */
export async function createUserMailbox(
  db: Kysely<Database>,
  user: { id: string; orgId: string; email: string; name: string },
): Promise<MailboxTable> {
  const settings = await getEmailSettings(db, user.orgId);
  const row: MailboxTable = {
    id: newId(),
    org_id: user.orgId,
    user_id: user.id,
    kind: 'user',
    address: normalizeAddress(user.email),
    name: user.name,
    incoming_method: settings.defaultIncomingMethod,
    // The default could only hold forward-mailbox for incoming; outgoing falls back to none.
    outgoing_method: settings.defaultOutgoingMethod === 'forward-mailbox' ? 'none' : settings.defaultOutgoingMethod,
    tracking_filter: DEFAULT_TRACKING_FILTER,
    approved: 0,
    is_forward_mailbox: 0,
    last_tracked_at: null,
    last_failure_at: null,
    last_failure: null,
    created_at: now(),
  };
  await db.insertInto('mailboxes').values(row).execute();
  return row;
}

export async function createQueueMailbox(db: Kysely<Database>, orgId: string, input: CreateQueueMailbox): Promise<Mailbox> {
  const address = normalizeAddress(input.address);
  const taken = await db.selectFrom('mailboxes').select('id').where('org_id', '=', orgId).where('address', '=', address).executeTakeFirst();
  if (taken) throw new HttpProblem(409, 'Conflict', `A mailbox for ${address} already exists.`, { rule: 'mailbox-exists', field: 'address' });
  const config = {
    kind: 'queue' as const,
    incomingMethod: input.incomingMethod ?? 'none',
    outgoingMethod: input.outgoingMethod ?? 'none',
    isForwardMailbox: input.isForwardMailbox ?? false,
  };
  await assertMailboxRules(db, orgId, config, null);
  const row: MailboxTable = {
    id: newId(),
    org_id: orgId,
    user_id: null,
    kind: 'queue',
    address,
    name: input.name ?? address,
    incoming_method: config.incomingMethod,
    outgoing_method: config.outgoingMethod,
    tracking_filter: 'none',
    approved: 0,
    is_forward_mailbox: fromBool(config.isForwardMailbox),
    last_tracked_at: null,
    last_failure_at: null,
    last_failure: null,
    created_at: now(),
  };
  await db.insertInto('mailboxes').values(row).execute();
  return toMailbox(row);
}

export async function patchMailbox(db: Kysely<Database>, orgId: string, id: string, patch: MailboxPatch): Promise<Mailbox> {
  const row = await db.selectFrom('mailboxes').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The mailbox');
  const current = toMailbox(row);
  const config = {
    kind: current.kind,
    incomingMethod: patch.incomingMethod ?? current.incomingMethod,
    outgoingMethod: patch.outgoingMethod ?? current.outgoingMethod,
    isForwardMailbox: patch.isForwardMailbox ?? current.isForwardMailbox,
  };
  await assertMailboxRules(db, orgId, config, id);
  if (current.isForwardMailbox && !config.isForwardMailbox) await assertForwardMailboxNotInUse(db, orgId, id);
  await db
    .updateTable('mailboxes')
    .set({
      incoming_method: config.incomingMethod,
      outgoing_method: config.outgoingMethod,
      is_forward_mailbox: fromBool(config.isForwardMailbox),
      ...(patch.trackingFilter !== undefined && { tracking_filter: patch.trackingFilter }),
      ...(patch.approved !== undefined && { approved: fromBool(patch.approved) }),
      ...(patch.name !== undefined && { name: patch.name }),
    })
    .where('id', '=', id)
    .execute();
  const updated = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toMailbox(updated);
}

async function assertMailboxRules(
  db: Kysely<Database>,
  orgId: string,
  config: { kind: MailboxKind; incomingMethod: SyncMethod; outgoingMethod: SyncMethod; isForwardMailbox: boolean },
  selfId: string | null,
): Promise<void> {
  let query = db.selectFrom('mailboxes').select('id').where('org_id', '=', orgId).where('is_forward_mailbox', '=', 1);
  if (selfId) query = query.where('id', '!=', selfId);
  const forward = await query.executeTakeFirst();
  const violations = findMailboxRuleViolations(config, forward !== undefined || config.isForwardMailbox);
  const first = violations[0];
  if (first) throw new HttpProblem(422, 'Mailbox rule violated', first.message, { rule: first.rule, field: first.field });
}

async function assertForwardMailboxNotInUse(db: Kysely<Database>, orgId: string, selfId: string): Promise<void> {
  const others = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('org_id', '=', orgId)
    .where('is_forward_mailbox', '=', 1)
    .where('id', '!=', selfId)
    .executeTakeFirst();
  const dependent = await db
    .selectFrom('mailboxes')
    .select('address')
    .where('org_id', '=', orgId)
    .where('incoming_method', '=', 'forward-mailbox')
    .executeTakeFirst();
  if (!others && dependent) {
    throw new HttpProblem(
      422,
      'Mailbox rule violated',
      `This is the only forward mailbox and ${dependent.address} uses forward-mailbox; change that mailbox first.`,
      { rule: 'forward-mailbox-required', field: 'isForwardMailbox' },
    );
  }
}

export async function getMailbox(db: Kysely<Database>, orgId: string, id: string): Promise<Mailbox> {
  const row = await db.selectFrom('mailboxes').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The mailbox');
  return toMailbox(row);
}

export async function listMailboxes(db: Kysely<Database>, orgId: string, query: MailboxListQuery): Promise<{ mailboxes: Mailbox[]; total: number }> {
  let base = db.selectFrom('mailboxes').where('org_id', '=', orgId);
  if (query.search) {
    const search = query.search;
    base = base.where((eb) => eb.or([containsText('address', search), containsText('name', search)]));
  }
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.incomingMethod) base = base.where('incoming_method', '=', query.incomingMethod);
  if (query.outgoingMethod) base = base.where('outgoing_method', '=', query.outgoingMethod);
  if (query.approved !== undefined) base = base.where('approved', '=', fromBool(query.approved));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('address').limit(query.limit ?? 100).offset(query.offset ?? 0).execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { mailboxes: rows.map(toMailbox), total: Number(count.n) };
}
