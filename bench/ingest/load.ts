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
