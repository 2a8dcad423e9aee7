import { createContext, useContext } from 'react';
import type { SignInSession } from '../auth/sign-in-session';
import type { MailboxHost } from '../office/mailbox';
import type { ApiClient } from '../outbox/api-client';
import type { KeyValueStore } from '../outbox/key-value-storage';
import type { OutboxLike } from '../outbox/combined-outbox';

// The mailbox *interface* (types and two names) is the pane's contract with Outlook; the
// Office.js implementation stays behind it and only index.tsx wires it in.
export type { ComposeMessage, MailAddress, MailboxHost, MailItem, ReadMessage, SelectedItem } from '../office/mailbox';
export { TRACK_ON_SEND_PROPERTY, TRACK_ON_SEND_SOURCE_PROPERTY, TRACKING_TOKEN_HEADER } from '../office/mailbox';

/** Everything the task pane needs from the outside world; index.tsx builds it, tests build fakes. */
export interface DocketServices {
  mailbox: MailboxHost;
  api: ApiClient;
  outbox: OutboxLike;
  session: SignInSession;
  /** Durable small values (the last /me answer, so the pane opens while the server is away). */
  cache: KeyValueStore;
  /** Tells the pane the device is back online; defaults to the window's `online` event. */
  onOnline?: (listener: () => void) => () => void;
  /** Pause after typing before records are searched (default 300 ms). */
  searchDelayMs?: number;
  /** Idempotency keys for direct writes (create contact). */
  createId?: () => string;
}

const ServicesContext = createContext<DocketServices | null>(null);

export const ServicesProvider = ServicesContext.Provider;

export function useServices(): DocketServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs <App services={…}> above it');
  return services;
}
