import { describe, expect, it, jest } from '@jest/globals';
import { MemoryOutboxStorage } from '../../../src/addin/outbox/memory-storage';
import type { NewOperation, OutboxOperation } from '../../../src/addin/outbox/operation';
import {
  Outbox,
  OutboxOperationNotFoundError,
  OutboxOperationStateError,
  type OutboxEvent,
  type OutboxOptions,
} from '../../../src/addin/outbox/outbox';
import type { OutboxStorage } from '../../../src/addin/outbox/storage';
import type { TransportResult } from '../../../src/addin/outbox/transport';
import { FakeClock } from './fakes/fake-clock';
import { networkError, ok, problem, ScriptedTransport } from './fakes/scripted-transport';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * 60 * SECOND;

function track(subject: string, messageKey?: string): NewOperation {
  return {
    kind: 'track',
    request: { method: 'POST', path: '/api/v1/emails', body: { subject } },
    label: `Track “${subject}”`,
    ...(messageKey === undefined ? {} : { messageKey }),
  };
}

function untrack(emailId: string, messageKey?: string): NewOperation {
  return {
    kind: 'untrack',
    request: { method: 'DELETE', path: `/api/v1/emails/${emailId}/tracking` },
    label: `Untrack ${emailId}`,
    ...(messageKey === undefined ? {} : { messageKey }),
  };
}

function setup(overrides: Partial<OutboxOptions> = {}) {
  const clock = new FakeClock();
  const storage = new MemoryOutboxStorage();
  const transport = new ScriptedTransport();
  let ids = 0;
  const options: OutboxOptions = {
    storage,
    transport,
    clock,
    random: () => 0.5,
    backoff: { baseMs: 1 * SECOND, capMs: 60 * SECOND },
    createId: () => `id-${++ids}`,
    ...overrides,
  };
  const outbox = new Outbox(options);
  const events: OutboxEvent[] = [];
  outbox.subscribe((event) => events.push(event));
  return { clock, storage, transport, outbox, events, options };
}

function deferredPromise<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** A transport answer that takes a moment, counting how many sends are on the wire at once. */
function concurrencyProbe() {
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    slowOk: async (): Promise<TransportResult> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await settle();
      inFlight--;
      return ok();
    },
    maxInFlight: () => maxInFlight,
  };
}

describe('enqueue', () => {
  it('resolves only after the operation is durably written', async () => {
    const written = deferredPromise<void>();
    const inner = new MemoryOutboxStorage();
    const slowStorage: OutboxStorage = {
      load: () => inner.load(),
      put: async (operation) => {
        await written.promise;
        await inner.put(operation);
      },
      remove: (id) => inner.remove(id),
    };
    const { outbox, events } = setup({ storage: slowStorage });
    let resolved = false;
    const enqueued = outbox.enqueue(track('Quarterly report')).then(() => {
      resolved = true;
    });
    await settle();
    expect(resolved).toBe(false);
    expect(events).toEqual([]);
    written.resolve();
    await enqueued;
    expect(inner.snapshot()).toHaveLength(1);
    expect(events.map((event) => event.type)).toEqual(['queued']);
  });

  it('gives every operation its own id and idempotency key and queues it as pending and due now', async () => {
    const { outbox, clock } = setup();
    const first = await outbox.enqueue(track('A', '<a@example.com>'));
    const second = await outbox.enqueue(track('B'));
    expect(first).toMatchObject({
      kind: 'track',
      label: 'Track “A”',
      messageKey: '<a@example.com>',
      state: 'pending',
      attempts: 0,
      createdAt: clock.now(),
      nextAttemptAt: clock.now(),
      giveUpAt: clock.now() + 6 * DAY,
    });
    expect(first.id).not.toBe(second.id);
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
    expect(new Set([first.id, first.idempotencyKey, second.id, second.idempotencyKey]).size).toBe(4);
    expect(second.sequence).toBeGreaterThan(first.sequence);
  });

  it('makes UUIDs for ids and idempotency keys by default', async () => {
    const { options } = setup();
    const outbox = new Outbox({ ...options, createId: undefined });
    const operation = await outbox.enqueue(track('A'));
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(operation.id).toMatch(uuid);
    expect(operation.idempotencyKey).toMatch(uuid);
  });
});

