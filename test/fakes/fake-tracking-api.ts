import { randomUUID } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import {
  CheckRequest,
  CheckResponse,
  EmailDetail,
  PatchEmail,
  StatusQuery,
  StatusResponse,
  TrackRequest,
  TrackResponse,
  UntrackResponse,
  type Email,
  type Tracker,
} from '../../src/common/api/email';
import { MeResponse } from '../../src/common/api/me';
import type { Mailbox } from '../../src/common/api/mailbox';
import { CreateRecord, CrmRecord, RecordList, RecordSearchQuery, ResolveQuery, ResolveResult, type CrmRecord as CrmRecordType } from '../../src/common/api/record';
import type { RecordType } from '../../src/common/api/primitives';
import { decideTracking, normalizeAddress, normalizeMessageId } from '../../src/common/tracking-policy';
import type { SyncMethod, TrackingFilter } from '../../src/common/sync-methods';
import type { FetchFunction, FetchInit, FetchResponseLike } from '../../src/addin/outbox/transport';

/**
 * A small in-memory tracking API for the task pane tests: the endpoints the pane calls, with
 * DESIGN §2 semantics (one email per Message-ID, one tracker per user, idempotency keys) and
 * RFC 7807 problems. Every request and response is checked against the contract schemas in
 * src/common, the way the real server checks them, so a drifting pane or fake fails loudly.
 */

