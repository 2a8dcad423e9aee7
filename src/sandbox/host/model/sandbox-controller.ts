import type { LaunchOutcome, OfficeHost } from '../bridge/office-host';
import { base64OfBytes } from '../../common/mail/base64';
import { newAttachmentId } from '../../common/mail/identifiers';
import type { ComposeKind, FolderName, SandboxAttachment, SandboxDraft } from '../../common/mail/mail-types';
import { newMessageDraft, responseDraft } from './compose';
import { deliverDraft } from './delivery';
import type { SandboxStore, UserMailbox } from './sandbox-state';

export type SelectMode = 'single' | 'toggle' | 'range';

function describeOutcome(event: string, outcome: LaunchOutcome): string {
  switch (outcome.kind) {
    case 'completed':
      return `${event}: completed in ${outcome.ms} ms${outcome.allowEvent ? '' : `, send blocked: ${outcome.errorMessage ?? '(no message)'}`}`;
    case 'not-declared':
      return `${event}: the manifest declares no handler`;
    case 'unavailable':
      return `${event}: the add-in was unavailable (${outcome.reason})`;
    case 'timed-out':
      return `${event}: no event.completed after ${outcome.ms} ms`;
  }
}

/** What the person using the sandbox does: select, write, send, switch user. */
export class SandboxController {
  constructor(
    private readonly store: SandboxStore,
    private readonly host: OfficeHost,
  ) {}

  private get user(): string {
    return this.store.getState().activeUser;
  }

  private visible(mailbox: UserMailbox): string[] {
    return mailbox.messages.filter((message) => message.folder === mailbox.folder).map((message) => message.itemId);
  }

  switchUser(address: string): void {
    this.store.update((state) => (state.mailboxes[address] ? { ...state, activeUser: address } : state));
  }

  setPinned(pinned: boolean): void {
    this.store.update((state) => ({ ...state, pinned }));
  }

  /** Closes and reopens the task pane, as a user would (and as Outlook does after a restart). */
  restartPane(): void {
    this.store.update((state) => ({ ...state, paneGeneration: state.paneGeneration + 1 }));
  }

  openFolder(folder: FolderName): void {
    this.store.updateMailbox(this.user, (mailbox) => (mailbox.draft ? mailbox : { ...mailbox, folder, selection: [], anchor: null }));
  }

  /** Click, Ctrl+click and Shift+click in the message list. Selecting while writing is not possible (the draft is open). */
  select(itemId: string, mode: SelectMode): void {
    this.store.updateMailbox(this.user, (mailbox) => {
      if (mailbox.draft) return mailbox;
      let selection: string[];
      let anchor = mailbox.anchor;
      if (mode === 'toggle') {
        selection = mailbox.selection.includes(itemId) ? mailbox.selection.filter((id) => id !== itemId) : [...mailbox.selection, itemId];
        anchor = itemId;
      } else if (mode === 'range' && anchor && this.visible(mailbox).includes(anchor)) {
        const order = this.visible(mailbox);
        const [from, to] = [order.indexOf(anchor), order.indexOf(itemId)].sort((a, b) => a - b);
        selection = order.slice(from, to! + 1);
      } else {
        selection = [itemId];
        anchor = itemId;
      }
      const messages = selection.length === 1 ? mailbox.messages.map((message) => (message.itemId === itemId && !message.read ? { ...message, read: true } : message)) : mailbox.messages;
      return { ...mailbox, selection, anchor, messages };
    });
  }

  /** Arrow keys in the list: the next or previous message (with Shift, the selection grows). */
  move(step: 1 | -1, extend: boolean): void {
    const mailbox = this.store.mailbox(this.user);
    const order = this.visible(mailbox);
    const last = mailbox.selection[mailbox.selection.length - 1];
    const index = last ? order.indexOf(last) : -1;
    const next = order[Math.min(order.length - 1, Math.max(0, index + step))];
    if (next) this.select(next, extend ? 'range' : 'single');
  }

