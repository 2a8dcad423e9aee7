// The outbox for both runtimes. IndexedDB storage is task-pane only: import it from './indexeddb-storage'.
export { Outbox, OutboxOperationNotFoundError, OutboxOperationStateError, DEFAULT_MAX_AGE_MS } from './outbox';
export type { FlushResult, OutboxEvent, OutboxListener, OutboxOptions } from './outbox';
export type {
  HttpMethod,
  NewOperation,
  OperationError,
  OperationKind,
  OperationRequest,
  OperationState,
  OutboxOperation,
} from './operation';
export { compareFifo } from './operation';
export { defaultBackoff, fullJitterDelay, parseRetryAfter } from './backoff';
export type { BackoffPolicy } from './backoff';
export { systemClock } from './clock';
export type { OutboxClock } from './clock';
export { createFetchTransport } from './transport';
export type { FetchFunction, FetchTransportOptions, TokenProvider, Transport, TransportResult } from './transport';
export type { OutboxStorage } from './storage';
export { KeyValueOutboxStorage } from './key-value-storage';
export type { KeyValueStore, KeyValueOutboxStorageOptions } from './key-value-storage';
export { MemoryOutboxStorage } from './memory-storage';
export { operationErrorFromResponse } from './problem';
