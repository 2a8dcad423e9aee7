import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller';
import type { Store } from '../store/database';
import { type IdempotentWriter, type WriteOperation } from './idempotency';
import { HttpProblem } from './problem';
import type { SettingsCache } from './settings-cache';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/** What every route plugin receives. */
export interface RouteContext {
  store: Store;
  writes: IdempotentWriter;
  settings: SettingsCache;
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new HttpProblem(401, 'Unauthorized', 'Sign in first.');
  return request.caller;
}

export function requireAdmin(request: FastifyRequest): Caller {
  const caller = callerOf(request);
  if (!caller.isAdmin) throw new HttpProblem(403, 'Forbidden', 'Only an admin of this organisation can do this.', { rule: 'admin-only' });
  return caller;
}

/** Runs a write through the idempotency layer and sends its result. */
export async function sendWrite(context: RouteContext, request: FastifyRequest, reply: FastifyReply, operation: WriteOperation): Promise<FastifyReply> {
  const header = request.headers['idempotency-key'];
  if (Array.isArray(header)) throw new HttpProblem(400, 'Bad Idempotency-Key', 'Send one Idempotency-Key header, not several.', { rule: 'idempotency-key-format' });
  // Serialising a big body costs; only a keyed request needs its fingerprint.
  const fingerprint = () => `${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`;
  const result = await context.writes.run(callerOf(request), header, fingerprint, operation);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  reply.code(result.status);
  return result.status === 204 ? reply.send() : reply.send(result.body);
}
