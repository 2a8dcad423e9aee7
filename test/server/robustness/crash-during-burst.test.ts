import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TrackRequest, TrackResponse } from '../../../src/common/api/email';
import { openStore } from '../../../src/server/store/database';
import { ensureOrganization, LOCAL_ORG_ID } from '../../../src/server/store/organizations';
import { createUser, issueLocalToken } from '../../../src/server/store/users';
import { ENGINES, freshDatabaseUrl, type TestEngine } from '../../support/engines';
import { freePort } from '../../support/free-port';
import { ServerProcess } from './server-process';

/**
 * DESIGN §2 durability and idempotency under a power cut: a 2xx means the write is on disk,
 * and a client that retries with the same Idempotency-Key after a crash never tracks twice.
 */
const TRACKS = 300;
const CLIENTS = 20;
const KILL_AFTER_ACKS = 100;
/** A safety net against a hang, far above the few seconds a burst takes, so a loaded machine does not fail the test. */
const BURST_DEADLINE_MS = 90_000;

interface Ack { index: number; status: number; emailId: string; replayed: boolean; afterCrash: boolean }
interface Unexpected { index: number; status: number; body: string }

interface BurstOutcome {
  acks: Map<number, Ack>;
  unexpected: Unexpected[];
  connectionFailures: number;
  acksWhenKilled: number;
  messageIds: string[];
  keys: string[];
  /** What the restarted server says about each message, and what it answers to a second retry. */
  statusByIndex: Map<number, { tracked: boolean; emailId?: string; trackers?: number }>;
  replayByIndex: Map<number, { status: number; emailId?: string; replayed: boolean }>;
  /** What is on disk once the server is stopped. */
  emails: Array<{ id: string; internet_message_id: string | null }>;
  trackers: Array<{ email_id: string; user_id: string }>;
  idempotencyKeys: string[];
  userId: string;
}

function trackRequest(messageId: string, index: number): TrackRequest {
  return {
    direction: 'incoming',
    internetMessageId: messageId,
    subject: `Burst message ${index}`,
    from: { address: `sender${index % 17}@customer.example`, name: `Sender ${index % 17}` },
    to: [{ address: 'burst@docket.example' }],
    receivedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
    body: { contentType: 'text', content: `Body of burst message ${index}.\n`.repeat(20) },
    source: 'manual',
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runBurst(engine: TestEngine): Promise<BurstOutcome> {
  const database = await freshDatabaseUrl(engine);
  let server: ServerProcess | null = null;
  try {
    const setup = await openStore(database.url);
    const { userId, token } = await setup.writer.run(async (trx) => {
      await ensureOrganization(trx, LOCAL_ORG_ID, 'Local organisation');
      const user = await createUser(trx, { orgId: LOCAL_ORG_ID, email: 'burst@docket.example' });
      return { userId: user.id, token: await issueLocalToken(trx, user.id) };
    });
    await setup.close();

    const port = await freePort();
    server = await ServerProcess.start(database.url, port);
    const baseUrl = server.url;
    const run = randomBytes(4).toString('hex');
    const messageIds = Array.from({ length: TRACKS }, (_, i) => `<burst-${run}-${i}@crash.docket.example>`);
    const keys = Array.from({ length: TRACKS }, (_, i) => `burst-${run}-${i}`);
    const bodies = messageIds.map((id, i) => JSON.stringify(trackRequest(id, i)));

    const acks = new Map<number, Ack>();
    const unexpected: Unexpected[] = [];
    let connectionFailures = 0;
    let crashed = false;
    let acksWhenKilled = 0;
    const crash: { restart: Promise<void> | null } = { restart: null };
    const deadline = Date.now() + BURST_DEADLINE_MS;

    const crashAndRestart = async () => {
      crashed = true;
      acksWhenKilled = acks.size;
      await server!.kill();
      server = await ServerProcess.start(database.url, port);
    };

    const post = (index: number) =>
      fetch(`${baseUrl}/api/v1/emails`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': keys[index]! },
        body: bodies[index],
        signal: AbortSignal.timeout(20_000),
      });

    // One request at a time per client; a connection error means "unknown outcome": retry with the same key.
    const trackUntilAnswered = async (index: number) => {
      while (Date.now() < deadline) {
        let response: Response;
        let text: string;
        try {
          response = await post(index);
          text = await response.text();
        } catch {
          connectionFailures++;
          await sleep(25 + Math.random() * 50);
          continue;
        }
        if (response.status === 409 || response.status === 503) {
          // The key is still in flight (a timed-out attempt), or the server is closing: retry later, as the add-in's outbox does.
          await sleep(Number(response.headers.get('retry-after') ?? 1) * 100);
          continue;
        }
        if (response.status === 200 || response.status === 201) {
          const body = JSON.parse(text) as TrackResponse;
          acks.set(index, { index, status: response.status, emailId: body.email.id, replayed: response.headers.get('idempotent-replayed') === 'true', afterCrash: crashed });
          if (!crashed && acks.size >= KILL_AFTER_ACKS) crash.restart = crashAndRestart();
        } else {
          unexpected.push({ index, status: response.status, body: text.slice(0, 500) });
        }
        return;
      }
      unexpected.push({ index, status: 0, body: 'no answer before the burst deadline' });
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let index = next++; index < TRACKS; index = next++) await trackUntilAnswered(index);
      }),
    );
    await crash.restart;
    const live = server as ServerProcess;

    // Through the API of the restarted server: the status of every message, then a second retry of every request.
    const statusByIndex = new Map<number, { tracked: boolean; emailId?: string; trackers?: number }>();
    const replayByIndex = new Map<number, { status: number; emailId?: string; replayed: boolean }>();
    let cursor = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let index = cursor++; index < TRACKS; index = cursor++) {
          const status = await fetch(`${live.url}/api/v1/emails?internetMessageId=${encodeURIComponent(messageIds[index]!)}`, { headers: { authorization: `Bearer ${token}` } });
          const statusBody = (await status.json()) as { tracked: boolean; email?: TrackResponse['email'] };
          statusByIndex.set(index, { tracked: statusBody.tracked, emailId: statusBody.email?.id, trackers: statusBody.email?.trackers.length });
          const replay = await post(index);
          const replayBody = (await replay.json()) as Partial<TrackResponse>;
          replayByIndex.set(index, { status: replay.status, emailId: replayBody.email?.id, replayed: replay.headers.get('idempotent-replayed') === 'true' });
        }
      }),
    );
    await live.stop();

    // Directly in the database, once nothing runs on it.
    const store = await openStore(database.url);
    try {
      const emails = await store.db.selectFrom('emails').select(['id', 'internet_message_id']).execute();
      const trackers = await store.db.selectFrom('trackers').select(['email_id', 'user_id']).execute();
      const idempotencyKeys = (await store.db.selectFrom('idempotency_keys').select('key').where('user_id', '=', userId).execute()).map((row) => row.key);
      return { acks, unexpected, connectionFailures, acksWhenKilled, messageIds, keys, statusByIndex, replayByIndex, emails, trackers, idempotencyKeys, userId };
    } finally {
      await store.close();
    }
  } finally {
    await (server as ServerProcess | null)?.kill();
    await database.drop();
  }
}

