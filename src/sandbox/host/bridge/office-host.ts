import type { SandboxStore } from '../model/sandbox-state';
import { ITEM_CHANGED, SELECTION_CHANGED, type FrameBinding, type ItemData, type SandboxHostGlobal } from './frame-binding';
import { createFrameBinding, STORAGE_PREFIX, type FrameRecord } from './frame-binding-host';
import { composeItemData, currentItemOf, selectedItemsOf } from './item-data';

export type LaunchOutcome =
  | { kind: 'completed'; allowEvent: boolean; errorMessage: string | null; ms: number }
  /** The manifest declares no handler for this event. */
  | { kind: 'not-declared' }
  /** The event runtime did not load, or never associated the function the manifest names. */
  | { kind: 'unavailable'; reason: string }
  | { kind: 'timed-out'; ms: number };

/** `event.type` Outlook gives each launch event's handler. */
const EVENT_TYPES: Record<string, string> = { OnNewMessageCompose: 'newMessageComposeCreated', OnMessageSend: 'messageSend' };
const SANDBOX_ID_KEY = 'docket-sandbox:sandbox-id';

export interface OfficeHostOptions {
  /** Time every Office call takes. */
  latencyMs: number;
  /** How long Send waits for OnMessageSend before letting the message go (SoftBlock). */
  eventTimeoutMs: number;
  /** How long a launch event waits for the event runtime to associate its function. */
  runtimeLoadTimeoutMs: number;
  storage: Storage;
}

/**
 * Outlook, as the add-in frames see it: answers the shim in each frame from the page's state,
 * fires ItemChanged / SelectedItemsChanged into the task pane, and runs launch events in the
 * event runtime frame of the user, one at a time.
 */
export class OfficeHost implements SandboxHostGlobal {
  private readonly records = new Map<HTMLIFrameElement, FrameRecord>();
  private readonly eventQueues = new Map<string, Promise<unknown>>();
  private readonly associationListeners = new Set<() => void>();

  constructor(
    private readonly store: SandboxStore,
    private readonly options: OfficeHostOptions,
  ) {
    store.subscribe(() => this.dispatchItemChanges());
  }

  private get domain(): string {
    return this.store.getState().seed.domain;
  }

  /**
   * Each database starts with clean add-in storage: what a page kept for another database
   * (another backend's tokens and outbox) would only confuse. Each user is signed in with their
   * local token, as if they had pasted it in Settings.
   */
  async prepareStorage(): Promise<void> {
    const { seed } = this.store.getState();
    const storage = this.options.storage;
    if (storage.getItem(SANDBOX_ID_KEY) === seed.sandboxId) return;
    for (const key of Object.keys(storage)) if (key.startsWith(STORAGE_PREFIX)) storage.removeItem(key);
    const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases().catch(() => []) : [];
    await Promise.all(
      databases
        .filter((database) => database.name?.startsWith('docket-sandbox:'))
        .map(
          (database) =>
            new Promise<void>((resolve) => {
              const request = indexedDB.deleteDatabase(database.name!);
              request.onsuccess = request.onerror = request.onblocked = () => resolve();
            }),
        ),
    );
    for (const user of seed.users) storage.setItem(`${STORAGE_PREFIX}${user.address}:docket.localToken`, user.token);
    storage.setItem(SANDBOX_ID_KEY, seed.sandboxId);
  }

