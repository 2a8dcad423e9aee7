import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CreateQueueMailbox, Mailbox, MailboxList, MailboxListQuery, MailboxPatch } from '../../../common/api/mailbox';
import { AdminEmailList, AdminEmailQuery, Overview, RecordImportRequest, RecordImportResult } from '../../../common/api/admin';
import { Id, Problem } from '../../../common/api/primitives';
import { loadOverview, searchEmails } from '../../store/admin-queries';
import { insertRecords, parseRecordsCsv } from '../../store/records-csv';
import { EmailSettings } from '../../../common/api/settings';
import { createQueueMailbox, getMailbox, listMailboxes, patchMailbox } from '../../store/mailboxes';
import { getEmailSettings, putEmailSettings } from '../../store/organizations';
import { requireAdmin, type RouteContext, sendWrite } from '../context';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem };
const MailboxParams = Type.Object({ id: Id }, { additionalProperties: false });

export function adminRoutes(context: RouteContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/admin/email-settings',
      { schema: { tags: ['admin'], summary: 'Email Configuration Settings of the organisation', response: { 200: EmailSettings, ...errors } } },
      async (request) => getEmailSettings(context.store.db, requireAdmin(request).orgId),
    );

    app.put(
      '/admin/email-settings',
      {
        schema: {
          tags: ['admin'],
          summary: 'Replace the settings. Defaults apply to mailboxes created from now on; existing mailboxes keep their methods.',
          body: EmailSettings,
          response: { 200: EmailSettings, ...errors },
        },
      },
      async (request, reply) => {
        const caller = requireAdmin(request);
        try {
          return await sendWrite(context, request, reply, async (trx) => ({ status: 200, body: await putEmailSettings(trx, caller.orgId, request.body) }));
        } finally {
          context.settings.invalidate(caller.orgId);
        }
      },
    );

    app.get(
      '/admin/mailboxes',
      { schema: { tags: ['admin'], summary: 'Mailboxes of users and queues', querystring: MailboxListQuery, response: { 200: MailboxList, ...errors } } },
      async (request) => listMailboxes(context.store.db, requireAdmin(request).orgId, request.query),
    );

    app.post(
      '/admin/mailboxes',
      { schema: { tags: ['admin'], summary: "Create a queue's mailbox (user mailboxes come with their users)", body: CreateQueueMailbox, response: { 201: Mailbox, ...errors } } },
      async (request, reply) => {
        const caller = requireAdmin(request);
        return sendWrite(context, request, reply, async (trx) => ({ status: 201, body: await createQueueMailbox(trx, caller.orgId, request.body) }));
      },
    );

    app.get(
      '/admin/mailboxes/:id',
      { schema: { tags: ['admin'], summary: 'One mailbox', params: MailboxParams, response: { 200: Mailbox, ...errors } } },
      async (request) => getMailbox(context.store.db, requireAdmin(request).orgId, request.params.id),
    );

    app.patch(
      '/admin/mailboxes/:id',
      { schema: { tags: ['admin'], summary: "Change one mailbox's methods, filter or approval", params: MailboxParams, body: MailboxPatch, response: { 200: Mailbox, ...errors } } },
      async (request, reply) => {
        const caller = requireAdmin(request);
        return sendWrite(context, request, reply, async (trx) => ({ status: 200, body: await patchMailbox(trx, caller.orgId, request.params.id, request.body) }));
      },
    );

    app.get(
      '/admin/overview',
      { schema: { tags: ['admin'], summary: 'Tracked email per day (30 days) and mailboxes needing attention', response: { 200: Overview, ...errors } } },
      async (request) => loadOverview(context.store.db, requireAdmin(request).orgId),
    );

    app.get(
      '/admin/emails',
      { schema: { tags: ['admin'], summary: 'Search tracked email by subject, participant, regarding and date', querystring: AdminEmailQuery, response: { 200: AdminEmailList, ...errors } } },
      async (request) => searchEmails(context.store.db, requireAdmin(request).orgId, request.query),
    );

    app.post(
      '/admin/records/import',
      {
        bodyLimit: 5 * 1024 * 1024,
        schema: { tags: ['admin'], summary: 'Import records from CSV (type,name,emails); bad rows are reported, good rows imported', body: RecordImportRequest, response: { 200: RecordImportResult, ...errors } },
      },
      async (request, reply) => {
        const caller = requireAdmin(request);
        const { valid, errors: rowErrors } = parseRecordsCsv(request.body.csv, request.body.firstLine ?? 2);
        return sendWrite(context, request, reply, async (trx) => {
          await insertRecords(trx, caller.orgId, valid);
          return { status: 200, body: { imported: valid.length, errors: rowErrors } };
        });
      },
    );
  };
}
