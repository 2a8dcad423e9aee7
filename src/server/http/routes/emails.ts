import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CheckRequest,
  CheckResponse,
  EmailDetail,
  EmailIdParams,
  PatchEmail,
  StatusQuery,
  StatusResponse,
  TrackRequest,
  TrackResponse,
  UntrackResponse,
} from '../../../common/api/email';
import { Problem } from '../../../common/api/primitives';
import { checkEmail, findTrackingStatus } from '../../tracking/check-email';
import { loadEmailDetail, loadEmailViews } from '../../tracking/email-views';
import { trackEmail } from '../../tracking/track-email';
import { assertCanSee } from '../../tracking/email-access';
import { setRegarding } from '../../tracking/set-regarding';
import { untrackEmail } from '../../tracking/untrack-email';
import { callerOf, type RouteContext, sendWrite } from '../context';
import { HttpProblem, notFound } from '../problem';
import { recordTrackFailure } from '../../store/admin-queries';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 422: Problem, 429: Problem };
const idempotencyHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'Scoped to the caller; kept 7 days' })) });

export function emailRoutes(context: RouteContext, trackBodyLimit: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/emails/check',
      { schema: { tags: ['emails'], summary: 'Should this message be tracked, and is it already?', body: CheckRequest, response: { 200: CheckResponse, ...errors } } },
      async (request) => checkEmail(context.store.db, callerOf(request), request.body),
    );

    app.post(
      '/emails',
      {
        bodyLimit: trackBodyLimit,
        schema: {
          tags: ['emails'],
          summary: "Track a message: 201 stores a new email, 200 adds the caller's tracker to the existing one",
          headers: idempotencyHeader,
          body: TrackRequest,
          response: { 200: TrackResponse, 201: TrackResponse, ...errors },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        try {
          const settings = await context.settings.get(caller.orgId);
          return await sendWrite(context, request, reply, (trx) => trackEmail(trx, caller, request.body, settings));
        } catch (error) {
          if (error instanceof HttpProblem && (error.status === 403 || error.status === 422) && error.extra.rule !== 'idempotency-key-reused') {
            await context.store.writer.run((trx) => recordTrackFailure(trx, caller.mailbox.id, error.detail)).catch(() => undefined);
          }
          throw error;
        }
      },
    );

    app.get(
      '/emails',
      { schema: { tags: ['emails'], summary: 'Tracking status of one message for the caller', querystring: StatusQuery, response: { 200: StatusResponse, ...errors } } },
      async (request) => {
        const status = await findTrackingStatus(context.store.db, callerOf(request), request.query);
        if (!status.emailId) return { tracked: false };
        const [email] = await loadEmailViews(context.store.db, [status.emailId]);
        return { tracked: true, email };
      },
    );

    app.get(
      '/emails/:id',
      { schema: { tags: ['emails'], summary: 'One email the caller tracks (admins: any in their organisation)', params: EmailIdParams, response: { 200: EmailDetail, ...errors } } },
      async (request) => {
        await assertCanSee(context.store.db, callerOf(request), request.params.id);
        const email = await loadEmailDetail(context.store.db, request.params.id);
        if (!email) throw notFound('The email');
        return email;
      },
    );

    app.patch(
      '/emails/:id',
      { schema: { tags: ['emails'], summary: 'Set or clear the regarding record', headers: idempotencyHeader, params: EmailIdParams, body: PatchEmail, response: { 200: EmailDetail, ...errors } } },
      async (request, reply) =>
        sendWrite(context, request, reply, async (trx) => {
          await setRegarding(trx, callerOf(request), request.params.id, request.body.regarding);
          const email = await loadEmailDetail(trx, request.params.id);
          if (!email) throw notFound('The email');
          return { status: 200, body: email };
        }),
    );

    app.delete(
      '/emails/:id/tracking',
      { schema: { tags: ['emails'], summary: "Untrack: remove the caller's tracker", headers: idempotencyHeader, params: EmailIdParams, response: { 200: UntrackResponse, ...errors } } },
      async (request, reply) => sendWrite(context, request, reply, async (trx) => ({ status: 200, body: await untrackEmail(trx, callerOf(request), request.params.id) })),
    );
  };
}
