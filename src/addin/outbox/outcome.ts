import { parseRetryAfter } from './backoff';
import type { OperationError } from './operation';
import { operationErrorFromResponse } from './problem';
import type { TransportResult } from './transport';

/** What the outbox does with an operation after one send. */
export type AttemptOutcome =
  | { kind: 'done'; status: number; response: unknown }
  | { kind: 'retry'; error: OperationError; minimumDelayMs: number }
  | { kind: 'fail'; error: OperationError };

export const signInAgainError: OperationError = {
  status: 401,
  title: 'Sign in again',
  detail: 'The tracking server no longer accepts your sign-in. Sign in to Docket again, then retry.',
};

/**
 * 408, 409 (the server is still working on this idempotency key), 425, 429 and 5xx say
 * "not now": the same request may succeed later. Every other 4xx will fail the same way again.
 */
function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

export function classifyAttempt(result: TransportResult, nowMs: number): AttemptOutcome {
  switch (result.kind) {
    case 'signed-out':
      return {
        kind: 'fail',
        error: { title: signInAgainError.title, detail: 'You are signed out of Docket. Sign in, then retry.' },
      };
    case 'network-error':
      return {
        kind: 'retry',
        error: { title: 'Could not reach the tracking server', detail: result.message },
        minimumDelayMs: 0,
      };
    case 'response': {
      const { status, body } = result;
      if (status >= 200 && status < 300) return { kind: 'done', status, response: body };
      if (status === 401) {
        const serverReason = operationErrorFromResponse(status, body);
        const detail = body == null ? signInAgainError.detail : `${signInAgainError.detail} (${serverReason.detail})`;
        return { kind: 'fail', error: { ...signInAgainError, detail } };
      }
      const error = operationErrorFromResponse(status, body);
      if (isTransientStatus(status)) {
        return { kind: 'retry', error, minimumDelayMs: parseRetryAfter(result.retryAfter, nowMs) ?? 0 };
      }
      return { kind: 'fail', error };
    }
  }
}
