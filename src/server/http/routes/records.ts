import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Id, Problem, RecordTypeSchema } from '../../../common/api/primitives';
import { Type } from '@sinclair/typebox';
import { CreateRecord, CrmRecord, RecordList, RecordSearchQuery, ResolveQuery, ResolveResult } from '../../../common/api/record';
import { createRecord, getRecord, resolveAddresses, searchRecords } from '../../store/records';
import { callerOf, type RouteContext, sendWrite } from '../context';
import { HttpProblem, notFound } from '../problem';

const errors = { 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem, 429: Problem };
const RecordParams = Type.Object({ type: RecordTypeSchema, id: Id }, { additionalProperties: false });
const USER_CREATABLE = new Set(['contact', 'lead']);

export function recordRoutes(context: RouteContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/records',
      { schema: { tags: ['records'], summary: 'Regarding candidates: contacts, accounts, leads, opportunities, cases', querystring: RecordSearchQuery, response: { 200: RecordList, ...errors } } },
      async (request) => ({ records: await searchRecords(context.store.db, callerOf(request).orgId, request.query) }),
    );

    app.get(
      '/records/resolve',
      { schema: { tags: ['records'], summary: 'Records matching participant addresses', querystring: ResolveQuery, response: { 200: ResolveResult, ...errors } } },
      async (request) => ({ matches: await resolveAddresses(context.store.db, callerOf(request).orgId, request.query.address) }),
    );

    app.get(
      '/records/:type/:id',
      { schema: { tags: ['records'], summary: 'One record, e.g. to name a regarding', params: RecordParams, response: { 200: CrmRecord, ...errors, 404: Problem } } },
      async (request) => {
        const record = await getRecord(context.store.db, callerOf(request).orgId, request.params.type, request.params.id);
        if (!record) throw notFound(`The ${request.params.type}`);
        return record;
      },
    );

    app.post(
      '/records',
      { schema: { tags: ['records'], summary: 'Create a record (users: contact or lead; admins: any type)', body: CreateRecord, response: { 201: CrmRecord, ...errors } } },
      async (request, reply) => {
        const caller = callerOf(request);
        if (!caller.isAdmin && !USER_CREATABLE.has(request.body.type)) {
          throw new HttpProblem(403, 'Forbidden', `Only an admin can create a ${request.body.type}; you can create a contact or a lead.`, { rule: 'record-type-admin-only', field: 'type' });
        }
        return sendWrite(context, request, reply, async (trx) => ({ status: 201, body: await createRecord(trx, caller.orgId, request.body) }));
      },
    );
  };
}
