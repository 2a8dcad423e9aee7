import { createHash } from 'node:crypto';
import type { EmailDetail, TrackRequest } from '../../../src/common/api/email';
import type { EmailAddress } from '../../../src/common/api/primitives';
import type { TestEngine } from '../../support/engines';
import { TestServer } from '../../support/test-server';

/** The part of an email that must read back exactly as it was tracked. */
export interface RoundTripView {
  internetMessageId: string | null;
  subject: string;
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  sentAt: string | null;
  attachments: Array<{ name: string; contentType: string; size: number; saved: boolean; sha256: string | null }>;
  body: { contentType: 'html' | 'text'; content: string; truncated: boolean };
}

/** Addresses are stored lower-cased (DESIGN §2: one email per organisation, matched by address); names as given. */
function stored(address: EmailAddress): EmailAddress {
  const lower = address.address.trim().toLowerCase();
  return address.name ? { address: lower, name: address.name } : { address: lower };
}

export function sha256OfBase64(base64: string): string {
  return createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
}

/** What GET /api/v1/emails/{id} should say about a tracked request, with every limit far away. */
export function expectedView(request: TrackRequest): RoundTripView {
  const id = request.internetMessageId;
  return {
    internetMessageId: id ? `<${id.replace(/^<+/, '').replace(/>+$/, '')}>` : null,
    subject: request.subject,
    from: stored(request.from),
    to: request.to.map(stored),
    cc: (request.cc ?? []).map(stored),
    sentAt: request.sentAt ?? null,
    attachments: (request.attachments ?? []).map((a) => ({
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      saved: true,
      sha256: sha256OfBase64(a.contentBase64!),
    })),
    body: { contentType: request.body.contentType, content: request.body.content, truncated: false },
  };
}

export function viewOf(email: EmailDetail): RoundTripView {
  return {
    internetMessageId: email.internetMessageId,
    subject: email.subject,
    from: email.from,
    to: email.to,
    cc: email.cc,
    // Timestamps are instants: compare them in one spelling.
    sentAt: email.sentAt === null ? null : new Date(email.sentAt).toISOString(),
    attachments: email.attachments,
    body: email.body,
  };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A fresh server for one test, stopped whatever the test does. */
export async function withServer<T>(engine: TestEngine, body: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await TestServer.start(engine);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}
