import type { Server } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../../common/api/primitives';
import { HttpProblem } from './problem';
import { toPointer } from './validation';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Every error the API returns is RFC 7807 problem+json; nothing internal leaks into a 5xx. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    let problem: Problem;
    if (error instanceof HttpProblem) {
      problem = { type: error.type, title: error.title, status: error.status, detail: error.detail };
      if (error.extra.rule) problem.rule = error.extra.rule;
      if (error.extra.field) problem.field = error.extra.field;
      for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
    } else if (error.validation) {
      const errors = error.validation.map((e) => toPointer(e as never, error.validationContext ?? 'body'));
      problem = {
        type: 'https://docket.dev/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: errors.map((e) => `${e.pointer} ${e.message}`).join('; '),
        errors,
      };
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      problem = { type: 'about:blank', title: TITLES[error.statusCode] ?? 'Bad Request', status: error.statusCode, detail: describeClientError(error) };
      if (error.statusCode === 429 && reply.getHeader('retry-after') === undefined) reply.header('retry-after', '60');
    } else {
      request.log.error({ err: error }, 'unexpected error');
      problem = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Something went wrong on the server; nothing you sent was half-applied. Retry, and tell your admin if it persists.' };
    }
    reply.code(problem.status).type('application/problem+json').send(problem);
  });

  const routes = new RouteMethods();
  app.addHook('onRoute', (route) => routes.add(route.url, route.method));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routes.methodsFor(path);
    if (allowed.length > 0) {
      reply
        .code(405)
        .header('allow', allowed.join(', '))
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: `${path} does not take ${request.method}; it takes ${allowed.join(', ')}.` } satisfies Problem);
      return;
    }
    reply
      .code(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route ${request.method} ${path}.` } satisfies Problem);
  });
}

/**
 * Which methods the API's routes take at a path, so a known path asked with another method gets
 * 405 and `Allow` instead of a misleading 404. Wildcard routes (the static files) are left out:
 * they would claim every path.
 */
class RouteMethods {
  private readonly routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];

  add(url: string, method: string | string[]): void {
    if (url.includes('*')) return;
    const source = `^${url
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}/?$`;
    let entry = this.routes.find((candidate) => candidate.pattern.source === source);
    if (!entry) {
      entry = { pattern: new RegExp(source), methods: new Set() };
      this.routes.push(entry);
    }
    for (const one of Array.isArray(method) ? method : [method]) entry.methods.add(one.toUpperCase());
  }

  methodsFor(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    return [...methods].sort();
  }
}

function describeClientError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this endpoint accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send JSON with "Content-Type: application/json".';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty but JSON was announced.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    default:
      return error.message.replace(/\s+/g, ' ').slice(0, 300);
  }
}

/** Malformed HTTP (bad header bytes, broken framing) never reaches a route: answer it as a problem too. */
export function clientErrorResponse(): string {
  return rawProblemResponse(400, 'The HTTP request could not be parsed.');
}

function rawProblemResponse(status: number, detail: string): string {
  const title = TITLES[status] ?? 'Bad Request';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail } satisfies Problem);
  return `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Fastify's router answers a URL it cannot decode, or an over-long path parameter, in its own JSON shape unless given this. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path parameter is longer than any identifier this API uses.'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'The URL is not valid percent-encoded UTF-8.'
        : 'The request could not be routed.';
  reply
    .code(400)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: 'Bad Request', status: 400, detail } satisfies Problem);
}

/** Requests Node answers itself, before Fastify sees them (CONNECT, an unmet Expect), get a problem too, not a bare close or an empty body. */
export function answerRequestsBeforeFastify(server: Server): void {
  server.on('connect', (_request, socket) => {
    socket.end(rawProblemResponse(400, 'CONNECT is not supported: this server is not a proxy.'));
  });
  server.on('checkExpectation', (request, response) => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Expectation Failed', status: 417, detail: `Expect: ${String(request.headers.expect)} is not supported.` } satisfies Problem);
    response.writeHead(417, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), connection: 'close' });
    response.end(body);
  });
}
