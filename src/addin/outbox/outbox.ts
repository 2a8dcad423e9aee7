import { defaultBackoff, fullJitterDelay, type BackoffPolicy } from './backoff';
import { systemClock, type OutboxClock } from './clock';
import { classifyAttempt } from './outcome';
import { compareFifo, type NewOperation, type OperationError, type OutboxOperation } from './operation';
import { randomUuid } from './random-uuid';
import type { OutboxStorage } from './storage';
import type { Transport, TransportResult } from './transport';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The server keeps idempotency keys for 7 days; we stop a day earlier so every retry is still deduplicated. */
export const DEFAULT_MAX_AGE_MS = 6 * DAY_MS;

export type OutboxEvent =
  | { type: 'queued'; operation: OutboxOperation }
  | { type: 'done'; operation: OutboxOperation; status: number; response: unknown }
  /** A send failed in a way that may pass; `operation.nextAttemptAt` says when it is due again. */
  | { type: 'deferred'; operation: OutboxOperation }
  | { type: 'failed'; operation: OutboxOperation }
  | { type: 'requeued'; operation: OutboxOperation }
  | { type: 'discarded'; operation: OutboxOperation };

export type OutboxListener = (event: OutboxEvent) => void;

export interface FlushResult {
  done: number;
  deferred: number;
  failed: number;
  /** True when due operations were left queued because the deadline passed. */
  stoppedAtDeadline: boolean;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  transport: Transport;
  clock?: OutboxClock;
  /** Uniform in [0, 1); drives the backoff jitter. */
  random?: () => number;
  backoff?: BackoffPolicy;
  maxAgeMs?: number;
  createId?: () => string;
  /** Where an exception thrown by a listener goes; listeners never break the outbox. */
  onListenerError?: (error: unknown) => void;
}

export class OutboxOperationNotFoundError extends Error {
  constructor(readonly operationId: string) {
    super(`No operation ${operationId} in the outbox`);
    this.name = 'OutboxOperationNotFoundError';
  }
}

export class OutboxOperationStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxOperationStateError';
  }
}

interface DrainRun {
  deadline: number;
  done: number;
  deferred: number;
  failed: number;
  stoppedAtDeadline: boolean;
  /** Set once the loop has stopped sending, so a later flush starts a new run rather than joining. */
  finished: boolean;
  /**
   * `sendAllNow` asked for every pending operation to be due: the loop does it before its next
   * send, so the loop stays the only writer of pending operations and none is sent twice at once.
   */
  allDueRequested: boolean;
  promise: Promise<FlushResult>;
}

function resultOf(run: DrainRun): FlushResult {
  return { done: run.done, deferred: run.deferred, failed: run.failed, stoppedAtDeadline: run.stoppedAtDeadline };
}

