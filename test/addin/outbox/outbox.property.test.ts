import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbOutboxStorage } from '../../../src/addin/outbox/indexeddb-storage';
import { KeyValueOutboxStorage } from '../../../src/addin/outbox/key-value-storage';
import { MemoryOutboxStorage } from '../../../src/addin/outbox/memory-storage';
import { compareFifo } from '../../../src/addin/outbox/operation';
import { Outbox } from '../../../src/addin/outbox/outbox';
import type { OutboxStorage } from '../../../src/addin/outbox/storage';
import { createFetchTransport } from '../../../src/addin/outbox/transport';
import { FakeClock } from './fakes/fake-clock';
import { FakeTokenProvider, FakeTrackingServer, type Fault } from './fakes/fake-tracking-server';
import { MemoryKeyValueStore } from './fakes/memory-key-value-store';

const DAY = 24 * 60 * 60 * 1000;

type Command =
  | { kind: 'enqueue'; messageKey: string | undefined }
  | { kind: 'flush' }
  | { kind: 'concurrent-flush' }
  | { kind: 'send-all-now' }
  | { kind: 'send-all-now-during-flush' }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'expire-token'; refreshSucceeds: boolean }
  | { kind: 'restart'; crashAfterCommit: boolean }
  | { kind: 'retry-failed'; pick: number }
  | { kind: 'discard-failed'; pick: number }
  | { kind: 'advance-clock'; ms: number };

const faultArbitrary: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ kind: 'network-before-server' }),
  fc.constant<Fault>({ kind: 'response-lost-after-commit' }),
  fc.constant<Fault>({ kind: 'server-error' }),
  fc.integer({ min: 0, max: 120 }).map((retryAfterSeconds): Fault => ({ kind: 'too-many-requests', retryAfterSeconds })),
  fc.constant<Fault>({ kind: 'in-flight' }),
  fc.constant<Fault>({ kind: 'unprocessable' }),
);

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.option(fc.constantFrom('<m1@contoso.example>', '<m2@contoso.example>'), { nil: undefined }).map((messageKey): Command => ({ kind: 'enqueue', messageKey })) },
  { weight: 4, arbitrary: fc.constant<Command>({ kind: 'flush' }) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: 'concurrent-flush' }) },
  { weight: 2, arbitrary: fc.constant<Command>({ kind: 'send-all-now' }) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: 'send-all-now-during-flush' }) },
  { weight: 4, arbitrary: faultArbitrary.map((fault): Command => ({ kind: 'fault', fault })) },
  { weight: 1, arbitrary: fc.boolean().map((refreshSucceeds): Command => ({ kind: 'expire-token', refreshSucceeds })) },
  { weight: 2, arbitrary: fc.boolean().map((crashAfterCommit): Command => ({ kind: 'restart', crashAfterCommit })) },
  { weight: 1, arbitrary: fc.nat(10).map((pick): Command => ({ kind: 'retry-failed', pick })) },
  { weight: 1, arbitrary: fc.nat(10).map((pick): Command => ({ kind: 'discard-failed', pick })) },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.constant(3 * DAY), fc.constant(7 * DAY)).map((ms): Command => ({ kind: 'advance-clock', ms })),
  },
);

