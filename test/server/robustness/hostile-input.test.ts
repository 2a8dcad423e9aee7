import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EmailDetail, TrackRequest } from '../../../src/common/api/email';
import { ENGINES } from '../../support/engines';
import { TestServer } from '../../support/test-server';
import { expectProblem, expectValidationProblem, headerOf } from './expect-problem';
import { rawRequest, sendRawRequest } from './raw-http';

/**
 * Whatever a client sends, the API answers with a 4xx problem (DESIGN §3), never a 5xx,
 * and never loses or leaks what was accepted before.
 */

const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xff]);
const SQL_FRAGMENTS = [`'; drop table emails; --`, `" OR 1=1 --`];
const SCRIPT = '<script>alert(1)</script>';

let sequence = 0;
const uniqueMessageId = (label = 'hostile') => `<${label}-${++sequence}-${randomUUID()}@hostile.docket.example>`;

function validTrack(overrides: Partial<TrackRequest> = {}): TrackRequest {
  return {
    direction: 'incoming',
    internetMessageId: uniqueMessageId(),
    subject: 'Quarterly numbers',
    from: { address: 'cfo@customer.example', name: 'The CFO' },
    to: [{ address: 'alice@docket.example', name: 'Alice' }],
    references: ['<an-earlier-message@customer.example>'],
    cc: [{ address: 'bob@docket.example' }],
    receivedAt: '2025-03-01T09:30:00.000Z',
    body: { contentType: 'html', content: '<p>See the attached numbers.</p>' },
    attachments: [{ name: 'numbers.csv', contentType: 'text/csv', size: 12, contentBase64: Buffer.from('a,b\n1,2\n3,4\n').toString('base64') }],
    source: 'manual',
    ...overrides,
  };
}

/** `base` as a plain object, with one change at a JSON path: a value to set, or `undefined` to delete. */
function withChange(base: TrackRequest, path: string, value: unknown): Record<string, unknown> {
  const request = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const keys = path.split('.');
  let node: any = request;
  for (const key of keys.slice(0, -1)) node = node[key];
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return request;
}

/** `a.0.b` as a JSON pointer: `/a/0/b`. */
const pointerOf = (path: string) => `/${path.split('.').join('/')}`;

/** A JSON body with `marker` (in a string value) replaced by raw bytes. */
function jsonWithBytes(request: unknown, marker: string, bytes: Buffer): Buffer {
  const text = JSON.stringify(request);
  const at = text.indexOf(marker);
  return Buffer.concat([Buffer.from(text.slice(0, at)), bytes, Buffer.from(text.slice(at + marker.length))]);
}

