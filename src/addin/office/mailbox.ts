/**
 * The mailbox interface: everything Docket needs from Outlook, and nothing of Office.js.
 * `office-mailbox.ts` implements it over the Office global; tests and the sandbox use fakes.
 * Every method that reaches Outlook returns a promise that rejects with the Office error.
 */

export interface MailAddress { address: string; name?: string }

export interface MessageBody { contentType: 'html' | 'text'; content: string }

export interface AttachmentData {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  /** Present when the content was fetched (size within the limit asked for). */
  contentBase64?: string;
}

/** A received or sent message opened in the reading pane. */
export interface ReadMessage {
  kind: 'read';
  itemId: string;
  internetMessageId: string;
  conversationId: string | null;
  subject: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  /** ISO-8601 */
  dateTimeCreated: string;
  getBody(): Promise<MessageBody>;
  /** Attachments, with content for those up to `maxBytes` each. */
  getAttachments(maxBytes: number): Promise<AttachmentData[]>;
  /** All internet headers, names lower-cased (X-Docket-Token, In-Reply-To, References). */
  getInternetHeaders(): Promise<Record<string, string>>;
}

export type ComposeType = 'new' | 'reply' | 'forward';

/** A message being written. */
export interface ComposeMessage {
  kind: 'compose';
  conversationId: string | null;
  getComposeType(): Promise<ComposeType>;
  getSubject(): Promise<string>;
  getFrom(): Promise<MailAddress>;
  getRecipients(): Promise<{ to: MailAddress[]; cc: MailAddress[]; bcc: MailAddress[] }>;
  getBody(): Promise<MessageBody>;
  getAttachments(maxBytes: number): Promise<AttachmentData[]>;
  /** Stamps an internet header on the message as it will be sent (Mailbox 1.8). */
  setInternetHeader(name: string, value: string): Promise<void>;
  getInternetHeader(name: string): Promise<string | null>;
  /** Per-item custom properties, saved with the draft. */
  getCustomProperty(name: string): Promise<string | null>;
  setCustomProperty(name: string, value: string | null): Promise<void>;
  /** The notification bar of the compose form. */
  showNotification(key: string, message: string): Promise<void>;
}

export type MailItem = ReadMessage | ComposeMessage;

export interface SelectedItem { itemId: string; subject: string }

export interface MailboxHost {
  /** The signed-in user's mailbox. */
  userAddress: string;
  userName: string;
  /** The item the pane is looking at now; null when nothing (or several things) are selected. */
  currentItem(): MailItem | null;
  /** Fires when the pinned pane moves to another item. Returns the unsubscribe function. */
  onItemChanged(listener: () => void): () => void;
  /** Messages selected together (Mailbox 1.13 multi-select). */
  getSelectedItems(): Promise<SelectedItem[]>;
  onSelectionChanged(listener: () => void): () => void;
  /** Opens a selected message by id so it can be tracked (bulk track). */
  loadMessage(itemId: string): Promise<ReadMessage>;
  /** Office theme colours when the host gives them. */
  theme(): { bodyBackgroundColor: string; bodyForegroundColor: string } | null;
}

/** The header that ties a sent message to its send-time record (DESIGN §2). */
export const TRACKING_TOKEN_HEADER = 'X-Docket-Token';
/** Custom property marking a draft "track when sent": `{}` or `{"regarding":{"type":…,"id":…}}`. */
export const TRACK_ON_SEND_PROPERTY = 'docketTrackOnSend';
/**
 * Set to `auto-send` beside TRACK_ON_SEND_PROPERTY when Docket itself marked the draft (a reply
 * in a conversation the user tracks); absent when the user asked. The pane clears it when the user changes the toggle.
 */
export const TRACK_ON_SEND_SOURCE_PROPERTY = 'docketTrackOnSendSource';
