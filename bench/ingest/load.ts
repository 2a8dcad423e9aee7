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

/**
 * Closed-loop load: each of `clients` loops posts a track, waits for the answer, posts the
 * next. Latencies and throughput count only requests that finish inside the measured window,
 * which opens after the warm-up.
 */
export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const { client, template } = options;
  const headersByUser: http.OutgoingHttpHeaders[] = options.tokens.map((token) => ({
    'content-type': 'application/json',
    'content-length': template.contentLength,
    authorization: `Bearer ${token}`,
  }));
  const started = performance.now();
  const windowStart = started + options.warmupMs;
  const windowEnd = windowStart + options.measureMs;
  const latency = new LatencyRecorder();
  const errorSamples: string[] = [];
  let completed = 0;
  let errors = 0;
  let next = 0;

  const timers = [
    setTimeout(() => options.onWindow?.('start'), options.warmupMs),
    setTimeout(() => options.onWindow?.('end'), options.warmupMs + options.measureMs),
  ];
  const loop = async () => {
    while (performance.now() < windowEnd) {
      const n = next++;
      const headers = headersByUser[n % headersByUser.length]!;
      const body = template.bodyFor(n);
      const sentAt = performance.now();
      try {
        const status = await client.post(TRACK_PATH, headers, body);
        const doneAt = performance.now();
        if (status !== 201) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`HTTP ${status}`);
        } else if (doneAt >= windowStart && doneAt <= windowEnd) {
          completed++;
          latency.add(doneAt - sentAt);
        }
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
  timers.forEach(clearTimeout);
  return { completed, errors, errorSamples, totalRequests: next, latency, windowMs: options.measureMs };
}

/**
 * Open-loop load: tracks are sent at a fixed rate whatever the server's answers, as real users
 * do. Each latency runs from the moment its request was due, not when a socket came free, so a
 * server that falls behind shows it (no coordinated omission).
 */
export async function driveOpenLoad(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const { client, template, rate } = options;
  const headersByUser: http.OutgoingHttpHeaders[] = options.tokens.map((token) => ({
    'content-type': 'application/json',
    'content-length': template.contentLength,
    authorization: `Bearer ${token}`,
  }));
  const started = performance.now();
  const windowStart = started + options.warmupMs;
  const windowEnd = windowStart + options.measureMs;
  const latency = new LatencyRecorder();
  const errorSamples: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let completed = 0;
  let errors = 0;
  let sent = 0;
  const timers = [
    setTimeout(() => options.onWindow?.('start'), options.warmupMs),
    setTimeout(() => options.onWindow?.('end'), options.warmupMs + options.measureMs),
  ];
  const send = (n: number, dueAt: number) => {
    const headers = headersByUser[n % headersByUser.length]!;
    const request = client.post(TRACK_PATH, headers, template.bodyFor(n)).then(
      (status) => {
        const doneAt = performance.now();
        if (status !== 201) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`HTTP ${status}`);
        } else if (dueAt >= windowStart && dueAt <= windowEnd) {
          completed++;
          latency.add(doneAt - dueAt);
        }
      },
      (error: unknown) => {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  while (performance.now() < windowEnd) {
    const due = Math.floor(((performance.now() - started) * rate) / 1000);
    while (sent < due) {
      const n = sent++;
      send(n, started + (n * 1000) / rate);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  timers.forEach(clearTimeout);
  return { completed, errors, errorSamples, totalRequests: sent, latency, windowMs: options.measureMs };
}
