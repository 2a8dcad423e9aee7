import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import type { EmailDetail, TrackRequest, TrackResponse } from '../../../src/common/api/email';
import { ENGINES } from '../../support/engines';
import type { TestServer } from '../../support/test-server';
import { type CorpusMessage, corpusMessage, corpusSample, readMessage } from './corpus';
import { emlToTrack } from './eml-to-track';
import { KNOWN_REJECTIONS, REJECTION_STATUS } from './known-rejections';
import { expectedView, mapConcurrently, type RoundTripView, viewOf, withServer } from './round-trip';

/**
 * DESIGN §2 and §3 against real mail: every message of the corpus, posted as the add-in
 * would post it, is stored once per Message-ID and reads back as it was sent.
 */
const CONCURRENCY = 8;
const ROUND_TRIP_TIMEOUT_MS = process.env.DOCKET_REAL_EMAIL_CORPUS === 'all' ? 1_800_000 : 120_000;

/** Our one send-time fixture is outgoing; everything else was received. */
const directionOf = (id: string) => (id.endsWith('-sent-no-message-id') ? 'outgoing' : 'incoming');

async function requestFor(id: string): Promise<TrackRequest> {
  return (await emlToTrack(readMessage(corpusMessage(id)), { direction: directionOf(id) })).request;
}

interface Outcome {
  id: string;
  /** The HTTP status of the track, or null when no request could be built from the message. */
  status: number | null;
  detail?: string;
  roundTrip?: { expected: RoundTripView; actual: RoundTripView };
}

async function trackAndReadBack(server: TestServer, token: string, message: CorpusMessage): Promise<Outcome> {
  const converted = await emlToTrack(readMessage(message), { direction: directionOf(message.id) }).catch(() => null);
  if (!converted) return { id: message.id, status: null };
  const { request } = converted;
  const tracked = await server.request<TrackResponse>('POST', '/api/v1/emails', { token, body: request });
  if (tracked.status !== 201) return { id: message.id, status: tracked.status, detail: JSON.stringify(tracked.body).slice(0, 300) };
  const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${tracked.body.email.id}`, { token });
  const expected = expectedView(request);
  const actual = viewOf(read.body);
  return { id: message.id, status: 201, ...(isDeepStrictEqual(actual, expected) ? {} : { roundTrip: { expected, actual } }) };
}

describe.each(ENGINES)('real email on %s', (engine) => {
  it(
    'every message of the corpus tracks (201), but the listed known rejections, and reads back with the same subject, participants, date, attachments and body',
    async () => {
      await withServer(engine, async (server) => {
        const token = await server.user('lena.krueger@contoso.example');
        const messages = corpusSample();
        const outcomes = await mapConcurrently(messages, CONCURRENCY, (message) => trackAndReadBack(server, token, message));

        const expectedStatus = (id: string) => {
          const known = KNOWN_REJECTIONS.get(id);
          return known ? REJECTION_STATUS[known] : 201;
        };
        const unexpected = outcomes.filter((o) => o.status !== expectedStatus(o.id)).map((o) => ({ ...o, expected: expectedStatus(o.id) }));
        expect(unexpected).toEqual([]);
        const changed = outcomes.filter((o) => o.roundTrip).map((o) => ({ id: o.id, ...o.roundTrip }));
        expect(changed.slice(0, 3)).toEqual([]);
        expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(messages.length * 0.97);
      });
    },
    ROUND_TRIP_TIMEOUT_MS,
  );

  it('tracking the same message again dedupes by Message-ID: the same user adds nothing, another user adds one tracker', async () => {
    await withServer(engine, async (server) => {
      const lena = await server.user('lena.krueger@contoso.example');
      const maria = await server.user('maria.schaefer@fabrikam.example');
      const ids = ['modern/01-offer', 'modern/03-re-re-offer', 'modern/05-fw-contract', 'easy-ham-1/00067', 'hard-ham-1/00039', 'spam-1/00252', 'easy-ham-2/00720'];
      for (const id of ids) {
        const request = await requestFor(id);
        const first = await server.request<TrackResponse>('POST', '/api/v1/emails', { token: lena, body: request });
        expect(first.status).toBe(201);
        const again = await server.request<TrackResponse>('POST', '/api/v1/emails', { token: lena, body: request });
        expect({ id, status: again.status, emailId: again.body.email.id, trackers: again.body.email.trackers.length }).toEqual({
          id,
          status: 200,
          emailId: first.body.email.id,
          trackers: 1,
        });
        // Another user's copy of the same message: the same Message-ID, possibly spelled without brackets.
        const copy = { ...request, internetMessageId: request.internetMessageId!.replace(/^<|>$/g, '') };
        const other = await server.request<TrackResponse>('POST', '/api/v1/emails', { token: maria, body: copy });
        expect({ id, status: other.status, emailId: other.body.email.id, created: other.body.created }).toEqual({ id, status: 200, emailId: first.body.email.id, created: false });
        expect(other.body.email.trackers.map((t) => t.userId).sort()).toEqual([first.body.tracker.userId, other.body.tracker.userId].sort());
        const status = await server.request('GET', `/api/v1/emails?internetMessageId=${encodeURIComponent(request.internetMessageId!)}`, { token: maria });
        expect(status.body).toMatchObject({ tracked: true, email: { id: first.body.email.id } });
      }
    });
  });

  // Real mail that an earlier, stricter API refused (see known-rejections.ts for what is still refused).
  it('a real message whose Message-ID is not <left@right> (Lotus Notes, ids without a domain) is still tracked', async () => {
    await withServer(engine, async (server) => {
      const token = await server.user('lena.krueger@contoso.example');
      for (const id of ['easy-ham-1/00177', 'spam-1/00236', 'spam-2/00322']) {
        const tracked = await server.request('POST', '/api/v1/emails', { token, body: await requestFor(id) });
        expect({ id, status: tracked.status }).toEqual({ id, status: 201 });
      }
    });
  });

  it('a real message with a quoted or odd recipient address ("a@b"@host, ""@host) is still tracked', async () => {
    await withServer(engine, async (server) => {
      const token = await server.user('lena.krueger@contoso.example');
      for (const id of ['easy-ham-1/00714', 'spam-1/00319', 'easy-ham-2/01324']) {
        const tracked = await server.request('POST', '/api/v1/emails', { token, body: await requestFor(id) });
        expect({ id, status: tracked.status }).toEqual({ id, status: 201 });
      }
    });
  });
});
