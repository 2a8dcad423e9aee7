import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { PostClient } from './http-clients';
import { LatencyRecorder } from './latency';
import type { TrackTemplate } from './track-body';

export interface LoadOptions {
  client: PostClient;
  clients: number;
  warmupMs: number;
  measureMs: number;
  template: TrackTemplate;
  tokens: string[];
  /** Called once when the measured window opens and once when it closes. */
  onWindow?(edge: 'start' | 'end'): void;
}

export interface LoadResult {
  /** Requests that completed inside the measured window. */
  completed: number;
  /** Every non-201 answer and every failed request, warm-up included. */
  errors: number;
  errorSamples: string[];
  totalRequests: number;
  latency: LatencyRecorder;
  windowMs: number;
}

const TRACK_PATH = '/api/v1/emails';

/** Per-user request headers, made once, and the window and counters both load shapes share. */
function startRun(options: LoadOptions) {
  const headersByUser: http.OutgoingHttpHeaders[] = options.tokens.map((token) => ({
    'content-type': 'application/json',
    'content-length': options.template.contentLength,
    authorization: `Bearer ${token}`,
  }));
  const started = performance.now();
  const windowStart = started + options.warmupMs;
  const run = {
    headersByUser,
    started,
    windowStart,
    windowEnd: windowStart + options.measureMs,
    latency: new LatencyRecorder(),
    errorSamples: [] as string[],
    completed: 0,
    errors: 0,
    timers: [
      setTimeout(() => options.onWindow?.('start'), options.warmupMs),
      setTimeout(() => options.onWindow?.('end'), options.warmupMs + options.measureMs),
    ],
    /** Counts an answer; errors always, successes only when `inWindow` (each load shape says what that means). */
    record(outcome: { status: number } | { error: unknown }, startedAt: number, doneAt: number, inWindow: boolean) {
      if ('error' in outcome || outcome.status !== 201) {
        run.errors++;
        if (run.errorSamples.length < 5) run.errorSamples.push('error' in outcome ? (outcome.error instanceof Error ? outcome.error.message : String(outcome.error)) : `HTTP ${outcome.status}`);
      } else if (inWindow) {
        run.completed++;
        run.latency.add(doneAt - startedAt);
      }
    },
  };
  return run;
}

/**
 * Closed-loop load: each of `clients` loops posts a track, waits for the answer, posts the
 * next. Latencies and throughput count only requests that finish inside the measured window,
 * which opens after the warm-up.
 */
export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const run = startRun(options);
  let next = 0;
  const loop = async () => {
    while (performance.now() < run.windowEnd) {
      const n = next++;
      const sentAt = performance.now();
      try {
        const status = await options.client.post(TRACK_PATH, run.headersByUser[n % run.headersByUser.length]!, options.template.bodyFor(n));
        const doneAt = performance.now();
        // Closed loop: throughput is what finishes inside the window.
        run.record({ status }, sentAt, doneAt, doneAt >= run.windowStart && doneAt <= run.windowEnd);
      } catch (error) {
        run.record({ error }, sentAt, performance.now(), false);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
  run.timers.forEach(clearTimeout);
  return { completed: run.completed, errors: run.errors, errorSamples: run.errorSamples, totalRequests: next, latency: run.latency, windowMs: options.measureMs };
}

/**
 * Open-loop load: tracks are sent at a fixed rate whatever the server's answers, as real users
 * do. Each latency runs from the moment its request was due, not when a socket came free, so a
 * server that falls behind shows it (no coordinated omission).
 */
export async function driveOpenLoad(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const run = startRun(options);
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  const send = (n: number, dueAt: number) => {
    // Open loop: a request belongs to the window it was due in.
    const inWindow = dueAt >= run.windowStart && dueAt <= run.windowEnd;
    const request = options.client.post(TRACK_PATH, run.headersByUser[n % run.headersByUser.length]!, options.template.bodyFor(n)).then(
      (status) => run.record({ status }, dueAt, performance.now(), inWindow),
      (error: unknown) => run.record({ error }, dueAt, performance.now(), inWindow),
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  while (performance.now() < run.windowEnd) {
    const due = Math.floor(((performance.now() - run.started) * options.rate) / 1000);
    while (sent < due) {
      const n = sent++;
      send(n, run.started + (n * 1000) / options.rate);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  run.timers.forEach(clearTimeout);
  return { completed: run.completed, errors: run.errors, errorSamples: run.errorSamples, totalRequests: sent, latency: run.latency, windowMs: options.measureMs };
}