function describeDuration(ms: number): string {
  if (ms % DAY_MS === 0) return ms === DAY_MS ? '1 day' : `${ms / DAY_MS} days`;
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function withoutLastError(operation: OutboxOperation): OutboxOperation {
  const copy = { ...operation };
  delete copy.lastError;
  return copy;
}

/**
 * The durable queue every track, untrack and set-regarding passes through. It knows nothing of
 * React or Office, and touches no DOM, so the task pane and the event runtime share it.
 */
export class Outbox {
  private readonly storage: OutboxStorage;
  private readonly transport: Transport;
  private readonly clock: OutboxClock;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly maxAgeMs: number;
  private readonly createId: () => string;
  private readonly onListenerError: (error: unknown) => void;
  private readonly listeners = new Set<OutboxListener>();
  private running: DrainRun | null = null;
  private sequenceLoaded: Promise<void> | null = null;
  private nextSequence = 0;

  constructor(options: OutboxOptions) {
    this.storage = options.storage;
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? defaultBackoff;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.createId = options.createId ?? randomUuid;
    this.onListenerError = options.onListenerError ?? ((error) => console.error('Outbox listener failed', error));
  }

  /** Resolves once the operation is durably stored: from then on the UI may say "queued". */
  async enqueue(input: NewOperation): Promise<OutboxOperation> {
    const sequence = await this.takeSequence();
    const now = this.clock.now();
    const operation: OutboxOperation = {
      id: this.createId(),
      kind: input.kind,
      idempotencyKey: this.createId(),
      request: input.request,
      label: input.label,
      sequence,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      giveUpAt: now + this.maxAgeMs,
      state: 'pending',
    };
    if (input.messageKey !== undefined) operation.messageKey = input.messageKey;
    await this.storage.put(operation);
    this.emit({ type: 'queued', operation });
    return operation;
  }

  /** Sends every due operation, oldest first. A call made while a flush runs joins that flush. */
  flush(): Promise<FlushResult> {
    return this.drain(Number.POSITIVE_INFINITY).promise;
  }

  /**
   * For when the way to the server may be open again (the pane opened, the device came back
   * online, the user pressed "Send now"): every pending operation becomes due now, durably, and
   * is sent in a flush. Attempts are kept, so if it fails again it waits longer than before.
   * Failed operations stay failed: only `retry` sends them again. A call made while a flush
   * runs joins it, and that flush sends each pending operation once more before it ends.
   */
  sendAllNow(): Promise<FlushResult> {
    return this.drain(Number.POSITIVE_INFINITY, { allDue: true }).promise;
  }

  /**
   * For event handlers that must finish quickly: sends what it can and resolves by `ms` at the
   * latest. A send still in flight then carries on; if the runtime ends first, the operation is
   * still stored and goes again later with the same idempotency key.
   */
  async flushWithin(ms: number): Promise<FlushResult> {
    const run = this.drain(this.clock.now() + ms);
    let cancelTimer = (): void => undefined;
    const deadlinePassed = new Promise<null>((resolve) => {
      cancelTimer = this.clock.setTimer(() => resolve(null), ms);
    });
    try {
      const finished = await Promise.race([run.promise, deadlinePassed]);
      return finished ?? { ...resultOf(run), stoppedAtDeadline: true };
    } finally {
      cancelTimer();
    }
  }

  /** Puts a failed operation back in the queue, due now, with its original idempotency key. */
  async retry(id: string): Promise<OutboxOperation> {
    const operation = await this.find(id);
    if (operation.state === 'pending') return operation;
    const now = this.clock.now();
    const requeued: OutboxOperation = {
      ...withoutLastError(operation),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      // The user asked for another try: give an operation that timed out a new window.
      giveUpAt: operation.giveUpAt > now ? operation.giveUpAt : now + this.maxAgeMs,
    };
    await this.storage.put(requeued);
    this.emit({ type: 'requeued', operation: requeued });
    return requeued;
  }

  /** Drops a failed operation. Pending ones cannot be discarded: one may be on the wire. */
  async discard(id: string): Promise<void> {
    const operation = await this.find(id);
    if (operation.state !== 'failed') {
      throw new OutboxOperationStateError(`Operation ${id} is still queued; only a failed operation can be discarded`);
    }
    await this.storage.remove(id);
    this.emit({ type: 'discarded', operation });
  }

  /** Pending and failed operations, oldest first. */
  async list(): Promise<OutboxOperation[]> {
    return (await this.storage.load()).sort(compareFifo);
  }

  subscribe(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async find(id: string): Promise<OutboxOperation> {
    const operation = (await this.storage.load()).find((candidate) => candidate.id === id);
    if (!operation) throw new OutboxOperationNotFoundError(id);
    return operation;
  }

  private async takeSequence(): Promise<number> {
    this.sequenceLoaded ??= this.storage.load().then(
      (operations) => {
        for (const operation of operations) this.nextSequence = Math.max(this.nextSequence, operation.sequence + 1);
      },
      (error: unknown) => {
        this.sequenceLoaded = null;
        throw error;
      },
    );
    await this.sequenceLoaded;
    return this.nextSequence++;
  }

  private drain(deadline: number, options: { allDue?: boolean } = {}): DrainRun {
    const allDue = options.allDue ?? false;
    const current = this.running;
    if (current && !current.finished) {
      current.deadline = Math.max(current.deadline, deadline);
      current.allDueRequested ||= allDue;
      return current;
    }
    const run: DrainRun = {
      deadline,
      done: 0,
      deferred: 0,
      failed: 0,
      stoppedAtDeadline: false,
      finished: false,
      allDueRequested: allDue,
      promise: Promise.resolve({ done: 0, deferred: 0, failed: 0, stoppedAtDeadline: false }),
    };
    this.running = run;
    run.promise = this.drainLoop(run).finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  private async drainLoop(run: DrainRun): Promise<FlushResult> {
    try {
      // Each operation is sent at most once per drain, so a failing server cannot spin the loop.
      const attempted = new Set<string>();
      for (;;) {
        if (run.allDueRequested) {
          run.allDueRequested = false;
          await this.makePendingDue();
          // What this run tried before the request gets one more try: the request asks for a send after it.
          attempted.clear();
        }
        const operations = (await this.storage.load()).sort(compareFifo);
        // Writes about one message go in order: an untrack must not overtake the track it undoes.
        const blockedMessages = new Set<string>();
        let sentInThisPass = 0;
        for (const operation of operations) {
          // This pass read the operations before `sendAllNow` joined: start a pass over them all due.
          if (run.allDueRequested) break;
          if (operation.state !== 'pending') continue;
          const now = this.clock.now();
          if (now >= operation.giveUpAt) {
            await this.giveUp(operation, run);
            continue;
          }
          const blocked = operation.messageKey !== undefined && blockedMessages.has(operation.messageKey);
          if (blocked || attempted.has(operation.id) || operation.nextAttemptAt > now) {
            if (operation.messageKey !== undefined) blockedMessages.add(operation.messageKey);
            continue;
          }
          if (now >= run.deadline) {
            run.stoppedAtDeadline = true;
            return resultOf(run);
          }
          attempted.add(operation.id);
          sentInThisPass++;
          const stillPending = await this.attempt(operation, run);
          if (stillPending && operation.messageKey !== undefined) blockedMessages.add(operation.messageKey);
        }
        if (sentInThisPass === 0 && !run.allDueRequested) return resultOf(run);
      }
    } finally {
      run.finished = true;
    }
  }

  /** Only the drain loop calls this, between sends: no attempt can overwrite or undo these writes. */
  private async makePendingDue(): Promise<void> {
    const now = this.clock.now();
    for (const operation of await this.storage.load()) {
      if (operation.state === 'pending' && operation.nextAttemptAt > now) {
        await this.storage.put({ ...operation, nextAttemptAt: now });
      }
    }
  }

  /** Sends once and records the outcome; returns whether the operation is still pending. */
  private async attempt(operation: OutboxOperation, run: DrainRun): Promise<boolean> {
    let result: TransportResult;
    try {
      result = await this.transport.send(operation.request, operation.idempotencyKey);
    } catch (error) {
      result = { kind: 'network-error', message: error instanceof Error ? error.message : String(error) };
    }
    const now = this.clock.now();
    const outcome = classifyAttempt(result, now);
    switch (outcome.kind) {
      case 'done':
        await this.storage.remove(operation.id);
        run.done++;
        this.emit({ type: 'done', operation, status: outcome.status, response: outcome.response });
        return false;
      case 'retry': {
        const delay = Math.max(outcome.minimumDelayMs, fullJitterDelay(operation.attempts, this.backoff, this.random));
        const deferred: OutboxOperation = {
          ...operation,
          attempts: operation.attempts + 1,
          nextAttemptAt: now + delay,
          lastError: outcome.error,
        };
        await this.storage.put(deferred);
        run.deferred++;
        this.emit({ type: 'deferred', operation: deferred });
        return true;
      }
      case 'fail':
        await this.markFailed({ ...operation, attempts: operation.attempts + 1 }, outcome.error, run);
        return false;
    }
  }

  private giveUp(operation: OutboxOperation, run: DrainRun): Promise<void> {
    const age = describeDuration(this.maxAgeMs);
    const lastReason = operation.lastError ? ` The last attempt said: ${operation.lastError.detail}` : '';
    return this.markFailed(
      operation,
      {
        status: operation.lastError?.status,
        title: `Gave up after ${age}`,
        detail: `Docket stopped retrying after ${age}, because the tracking server only remembers a request for a week.${lastReason} Retry to send it again.`,
      },
      run,
    );
  }

  private async markFailed(operation: OutboxOperation, error: OperationError, run: DrainRun): Promise<void> {
    const lastError: OperationError =
      error.status === undefined ? { title: error.title, detail: error.detail } : { ...error };
    const failed: OutboxOperation = { ...operation, state: 'failed', lastError };
    await this.storage.put(failed);
    run.failed++;
    this.emit({ type: 'failed', operation: failed });
  }

  private emit(event: OutboxEvent): void {
    for (const listener of Array.from(this.listeners)) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