  attach(frame: Window): FrameBinding {
    const element = Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-docket-frame]')).find((candidate) => candidate.contentWindow === frame);
    if (!element) throw new Error('This frame is not one the sandbox hosts');
    const kind = element.dataset.docketFrame as FrameRecord['kind'];
    const user = element.dataset.user ?? '';
    const record: FrameRecord = {
      element,
      kind,
      user,
      handlers: new Map(),
      associations: new Map(),
      loadedItemId: null,
      eventItem: null,
      lastItemKey: this.itemKeyOf(user),
      lastSelectionKey: this.selectionKeyOf(user),
    };
    this.records.set(element, record);
    return createFrameBinding({
      store: this.store,
      options: this.options,
      record,
      currentItem: (address) => this.currentItem(address),
      onAssociate: () => {
        for (const listener of Array.from(this.associationListeners)) listener();
      },
    });
  }

  /** The user's item as the task pane sees it. */
  currentItem(user: string): ItemData | null {
    return currentItemOf(this.store.mailbox(user), this.domain);
  }

  private itemKeyOf(user: string): string {
    return this.currentItem(user)?.key ?? 'none';
  }

  private selectionKeyOf(user: string): string {
    return selectedItemsOf(this.store.mailbox(user))
      .map((item) => item.itemId)
      .join(',');
  }

  /** Tells each open task pane that its item or selection moved, as Outlook does for a pinned pane. */
  private dispatchItemChanges(): void {
    for (const [element, record] of this.records) {
      if (!element.isConnected) {
        this.records.delete(element);
        continue;
      }
      if (record.kind !== 'taskpane') continue;
      const itemKey = this.itemKeyOf(record.user);
      const selectionKey = this.selectionKeyOf(record.user);
      const fire: string[] = [];
      if (itemKey !== record.lastItemKey) fire.push(ITEM_CHANGED);
      if (selectionKey !== record.lastSelectionKey) fire.push(SELECTION_CHANGED);
      record.lastItemKey = itemKey;
      record.lastSelectionKey = selectionKey;
      for (const type of fire) {
        for (const handler of record.handlers.get(type) ?? []) {
          setTimeout(() => {
            if (this.records.get(element) !== record) return;
            try {
              handler({ type });
            } catch (error) {
              this.store.log(record.user, `⚠ The task pane's ${type} handler threw: ${error instanceof Error ? error.message : String(error)}`);
            }
          }, this.options.latencyMs);
        }
      }
    }
  }

  /** Runs a launch event in the user's event runtime and waits for `event.completed`; events of one user run one after another. */
  fireLaunchEvent(user: string, type: string, draftId: string): Promise<LaunchOutcome> {
    const declared = this.store.getState().seed.addin.launchEvents.find((event) => event.type === type);
    if (!declared) return Promise.resolve({ kind: 'not-declared' });
    const previous = this.eventQueues.get(user) ?? Promise.resolve();
    const run = previous.then(() => this.runLaunchEvent(user, type, declared.functionName, draftId));
    this.eventQueues.set(
      user,
      run.catch(() => undefined),
    );
    return run;
  }

  private async runLaunchEvent(user: string, type: string, functionName: string, draftId: string): Promise<LaunchOutcome> {
    const record = await this.eventRuntime(user, functionName);
    if (!record) return { kind: 'unavailable', reason: `the event runtime did not associate ${functionName} within ${this.options.runtimeLoadTimeoutMs / 1000} s` };
    const draft = this.store.mailbox(user).draft;
    if (!draft || draft.draftId !== draftId) return { kind: 'unavailable', reason: 'the message was closed before its event ran' };
    const handler = record.associations.get(functionName)!;
    record.eventItem = composeItemData(draft);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise<LaunchOutcome>((resolve) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        resolve({ kind: 'timed-out', ms: elapsed() });
      }, this.options.eventTimeoutMs);
      const event = {
        type: EVENT_TYPES[type] ?? type,
        completed: (options?: { allowEvent?: boolean; errorMessage?: string }) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ kind: 'completed', allowEvent: options?.allowEvent !== false, errorMessage: options?.errorMessage ?? null, ms: elapsed() });
        },
      };
      setTimeout(() => {
        try {
          handler(event);
        } catch (error) {
          this.store.log(user, `⚠ ${functionName} threw before completing: ${error instanceof Error ? error.message : String(error)}`);
        }
      }, this.options.latencyMs);
    });
  }

  /** The user's event runtime once it has associated `functionName`, or null when it does not within the load timeout. */
  private async eventRuntime(user: string, functionName: string): Promise<FrameRecord | null> {
    const find = () => Array.from(this.records.values()).find((record) => record.kind === 'events' && record.user === user && record.element.isConnected && record.associations.has(functionName)) ?? null;
    const found = find();
    if (found) return found;
    return new Promise<FrameRecord | null>((resolve) => {
      const listener = () => {
        const record = find();
        if (!record) return;
        clearTimeout(timer);
        this.associationListeners.delete(listener);
        resolve(record);
      };
      const timer = setTimeout(() => {
        this.associationListeners.delete(listener);
        resolve(null);
      }, this.options.runtimeLoadTimeoutMs);
      this.associationListeners.add(listener);
    });
  }
}
