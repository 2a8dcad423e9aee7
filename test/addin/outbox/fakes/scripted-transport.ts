import type { OperationRequest } from '../../../../src/addin/outbox/operation';
import type { Transport, TransportResult } from '../../../../src/addin/outbox/transport';

export interface SentRequest {
  request: OperationRequest;
  idempotencyKey: string;
}

type Reply = TransportResult | (() => Promise<TransportResult>);

/** A transport that answers from a script, one reply per send, and records what it was asked. */
export class ScriptedTransport implements Transport {
  readonly sent: SentRequest[] = [];
  private readonly replies: Reply[] = [];

  reply(...replies: Reply[]): this {
    this.replies.push(...replies);
    return this;
  }

  async send(request: OperationRequest, idempotencyKey: string): Promise<TransportResult> {
    this.sent.push({ request, idempotencyKey });
    const reply = this.replies.shift();
    if (reply === undefined) throw new Error(`ScriptedTransport has no reply for send #${this.sent.length}`);
    return typeof reply === 'function' ? reply() : reply;
  }
}

export function ok(body: unknown = { ok: true }, status = 201): TransportResult {
  return { kind: 'response', status, body, retryAfter: null };
}

export function problem(status: number, title: string, detail: string, retryAfter: string | null = null): TransportResult {
  return { kind: 'response', status, body: { type: 'about:blank', title, status, detail }, retryAfter };
}

export function networkError(message = 'Failed to fetch'): TransportResult {
  return { kind: 'network-error', message };
}
