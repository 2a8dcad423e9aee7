import { act, configure, render, type RenderResult } from '@testing-library/react';
import { LOCAL_TOKEN_KEY, LocalTokenProvider } from '../../../src/addin/auth/local-token-provider';
import { localTokenSession } from '../../../src/addin/auth/sign-in-session';
import { ApiClient } from '../../../src/addin/outbox/api-client';
import { MemoryOutboxStorage, Outbox, createFetchTransport } from '../../../src/addin/outbox';
import { App } from '../../../src/addin/taskpane/app';
import type { DocketServices } from '../../../src/addin/taskpane/services';
import { FakeMailbox } from '../../fakes/fake-mailbox';
import { FAKE_ORIGIN, FakeTrackingApi } from '../../fakes/fake-tracking-api';
import { MemoryKeyValueStore } from '../../fakes/memory-key-value-store';

// Fluent's first render in a cold jsdom is slow when workers run side by side.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no layout: MessageBar's reflow observer gets an inert ResizeObserver.
class InertResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= InertResizeObserver;

export interface PaneOptions {
  mailbox?: FakeMailbox;
  api?: FakeTrackingApi;
  /** The token already saved in Settings; null: signed out. Default: a token of Ann's. */
  token?: string | null;
  storage?: MemoryOutboxStorage;
  /** The device's small durable store (the saved token, the cached profile). */
  store?: MemoryKeyValueStore;
  /** Ann already exists in the API (added by the test with this token). */
  annToken?: string;
  /** Drives the outbox's backoff jitter; default 0, so a deferred write is due at once. */
  random?: () => number;
}

export interface Pane extends RenderResult {
  mailbox: FakeMailbox;
  api: FakeTrackingApi;
  outbox: Outbox;
  storage: MemoryOutboxStorage;
  store: MemoryKeyValueStore;
  annToken: string;
  /** The browser's `online` event, as when the network comes back. */
  goOnline(): void;
}

/**
 * The real pane (App, ApiClient, Outbox over memory storage, fetch transport) over a fake
 * mailbox and the in-memory API. Backoff jitter is 0 unless told, so a deferred write is due at once.
 */
export function renderPane(options: PaneOptions & { annOptions?: Parameters<FakeTrackingApi['addUser']>[1] } = {}): Pane {
  const api = options.api ?? new FakeTrackingApi();
  const annToken = options.annToken ?? api.addUser('ann@contoso.example', { name: 'Ann Agent', ...options.annOptions });
  const mailbox = options.mailbox ?? new FakeMailbox();
  const store = options.store ?? new MemoryKeyValueStore();
  const token = options.token === undefined ? annToken : options.token;
  if (token) store.items.set(LOCAL_TOKEN_KEY, token);
  const provider = new LocalTokenProvider(store);
  const storage = options.storage ?? new MemoryOutboxStorage();
  const outbox = new Outbox({
    storage,
    transport: createFetchTransport({ baseUrl: FAKE_ORIGIN, tokenProvider: provider, fetch: api.fetch, timeoutMs: 0 }),
    random: options.random ?? (() => 0),
  });
  const services: DocketServices = {
    mailbox,
    api: new ApiClient({ baseUrl: FAKE_ORIGIN, tokenProvider: provider, fetch: api.fetch }),
    outbox,
    session: localTokenSession(provider),
    cache: store,
    searchDelayMs: 5,
  };
  const result = render(<App services={services} />);
  return {
    ...result,
    mailbox,
    api,
    outbox,
    storage,
    store,
    annToken,
    goOnline: () =>
      act(() => {
        window.dispatchEvent(new Event('online'));
      }),
  };
}
