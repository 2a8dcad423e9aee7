import fs from 'node:fs';
import path from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createAuthenticator } from '../auth/authenticate';
import type { EntraVerifier } from '../auth/entra-verifier';
import type { Store } from '../store/database';
import type { RouteContext } from './context';
import { answerFrameworkError, answerRequestsBeforeFastify, clientErrorResponse, installProblemHandlers } from './errors';
import { IdempotentWriter } from './idempotency';
import { HttpProblem } from './problem';
import { SettingsCache } from './settings-cache';
import { adminRoutes } from './routes/admin';
import { emailRoutes } from './routes/emails';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { recordRoutes } from './routes/records';
import { installJsonBodyParser, installValidators } from './validation';

/**
 * The console shows hostile email bodies (in a sandboxed iframe): no inline or foreign scripts,
 * no plugins, no framing by others. Remote images are allowed by policy because the console
 * itself blocks them until the admin asks (DESIGN: rendered safely).
 */
const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "frame-src 'self' blob: data: about:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export interface AppOptions {
  store: Store;
  entra?: EntraVerifier | null;
  /** Requests per user per minute on /api (default 1200). */
  rateLimitPerMinute?: number;
  /** Largest track request (bodies with attachments), bytes. */
  trackBodyLimit?: number;
  /** Built add-in files (dist/) to serve on the same origin as the API. */
  staticDir?: string;
  logger?: FastifyServerOptions['logger'];
  https?: { key: string | Buffer; cert: string | Buffer } | null;
}

/** The whole service, assembled from one plugin per route group. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const fastifyOptions: FastifyServerOptions & { https?: { key: string | Buffer; cert: string | Buffer } } = {
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
    return503OnClosing: true,
    clientErrorHandler: (_error, socket) => {
      if (socket.writable) socket.end(clientErrorResponse());
      else socket.destroy();
    },
    frameworkErrors: answerFrameworkError,
  };
  if (options.https) fastifyOptions.https = options.https;
  const app = Fastify(fastifyOptions).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance;

  answerRequestsBeforeFastify(app.server);
  installJsonBodyParser(app);
  installValidators(app);
  installProblemHandlers(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Docket tracking API', version: '1.0.0', description: 'Track email from Outlook into a CRM-style backend (DESIGN §3).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A local token (dkt_…) or an Entra ID access token' } } },
      security: [{ bearer: [] }],
    },
  });

  const { store } = options;
  const context: RouteContext = {
    store,
    settings: new SettingsCache(store.db),
    writes: new IdempotentWriter(store.writer, (userId, key) =>
      store.db.selectFrom('idempotency_keys').select(['request_hash', 'status_code', 'response_json']).where('user_id', '=', userId).where('key', '=', key).executeTakeFirst(),
    ),
  };
  const authenticate = createAuthenticator(store, options.entra ?? null);

  await app.register(healthRoutes(context));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      api.decorateRequest('caller', null);
      api.addHook('onRequest', async (request) => {
        request.caller = await authenticate(request.headers.authorization);
      });
      await api.register(fastifyRateLimit, {
        hook: 'preHandler',
        max: options.rateLimitPerMinute ?? 1200,
        timeWindow: 60_000,
        keyGenerator: (request) => request.caller?.user.id ?? request.ip,
        errorResponseBuilder: (_request, limit) =>
          new HttpProblem(429, 'Too Many Requests', `More than ${limit.max} requests in a minute; retry after ${Math.ceil(limit.ttl / 1000)} s.`, {
            rule: 'rate-limit',
            headers: { 'retry-after': String(Math.ceil(limit.ttl / 1000)) },
          }),
      });
      await api.register(meRoutes(context));
      await api.register(emailRoutes(context, options.trackBodyLimit ?? 64 * 1024 * 1024));
      await api.register(recordRoutes(context));
      await api.register(adminRoutes(context));
    },
    { prefix: '/api/v1' },
  );

  if (options.staticDir && fs.existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/', index: false, wildcard: true });
    const adminIndex = path.join(options.staticDir, 'admin', 'index.html');
    // The admin console is a single page: every /admin/… path that is not a file gets its index.
    const sendAdmin = async (_request: unknown, reply: import('fastify').FastifyReply) => {
      if (!fs.existsSync(adminIndex)) throw new HttpProblem(404, 'Not Found', 'The admin console is not built: run npm run build:dev.');
      return reply.header('content-security-policy', ADMIN_CSP).type('text/html').sendFile('admin/index.html');
    };
    app.get('/admin', sendAdmin);
    app.get('/admin/mailboxes', sendAdmin);
    app.get('/admin/mailboxes/:id', sendAdmin);
    app.get('/admin/emails', sendAdmin);
    app.get('/admin/emails/:id', sendAdmin);
    app.get('/admin/settings', sendAdmin);
    app.get('/admin/records', sendAdmin);
  }
  return app;
}
