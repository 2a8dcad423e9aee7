import { createFetchTransport, KeyValueOutboxStorage, Outbox, type TokenProvider } from '../outbox';
import type { EventContext } from './event-context';

/** How long one request from the event runtime may take before it counts as failed (and is retried later). */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The outbox of the event runtime: OfficeRuntime.storage under the default `docket.outbox.`
 * keys, so the task pane can show and drain what a send handler queued.
 */
export function createEventOutbox(context: EventContext, tokenProvider: TokenProvider): Outbox {
  return new Outbox({
    storage: new KeyValueOutboxStorage(context.store),
    transport: createFetchTransport({ baseUrl: context.apiOrigin, tokenProvider, fetch: context.fetch, timeoutMs: REQUEST_TIMEOUT_MS }),
  });
}
