/**
 * The `Office` and `OfficeRuntime` globals of the Docket sandbox. The sandbox server swaps
 * Microsoft's office.js for this script in the add-in's own pages (taskpane.html,
 * launchevent.html); everything the add-in asks goes to the sandbox page that hosts the frame.
 * It implements what Docket uses, the way Outlook behaves: AsyncResult callbacks that never run
 * synchronously, errors as `status: "failed"` with `error.code/name/message`, ItemChanged and
 * SelectedItemsChanged, loadItemByIdAsync one item at a time, launch events through
 * `Office.actions.associate`.
 */
import { ITEM_CHANGED, SANDBOX_HOST_GLOBAL, SELECTION_CHANGED, type FrameBinding, type ItemData, type SandboxHostGlobal } from '../bridge/frame-binding';
import { createAsyncCaller, ownCopy } from './async-call';
import { composeItem, readItem } from './office-items';

type Rest = unknown[];

const ENUMS = {
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  CoercionType: { Html: 'html', Text: 'text' },
  EventType: {
    ItemChanged: ITEM_CHANGED,
    SelectedItemsChanged: SELECTION_CHANGED,
    OfficeThemeChanged: 'officeThemeChanged',
    RecipientsChanged: 'olkRecipientsChanged',
    AttachmentsChanged: 'olkAttachmentsChanged',
  },
  HostType: { Outlook: 'Outlook' },
  PlatformType: { OfficeOnline: 'OfficeOnline' },
  MailboxEnums: {
    ItemType: { Message: 'message', Appointment: 'appointment' },
    ItemNotificationMessageType: { ProgressIndicator: 'progressIndicator', InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage', InsightMessage: 'insightMessage' },
    AttachmentType: { File: 'file', Item: 'item', Cloud: 'cloud' },
    AttachmentContentFormat: { Base64: 'base64', Url: 'url', Eml: 'eml', ICalendar: 'iCalendar' },
    ComposeType: { Reply: 'reply', NewMail: 'newMail', Forward: 'forward' },
    RecipientType: { User: 'user', ExternalUser: 'externalUser', Other: 'other', DistributionList: 'distributionList' },
    BodyType: { Html: 'html', Text: 'text' },
  },
};

function findHost(): SandboxHostGlobal | null {
  try {
    if (window.parent === window) return null;
    return ((window.parent as unknown as Record<string, unknown>)[SANDBOX_HOST_GLOBAL] as SandboxHostGlobal | undefined) ?? null;
  } catch {
    return null;
  }
}

function versionAtMost(version: string, highest: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [topMajor = 0, topMinor = 0] = highest.split('.').map(Number);
  return major < topMajor || (major === topMajor && minor <= topMinor);
}

/** Each sandbox user stands for a person with their own browser: their IndexedDB databases are theirs alone. */
function separateBrowserDatabases(prefix: string): void {
  const factory = window.indexedDB as (IDBFactory & Record<string, unknown>) | undefined;
  if (!factory) return;
  const open = factory.open.bind(factory);
  const deleteDatabase = factory.deleteDatabase.bind(factory);
  factory.open = (name: string, version?: number) => (version === undefined ? open(prefix + name) : open(prefix + name, version));
  factory.deleteDatabase = (name: string) => deleteDatabase(prefix + name);
}

function officeFor(binding: FrameBinding) {
  const caller = createAsyncCaller(binding.latencyMs, (problem) => binding.report(problem));
  let cached: { key: string; item: Record<string, unknown> } | null = null;

  const itemFrom = (data: ItemData): Record<string, unknown> => (data.mode === 'read' ? readItem(binding, caller, data, false) : composeItem(binding, caller, data));

  const mailbox = {
    userProfile: ownCopy(binding.user),
    diagnostics: { hostName: 'OutlookWebApp', hostVersion: '16.0 (Docket sandbox)', OWAView: 'ThreeColumns' },
    ewsUrl: '',
    restUrl: '',
    /** Stays the same object until Outlook moves to another item, as in Outlook. */
    get item(): Record<string, unknown> | null {
      const data = binding.currentItem();
      if (!data) {
        cached = null;
        return null;
      }
      if (cached?.key !== data.key) cached = { key: data.key, item: itemFrom(data) };
      return cached.item;
    },
    addHandlerAsync: (eventType: string, handler: (args: { type: string }) => void, ...rest: Rest) =>
      caller.call(rest, () => binding.addHandler(String(eventType), handler)),
    removeHandlerAsync: (eventType: string, ...rest: Rest) => caller.call(rest, () => binding.removeHandler(String(eventType))),
    getSelectedItemsAsync: (...rest: Rest) => caller.call(rest, () => binding.selectedItems()),
    loadItemByIdAsync: (itemId: string, ...rest: Rest) => caller.call(rest, () => binding.loadItem(String(itemId)), (data) => readItem(binding, caller, data, true)),
    convertToRestId: (itemId: string) => itemId,
    convertToEwsId: (itemId: string) => itemId,
  };

  const readyInfo = { host: 'Outlook', platform: 'OfficeOnline' };
  let initialize: (() => void) | undefined;
  const ready = new Promise<typeof readyInfo>((resolve) => {
    // Office is ready once the page has parsed, and never synchronously.
    const settle = () =>
      setTimeout(() => {
        initialize?.();
        resolve(readyInfo);
      }, binding.latencyMs);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', settle, { once: true });
    else settle();
  });

  const office = {
    ...ENUMS,
    context: {
      mailbox,
      requirements: { isSetSupported: (name: string, version = '1.1') => name === 'Mailbox' && versionAtMost(String(version), binding.mailboxVersion) },
      officeTheme: ownCopy(binding.officeTheme),
      displayLanguage: 'en-US',
      contentLanguage: 'en-US',
      host: 'Outlook',
      platform: 'OfficeOnline',
      diagnostics: { host: 'Outlook', platform: 'OfficeOnline', version: '16.0 (Docket sandbox)' },
    },
    actions: {
      associate: (name: string, handler: (event: unknown) => void) => binding.associate(String(name), handler),
    },
    onReady(callback?: (info: typeof readyInfo) => void) {
      return ready.then((info) => {
        callback?.(info);
        return info;
      });
    },
    set initialize(callback: (() => void) | undefined) {
      initialize = callback;
    },
    get initialize() {
      return initialize;
    },
  };

  const storage = {
    getItem: async (key: string) => binding.storage.getItem(String(key)),
    setItem: async (key: string, value: string) => binding.storage.setItem(String(key), String(value)),
    removeItem: async (key: string) => binding.storage.removeItem(String(key)),
    getItems: async (keys: string[]) => Object.fromEntries(keys.map((key) => [key, binding.storage.getItem(key)])),
    setItems: async (values: Record<string, string>) => Object.entries(values).forEach(([key, value]) => binding.storage.setItem(key, String(value))),
    removeItems: async (keys: string[]) => keys.forEach((key) => binding.storage.removeItem(key)),
    getKeys: async () => binding.storage.keys(),
  };
  return { office, officeRuntime: { storage } };
}

/** Outside the sandbox page there is no Outlook to stand in for: say so instead of failing silently. */
function notInSandbox() {
  const explain = () => {
    const note = document.createElement('p');
    note.setAttribute('role', 'alert');
    note.style.cssText = 'font: 14px system-ui, sans-serif; padding: 1rem; background: #fff4ce;';
    note.textContent = 'This page is a Docket add-in page running on the sandbox\'s Office shim. Open it from the sandbox (/sandbox/), which stands in for Outlook.';
    document.body.prepend(note);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', explain, { once: true });
  else explain();
  return {
    office: { ...ENUMS, onReady: () => new Promise(() => undefined), actions: { associate: () => undefined }, context: {} },
    officeRuntime: {},
  };
}

const host = findHost();
const { office, officeRuntime } = (() => {
  if (!host) return notInSandbox();
  const binding = host.attach(window);
  separateBrowserDatabases(binding.storagePrefix);
  return officeFor(binding);
})();

Object.assign(window, { Office: office, OfficeRuntime: officeRuntime });