describe.each(ENGINES)('hostile and malformed input (%s)', (engine) => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let admin: string;
  let foreignAdmin: string;
  let acme: { id: string };
  let baseline: EmailDetail;
  let baselineRequest: TrackRequest;

  const track = (body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) =>
    server.request('POST', '/api/v1/emails', { token: options.token ?? alice, body, headers: options.headers });
  const trackRaw = (rawBody: string | Buffer, contentType: string | null = 'application/json') =>
    server.request('POST', '/api/v1/emails', { token: alice, rawBody, headers: contentType === null ? {} : { 'content-type': contentType } });
  /** A valid track request (with a regarding when the path is about it) changed at one path. */
  const trackWith = (path: string, value: unknown) =>
    withChange(path.startsWith('regarding.') ? validTrack({ regarding: { type: 'account', id: acme.id } }) : validTrack(), path, value);
  const emailCount = async () => (await server.store.db.selectFrom('emails').select('id').execute()).length;

  beforeAll(async () => {
    server = await TestServer.start(engine);
    alice = await server.user('alice@docket.example', { name: 'Alice' });
    bob = await server.user('bob@docket.example', { name: 'Bob' });
    admin = await server.user('admin@docket.example', { admin: true });
    foreignAdmin = await server.user('admin@other-tenant.example', { admin: true, orgId: 'other-tenant' });
    acme = await server.record('account', 'Acme Ltd', ['info@acme.example']);
    baselineRequest = validTrack({ subject: 'The baseline email', regarding: { type: 'account', id: acme.id } });
    const tracked = await track(baselineRequest);
    expect(tracked.status).toBe(201);
    const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${tracked.body.email.id}`, { token: alice });
    expect(read.status).toBe(200);
    baseline = read.body;
  });

  afterAll(async () => {
    await server?.stop();
  });

  describe('wrong JSON types', () => {
    it.each([
      ['direction', {}],
      ['direction', 1],
      ['internetMessageId', 42],
      ['trackingToken', true],
      ['conversationId', ['c1']],
      ['inReplyTo', { id: '<a@b>' }],
      ['references', '<a@b>'],
      ['references.0', 1],
      ['subject', 42],
      ['subject', null],
      ['from', 'cfo@customer.example'],
      ['from.address', 7],
      ['from.name', false],
      ['to', 'alice@docket.example'],
      ['to.0', 'alice@docket.example'],
      ['cc', { address: 'bob@docket.example' }],
      ['bcc', 'x@y.example'],
      ['sentAt', 1_700_000_000_000],
      ['receivedAt', false],
      ['receivedAt', 'yesterday'],
      ['body', 'See the attached numbers.'],
      ['body.contentType', null],
      ['body.content', 42],
      ['attachments', {}],
      ['attachments.0.size', '12'],
      ['attachments.0.size', 1.5],
      ['attachments.0.size', -1],
      ['attachments.0.isInline', 'yes'],
      ['attachments.0.contentBase64', 'not base64 at all!'],
      ['regarding', 'account'],
      ['regarding.id', 5],
      ['source', ['manual']],
    ])('%s = %j is a 400 naming the field', async (path, value) => {
      expectValidationProblem(await track(trackWith(path, value)), pointerOf(path));
    });

    it.each([['[]'], ['"a string"'], ['42'], ['null'], ['true']])('a body of %s instead of an object is a 400', async (raw) => {
      expectProblem(await trackRaw(raw), 400);
    });
  });

  describe('unknown fields', () => {
    it.each(['extra', 'from.extra', 'to.0.extra', 'body.extra', 'attachments.0.extra', 'regarding.extra'])('%s is rejected, not ignored', async (path) => {
      const response = await track(trackWith(path, 'surprise'));
      expectValidationProblem(response, pointerOf(path));
      expect(response.body.errors).toContainEqual({ pointer: pointerOf(path), message: 'is not a known field' });
    });

    it('an unknown field in PATCH /emails/{id} is rejected', async () => {
      const response = await server.request('PATCH', `/api/v1/emails/${baseline.id}`, { token: alice, body: { regarding: null, subject: 'rewritten' } });
      expectValidationProblem(response, '/subject');
    });
  });

  describe('missing required fields', () => {
    it.each(['direction', 'subject', 'from', 'to', 'body', 'source', 'from.address', 'to.0.address', 'body.contentType', 'body.content', 'attachments.0.name', 'attachments.0.contentType', 'attachments.0.size'])(
      'without %s the track is a 400 naming it',
      async (path) => {
        expectValidationProblem(await track(trackWith(path, undefined)), pointerOf(path));
      },
    );

    it('without both internetMessageId and trackingToken the track is a 422 rule problem', async () => {
      const response = await track(trackWith('internetMessageId', undefined));
      expectProblem(response, 422);
      expect(response.body.rule).toBe('message-identity-required');
    });

    it('without a regarding id the PATCH is a 400', async () => {
      expectValidationProblem(await server.request('PATCH', `/api/v1/emails/${baseline.id}`, { token: alice, body: { regarding: { type: 'account' } } }), '/regarding');
    });
  });

  describe('unknown enum values', () => {
    it.each([
      ['direction', 'sideways'],
      ['direction', 'INCOMING'],
      ['source', 'robot'],
      ['body.contentType', 'markdown'],
      ['regarding.type', 'planet'],
    ])('%s = %j is a 400 listing the allowed values', async (path, value) => {
      const response = await track(trackWith(path, value));
      expectValidationProblem(response, pointerOf(path));
      expect(response.body.detail).toMatch(/must be one of/);
    });

    describe('in PATCH /admin/mailboxes/{id}', () => {
      let mailboxId: string;
      let before: unknown;

      beforeAll(async () => {
        mailboxId = (await server.request('GET', '/api/v1/me', { token: alice })).body.mailbox.id;
        before = (await server.request('GET', `/api/v1/admin/mailboxes/${mailboxId}`, { token: admin })).body;
      });

      it.each([
        ['incomingMethod', 'carrier-pigeon'],
        ['incomingMethod', 'Outlook'],
        ['incomingMethod', 1],
        ['outgoingMethod', 'fax'],
        ['outgoingMethod', null],
        ['trackingFilter', 'everything'],
        ['trackingFilter', 0],
        ['approved', 'yes'],
      ])('%s = %j is a 400 and changes nothing (values are rejected, not coerced)', async (field, value) => {
        const response = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailboxId}`, { token: admin, body: { [field]: value } });
        expectValidationProblem(response, `/${field}`);
        expect((await server.request('GET', `/api/v1/admin/mailboxes/${mailboxId}`, { token: admin })).body).toEqual(before);
      });

      it('an empty patch is a 400', async () => {
        expectProblem(await server.request('PATCH', `/api/v1/admin/mailboxes/${mailboxId}`, { token: admin, body: {} }), 400);
      });

      it('outgoing forward-mailbox is a 422 naming the rule, not a schema error', async () => {
        const response = await server.request('PATCH', `/api/v1/admin/mailboxes/${mailboxId}`, { token: admin, body: { outgoingMethod: 'forward-mailbox' } });
        expectProblem(response, 422);
        expect(response.body.rule).toEqual(expect.any(String));
        expect((await server.request('GET', `/api/v1/admin/mailboxes/${mailboxId}`, { token: admin })).body).toEqual(before);
      });
    });
  });

  describe('huge values', () => {
    it('a 5 MB subject is a 400', async () => {
      expectValidationProblem(await track(validTrack({ subject: 'S'.repeat(5 * 1024 * 1024) })), '/subject');
    });

    it.each(['from.address', 'to.0.address', 'cc.0.address'])('a 10 KB address in %s is a 400', async (path) => {
      expectValidationProblem(await track(trackWith(path, `${'a'.repeat(10 * 1024)}@customer.example`)), pointerOf(path));
    });

    it('a 10 KB Message-ID is a 400', async () => {
      expectValidationProblem(await track(validTrack({ internetMessageId: `<${'m'.repeat(10 * 1024)}@x.example>` })), '/internetMessageId');
    });

    it('1001 recipients are a 400', async () => {
      const to = Array.from({ length: 1001 }, (_, i) => ({ address: `r${i}@customer.example` }));
      expectValidationProblem(await track(validTrack({ to })), '/to');
    });

    it('a 10 KB Idempotency-Key is a 400', async () => {
      const response = await track(validTrack(), { headers: { 'idempotency-key': 'k'.repeat(10 * 1024) } });
      expectProblem(response, 400);
      expect(response.body.rule).toBe('idempotency-key-format');
    });

    it('a search of 10 KB is a 400', async () => {
      expectProblem(await server.request('GET', `/api/v1/records?search=${'q'.repeat(10 * 1024)}`, { token: alice }), 400);
    });

    it('a request over the track route body limit is a 413', async () => {
      const limited = await TestServer.start(engine, { trackBodyLimit: 1024 * 1024 });
      try {
        const token = await limited.user('alice@docket.example');
        const response = await limited.request('POST', '/api/v1/emails', { token, body: validTrack({ body: { contentType: 'text', content: 'x'.repeat(2 * 1024 * 1024) } }) });
        expectProblem(response, 413);
        expect((await limited.store.db.selectFrom('emails').select('id').execute()).length).toBe(0);
      } finally {
        await limited.stop();
      }
    });

    it('a body over the general limit on another route is a 413', async () => {
      const response = await server.request('PATCH', `/api/v1/emails/${baseline.id}`, {
        token: alice,
        rawBody: JSON.stringify({ regarding: null, padding: 'p'.repeat(512 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(response, 413);
    });
  });

  describe('deep nesting', () => {
    const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const deepObject = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

    it('a body nested 100 000 arrays deep is a 400', async () => {
      expectProblem(await trackRaw(deepArray(100_000)), 400);
    });

    it('a body nested 100 000 objects deep is a 400', async () => {
      expectProblem(await trackRaw(deepObject(100_000)), 400);
    });

    it.each(['subject', 'from', 'to', 'body', 'regarding', 'attachments'])('%s nested 10 000 levels deep is a 400', async (field) => {
      const request = JSON.stringify({ ...validTrack(), [field]: '__DEEP__' }).replace('"__DEEP__"', deepObject(10_000));
      expectProblem(await trackRaw(request), 400);
    });

    it('a __proto__ key deep inside the body is a 400', async () => {
      expectProblem(await trackRaw(JSON.stringify({ ...validTrack(), subject: '__DEEP__' }).replace('"__DEEP__"', deepObject(1000, '{"__proto__":{"isAdmin":true}}'))), 400);
    });

    it('a top-level __proto__ or constructor.prototype key is a 400', async () => {
      expectProblem(await trackRaw(JSON.stringify(validTrack()).replace(/^\{/, '{"__proto__":{"isAdmin":true},')), 400);
      expectProblem(await trackRaw(JSON.stringify(validTrack()).replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},')), 400);
    });
  });

  describe('bodies that are not JSON', () => {
    it.each([
      ['an open brace', '{'],
      ['a missing value', '{"subject": }'],
      ['single quotes', "{'subject': 'x'}"],
      ['NaN', 'NaN'],
      ['a trailing comma', '{"subject": "x",}'],
      ['garbage after the object', '{"subject": "x"} trailing'],
      ['a lone quote', '"'],
    ])('invalid JSON (%s) is a 400', async (_label, raw) => {
      expectProblem(await trackRaw(raw), 400);
    });

    it('an empty body with content-type application/json is a 400', async () => {
      expectProblem(await trackRaw(''), 400);
      expectProblem(await server.request('PATCH', `/api/v1/emails/${baseline.id}`, { token: alice, rawBody: '', headers: { 'content-type': 'application/json' } }), 400);
    });

    it.each(['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream'])(
      'content-type %s is a 415, even when the bytes are JSON',
      async (contentType) => {
        expectProblem(await trackRaw(JSON.stringify(validTrack()), contentType), 415);
      },
    );

    it('a JSON body with no content-type is a 415', async () => {
      expectProblem(await trackRaw(Buffer.from(JSON.stringify(validTrack())), null), 415);
    });
  });

  describe('invalid UTF-8 and unrepresentable text', () => {
    it.each([
      ['bytes 0xC3 0x28 0xFF', INVALID_UTF8],
      ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
      ['a lone continuation byte', Buffer.from([0x80])],
      ['a truncated four-byte sequence', Buffer.from([0xf0, 0x9f, 0x98])],
      ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ])('a JSON body holding %s in a string is a 400, not stored mangled', async (_label, bytes) => {
      const before = await emailCount();
      const request = validTrack({ subject: 'MARKER' });
      const response = await trackRaw(jsonWithBytes(request, 'MARKER', bytes));
      expectProblem(response, 400);
      expect(await emailCount()).toBe(before);
    });

    it('a JSON body holding invalid UTF-8 between tokens is a 400', async () => {
      expectProblem(await trackRaw(Buffer.concat([Buffer.from('{'), INVALID_UTF8, Buffer.from(JSON.stringify(validTrack()).slice(1))])), 400);
    });

    it.each([
      ['subject', 'before\u0000after'],
      ['from.address', 'cfo\u0000@customer.example'],
      ['body.content', '<p>nul \u0000 byte</p>'],
      ['attachments.0.name', 'numbers\u0000.csv'],
      ['internetMessageId', '<nul\u0000id@x.example>'],
    ])('a NUL character in %s is a 400', async (path, value) => {
      const before = await emailCount();
      expectProblem(await track(trackWith(path, value)), 400);
      expect(await emailCount()).toBe(before);
    });

    it('a lone surrogate escape in the subject is a 400, not stored as U+FFFD', async () => {
      const before = await emailCount();
      expectProblem(await trackRaw(JSON.stringify(validTrack({ subject: 'MARKER' })).replace('MARKER', 'lone \\ud800 surrogate')), 400);
      expect(await emailCount()).toBe(before);
    });

    it('a NUL character in a query string is a 400', async () => {
      expectProblem(await server.request('GET', '/api/v1/records?search=%00', { token: alice }), 400);
      expectProblem(await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent('<a\u0000b@x.example>')}`, { token: alice }), 400);
      expectProblem(await server.request('GET', '/api/v1/admin/mailboxes?search=%00', { token: admin }), 400);
    });

    it('emoji, accents and right-to-left text are stored and returned exactly', async () => {
      const subject = 'Ünïcödé ✓ 🎉 שלום 𝔘 e\u0301';
      const response = await track(validTrack({ subject, from: { address: 'zoë@customer.example', name: 'Zoë 🙂' } }));
      expect(response.status).toBe(201);
      const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${response.body.email.id}`, { token: alice });
      expect(read.body.subject).toBe(subject);
      expect(read.body.from).toEqual({ address: 'zoë@customer.example', name: 'Zoë 🙂' });
    });
  });

  describe('invalid bytes in headers (raw socket)', () => {
    const trackBytes = () => Buffer.from(JSON.stringify(validTrack()));

    it.each([
      ['0xC3 0x28', Buffer.from([0xc3, 0x28])],
      ['0xFF', Buffer.from([0xff])],
      ['0xC3 0x28 0xFF', INVALID_UTF8],
    ])('an Idempotency-Key with bytes %s is a 400 and tracks nothing', async (_label, bytes) => {
      const before = await emailCount();
      const request = rawRequest(
        'POST /api/v1/emails HTTP/1.1',
        [`Authorization: Bearer ${alice}`, 'Content-Type: application/json', Buffer.concat([Buffer.from('Idempotency-Key: key-'), bytes])],
        trackBytes(),
      );
      const response = await sendRawRequest(server.url, request);
      expectProblem(response, 400);
      expect(response.body.rule).toBe('idempotency-key-format');
      expect(await emailCount()).toBe(before);
    });

    it.each([
      ['Bearer <bytes>', Buffer.concat([Buffer.from('Authorization: Bearer '), INVALID_UTF8])],
      ['Bearer dkt_<bytes>', Buffer.concat([Buffer.from('Authorization: Bearer dkt_'), INVALID_UTF8, Buffer.from('A'.repeat(40))])],
      ['<bytes> <token>', Buffer.concat([Buffer.from('Authorization: '), INVALID_UTF8, Buffer.from(' dkt_abc')])],
      ['a valid token with 0xFF appended', () => Buffer.concat([Buffer.from(`Authorization: Bearer ${alice}`), Buffer.from([0xff])])],
    ])('an Authorization of %s is a 401 with WWW-Authenticate', async (_label, header) => {
      const line = typeof header === 'function' ? header() : header;
      const response = await sendRawRequest(server.url, rawRequest('GET /api/v1/me HTTP/1.1', [line]));
      expectProblem(response, 401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    });

    it('a NUL byte in a header is a 400 from the client error handler', async () => {
      const response = await sendRawRequest(server.url, rawRequest('GET /api/v1/me HTTP/1.1', [`Authorization: Bearer ${alice}`, Buffer.from('X-Note: a\u0000b', 'latin1')]));
      expectProblem(response, 400);
    });
  });

  describe('SQL fragments are data', () => {
    it.each(SQL_FRAGMENTS)('a subject of %j is stored and returned verbatim, and the tables survive', async (fragment) => {
      const before = await emailCount();
      const response = await track(validTrack({ subject: fragment, from: { address: 'cfo@customer.example', name: fragment }, body: { contentType: 'text', content: fragment } }));
      expect(response.status).toBe(201);
      const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${response.body.email.id}`, { token: alice });
      expect(read.body).toMatchObject({ subject: fragment, from: { name: fragment }, body: { content: fragment } });
      expect(await emailCount()).toBe(before + 1);
    });

    it.each([...SQL_FRAGMENTS, `' OR '1'='1`, '%', '_', '\\', "acme' --"])('a record search for %j matches only literally', async (search) => {
      const response = await server.request('GET', `/api/v1/records?search=${encodeURIComponent(search)}`, { token: alice });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ records: [] });
    });

    it('a record search still finds by name after all that', async () => {
      const response = await server.request('GET', `/api/v1/records?search=${encodeURIComponent('acme')}`, { token: alice });
      expect(response.body.records.map((r: { id: string }) => r.id)).toEqual([acme.id]);
    });

    it('a Message-ID made of SQL is stored verbatim and found by the status query', async () => {
      const messageId = `<';drop-table-emails;--'or'1'='1@sql.example>`;
      const response = await track(validTrack({ internetMessageId: messageId }));
      expect(response.status).toBe(201);
      expect(response.body.email.internetMessageId).toBe(messageId);
      const status = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(messageId)}`, { token: alice });
      expect(status.body).toMatchObject({ tracked: true, email: { id: response.body.email.id, internetMessageId: messageId } });
      const other = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(`<x'OR'1'='1@sql.example>`)}`, { token: alice });
      expect(other.body).toEqual({ tracked: false });
    });

    // Real mail has Message-IDs of every shape (X.400 ids with spaces, ids without a domain), so any printable text is an identity.
    it.each(SQL_FRAGMENTS)('a Message-ID of %j is stored as data and looked up as data', async (fragment) => {
      const response = await track(validTrack({ internetMessageId: fragment }));
      expect(response.status).toBe(201);
      const status = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(fragment)}`, { token: alice });
      expect(status.body).toMatchObject({ tracked: true, email: { id: response.body.email.id, internetMessageId: `<${fragment.trim()}>` } });
    });

    it('a Message-ID that is empty, blank or a control character is a 400', async () => {
      for (const internetMessageId of ['', '   ', '<>', 'a\u0007b']) expectValidationProblem(await track(validTrack({ internetMessageId })), '/internetMessageId');
    });

    it.each(SQL_FRAGMENTS)('an Idempotency-Key of %j (with spaces) is a 400', async (fragment) => {
      const response = await track(validTrack(), { headers: { 'idempotency-key': fragment } });
      expectProblem(response, 400);
      expect(response.body.rule).toBe('idempotency-key-format');
    });

    it('an Idempotency-Key made of SQL without spaces works as a key, and replays', async () => {
      const key = `';DROP/**/TABLE/**/idempotency_keys;--"OR"1"="1`;
      const request = validTrack();
      const first = await track(request, { headers: { 'idempotency-key': key } });
      const again = await track(request, { headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(headerOf(again, 'idempotent-replayed')).toBe('true');
      expect(again.body.email.id).toBe(first.body.email.id);
    });

    it.each(SQL_FRAGMENTS)('an email id of %j is a 400', async (fragment) => {
      expectProblem(await server.request('GET', `/api/v1/emails/${encodeURIComponent(fragment)}`, { token: alice }), 400);
    });
  });

  describe('script fragments are data', () => {
    it('are stored and returned verbatim, as JSON', async () => {
      const html = `<p>Hi</p>${SCRIPT}<img src=x onerror="alert(document.cookie)">`;
      const response = await track(validTrack({ subject: SCRIPT, from: { address: 'cfo@customer.example', name: `"><svg onload=alert(1)>` }, body: { contentType: 'html', content: html } }));
      expect(response.status).toBe(201);
      const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${response.body.email.id}`, { token: alice });
      expect(headerOf(read, 'content-type')).toMatch(/^application\/json/);
      expect(read.body).toMatchObject({ subject: SCRIPT, from: { name: `"><svg onload=alert(1)>` }, body: { contentType: 'html', content: html } });
    });

    it('in a record name are stored and returned verbatim', async () => {
      const created = await server.request('POST', '/api/v1/records', { token: alice, body: { type: 'contact', name: SCRIPT, emails: ['script@customer.example'] } });
      expect(created.status).toBe(201);
      const found = await server.request('GET', `/api/v1/records?search=${encodeURIComponent('<script>')}`, { token: alice });
      expect(headerOf(found, 'content-type')).toMatch(/^application\/json/);
      expect(found.body.records).toEqual([expect.objectContaining({ id: created.body.id, name: SCRIPT })]);
    });

    it('in an unknown path come back inside a problem+json, never as HTML', async () => {
      const response = await server.request('GET', `/api/v1/${encodeURIComponent(SCRIPT)}`, { token: alice });
      expectProblem(response, 404);
      expect(headerOf(response, 'content-type')).not.toMatch(/html/);
    });
  });

  describe('garbage and traversal in /emails/{id}', () => {
    it.each([
      ['a word', 'not-a-uuid'],
      ['a number', '123'],
      ['an encoded ../ traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
      ['a double-encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
      ['a Windows traversal', '..%5C..%5Cwindows%5Cwin.ini'],
      ['a NUL', '%00'],
      ['a space', '%20'],
      ['an emoji', '%F0%9F%8E%89'],
      ['bytes that are not UTF-8', '%FF%FE'],
      ['a broken percent-escape', '%ZZ'],
      ['5000 letters', 'a'.repeat(5000)],
      ['a UUID with a g in it', '00000000-0000-0000-0000-00000000000g'],
    ])('an id of %s is a 400', async (_label, id) => {
      expectProblem(await server.request('GET', `/api/v1/emails/${id}`, { token: alice }), 400);
    });

    it('an id that is not a UUID is named in the validation problem', async () => {
      expectValidationProblem(await server.request('GET', '/api/v1/emails/not-a-uuid', { token: alice }), 'params:/id');
    });

    it('a UUID followed by a NUL is a 400', async () => {
      expectProblem(await server.request('GET', `/api/v1/emails/${baseline.id}%00`, { token: alice }), 400);
    });

    it('PATCH and DELETE with a garbage id are 400s', async () => {
      expectProblem(await server.request('PATCH', '/api/v1/emails/..%2Fetc', { token: alice, body: { regarding: null } }), 400);
      expectProblem(await server.request('DELETE', '/api/v1/emails/..%2Fetc/tracking', { token: alice }), 400);
      expectProblem(await server.request('GET', '/api/v1/admin/mailboxes/..%2Fetc', { token: admin }), 400);
    });

    it('an unknown UUID is a 404', async () => {
      const id = randomUUID();
      expectProblem(await server.request('GET', `/api/v1/emails/${id}`, { token: alice }), 404);
      expectProblem(await server.request('PATCH', `/api/v1/emails/${id}`, { token: alice, body: { regarding: null } }), 404);
      expectProblem(await server.request('DELETE', `/api/v1/emails/${id}/tracking`, { token: alice }), 404);
    });

    it('a dot-dot path sent raw is not resolved: a 404 problem', async () => {
      const response = await sendRawRequest(server.url, rawRequest('GET /api/v1/emails/../../../../etc/passwd HTTP/1.1', [`Authorization: Bearer ${alice}`]));
      expectProblem(response, 404);
      expect(response.text).not.toMatch(/root:/);
    });
  });

  describe('authorization', () => {
    it.each([
      ['no Authorization header', undefined],
      ['garbage', 'garbage'],
      ['an empty bearer', 'Bearer '],
      ['the word Bearer alone', 'Bearer'],
      ['Basic credentials', `Basic ${Buffer.from('alice:secret').toString('base64')}`],
      ['an unknown local token', `Bearer dkt_${'A'.repeat(43)}`],
      ['a token with a space', 'Bearer dkt_abc def'],
      ['two bearer tokens', `Bearer ${'x'.repeat(30)}, Bearer ${'y'.repeat(30)}`],
      ['a JWT-shaped token without Entra configured', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'],
      ['a 15 KB token', `Bearer dkt_${'A'.repeat(15_000)}`],
    ])('%s is a 401 problem with WWW-Authenticate, on reads and writes', async (_label, authorization) => {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      for (const response of [
        await server.request('GET', '/api/v1/me', { headers }),
        await server.request('POST', '/api/v1/emails', { headers, body: validTrack() }),
        await server.request('GET', `/api/v1/emails/${baseline.id}`, { headers }),
      ]) {
        expectProblem(response, 401);
        expect(headerOf(response, 'www-authenticate')).toMatch(/^Bearer /);
      }
    });
  });

  describe('methods a route does not have', () => {
    it.each([
      ['PUT', '/api/v1/emails'],
      ['DELETE', '/api/v1/me'],
      ['PATCH', '/api/v1/records'],
      ['POST', `/api/v1/emails/${randomUUID()}`],
      ['PUT', `/api/v1/emails/${randomUUID()}/tracking`],
      ['DELETE', '/api/v1/admin/email-settings'],
      ['OPTIONS', '/api/v1/emails'],
      ['PROPFIND', '/api/v1/emails'],
    ])('%s %s is a 4xx problem', async (method, path) => {
      const response = await server.request(method, path, { token: alice });
      expect([404, 405]).toContain(response.status);
      expectProblem(response, response.status);
    });

    it('TRACE (which fetch refuses to send) is a 4xx problem', async () => {
      const response = await sendRawRequest(server.url, rawRequest('TRACE /api/v1/me HTTP/1.1', [`Authorization: Bearer ${alice}`]));
      expect([404, 405]).toContain(response.status);
      expectProblem(response, response.status);
    });

    it('CONNECT is a 400 problem, not a silently closed connection', async () => {
      expectProblem(await sendRawRequest(server.url, rawRequest('CONNECT 127.0.0.1:80 HTTP/1.1', [`Authorization: Bearer ${alice}`])), 400);
    });

    it('a method that is not an HTTP method is a 400 problem', async () => {
      const response = await sendRawRequest(server.url, rawRequest('BREW /api/v1/me HTTP/1.1', []));
      expectProblem(response, 400);
    });
  });

  describe('broken HTTP framing (raw socket)', () => {
    it.each([
      ['Content-Length and Transfer-Encoding together', 'POST /api/v1/emails HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
      ['a header line without a colon', 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization Bearer x\r\n\r\n'],
      ['a non-numeric Content-Length', 'POST /api/v1/emails HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n'],
      ['two different Content-Lengths', 'POST /api/v1/emails HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!'],
      ['a broken chunk size', 'POST /api/v1/emails HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
      ['spaces in the request target', 'GET /api/v1/emails/a b c HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['an unknown HTTP version', 'GET /api/v1/me HTTP/9.9\r\nHost: x\r\n\r\n'],
      ['a header name with a space', 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'],
      ['a bare garbage line', 'this is not http at all\r\n\r\n'],
    ])('%s is a 400 problem+json', async (_label, request) => {
      const response = await sendRawRequest(server.url, request);
      expectProblem(response, 400);
    });

    it('an Expect the server cannot meet is a 417 problem, not an empty answer', async () => {
      const response = await sendRawRequest(server.url, rawRequest('GET /api/v1/me HTTP/1.1', [`Authorization: Bearer ${alice}`, 'Expect: the-unexpected']));
      expectProblem(response, 417);
    });

    it('a body cut short before its Content-Length is not tracked', async () => {
      const before = await emailCount();
      const body = JSON.stringify(validTrack());
      const request = `POST /api/v1/emails HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${alice}\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 100}\r\n\r\n${body}`;
      // The client half-closes: the server must not treat the short body as complete.
      await sendRawRequest(server.url, request, { halfClose: true }).catch(() => undefined);
      expect(await emailCount()).toBe(before);
    });
  });

  describe('other users and other organisations', () => {
    let aliceEmailId: string;
    const aliceRegarding = () => baseline.regarding;

    beforeAll(() => {
      aliceEmailId = baseline.id;
    });

    const attempts = (id: string) => [
      ['GET', `/api/v1/emails/${id}`, undefined],
      ['PATCH', `/api/v1/emails/${id}`, { regarding: null }],
      ['PATCH', `/api/v1/emails/${id}`, { regarding: { type: 'account', id: acme.id } }],
      ['DELETE', `/api/v1/emails/${id}/tracking`, undefined],
    ] as const;

    it.each([
      ['a user of the same organisation', () => bob],
      ['an admin of another organisation', () => foreignAdmin],
    ])("%s gets the same 404 for someone else's email as for one that does not exist", async (_label, tokenOf) => {
      const token = tokenOf();
      const missing = randomUUID();
      for (const [index, [method, path, body]] of attempts(aliceEmailId).entries()) {
        const [, missingPath] = attempts(missing)[index]!;
        const theirs = await server.request(method, path, { token, body });
        const nobodys = await server.request(method, missingPath, { token, body });
        expectProblem(theirs, 404);
        expectProblem(nobodys, 404);
        expect(theirs.body).toEqual(nobodys.body);
        expect(headerOf(theirs, 'content-length')).toBe(headerOf(nobodys, 'content-length'));
      }
    });

    it("another user's status query does not reveal the email", async () => {
      const response = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(baselineRequest.internetMessageId!)}`, { token: foreignAdmin });
      expect(response.body).toEqual({ tracked: false });
    });

    it("an admin of another organisation cannot see this organisation's mailboxes or records", async () => {
      const mailboxId = (await server.request('GET', '/api/v1/me', { token: alice })).body.mailbox.id;
      expectProblem(await server.request('GET', `/api/v1/admin/mailboxes/${mailboxId}`, { token: foreignAdmin }), 404);
      expectProblem(await server.request('PATCH', `/api/v1/admin/mailboxes/${mailboxId}`, { token: foreignAdmin, body: { incomingMethod: 'none' } }), 404);
      const list = await server.request('GET', '/api/v1/admin/mailboxes', { token: foreignAdmin });
      expect(list.body.mailboxes.map((m: { address: string }) => m.address)).toEqual(['admin@other-tenant.example']);
      expect((await server.request('GET', '/api/v1/records?search=acme', { token: foreignAdmin })).body).toEqual({ records: [] });
    });

    it("the attempts changed nothing on alice's email", async () => {
      const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${aliceEmailId}`, { token: alice });
      expect(read.body.regarding).toEqual(aliceRegarding());
      expect(read.body.trackers.map((t) => t.userName)).toEqual(['Alice']);
    });
  });

  describe('rate limit', () => {
    it("the 6th request in a minute is a 429 problem with Retry-After, and another user's first is not", async () => {
      const limited = await TestServer.start(engine, { rateLimitPerMinute: 5 });
      try {
        const carol = await limited.user('carol@docket.example');
        const dave = await limited.user('dave@docket.example');
        for (let i = 1; i <= 5; i++) expect((await limited.request('GET', '/api/v1/me', { token: carol })).status).toBe(200);
        const sixth = await limited.request('GET', '/api/v1/me', { token: carol });
        expectProblem(sixth, 429);
        expect(Number(headerOf(sixth, 'retry-after'))).toBeGreaterThan(0);
        const write = await limited.request('POST', '/api/v1/emails', { token: carol, body: validTrack() });
        expectProblem(write, 429);
        expect((await limited.store.db.selectFrom('emails').select('id').execute()).length).toBe(0);
        expect((await limited.request('GET', '/api/v1/me', { token: dave })).status).toBe(200);
      } finally {
        await limited.stop();
      }
    });
  });

  it('the email tracked before all of this is intact', async () => {
    const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${baseline.id}`, { token: alice });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(baseline);
    const status = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(baselineRequest.internetMessageId!)}`, { token: alice });
    expect(status.body).toMatchObject({ tracked: true, email: { id: baseline.id } });
    const tables = await Promise.all((['emails', 'trackers', 'idempotency_keys', 'records', 'mailboxes', 'users'] as const).map((table) => server.store.db.selectFrom(table).selectAll().execute()));
    expect(tables.every((rows) => rows.length > 0)).toBe(true);
  });
});
