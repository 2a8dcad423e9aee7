import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MeResponse } from '../../../common/api/me';
import { Problem } from '../../../common/api/primitives';
import { toMailbox } from '../../store/mailboxes';
import { getEmailSettings } from '../../store/organizations';
import { toUser } from '../../store/users';
import { callerOf, type RouteContext } from '../context';

export function meRoutes(context: RouteContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me',
      { schema: { tags: ['me'], summary: 'The caller, their mailbox and the settings the add-in needs', response: { 200: MeResponse, 401: Problem } } },
      async (request) => {
        const caller = callerOf(request);
        const settings = await getEmailSettings(context.store.db, caller.orgId);
        return {
          user: toUser(caller.user),
          mailbox: toMailbox(caller.mailbox),
          settings: {
            trackingTokenInSubject: settings.trackingTokenInSubject,
            internalMailAsTwoActivities: settings.internalMailAsTwoActivities,
            maxAttachmentKb: settings.maxAttachmentKb,
            maxBodyKb: settings.maxBodyKb,
          },
        };
      },
    );
  };
}