const strict = addFormats(new Ajv({ allErrors: false, strict: false, coerceTypes: false, useDefaults: true }));
const coercing = addFormats(new Ajv({ allErrors: false, strict: false, coerceTypes: 'array', useDefaults: true }));
const compiled = new Map<TSchema, ValidateFunction>();
function validator(schema: TSchema, coerce = false): ValidateFunction {
  const key = coerce ? ({ coerce: schema } as unknown as TSchema) : schema;
  let validate = compiled.get(key);
  if (!validate) {
    validate = (coerce ? coercing : strict).compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

interface FakeUser { id: string; email: string; name: string; isAdmin: boolean; mailbox: Mailbox }

interface StoredEmail { email: Email; body: { contentType: 'html' | 'text'; content: string } }

export interface ScriptedProblem { method: string; path: string; status: number; title: string; detail: string; times?: number }

export interface LoggedRequest { method: string; path: string; body: unknown; idempotencyKey: string | null }

export const FAKE_ORIGIN = 'https://docket.test';

export class FakeTrackingApi {
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, string>();
  readonly records: CrmRecordType[] = [];
  readonly emails = new Map<string, StoredEmail>();
  readonly requests: LoggedRequest[] = [];
  /** Contract breaches seen by the fake; tests assert there are none. */
  readonly violations: string[] = [];
  /** When true, every request fails as if the network were down. */
  down = false;
  private readonly scripted: ScriptedProblem[] = [];
  private readonly idempotency = new Map<string, { body: string; status: number; response: unknown }>();
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  /** Adds a user with a mailbox (the org defaults unless told otherwise) and returns their token. */
  addUser(email: string, options: { name?: string; incoming?: SyncMethod; outgoing?: SyncMethod; filter?: TrackingFilter; isAdmin?: boolean } = {}): string {
    const id = randomUUID();
    const name = options.name ?? email.split('@')[0]!;
    const mailbox: Mailbox = {
      id: randomUUID(),
      address: email,
      name,
      kind: 'user',
      userId: id,
      incomingMethod: options.incoming ?? 'outlook',
      outgoingMethod: options.outgoing ?? 'outlook',
      trackingFilter: options.filter ?? 'known-records',
      approved: true,
      isForwardMailbox: false,
      lastTrackedAt: null,
      createdAt: new Date().toISOString(),
    };
    this.users.set(id, { id, email, name, isAdmin: options.isAdmin ?? false, mailbox });
    const token = `dkt_${randomUUID().replace(/-/g, '')}`;
    this.tokens.set(token, id);
    return token;
  }

  addRecord(type: RecordType, name: string, emails: string[] = []): CrmRecordType {
    const record = { id: randomUUID(), type, name, emails: emails.map(normalizeAddress), createdAt: new Date().toISOString() };
    this.records.push(record);
    return record;
  }

  /** The next `times` (default 1) requests with this method and exact path get this problem. */
  failNext(problem: ScriptedProblem): void {
    this.scripted.push({ times: 1, ...problem });
  }

  /** Holds every request until `resume()`, so a test can see what the pane shows meanwhile. */
  pause(): void {
    this.gate ??= new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  resume(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  trackRequests(): LoggedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/emails');
  }

  readonly fetch: FetchFunction = async (url: string, init: FetchInit) => {
    if (this.gate) await this.gate;
    if (this.down) throw new TypeError('Failed to fetch');
    const parsed = new URL(url);
    const body = init.body === undefined ? undefined : (JSON.parse(init.body) as unknown);
    const idempotencyKey = init.headers['Idempotency-Key'] ?? null;
    this.requests.push({ method: init.method, path: parsed.pathname, body, idempotencyKey });
    try {
      const token = /^Bearer (.+)$/.exec(init.headers['Authorization'] ?? '')?.[1];
      const userId = token ? this.tokens.get(token) : undefined;
      if (!userId) throw new Problem(401, 'Unauthorized', 'The bearer token is missing, expired or was revoked.');
      const user = this.users.get(userId)!;
      const scripted = this.scripted.findIndex((s) => s.method === init.method && parsed.pathname === s.path);
      if (scripted >= 0) {
        const problem = this.scripted[scripted]!;
        if (--problem.times! <= 0) this.scripted.splice(scripted, 1);
        throw new Problem(problem.status, problem.title, problem.detail);
      }
      if (idempotencyKey && init.method !== 'GET') {
        const remembered = this.idempotency.get(`${user.id}|${idempotencyKey}`);
        if (remembered) {
          if (remembered.body !== (init.body ?? '')) throw new Problem(422, 'Idempotency key reused', 'This Idempotency-Key was used with a different request.');
          return respond(remembered.status, remembered.response);
        }
      }
      const { status, response } = this.route(user, init.method, parsed, body);
      if (idempotencyKey && init.method !== 'GET') this.idempotency.set(`${user.id}|${idempotencyKey}`, { body: init.body ?? '', status, response });
      return respond(status, response);
    } catch (error) {
      if (error instanceof Problem) {
        return respond(error.status, { type: 'about:blank', title: error.title, status: error.status, detail: error.detail, ...error.extra }, 'application/problem+json');
      }
      this.violations.push(`${init.method} ${parsed.pathname}: ${error instanceof Error ? error.message : String(error)}`);
      return respond(500, { type: 'about:blank', title: 'Fake server error', status: 500, detail: String(error) }, 'application/problem+json');
    }
  };

  private route(user: FakeUser, method: string, url: URL, body: unknown): { status: number; response: unknown } {
    const path = url.pathname;
    const query = queryObject(url, path === '/api/v1/records/resolve' ? ['address'] : []);
    const ok = (schema: TSchema, response: unknown, status = 200) => {
      this.checkResponse(schema, response, `${method} ${path}`);
      return { status, response };
    };
    if (method === 'GET' && path === '/api/v1/me') {
      return ok(MeResponse, {
        user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, organizationId: 'local' },
        mailbox: user.mailbox,
        settings: { trackingTokenInSubject: false, internalMailAsTwoActivities: false, maxAttachmentKb: 5120, maxBodyKb: 1024 },
      });
    }
    if (method === 'POST' && path === '/api/v1/emails/check') return ok(CheckResponse, this.check(user, this.valid(CheckRequest, body)));
    if (method === 'POST' && path === '/api/v1/emails') {
      const result = this.track(user, this.valid(TrackRequest, body));
      return ok(TrackResponse, result, result.created ? 201 : 200);
    }
    if (method === 'GET' && path === '/api/v1/emails') {
      const identity = this.valid(StatusQuery, query, true);
      const stored = this.findMine(user, identity);
      return ok(StatusResponse, stored ? { tracked: true, email: stored.email } : { tracked: false });
    }
    const emailMatch = /^\/api\/v1\/emails\/([^/]+)(\/tracking)?$/.exec(path);
    if (emailMatch) {
      const stored = this.emails.get(decodeURIComponent(emailMatch[1]!));
      if (!stored || !stored.email.trackers.some((t) => t.userId === user.id)) throw new Problem(404, 'Not Found', 'The email was not found.');
      if (method === 'PATCH' && !emailMatch[2]) {
        const { regarding } = this.valid(PatchEmail, body);
        stored.email.regarding = regarding ? { ...regarding, name: this.recordFor(regarding).name } : null;
        return ok(EmailDetail, { ...clone(stored.email), bcc: [], body: { ...stored.body, truncated: false } });
      }
      if (method === 'DELETE' && emailMatch[2]) {
        stored.email.trackers = stored.email.trackers.filter((t) => t.userId !== user.id);
        const emailRemoved = stored.email.trackers.length === 0;
        if (emailRemoved) this.emails.delete(stored.email.id);
        return ok(UntrackResponse, { emailId: stored.email.id, emailRemoved });
      }
    }
    if (method === 'GET' && path === '/api/v1/records') {
      const search = this.valid(RecordSearchQuery, query, true);
      const text = (search.search ?? '').toLowerCase();
      const records = this.records
        .filter((r) => (!search.type || r.type === search.type) && (r.name.toLowerCase().includes(text) || r.emails.some((e) => e.includes(text))))
        .slice(0, search.limit ?? 20);
      return ok(RecordList, { records });
    }
    if (method === 'GET' && path === '/api/v1/records/resolve') {
      const { address } = this.valid(ResolveQuery, query, true);
      const matches = address.map((a) => ({
        address: a,
        records: this.records.filter((r) => r.emails.includes(normalizeAddress(a))),
        isUser: Array.from(this.users.values()).some((u) => normalizeAddress(u.email) === normalizeAddress(a)),
      }));
      return ok(ResolveResult, { matches });
    }
    if (method === 'POST' && path === '/api/v1/records') {
      const input = this.valid(CreateRecord, body);
      if (!user.isAdmin && input.type !== 'contact' && input.type !== 'lead') {
        throw new Problem(403, 'Forbidden', `Only an admin can create a ${input.type}; you can create a contact or a lead.`);
      }
      return ok(CrmRecord, this.addRecord(input.type, input.name, input.emails), 201);
    }
    throw new Problem(404, 'Not Found', `${method} ${path} is not an endpoint of this API.`);
  }

  private check(user: FakeUser, request: CheckRequest): CheckResponse {
    const mine = this.findMine(user, request);
    if (mine) return { shouldTrack: false, reason: 'already-tracked', message: 'You already track this message.', tracked: true, trackedByOthers: false, emailId: mine.email.id };
    const method = request.direction === 'incoming' ? user.mailbox.incomingMethod : user.mailbox.outgoingMethod;
    const participants = request.direction === 'incoming' ? (request.from ? [request.from] : []) : [...(request.to ?? []), ...(request.cc ?? []), ...(request.bcc ?? [])];
    const addresses = participants.map((p) => normalizeAddress(p.address));
    const knownRecord = this.records.some((r) => ['contact', 'account', 'lead'].includes(r.type) && r.emails.some((e) => addresses.includes(e)));
    const emailEnabledRecord = knownRecord || this.records.some((r) => r.emails.some((e) => addresses.includes(e)));
    const respondsToTracked = this.parentOf(request) !== null;
    const decision = decideTracking({ direction: request.direction, method, filter: user.mailbox.trackingFilter, automatic: request.automatic ?? true, facts: { knownRecord, emailEnabledRecord, respondsToTracked } });
    return { ...decision, tracked: false, trackedByOthers: false };
  }

  private track(user: FakeUser, request: TrackRequest): { email: Email; tracker: Tracker; created: boolean } {
    const method = request.direction === 'incoming' ? user.mailbox.incomingMethod : user.mailbox.outgoingMethod;
    const decision = decideTracking({ direction: request.direction, method, filter: user.mailbox.trackingFilter, automatic: false, facts: { knownRecord: false, emailEnabledRecord: false, respondsToTracked: false } });
    if (!decision.shouldTrack) throw new Problem(403, 'Tracking not allowed', decision.message, { rule: decision.reason });
    if (!request.internetMessageId && !request.trackingToken) throw new Problem(422, 'Message identity required', 'A tracked message needs an internetMessageId or a trackingToken.');
    const regarding = request.regarding ? { ...request.regarding, name: this.recordFor(request.regarding).name } : null;
    let stored = this.findAny(request);
    let created = false;
    if (!stored) {
      const parent = this.parentOf(request);
      const now = new Date().toISOString();
      stored = {
        body: request.body,
        email: {
          id: randomUUID(),
          internetMessageId: request.internetMessageId ? normalizeMessageId(request.internetMessageId) : null,
          trackingToken: request.trackingToken ?? null,
          subjectToken: null,
          conversationId: request.conversationId ?? null,
          direction: request.direction,
          subject: request.subject,
          from: request.from,
          to: request.to,
          cc: request.cc ?? [],
          sentAt: request.sentAt ?? null,
          receivedAt: request.receivedAt ?? null,
          correlationMethod: parent?.method ?? 'none',
          regarding: regarding ?? parent?.email.regarding ?? null,
          notices: [],
          attachments: [],
          trackers: [],
          createdAt: now,
        },
      };
      this.emails.set(stored.email.id, stored);
      created = true;
    } else if (regarding) {
      stored.email.regarding = regarding;
    }
    let tracker = stored.email.trackers.find((t) => t.userId === user.id);
    if (!tracker) {
      tracker = { id: randomUUID(), userId: user.id, userName: user.name, mailboxId: user.mailbox.id, direction: request.direction, source: request.source, trackedAt: new Date().toISOString() };
      stored.email.trackers.push(tracker);
    }
    return { email: clone(stored.email), tracker, created };
  }

  /** DESIGN §2 correlation, minus the subject token: In-Reply-To/References, then the Outlook conversation. */
  private parentOf(request: { inReplyTo?: string; references?: string[]; conversationId?: string }): { email: Email; method: 'in-reply-to' | 'conversation' } | null {
    const ids = [request.inReplyTo, ...(request.references ?? [])].filter((id): id is string => !!id).map(normalizeMessageId);
    for (const { email } of this.emails.values()) if (email.internetMessageId && ids.includes(email.internetMessageId)) return { email, method: 'in-reply-to' };
    if (request.conversationId) for (const { email } of this.emails.values()) if (email.conversationId === request.conversationId) return { email, method: 'conversation' };
    return null;
  }

  private findAny(identity: { internetMessageId?: string; trackingToken?: string }): StoredEmail | null {
    const id = identity.internetMessageId ? normalizeMessageId(identity.internetMessageId) : null;
    for (const stored of this.emails.values()) {
      if ((id && stored.email.internetMessageId === id) || (identity.trackingToken && stored.email.trackingToken === identity.trackingToken)) return stored;
    }
    return null;
  }

  private findMine(user: FakeUser, identity: { internetMessageId?: string; trackingToken?: string }): StoredEmail | null {
    const stored = this.findAny(identity);
    return stored && stored.email.trackers.some((t) => t.userId === user.id) ? stored : null;
  }

  private recordFor(ref: { type: RecordType; id: string }): CrmRecordType {
    const record = this.records.find((r) => r.id === ref.id && r.type === ref.type);
    if (!record) throw new Problem(422, 'Regarding record not found', `No ${ref.type} with id ${ref.id} exists in this organisation.`);
    return record;
  }

  private valid<T>(schema: TSchema & { static: T }, value: unknown, coerce = false): T {
    const validate = validator(schema, coerce);
    if (!validate(value)) {
      const first = validate.errors?.[0];
      throw new Problem(400, 'Bad Request', `The request does not match the API contract: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`, {
        errors: (validate.errors ?? []).map((e) => ({ pointer: e.instancePath || '/', message: e.message ?? 'is invalid' })),
      });
    }
    return value as T;
  }

  private checkResponse(schema: TSchema, value: unknown, where: string): void {
    const validate = validator(schema);
    if (!validate(JSON.parse(JSON.stringify(value)))) this.violations.push(`${where} answered outside the contract: ${JSON.stringify(validate.errors)}`);
  }
}

function queryObject(url: URL, arrays: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    result[key] = arrays.includes(key) ? url.searchParams.getAll(key) : url.searchParams.get(key);
  }
  return result;
}

function respond(status: number, body: unknown, contentType = 'application/json'): FetchResponseLike {
  const headers = new Map([['content-type', contentType]]);
  return { status, headers: { get: (name) => headers.get(name.toLowerCase()) ?? null }, text: async () => (body === undefined ? '' : JSON.stringify(body)) };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