describe.each(ENGINES)('a server killed with SIGKILL in the middle of a burst of tracks (%s)', (engine) => {
  let outcome: BurstOutcome;

  beforeAll(async () => {
    outcome = await runBurst(engine);
  }, 180_000);

  it('was killed mid-burst, with tracks acknowledged before the kill and others still to come', () => {
    expect(outcome.acksWhenKilled).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(outcome.acksWhenKilled).toBeLessThan(TRACKS);
    expect(outcome.connectionFailures).toBeGreaterThan(0);
    expect([...outcome.acks.values()].filter((ack) => ack.afterCrash).length).toBeGreaterThan(0);
  });

  it('answers every request with a 2xx once its client retried with the same idempotency key', () => {
    expect(outcome.unexpected).toEqual([]);
    expect(outcome.acks.size).toBe(TRACKS);
    for (const ack of outcome.acks.values()) expect(ack.status).toBe(201);
  });

  it('keeps every acknowledged track on disk, under the email id it answered', () => {
    const stored = new Map(outcome.emails.map((row) => [row.id, row.internet_message_id]));
    const lost = [...outcome.acks.values()].filter((ack) => stored.get(ack.emailId) !== outcome.messageIds[ack.index]);
    expect(lost).toEqual([]);
  });

  it('stores one email per Message-ID with exactly one tracker, and nothing else', () => {
    const perMessageId = new Map<string | null, number>();
    for (const row of outcome.emails) perMessageId.set(row.internet_message_id, (perMessageId.get(row.internet_message_id) ?? 0) + 1);
    expect(outcome.emails).toHaveLength(TRACKS);
    expect([...perMessageId.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(new Set(perMessageId.keys())).toEqual(new Set(outcome.messageIds));

    const perEmail = new Map<string, number>();
    for (const tracker of outcome.trackers) perEmail.set(tracker.email_id, (perEmail.get(tracker.email_id) ?? 0) + 1);
    expect(outcome.trackers).toHaveLength(TRACKS);
    expect(outcome.trackers.every((tracker) => tracker.user_id === outcome.userId)).toBe(true);
    expect(outcome.emails.filter((row) => perEmail.get(row.id) !== 1)).toEqual([]);
  });

  it('remembers each idempotency key once, beside the write it answered', () => {
    expect(outcome.idempotencyKeys.slice().sort()).toEqual(outcome.keys.slice().sort());
  });

  it('reports every message as tracked once through the API after the restart', () => {
    const wrong = [...outcome.statusByIndex.entries()].filter(
      ([index, status]) => !status.tracked || status.trackers !== 1 || status.emailId !== outcome.acks.get(index)?.emailId,
    );
    expect(outcome.statusByIndex.size).toBe(TRACKS);
    expect(wrong).toEqual([]);
  });

  it('replays the first result to a retry after the restart instead of tracking again', () => {
    const wrong = [...outcome.replayByIndex.entries()].filter(
      ([index, replay]) => replay.status !== 201 || !replay.replayed || replay.emailId !== outcome.acks.get(index)?.emailId,
    );
    expect(outcome.replayByIndex.size).toBe(TRACKS);
    expect(wrong).toEqual([]);
  });
});
