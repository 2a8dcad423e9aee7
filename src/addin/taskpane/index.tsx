/// <reference types="office-js" />
import { createRoot, type Root } from 'react-dom/client';
import { NaaTokenProvider, naaSession } from '../auth/naa-token-provider';
import { LocalTokenProvider } from '../auth/local-token-provider';
import { localTokenSession, type SignInSession } from '../auth/sign-in-session';
import { createOfficeMailbox } from '../office/office-mailbox';
import { officeRuntimeKeyValueStore } from '../office/runtime-storage';
import { ApiClient } from '../outbox/api-client';
import { IndexedDbOutboxStorage } from '../outbox/indexeddb-storage';
import { KeyValueOutboxStorage, Outbox, createFetchTransport, type KeyValueStore, type OutboxStorage } from '../outbox';
import { resolveApiOrigin } from '../api-origin';
import { CombinedOutbox } from '../outbox/combined-outbox';
import { App } from './app';
import { localStorageKeyValueStore } from './browser-storage';

// The only task pane file that touches Office: it builds the services and hands them to <App>.

/** OfficeRuntime.storage is shared with the event runtime (the local token lives there); localStorage otherwise. */
function keyValueStore(): KeyValueStore {
  try {
    return officeRuntimeKeyValueStore();
  } catch {
    return localStorageKeyValueStore();
  }
}

function signInSession(store: KeyValueStore, addinOrigin: string): SignInSession {
  const clientId = __DOCKET_ENTRA_CLIENT_ID__.trim();
  if (clientId) return naaSession(new NaaTokenProvider({ clientId, addinOrigin }));
  return localTokenSession(new LocalTokenProvider(store));
}

async function outboxStorage(fallback: KeyValueStore): Promise<OutboxStorage> {
  try {
    return await IndexedDbOutboxStorage.open();
  } catch {
    // Some embedded browsers refuse IndexedDB; the key-value store is durable too, only slower.
    return new KeyValueOutboxStorage(fallback, { keyPrefix: 'docket.pane-outbox.' });
  }
}

async function start(root: Root): Promise<void> {
  const store = keyValueStore();
  const baseUrl = resolveApiOrigin(__DOCKET_API_ORIGIN__);
  const session = signInSession(store, baseUrl);
  const mailbox = createOfficeMailbox(Office);
  const api = new ApiClient({ baseUrl, tokenProvider: session.tokenProvider });
  const transport = createFetchTransport({ baseUrl, tokenProvider: session.tokenProvider });
  const own = new Outbox({ storage: await outboxStorage(store), transport });
  // What the send handler queued lives in OfficeRuntime.storage: the pane shows and drains it too.
  const sent = new Outbox({ storage: new KeyValueOutboxStorage(store), transport });
  const outbox = new CombinedOutbox(own, [sent]);
  root.render(<App services={{ mailbox, api, outbox, session, cache: store }} />);
}

/** Without services there is no Fluent pane to speak through: plain text, but still the reason. */
function StartFailed({ error }: { error: unknown }) {
  return <p role="alert">Docket could not start in this Outlook: {error instanceof Error ? error.message : String(error)}. Close and reopen the pane; if it happens again, tell your administrator.</p>;
}

// A throw inside Office's callback would vanish: work in the promise chain instead.
void Office.onReady().then(async () => {
  const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  try {
    await start(root);
  } catch (error) {
    root.render(<StartFailed error={error} />);
  }
});