describe('flush', () => {
  it('sends due operations oldest first, each with its own idempotency key', async () => {
    const { outbox, transport } = setup();
    const a = await outbox.enqueue(track('A'));
    const b = await outbox.enqueue(untrack('email-7'));
    const c = await outbox.enqueue(track('C'));
    transport.reply(ok(), ok(null, 204), ok());
    await outbox.flush();
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey, c.idempotencyKey]);
    expect(transport.sent[1]!.request).toEqual({ method: 'DELETE', path: '/api/v1/emails/email-7/tracking' });
  });

  it('removes an operation the server accepted and reports it done with the parsed response', async () => {
    const { outbox, transport, events } = setup();
    const operation = await outbox.enqueue(track('A'));
    const response = { email: { id: 'email-1', correlationMethod: 'none' }, tracker: { source: 'manual' } };
    transport.reply(ok(response, 201));
    const result = await outbox.flush();
    expect(result).toEqual({ done: 1, deferred: 0, failed: 0, stoppedAtDeadline: false });
    expect(await outbox.list()).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'done', operation, status: 201, response });
  });

  it('keeps an operation after a network error and schedules it with full-jitter backoff', async () => {
    const { outbox, transport, clock, events } = setup({ random: () => 0.25 });
    await outbox.enqueue(track('A'));
    transport.reply(networkError('Failed to fetch'));
    const result = await outbox.flush();
    expect(result.deferred).toBe(1);
    const [operation] = await outbox.list();
    expect(operation).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: clock.now() + 250, // 0.25 · min(60 s, 1 s · 2^0)
      lastError: { title: 'Could not reach the tracking server', detail: 'Failed to fetch' },
    });
    expect(events.at(-1)?.type).toBe('deferred');
  });

  it('doubles the backoff ceiling after each server error up to the cap', async () => {
    const { outbox, transport, clock } = setup({ random: () => 0.999 });
    await outbox.enqueue(track('A'));
    const delays: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      transport.reply(problem(503, 'Service unavailable', 'Restarting'));
      await outbox.flush();
      const [operation] = await outbox.list();
      delays.push(operation!.nextAttemptAt - clock.now());
      clock.advance(operation!.nextAttemptAt - clock.now());
    }
    expect(delays).toEqual([999, 1998, 3996, 7992, 15984, 31968, 59940, 59940, 59940]);
    const [operation] = await outbox.list();
    expect(operation!.lastError).toEqual({ status: 503, title: 'Service unavailable', detail: 'Restarting' });
  });

  it('waits at least as long as Retry-After says after a 429, in seconds', async () => {
    const { outbox, transport, clock } = setup({ random: () => 0 });
    await outbox.enqueue(track('A'));
    transport.reply(problem(429, 'Too many requests', 'Slow down', '30'));
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation!.nextAttemptAt).toBe(clock.now() + 30 * SECOND);
  });

  it('waits at least as long as Retry-After says after a 429, as an HTTP date', async () => {
    const { outbox, transport, clock } = setup({ random: () => 0 });
    await outbox.enqueue(track('A'));
    const retryAt = new Date(clock.now() + 90 * SECOND).toUTCString();
    transport.reply(problem(429, 'Too many requests', 'Slow down', retryAt));
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation!.nextAttemptAt).toBe(clock.now() + 90 * SECOND);
  });

  it('keeps the jittered delay when it is longer than Retry-After', async () => {
    const { outbox, transport, clock } = setup({ random: () => 0.999, backoff: { baseMs: 100 * SECOND, capMs: 600 * SECOND } });
    await outbox.enqueue(track('A'));
    transport.reply(problem(429, 'Too many requests', 'Slow down', '1'));
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation!.nextAttemptAt).toBe(clock.now() + 99_900);
  });

  it('does not resend a deferred operation before it is due, then resends it with the same key', async () => {
    const { outbox, transport, clock } = setup();
    const operation = await outbox.enqueue(track('A'));
    transport.reply(networkError());
    await outbox.flush();
    await outbox.flush();
    expect(transport.sent).toHaveLength(1);
    clock.advance(500);
    transport.reply(ok());
    await outbox.flush();
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([operation.idempotencyKey, operation.idempotencyKey]);
    expect(await outbox.list()).toEqual([]);
  });

  it('sends each operation at most once per flush even when the jitter is zero', async () => {
    const { outbox, transport } = setup({ random: () => 0 });
    await outbox.enqueue(track('A'));
    transport.reply(networkError());
    await outbox.flush();
    expect(transport.sent).toHaveLength(1);
  });

  it('treats 409 (the key is still in flight) as "retry later", honouring its Retry-After', async () => {
    const { outbox, transport, clock } = setup({ random: () => 0 });
    await outbox.enqueue(track('A'));
    transport.reply(problem(409, 'Request in progress', 'Still being processed', '1'));
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation).toMatchObject({ state: 'pending', nextAttemptAt: clock.now() + SECOND });
  });

  it.each([400, 403, 404, 422])('moves the operation to the failed list with the problem title and detail on %i', async (status) => {
    const { outbox, transport, events } = setup();
    await outbox.enqueue(track('A'));
    transport.reply(problem(status, 'Rejected', `Reason for ${status}`));
    const result = await outbox.flush();
    expect(result.failed).toBe(1);
    const [operation] = await outbox.list();
    expect(operation).toMatchObject({ state: 'failed', attempts: 1, lastError: { status, title: 'Rejected', detail: `Reason for ${status}` } });
    expect(events.at(-1)).toEqual({ type: 'failed', operation });
  });

  it('lists validation errors from the problem body in the reason', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    transport.reply({
      kind: 'response',
      status: 400,
      retryAfter: null,
      body: { title: 'Invalid request', status: 400, errors: [{ path: '/subject', message: 'must be a string' }] },
    });
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation!.lastError).toEqual({ status: 400, title: 'Invalid request', detail: '/subject: must be a string' });
  });

  it('still gives a reason when a rejection has no problem body', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    transport.reply({ kind: 'response', status: 404, body: null, retryAfter: null });
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation!.lastError).toEqual({ status: 404, title: 'The server answered 404', detail: 'The server gave no further reason.' });
  });

  it('fails an operation the server still refuses after a token refresh, telling the user to sign in again', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    transport.reply(problem(401, 'Unauthorized', 'Token expired'));
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation!.state).toBe('failed');
    expect(operation!.lastError).toMatchObject({ status: 401, title: 'Sign in again' });
    expect(operation!.lastError!.detail).toMatch(/Sign in to Docket again/);
  });

  it('fails an operation when nobody is signed in, telling the user to sign in', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    transport.reply({ kind: 'signed-out' });
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation).toMatchObject({ state: 'failed', lastError: { title: 'Sign in again' } });
  });

  it('treats a transport that throws as a transient failure and keeps its message', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    transport.reply(() => Promise.reject(new Error('socket hang up')));
    await outbox.flush();
    const [operation] = await outbox.list();
    expect(operation).toMatchObject({ state: 'pending', lastError: { detail: 'socket hang up' } });
  });

  it('sends an operation enqueued while a flush is running in that same flush', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    const gate = deferredPromise<TransportResult>();
    transport.reply(() => gate.promise, ok());
    const flushing = outbox.flush();
    await settle();
    await outbox.enqueue(track('B'));
    gate.resolve(ok());
    expect((await flushing).done).toBe(2);
    expect(transport.sent).toHaveLength(2);
  });

  it('never sends the same operation twice at once when flush is called concurrently', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    await outbox.enqueue(track('B'));
    const probe = concurrencyProbe();
    const slowOk = probe.slowOk;
    transport.reply(slowOk, slowOk);
    const results = await Promise.all([outbox.flush(), outbox.flush(), outbox.flushWithin(60 * SECOND)]);
    expect(transport.sent).toHaveLength(2);
    expect(probe.maxInFlight()).toBe(1);
    expect(results[0]).toBe(results[1]);
    expect(results[0]!.done).toBe(2);
  });

  it('keeps writes about one message in order: an untrack waits while the track before it is deferred', async () => {
    const { outbox, transport, clock } = setup();
    const trackA = await outbox.enqueue(track('A', '<a@example.com>'));
    const untrackA = await outbox.enqueue(untrack('email-1', '<a@example.com>'));
    transport.reply(networkError());
    await outbox.flush();
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([trackA.idempotencyKey]);
    clock.advance(10 * SECOND);
    transport.reply(ok(), ok(null, 204));
    await outbox.flush();
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([trackA.idempotencyKey, trackA.idempotencyKey, untrackA.idempotencyKey]);
  });

  it('does not hold up other messages behind a deferred one', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A', '<a@example.com>'));
    const b = await outbox.enqueue(track('B', '<b@example.com>'));
    transport.reply(problem(503, 'Unavailable', 'Busy'), ok());
    const result = await outbox.flush();
    expect(result).toMatchObject({ done: 1, deferred: 1 });
    expect(transport.sent[1]!.idempotencyKey).toBe(b.idempotencyKey);
  });

  it('lets a later write about a message go once the earlier one has failed for good', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A', '<a@example.com>'));
    await outbox.enqueue(untrack('email-1', '<a@example.com>'));
    transport.reply(problem(422, 'Invalid', 'Bad subject'), ok(null, 204));
    expect(await outbox.flush()).toMatchObject({ done: 1, failed: 1 });
  });

  it('gives up on an operation older than 6 days without sending it, saying why', async () => {
    const { outbox, transport, clock, events } = setup();
    await outbox.enqueue(track('A'));
    transport.reply(networkError('offline'));
    await outbox.flush();
    clock.advance(6 * DAY);
    const result = await outbox.flush();
    expect(transport.sent).toHaveLength(1);
    expect(result).toMatchObject({ done: 0, failed: 1 });
    const [operation] = await outbox.list();
    expect(operation!.state).toBe('failed');
    expect(operation!.lastError!.title).toBe('Gave up after 6 days');
    expect(operation!.lastError!.detail).toMatch(/offline/);
    expect(events.at(-1)?.type).toBe('failed');
  });

  it('keeps retrying an operation that is just under 6 days old', async () => {
    const { outbox, transport, clock } = setup();
    await outbox.enqueue(track('A'));
    clock.advance(6 * DAY - 1);
    transport.reply(ok());
    expect((await outbox.flush()).done).toBe(1);
  });

  it('reports listener exceptions without breaking the outbox', async () => {
    const onListenerError = jest.fn();
    const { outbox, transport } = setup({ onListenerError });
    outbox.subscribe(() => {
      throw new Error('listener bug');
    });
    await outbox.enqueue(track('A'));
    transport.reply(ok());
    expect((await outbox.flush()).done).toBe(1);
    expect(onListenerError).toHaveBeenCalledTimes(2);
  });

  it('stops notifying a listener after it unsubscribes', async () => {
    const { outbox } = setup();
    const listener = jest.fn();
    const unsubscribe = outbox.subscribe(listener);
    await outbox.enqueue(track('A'));
    unsubscribe();
    await outbox.enqueue(track('B'));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('rejects when storage fails instead of pretending the operation was sent', async () => {
    const inner = new MemoryOutboxStorage();
    const brokenStorage: OutboxStorage = {
      load: () => inner.load(),
      put: (operation) => inner.put(operation),
      remove: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const { outbox, transport, events } = setup({ storage: brokenStorage });
    await outbox.enqueue(track('A'));
    transport.reply(ok());
    await expect(outbox.flush()).rejects.toThrow('QuotaExceededError');
    expect(events.map((event) => event.type)).toEqual(['queued']);
    expect(await outbox.list()).toHaveLength(1);
  });
});

describe('flushWithin', () => {
  it('sends what it can before the deadline and leaves the rest queued', async () => {
    const { outbox, transport, clock } = setup();
    for (const subject of ['A', 'B', 'C', 'D', 'E']) await outbox.enqueue(track(subject));
    const takesThreeHundredMs = async (): Promise<TransportResult> => {
      clock.advance(300);
      return ok();
    };
    transport.reply(takesThreeHundredMs, takesThreeHundredMs, takesThreeHundredMs, takesThreeHundredMs);
    // A, B and C are answered by 900 ms; D leaves at 900 ms and is still on the wire at the deadline.
    const result = await outbox.flushWithin(1000);
    expect(result).toEqual({ done: 3, deferred: 0, failed: 0, stoppedAtDeadline: true });
    expect((await outbox.list()).map((operation) => operation.label)).toEqual(['Track “D”', 'Track “E”']);
    await settle();
    expect(transport.sent).toHaveLength(4);
    expect((await outbox.list()).map((operation) => operation.label)).toEqual(['Track “E”']);
  });

  it('resolves at the deadline even while a send hangs, and the late answer is still recorded', async () => {
    const { outbox, transport, clock, events } = setup();
    await outbox.enqueue(track('A'));
    const gate = deferredPromise<TransportResult>();
    transport.reply(() => gate.promise);
    const within = outbox.flushWithin(2000);
    await settle();
    clock.advance(2000);
    expect(await within).toEqual({ done: 0, deferred: 0, failed: 0, stoppedAtDeadline: true });
    expect(await outbox.list()).toHaveLength(1);
    gate.resolve(ok());
    await settle();
    expect(events.at(-1)?.type).toBe('done');
    expect(await outbox.list()).toEqual([]);
  });

  it('cancels its timer when everything was sent in time', async () => {
    const { outbox, transport, clock } = setup();
    await outbox.enqueue(track('A'));
    transport.reply(ok());
    expect(await outbox.flushWithin(5000)).toEqual({ done: 1, deferred: 0, failed: 0, stoppedAtDeadline: false });
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets a later full flush send what a deadline-bound flush left', async () => {
    const { outbox, transport, clock } = setup();
    await outbox.enqueue(track('A'));
    await outbox.enqueue(track('B'));
    transport.reply(async () => {
      clock.advance(1000);
      return ok();
    }, ok());
    expect(await outbox.flushWithin(500)).toMatchObject({ stoppedAtDeadline: true });
    await outbox.flush();
    expect(transport.sent).toHaveLength(2);
    expect(await outbox.list()).toEqual([]);
  });
});

describe('sendAllNow', () => {
  /** An outbox whose failures wait almost 10 minutes, as after a long outage. */
  function setupWithLongBackoff() {
    return setup({ random: () => 0.99, backoff: { baseMs: 10 * MINUTE, capMs: 10 * MINUTE } });
  }

  it('sends at once every waiting operation, however far off its next attempt was, with its own key', async () => {
    const { outbox, transport, clock } = setupWithLongBackoff();
    const a = await outbox.enqueue(track('A'));
    const b = await outbox.enqueue(track('B'));
    transport.reply(networkError(), networkError());
    await outbox.flush();
    for (const operation of await outbox.list()) expect(operation.nextAttemptAt - clock.now()).toBeGreaterThan(9 * MINUTE);
    expect(await outbox.flush()).toMatchObject({ done: 0, deferred: 0 });
    expect(transport.sent).toHaveLength(2);

    transport.reply(ok(), ok());
    expect(await outbox.sendAllNow()).toEqual({ done: 2, deferred: 0, failed: 0, stoppedAtDeadline: false });
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey, a.idempotencyKey, b.idempotencyKey]);
    expect(await outbox.list()).toEqual([]);
  });

  it('keeps the attempts count, so each send-now that fails again waits longer than the one before', async () => {
    const { outbox, transport, clock } = setup();
    await outbox.enqueue(track('A'));
    transport.reply(networkError());
    await outbox.flush();
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      transport.reply(networkError());
      expect(await outbox.sendAllNow()).toMatchObject({ done: 0, deferred: 1 });
      const [operation] = await outbox.list();
      expect(operation!.attempts).toBe(round + 2);
      waits.push(operation!.nextAttemptAt - clock.now());
    }
    // Full jitter at 0.5 of base 1 s doubling: 1 s, 2 s, 4 s.
    expect(waits).toEqual([1 * SECOND, 2 * SECOND, 4 * SECOND]);
  });

  it('leaves failed operations failed and unsent: only Retry sends them again', async () => {
    const { outbox, transport, events } = setupWithLongBackoff();
    const refused = await outbox.enqueue(track('Refused'));
    const waiting = await outbox.enqueue(track('Waiting'));
    transport.reply(problem(422, 'Invalid', 'Bad subject'), networkError());
    await outbox.flush();
    const [failedBefore] = (await outbox.list()).filter((operation) => operation.state === 'failed');
    const eventsBefore = events.length;

    transport.reply(ok());
    expect(await outbox.sendAllNow()).toEqual({ done: 1, deferred: 0, failed: 0, stoppedAtDeadline: false });
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([refused.idempotencyKey, waiting.idempotencyKey, waiting.idempotencyKey]);
    expect(await outbox.list()).toEqual([failedBefore]);
    expect(events.slice(eventsBefore).map((event) => [event.type, event.operation.label])).toEqual([['done', 'Track “Waiting”']]);
  });

  it('joins a flush that is running: each operation goes once, never two at a time, and both callers get the same result', async () => {
    const { outbox, transport } = setupWithLongBackoff();
    await outbox.enqueue(track('Far off'));
    transport.reply(networkError());
    await outbox.flush();
    await outbox.enqueue(track('Due A'));
    await outbox.enqueue(track('Due B'));
    const probe = concurrencyProbe();
    const slowOk = probe.slowOk;
    transport.reply(slowOk, slowOk, slowOk);
    const flushing = outbox.flush();
    await settle();
    const results = await Promise.all([flushing, outbox.sendAllNow(), outbox.sendAllNow()]);
    const labels = transport.sent.slice(1).map((sent) => (sent.request.body as { subject: string }).subject);
    expect(labels.sort()).toEqual(['Due A', 'Due B', 'Far off']);
    expect(probe.maxInFlight()).toBe(1);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
    expect(results[0]).toMatchObject({ done: 3, deferred: 0 });
    expect(await outbox.list()).toEqual([]);
  });

  it('sends everything even when called in the same moment as a flush that found nothing due', async () => {
    const { outbox, transport } = setupWithLongBackoff();
    await outbox.enqueue(track('Far off'));
    transport.reply(networkError());
    await outbox.flush();
    transport.reply(ok());
    const [flushed, sentNow] = await Promise.all([outbox.flush(), outbox.sendAllNow()]);
    expect(sentNow).toBe(flushed);
    expect(sentNow).toMatchObject({ done: 1 });
    expect(await outbox.list()).toEqual([]);
  });

  it('when it joins a running flush, tries once more what that flush had already tried and deferred', async () => {
    const { outbox, transport } = setupWithLongBackoff();
    const a = await outbox.enqueue(track('A'));
    const b = await outbox.enqueue(track('B'));
    const gate = deferredPromise<TransportResult>();
    transport.reply(networkError(), () => gate.promise, ok());
    const flushing = outbox.flush();
    await settle();
    // A has failed and waits 10 minutes; B is on the wire when the user presses "Send now".
    expect(transport.sent).toHaveLength(2);
    const sendingNow = outbox.sendAllNow();
    gate.resolve(ok());
    expect(await sendingNow).toMatchObject({ done: 2, deferred: 1 });
    await flushing;
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey, a.idempotencyKey]);
    expect(await outbox.list()).toEqual([]);
  });

  it('when it joins a running flush, sends each waiting operation once more, not twice', async () => {
    const { outbox, transport } = setupWithLongBackoff();
    const a = await outbox.enqueue(track('A'));
    transport.reply(networkError());
    await outbox.flush();
    const b = await outbox.enqueue(track('B'));
    const c = await outbox.enqueue(track('C'));
    const gate = deferredPromise<TransportResult>();
    transport.reply(() => gate.promise, networkError(), networkError());
    const flushing = outbox.flush();
    await settle();
    const sendingNow = outbox.sendAllNow();
    gate.resolve(ok());
    expect(await sendingNow).toMatchObject({ done: 1, deferred: 2 });
    await flushing;
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey, a.idempotencyKey, c.idempotencyKey]);
  });

  it('changes nothing stored while a send is on the wire, so it can never undo the answer that send gets', async () => {
    const { outbox, transport, storage, clock } = setupWithLongBackoff();
    await outbox.enqueue(track('Far off'));
    transport.reply(networkError());
    await outbox.flush();
    await outbox.enqueue(track('On the wire'));
    const gate = deferredPromise<TransportResult>();
    transport.reply(() => gate.promise, ok());
    const flushing = outbox.flush();
    await settle();
    const before = storage.snapshot();
    const sendingNow = outbox.sendAllNow();
    await settle();
    expect(storage.snapshot()).toEqual(before);
    expect(before.find((operation) => operation.label === 'Track “Far off”')!.nextAttemptAt).toBeGreaterThan(clock.now());

    gate.resolve(ok());
    expect(await sendingNow).toMatchObject({ done: 2 });
    await flushing;
    expect(storage.snapshot()).toEqual([]);
  });

  it('stores the new due time before sending, so after a restart the operations go at once with their attempts kept', async () => {
    const { outbox, transport, storage, clock, options } = setupWithLongBackoff();
    const a = await outbox.enqueue(track('A'));
    const b = await outbox.enqueue(track('B'));
    transport.reply(networkError(), networkError());
    await outbox.flush();
    // The pane closes while the first send of the send-now is still on the wire.
    transport.reply(() => new Promise<TransportResult>(() => undefined));
    void outbox.sendAllNow();
    await settle();
    expect(storage.snapshot().map((operation) => [operation.id, operation.attempts, operation.nextAttemptAt])).toEqual([
      [a.id, 1, clock.now()],
      [b.id, 1, clock.now()],
    ]);

    const restartedTransport = new ScriptedTransport().reply(ok(), ok());
    const restarted = new Outbox({ ...options, storage, transport: restartedTransport });
    expect(await restarted.flush()).toMatchObject({ done: 2 });
    expect(restartedTransport.sent.map((sent) => sent.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey]);
  });

  it('keeps writes about one message in order: an untrack still waits for the track it undoes', async () => {
    const { outbox, transport } = setupWithLongBackoff();
    const trackA = await outbox.enqueue(track('A', '<a@example.com>'));
    const untrackA = await outbox.enqueue(untrack('email-1', '<a@example.com>'));
    transport.reply(networkError());
    await outbox.flush();
    transport.reply(networkError());
    expect(await outbox.sendAllNow()).toMatchObject({ done: 0, deferred: 1 });
    transport.reply(ok(), ok(null, 204));
    expect(await outbox.sendAllNow()).toMatchObject({ done: 2 });
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([trackA.idempotencyKey, trackA.idempotencyKey, trackA.idempotencyKey, untrackA.idempotencyKey]);
  });
});

