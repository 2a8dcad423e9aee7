/**
 * The contract between the sandbox page (the stand-in for Outlook) and the Office shim running
 * in each add-in frame. The shim asks the page, which is on the same origin, through
 * `window.parent[SANDBOX_HOST_GLOBAL].attach(window)`; everything crossing is plain data, which
 * the shim copies into its own frame before the add-in sees it.
 */

export const SANDBOX_HOST_GLOBAL = '__docketSandboxHost';

/** Outlook's error of a failed call: `asyncResult.error`. */
export interface OfficeErrorData { code: number; name: string; message: string }

/** Thrown by the host to fail an Office call with an Office error. */
export class HostOfficeError extends Error implements OfficeErrorData {
  constructor(
    readonly code: number,
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

export interface EmailAddressData { emailAddress: string; displayName: string; recipientType: 'user' | 'externalUser' | 'other' }

export interface AttachmentDetailsData {
  id: string;
  name: string;
  size: number;
  isInline: boolean;
  attachmentType: 'file' | 'item' | 'cloud';
  contentType: string;
}

/** A message open in read mode: the properties Office.js gives synchronously. */
export interface ReadItemData {
  mode: 'read';
  /** Changes when another item (or another copy) is current: the shim keeps one item object per key. */
  key: string;
  itemId: string;
  internetMessageId: string;
  conversationId: string;
  subject: string;
  normalizedSubject: string;
  from: EmailAddressData;
  sender: EmailAddressData;
  to: EmailAddressData[];
  cc: EmailAddressData[];
  dateTimeCreated: string;
  dateTimeModified: string;
  attachments: AttachmentDetailsData[];
  itemClass: string;
}

/** A message being written: everything else is asked for asynchronously. */
export interface ComposeItemData {
  mode: 'compose';
  key: string;
  draftId: string;
  conversationId: string | null;
}

export type ItemData = ReadItemData | ComposeItemData;

export type ItemRef = { kind: 'message'; itemId: string } | { kind: 'draft'; draftId: string };

export interface SelectedItemData {
  itemId: string;
  itemMode: 'Read' | 'Compose';
  itemType: 'message';
  subject: string;
  conversationId: string;
  internetMessageId: string;
  hasAttachment: boolean;
}

export interface NotificationData { key: string; type: string; message: string; icon?: string; persistent?: boolean }

export type RecipientField = 'to' | 'cc' | 'bcc';

/** The mailbox events a task pane can handle (`Office.EventType.ItemChanged`, `SelectedItemsChanged`). */
export const ITEM_CHANGED = 'olkItemSelectedChanged';
export const SELECTION_CHANGED = 'olkSelectedItemsChanged';

export interface HostUser { emailAddress: string; displayName: string; timeZone: string; accountType: 'enterprise' }

/** One add-in frame's view of the host. Every async method rejects with an OfficeErrorData-shaped error. */
export interface FrameBinding {
  readonly frameKind: 'taskpane' | 'events';
  readonly user: HostUser;
  readonly officeTheme: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string };
  /** Highest Mailbox requirement set supported, e.g. "1.15". */
  readonly mailboxVersion: string;
  /** Milliseconds every async call takes, as Outlook's calls take time. */
  readonly latencyMs: number;

  /** This user's OfficeRuntime.storage (kept by the page, per user). */
  readonly storage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void; keys(): string[] };
  /** Prefix for this user's browser databases (IndexedDB), as if each user had their own browser. */
  readonly storagePrefix: string;

  currentItem(): ItemData | null;

  body(ref: ItemRef, coercion: 'html' | 'text'): Promise<string>;
  bodyType(ref: ItemRef): Promise<'html' | 'text'>;
  setBody(ref: ItemRef, content: string, coercion: 'html' | 'text', how: 'set' | 'prepend'): Promise<void>;
  allInternetHeaders(ref: ItemRef): Promise<string>;
  attachmentContent(ref: ItemRef, attachmentId: string): Promise<{ format: 'base64' | 'url' | 'eml' | 'iCalendar'; content: string }>;
  composeAttachments(ref: ItemRef): Promise<Array<Omit<AttachmentDetailsData, 'contentType'>>>;
  customProperties(ref: ItemRef): Promise<Record<string, unknown>>;
  saveCustomProperties(ref: ItemRef, values: Record<string, unknown>): Promise<void>;
  notifications(ref: ItemRef): Promise<NotificationData[]>;
  putNotification(ref: ItemRef, notification: NotificationData, how: 'add' | 'replace'): Promise<void>;
  removeNotification(ref: ItemRef, key: string): Promise<void>;

  subject(ref: ItemRef): Promise<string>;
  setSubject(ref: ItemRef, subject: string): Promise<void>;
  recipients(ref: ItemRef, field: RecipientField): Promise<EmailAddressData[]>;
  setRecipients(ref: ItemRef, field: RecipientField, recipients: Array<{ emailAddress: string; displayName?: string }>, how: 'set' | 'add'): Promise<void>;
  from(ref: ItemRef): Promise<EmailAddressData>;
  composeType(ref: ItemRef): Promise<'newMail' | 'reply' | 'forward'>;
  internetHeaders(ref: ItemRef, names: string[]): Promise<Record<string, string>>;
  setInternetHeaders(ref: ItemRef, values: Record<string, string>): Promise<void>;
  removeInternetHeaders(ref: ItemRef, names: string[]): Promise<void>;
  saveDraft(ref: ItemRef): Promise<string>;

  selectedItems(): Promise<SelectedItemData[]>;
  loadItem(itemId: string): Promise<ReadItemData>;
  unloadItem(itemId: string): Promise<void>;
  addHandler(eventType: string, handler: (args: { type: string }) => void): Promise<void>;
  removeHandler(eventType: string): Promise<void>;

  /** `Office.actions.associate`: the page calls these functions for launch events. */
  associate(functionName: string, handler: (event: unknown) => void): void;

  /** Something the add-in did that Outlook would not forgive (a callback that threw): shown in the page's log. */
  report(problem: string): void;
}

/** What the sandbox page puts on its window for the add-in frames it hosts. */
export interface SandboxHostGlobal {
  attach(frame: Window): FrameBinding;
}