/** A small seeded generator, so jitter is arbitrary but every run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Enqueued {
  id: string;
  idempotencyKey: string;
  label: string;
  messageKey: string | undefined;
}

async function runScenario(storage: OutboxStorage, seed: number, commands: Command[]): Promise<void> {
  const server = new FakeTrackingServer();
  const tokens = new FakeTokenProvider(server);
  const clock = new FakeClock();
  const random = seededRandom(seed);
  const enqueued: Enqueued[] = [];
  const doneCount = new Map<string, number>();
  const everFailed = new Set<string>();
  const discarded = new Set<string>();
  const violations: string[] = [];

  server.onCommit = (commit) => {
    const index = enqueued.findIndex((op) => op.idempotencyKey === commit.idempotencyKey);
    const committed = enqueued[index];
    if (!committed) return void violations.push(`server committed unknown key ${commit.idempotencyKey}`);
    if (committed.messageKey === undefined) return;
    for (const earlier of enqueued.slice(0, index)) {
      if (earlier.messageKey !== committed.messageKey) continue;
      const settled = server.commits.has(earlier.idempotencyKey) || everFailed.has(earlier.id) || discarded.has(earlier.id);
      if (!settled) violations.push(`${committed.label} overtook ${earlier.label} about ${committed.messageKey}`);
    }
  };

  function build(): Outbox {
    const outbox = new Outbox({
      storage,
      transport: createFetchTransport({ baseUrl: 'https://tracking.test', tokenProvider: tokens, fetch: server.fetch, timeoutMs: 0 }),
      clock,
      random,
      backoff: { baseMs: 1000, capMs: 60_000 },
      onListenerError: (error) => violations.push(`listener threw: ${String(error)}`),
    });
    outbox.subscribe((event) => {
      const { operation } = event;
      if (event.type === 'done') {
        if (!server.commits.has(operation.idempotencyKey)) violations.push(`${operation.label} reported done but the server never committed it`);
        doneCount.set(operation.id, (doneCount.get(operation.id) ?? 0) + 1);
      }
      if (event.type === 'failed') everFailed.add(operation.id);
    });
    return outbox;
  }

  async function checkInvariants(step: string): Promise<void> {
    const stored = new Map((await storage.load()).map((op) => [op.id, op]));
    for (const op of enqueued) {
      const inStorage = stored.get(op.id);
      if (inStorage && inStorage.idempotencyKey !== op.idempotencyKey) violations.push(`${op.label} changed its idempotency key`);
      if (!inStorage && !server.commits.has(op.idempotencyKey) && !discarded.has(op.id)) {
        violations.push(`${op.label} was lost: not pending, not failed, not committed`);
      }
      if ((doneCount.get(op.id) ?? 0) > 1) violations.push(`${op.label} reported done twice`);
      if ((doneCount.get(op.id) ?? 0) === 1 && inStorage) violations.push(`${op.label} reported done but is still queued`);
      const keys = server.keysByLabel.get(op.label);
      if (keys && (keys.size !== 1 || !keys.has(op.idempotencyKey))) violations.push(`${op.label} reached the server under another key`);
      if ((server.effectsByLabel.get(op.label) ?? 0) > 1) violations.push(`${op.label} took effect twice`);
    }
    expect({ step, violations: [...violations, ...server.violations] }).toEqual({ step, violations: [] });
  }

  /**
   * What "send all now" promises, checked against storage before and after: a failed operation
   * is left exactly as it was, and every pending one that nothing orders before it (an earlier
   * pending write about the same message) was tried, however far off its next attempt was.
   * Attempts only grow, so backoff keeps growing.
   */
  async function sendAllNowAndCheck(send: () => Promise<unknown>): Promise<void> {
    const before = (await storage.load()).sort(compareFifo);
    await send();
    const after = new Map((await storage.load()).map((op) => [op.id, op]));
    const messagesWithEarlierPending = new Set<string>();
    for (const op of before) {
      const now = after.get(op.id);
      if (op.state === 'failed') {
        if (JSON.stringify(now) !== JSON.stringify(op)) violations.push(`send-all-now changed failed ${op.label}`);
        continue;
      }
      const first = op.messageKey === undefined || !messagesWithEarlierPending.has(op.messageKey);
      if (op.messageKey !== undefined) messagesWithEarlierPending.add(op.messageKey);
      if (now?.state === 'pending' && now.attempts < op.attempts) violations.push(`send-all-now lowered the attempts of ${op.label}`);
      if (first && now?.state === 'pending' && now.attempts === op.attempts) violations.push(`send-all-now did not try ${op.label}`);
    }
  }

  let outbox = build();
  for (const [index, command] of commands.entries()) {
    switch (command.kind) {
      case 'enqueue': {
        const label = `op-${enqueued.length + 1}`;
        const operation = await outbox.enqueue({
          kind: 'track',
          request: { method: 'POST', path: '/api/v1/emails', body: { opLabel: label, subject: `Subject ${label}` } },
          label,
          ...(command.messageKey === undefined ? {} : { messageKey: command.messageKey }),
        });
        enqueued.push({ id: operation.id, idempotencyKey: operation.idempotencyKey, label, messageKey: command.messageKey });
        break;
      }
      case 'flush':
        await outbox.flush();
        break;
      case 'concurrent-flush':
        await Promise.all([outbox.flush(), outbox.flush()]);
        break;
      case 'send-all-now':
        await sendAllNowAndCheck(() => outbox.sendAllNow());
        break;
      case 'send-all-now-during-flush':
        await sendAllNowAndCheck(() => Promise.all([outbox.flush(), outbox.sendAllNow()]));
        break;
      case 'fault':
        server.faults.push(command.fault);
        break;
      case 'expire-token':
        server.validToken = `token-${index + 2}`;
        tokens.refreshFailsOnce = !command.refreshSucceeds;
        break;
      case 'restart': {
        if (command.crashAfterCommit) {
          // The next request commits on the server, then the process dies before hearing the answer.
          server.faults.unshift({ kind: 'hang-after-commit' });
          const hung = server.nextHang();
          await Promise.race([hung, outbox.flush().catch(() => undefined)]);
          const unused = server.faults.findIndex((fault) => fault.kind === 'hang-after-commit');
          if (unused >= 0) server.faults.splice(unused, 1);
        }
        outbox = build();
        break;
      }
      case 'retry-failed':
      case 'discard-failed': {
        const failed = (await outbox.list()).filter((op) => op.state === 'failed');
        const chosen = failed[command.pick % Math.max(1, failed.length)];
        if (!chosen) break;
        if (command.kind === 'retry-failed') await outbox.retry(chosen.id);
        else {
          await outbox.discard(chosen.id);
          discarded.add(chosen.id);
        }
        break;
      }
      case 'advance-clock':
        clock.advance(command.ms);
        break;
    }
    await checkInvariants(`after command ${index}: ${JSON.stringify(command)}`);
  }

  // A healthy server from here on: every operation not discarded must end up done exactly once.
  server.faults.length = 0;
  tokens.refreshFailsOnce = false;
  for (let round = 0; round < 10; round++) {
    const remaining = await outbox.list();
    if (remaining.length === 0) break;
    for (const op of remaining) if (op.state === 'failed') await outbox.retry(op.id);
    const latest = Math.max(...remaining.map((op) => op.nextAttemptAt));
    if (latest > clock.now()) clock.advance(latest - clock.now());
    await outbox.flush();
  }
  await checkInvariants('after healing');
  expect(await outbox.list()).toEqual([]);
  for (const op of enqueued) {
    const expected = discarded.has(op.id) ? { done: 0 } : { done: 1, effects: 1 };
    const actual = discarded.has(op.id)
      ? { done: doneCount.get(op.id) ?? 0 }
      : { done: doneCount.get(op.id) ?? 0, effects: server.effectsByLabel.get(op.label) ?? 0 };
    expect({ label: op.label, ...actual }).toEqual({ label: op.label, ...expected });
  }
}

const storages: Array<[string, () => Promise<OutboxStorage>, number]> = [
  ['memory storage', async () => new MemoryOutboxStorage(), 150],
  ['key-value storage', async () => new KeyValueOutboxStorage(new MemoryKeyValueStore()), 150],
  ['IndexedDB storage', () => IndexedDbOutboxStorage.open({ factory: new IDBFactory() }), 100],
];

describe.each(storages)('the outbox over %s, against a fake server, under arbitrary failures and restarts', (_name, createStorage, numRuns) => {
  it('never loses an operation, never changes its key, never claims done without a commit, and finally does each one exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.array(commandArbitrary, { maxLength: 40 }), async (seed, commands) =>
        runScenario(await createStorage(), seed, commands),
      ),
      { numRuns },
    );
  });
});