  /** Opens a draft and fires OnNewMessageCompose in the user's event runtime (the form stays usable meanwhile). */
  compose(kind: ComposeKind): void {
    const user = this.user;
    const mailbox = this.store.mailbox(user);
    if (mailbox.draft) return;
    let draft: SandboxDraft;
    if (kind === 'new') draft = newMessageDraft();
    else {
      const original = mailbox.messages.find((message) => message.itemId === mailbox.selection[0]);
      if (!original || mailbox.selection.length !== 1) return;
      draft = responseDraft(original, kind, { address: user, name: mailbox.user.name });
    }
    this.store.updateMailbox(user, (current) => ({ ...current, draft }));
    void this.host.fireLaunchEvent(user, 'OnNewMessageCompose', draft.draftId).then((outcome) => this.store.log(user, describeOutcome('OnNewMessageCompose', outcome)));
  }

  editDraft(patch: Partial<Pick<SandboxDraft, 'to' | 'cc' | 'bcc' | 'subject' | 'text'>>): void {
    const draft = this.store.mailbox(this.user).draft;
    if (draft) this.store.updateDraft(this.user, draft.draftId, (current) => ({ ...current, ...patch }));
  }

  async attachFile(file: File): Promise<void> {
    const user = this.user;
    const draft = this.store.mailbox(user).draft;
    if (!draft) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const attachment: SandboxAttachment = { id: newAttachmentId(), name: file.name, contentType: file.type || 'application/octet-stream', size: bytes.length, isInline: false, contentBase64: base64OfBytes(bytes) };
    this.store.updateDraft(user, draft.draftId, (current) => ({ ...current, attachments: [...current.attachments, attachment] }));
  }

  removeAttachment(attachmentId: string): void {
    const draft = this.store.mailbox(this.user).draft;
    if (draft) this.store.updateDraft(this.user, draft.draftId, (current) => ({ ...current, attachments: current.attachments.filter((attachment) => attachment.id !== attachmentId) }));
  }

  discardDraft(): void {
    this.store.updateMailbox(this.user, (mailbox) => (mailbox.draft?.status === 'sending' ? mailbox : { ...mailbox, draft: null }));
  }

  /**
   * Send as Outlook does with an OnMessageSend add-in: the message waits for `event.completed`;
   * `allowEvent: false` keeps it open with the add-in's message; an add-in that is unavailable
   * or too slow does not keep mail from going (SendMode SoftBlock).
   */
  async send(): Promise<void> {
    const user = this.user;
    const draft = this.store.mailbox(user).draft;
    if (!draft || draft.status === 'sending') return;
    this.store.updateDraft(user, draft.draftId, (current) => ({ ...current, status: 'sending', blockedReason: null }));
    const outcome = await this.host.fireLaunchEvent(user, 'OnMessageSend', draft.draftId);
    this.store.log(user, describeOutcome('OnMessageSend', outcome));
    if (outcome.kind === 'completed' && !outcome.allowEvent) {
      this.store.updateDraft(user, draft.draftId, (current) => ({ ...current, status: 'blocked', blockedReason: outcome.errorMessage ?? 'An add-in stopped this message from being sent.' }));
      return;
    }
    const latest = this.store.mailbox(user).draft;
    if (!latest || latest.draftId !== draft.draftId) return;
    let summary = '';
    this.store.update((state) => {
      const delivery = deliverDraft(state, user, latest);
      const recipients = [...delivery.deliveredTo.map((address) => `${address} (sandbox)`), ...delivery.external.map((address) => `${address} (outside the sandbox)`)];
      summary = `Sent “${latest.subject || '(no subject)'}” as ${delivery.internetMessageId} to ${recipients.join(', ') || 'nobody'}`;
      return delivery.state;
    });
    this.store.log(user, summary);
  }
}
