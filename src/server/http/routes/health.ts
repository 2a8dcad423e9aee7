import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RouteContext } from '../context';

const Health = Type.Object({ status: Type.String(), database: Type.String(), engine: Type.String() }, { additionalProperties: false });

export function healthRoutes(context: RouteContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness and database reachability', security: [], response: { 200: Health, 503: Health } } }, async (_request, reply) => {
      try {
        await context.store.ping();
        return { status: 'ok', database: 'ok', engine: context.store.engine };
      } catch {
        return reply.code(503).send({ status: 'degraded', database: 'unreachable', engine: context.store.engine });
      }
    });
  };
}