describe('retry and discard', () => {
  async function failedOperation() {
    const context = setup();
    const operation = await context.outbox.enqueue(track('A'));
    context.transport.reply(problem(422, 'Invalid', 'Bad subject'));
    await context.outbox.flush();
    return { ...context, operation };
  }

  it('retry moves a failed operation back to pending, due now, with the same idempotency key', async () => {
    const { outbox, transport, operation, clock, events } = await failedOperation();
    clock.advance(SECOND);
    const requeued = await outbox.retry(operation.id);
    expect(requeued).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: clock.now(), idempotencyKey: operation.idempotencyKey });
    expect(requeued.lastError).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'requeued', operation: requeued });
    transport.reply(ok());
    await outbox.flush();
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([operation.idempotencyKey, operation.idempotencyKey]);
    expect(await outbox.list()).toEqual([]);
  });

  it('retry gives an operation that gave up a new 6-day window', async () => {
    const { outbox, transport, clock } = setup();
    const operation = await outbox.enqueue(track('A'));
    clock.advance(7 * DAY);
    await outbox.flush();
    const requeued = await outbox.retry(operation.id);
    expect(requeued.giveUpAt).toBe(clock.now() + 6 * DAY);
    transport.reply(ok());
    expect((await outbox.flush()).done).toBe(1);
  });

  it('retry of an operation that is already pending changes nothing', async () => {
    const { outbox } = setup();
    const operation = await outbox.enqueue(track('A'));
    expect(await outbox.retry(operation.id)).toEqual(operation);
  });

  it('discard removes a failed operation', async () => {
    const { outbox, operation, events } = await failedOperation();
    await outbox.discard(operation.id);
    expect(await outbox.list()).toEqual([]);
    expect(events.at(-1)?.type).toBe('discarded');
  });

  it('discard refuses a pending operation, which may be on the wire', async () => {
    const { outbox } = setup();
    const operation = await outbox.enqueue(track('A'));
    await expect(outbox.discard(operation.id)).rejects.toBeInstanceOf(OutboxOperationStateError);
    expect(await outbox.list()).toHaveLength(1);
  });

  it('retry and discard of an unknown operation say it is not there', async () => {
    const { outbox } = setup();
    await expect(outbox.retry('nope')).rejects.toBeInstanceOf(OutboxOperationNotFoundError);
    await expect(outbox.discard('nope')).rejects.toBeInstanceOf(OutboxOperationNotFoundError);
  });
});

describe('list and restarts', () => {
  it('lists pending and failed operations oldest first', async () => {
    const { outbox, transport } = setup();
    await outbox.enqueue(track('A'));
    await outbox.enqueue(track('B'));
    transport.reply(problem(422, 'Invalid', 'Bad'), networkError());
    await outbox.flush();
    const listed = await outbox.list();
    expect(listed.map((operation: OutboxOperation) => [operation.label, operation.state])).toEqual([
      ['Track “A”', 'failed'],
      ['Track “B”', 'pending'],
    ]);
  });

  it('a new outbox over the same storage keeps the queue, its order and its idempotency keys', async () => {
    const { outbox, storage, transport, options } = setup();
    const a = await outbox.enqueue(track('A'));
    const b = await outbox.enqueue(track('B'));
    const restarted = new Outbox({ ...options, storage, transport, createId: () => `after-restart-${Math.random()}` });
    const c = await restarted.enqueue(track('C'));
    expect(c.sequence).toBeGreaterThan(b.sequence);
    transport.reply(ok(), ok(), ok());
    await restarted.flush();
    expect(transport.sent.map((sent) => sent.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey, c.idempotencyKey]);
  });
});
