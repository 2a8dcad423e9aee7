/**
 * The sandbox's mail model. Pure data and no DOM: the sandbox server builds the sample
 * mailboxes with it, and the sandbox page keeps, sends and delivers messages with it.
 */

export interface MailAddress { address: string; name: string }

export interface SandboxAttachment {
  id: string;
  name: string;
  contentType: string;
  /** Bytes, as Outlook reports them. */
  size: number;
  isInline: boolean;
  /** The content, or… */
  contentBase64?: string;
  /** …where the page fetches it on demand (large samples are not shipped with the page). */
  contentUrl?: string;
}

export type FolderName = 'inbox' | 'sent';

/** One copy of a message in one user's mailbox (the sender's Sent Items copy and each recipient's copy are separate items). */
export interface SandboxMessage {
  /** Exchange-style item id of this copy. */
  itemId: string;
  folder: FolderName;
  internetMessageId: string;
  conversationId: string;
  subject: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  /** Only on the sender's copy. */
  bcc: MailAddress[];
  /** ISO-8601: when it was sent (Sent Items) or received (Inbox). */
  date: string;
  body: { type: 'html' | 'text'; content: string };
  attachments: SandboxAttachment[];
  /** The internet headers of this copy, in order, as `getAllInternetHeadersAsync` returns them. */
  headers: Array<[string, string]>;
  /** Per-item custom properties of add-ins (Outlook keeps them with the item). */
  customProperties: Record<string, unknown>;
  /** Add-in notifications shown on the item (`notificationMessages`). */
  notifications?: NotificationMessage[];
  read: boolean;
}

export type ComposeKind = 'new' | 'reply' | 'reply-all' | 'forward';

export interface NotificationMessage {
  key: string;
  type: string;
  message: string;
  icon?: string;
  persistent?: boolean;
}

/** A message being written. Recipients are kept as the text the user typed. */
export interface SandboxDraft {
  draftId: string;
  /** Set once the draft is saved (saveAsync). */
  itemId: string | null;
  kind: ComposeKind;
  /** The message replied to or forwarded. */
  originalItemId: string | null;
  conversationId: string | null;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  /** What the user typed (plain text; the body is HTML made from it). */
  text: string;
  /** The quoted original of a reply or forward, as HTML, below the text. */
  quotedHtml: string;
  attachments: SandboxAttachment[];
  /** Internet headers set with `internetHeaders.setAsync`. */
  internetHeaders: Record<string, string>;
  /** In-Reply-To and References of a reply, written at send. */
  inReplyTo: string | null;
  references: string[];
  customProperties: Record<string, unknown>;
  notifications: NotificationMessage[];
  status: 'editing' | 'sending' | 'blocked';
  /** Why the last send did not go (an add-in's `errorMessage`). */
  blockedReason: string | null;
  createdAt: string;
}

export interface SandboxUser { address: string; name: string; token: string }

/** What the sandbox server gives the page at /sandbox/state.json. */
export interface SandboxSeed {
  /** Changes with each database: storage left from another database is cleared. */
  sandboxId: string;
  domain: string;
  users: SandboxUser[];
  /** An administrator's token, for the page's "mailbox settings" controls. */
  admin: SandboxUser;
  addin: {
    taskpaneUrl: string;
    eventPageUrl: string;
    launchEvents: Array<{ type: string; functionName: string; sendMode?: string }>;
  };
  mailboxes: Record<string, SandboxMessage[]>;
}
