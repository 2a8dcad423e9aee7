import type {
  AttachmentData,
  ComposeMessage,
  ComposeType,
  MailAddress,
  MailboxHost,
  MailItem,
  MessageBody,
  ReadMessage,
  SelectedItem,
} from '../../src/addin/office/mailbox';

/** A hand-written stand-in for Outlook's mailbox: read and compose items, ItemChanged, multi-select. */

export interface ReadMessageInit {
  itemId?: string;
  internetMessageId?: string;
  conversationId?: string | null;
  subject?: string;
  from?: MailAddress;
  to?: MailAddress[];
  cc?: MailAddress[];
  dateTimeCreated?: string;
  body?: MessageBody;
  attachments?: AttachmentData[];
  /** Lower-cased names, as Outlook's parsed headers are exposed by the mailbox interface. */
  headers?: Record<string, string>;
}

let nextItem = 1;

export class FakeReadMessage implements ReadMessage {
  readonly kind = 'read' as const;
  readonly itemId: string;
  readonly internetMessageId: string;
  readonly conversationId: string | null;
  readonly subject: string;
  readonly from: MailAddress;
  readonly to: MailAddress[];
  readonly cc: MailAddress[];
  readonly dateTimeCreated: string;
  body: MessageBody;
  attachments: AttachmentData[];
  headers: Record<string, string>;
  /** When set, getBody rejects with it (Outlook refusing to hand out the body). */
  bodyError: Error | null = null;
  bodyReads = 0;

  constructor(init: ReadMessageInit = {}) {
    const n = nextItem++;
    this.itemId = init.itemId ?? `item-${n}`;
    this.internetMessageId = init.internetMessageId ?? `<message-${n}@mail.example.com>`;
    this.conversationId = init.conversationId === undefined ? `conversation-${n}` : init.conversationId;
    this.subject = init.subject ?? `Message ${n}`;
    this.from = init.from ?? { address: 'customer@fabrikam.example', name: 'Fatima Customer' };
    this.to = init.to ?? [{ address: 'ann@contoso.example', name: 'Ann Agent' }];
    this.cc = init.cc ?? [];
    this.dateTimeCreated = init.dateTimeCreated ?? '2025-03-04T09:30:00.000Z';
    this.body = init.body ?? { contentType: 'html', content: `<p>Body of message ${n}</p>` };
    this.attachments = init.attachments ?? [];
    this.headers = init.headers ?? {};
  }

  async getBody(): Promise<MessageBody> {
    this.bodyReads++;
    if (this.bodyError) throw this.bodyError;
    return this.body;
  }

  async getAttachments(maxBytes: number): Promise<AttachmentData[]> {
    return this.attachments.map((a) => (a.size <= maxBytes ? a : { ...a, contentBase64: undefined }));
  }

  async getInternetHeaders(): Promise<Record<string, string>> {
    return { ...this.headers };
  }
}

export class FakeComposeMessage implements ComposeMessage {
  readonly kind = 'compose' as const;
  readonly conversationId: string | null = null;
  readonly customProperties = new Map<string, string>();
  readonly internetHeaders = new Map<string, string>();
  /** Every setCustomProperty call, in order (null: removed). */
  readonly propertyWrites: Array<{ name: string; value: string | null }> = [];
  readonly notifications: Array<{ key: string; message: string }> = [];
  subject = 'Draft';
  from: MailAddress = { address: 'ann@contoso.example', name: 'Ann Agent' };
  recipients = { to: [{ address: 'customer@fabrikam.example' }] as MailAddress[], cc: [] as MailAddress[], bcc: [] as MailAddress[] };
  body: MessageBody = { contentType: 'html', content: '<p>Hello</p>' };
  composeType: ComposeType = 'new';

  async getComposeType(): Promise<ComposeType> {
    return this.composeType;
  }
  async getSubject(): Promise<string> {
    return this.subject;
  }
  async getFrom(): Promise<MailAddress> {
    return this.from;
  }
  async getRecipients() {
    return this.recipients;
  }
  async getBody(): Promise<MessageBody> {
    return this.body;
  }
  async getAttachments(): Promise<AttachmentData[]> {
    return [];
  }
  async setInternetHeader(name: string, value: string): Promise<void> {
    this.internetHeaders.set(name.toLowerCase(), value);
  }
  async getInternetHeader(name: string): Promise<string | null> {
    return this.internetHeaders.get(name.toLowerCase()) ?? null;
  }
  async getCustomProperty(name: string): Promise<string | null> {
    return this.customProperties.get(name) ?? null;
  }
  async setCustomProperty(name: string, value: string | null): Promise<void> {
    this.propertyWrites.push({ name, value });
    if (value === null) this.customProperties.delete(name);
    else this.customProperties.set(name, value);
  }
  async showNotification(key: string, message: string): Promise<void> {
    this.notifications.push({ key, message });
  }
}

export class FakeMailbox implements MailboxHost {
  userAddress = 'ann@contoso.example';
  userName = 'Ann Agent';
  officeTheme: { bodyBackgroundColor: string; bodyForegroundColor: string } | null = null;
  /** Messages Outlook can open by id (multi-select loads them one by one). */
  readonly store = new Map<string, FakeReadMessage>();
  readonly loadCalls: string[] = [];
  private item: MailItem | null = null;
  private selection: SelectedItem[] = [];
  private readonly itemListeners = new Set<() => void>();
  private readonly selectionListeners = new Set<() => void>();

  constructor(item: MailItem | null = null) {
    this.item = item;
    if (item?.kind === 'read') this.store.set(item.itemId, item as FakeReadMessage);
  }

  currentItem(): MailItem | null {
    return this.item;
  }

  onItemChanged(listener: () => void): () => void {
    this.itemListeners.add(listener);
    return () => this.itemListeners.delete(listener);
  }

  async getSelectedItems(): Promise<SelectedItem[]> {
    return this.selection.length > 0 ? [...this.selection] : this.item?.kind === 'read' ? [{ itemId: this.item.itemId, subject: this.item.subject }] : [];
  }

  onSelectionChanged(listener: () => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  async loadMessage(itemId: string): Promise<ReadMessage> {
    this.loadCalls.push(itemId);
    const message = this.store.get(itemId);
    if (!message) throw new Error(`Outlook could not open item ${itemId}`);
    return message;
  }

  theme() {
    return this.officeTheme;
  }

  get listenerCount(): number {
    return this.itemListeners.size;
  }

  /** The pinned pane moves to another item: Outlook swaps the item, then fires ItemChanged. */
  open(item: MailItem | null): void {
    this.item = item;
    this.selection = [];
    if (item?.kind === 'read') this.store.set(item.itemId, item as FakeReadMessage);
    this.fireItemChanged();
  }

  /** Fires ItemChanged without changing the item (Outlook does, e.g. on a second click). */
  fireItemChanged(): void {
    for (const listener of Array.from(this.itemListeners)) listener();
  }

  /** Several messages selected together: no single current item. */
  select(messages: FakeReadMessage[]): void {
    for (const message of messages) this.store.set(message.itemId, message);
    this.selection = messages.map((m) => ({ itemId: m.itemId, subject: m.subject }));
    this.item = messages.length === 1 ? messages[0]! : null;
    for (const listener of Array.from(this.selectionListeners)) listener();
  }
}
