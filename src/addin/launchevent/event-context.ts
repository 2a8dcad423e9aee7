import type { ComposeMessage } from '../office/mailbox';
import type { FetchFunction, KeyValueStore } from '../outbox';

/** Everything an event handler needs from its runtime; the entry file builds it from Office. */
export interface EventContext {
  /** The message being written, as the mailbox interface. */
  message: ComposeMessage;
  /** `OfficeRuntime.storage`: the local token, the cached `/me` and the outbox live here. */
  store: KeyValueStore;
  /** Origin of the tracking API. */
  apiOrigin: string;
  fetch: FetchFunction;
  now: () => number;
}
