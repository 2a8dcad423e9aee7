import type { ComposeMessage } from '../office/mailbox';
import type { FetchFunction, KeyValueStore, TokenProvider } from '../outbox';

/** Everything an event handler needs from its runtime; the entry file builds it from Office. */
export interface EventContext {
  /** The message being written, as the mailbox interface. */
  message: ComposeMessage;
  /** `OfficeRuntime.storage`: the local token (when signed in with one), the cached `/me` and the outbox live here. */
  store: KeyValueStore;
  /** The user's Docket sign-in (event-sign-in.ts): Entra ID through Office, or the pasted local token. */
  tokens: TokenProvider;
  /** Origin of the tracking API. */
  apiOrigin: string;
  fetch: FetchFunction;
  now: () => number;
}
