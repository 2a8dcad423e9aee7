import { randomUUID } from 'node:crypto';
import type { TrackRequest } from '../../src/common/api/email';

/** A realistic track request; override what the test is about. */
export function incomingMessage(overrides: Partial<TrackRequest> = {}): TrackRequest {
  return {
    direction: 'incoming',
    internetMessageId: `<${randomUUID()}@mail.example.net>`,
    subject: 'Quarterly numbers',
    from: { address: 'carol@customer.example', name: 'Carol Customer' },
    to: [{ address: 'alice@example.com', name: 'Alice' }],
    cc: [],
    receivedAt: '2026-11-20T09:30:00.000Z',
    body: { contentType: 'html', content: '<p>Hello, here are the numbers.</p>' },
    source: 'manual',
    ...overrides,
  };
}

export function outgoingMessage(overrides: Partial<TrackRequest> = {}): TrackRequest {
  return {
    direction: 'outgoing',
    trackingToken: randomUUID(),
    subject: 'Proposal',
    from: { address: 'alice@example.com', name: 'Alice' },
    to: [{ address: 'carol@customer.example', name: 'Carol Customer' }],
    cc: [],
    sentAt: '2026-11-20T10:00:00.000Z',
    body: { contentType: 'text', content: 'Please find the proposal attached.' },
    source: 'manual',
    ...overrides,
  };
}
