import type { MailAddress, SandboxDraft, SandboxMessage } from '../../common/mail/mail-types';
import { baseSubject } from '../model/compose';
import type { UserMailbox } from '../model/sandbox-state';
import type { ComposeItemData, EmailAddressData, ItemData, ReadItemData, SelectedItemData } from './frame-binding';

export function emailAddressData(address: MailAddress, domain: string): EmailAddressData {
  const internal = address.address.toLowerCase().endsWith(`@${domain.toLowerCase()}`);
  return { emailAddress: address.address, displayName: address.name || address.address, recipientType: address.address ? (internal ? 'user' : 'externalUser') : 'other' };
}

export function readItemData(message: SandboxMessage, domain: string, loaded = false): ReadItemData {
  const from = emailAddressData(message.from, domain);
  return {
    mode: 'read',
    key: `${loaded ? 'loaded' : 'read'}:${message.itemId}`,
    itemId: message.itemId,
    internetMessageId: message.internetMessageId,
    conversationId: message.conversationId,
    subject: message.subject,
    normalizedSubject: baseSubject(message.subject),
    from,
    sender: from,
    to: message.to.map((address) => emailAddressData(address, domain)),
    cc: message.cc.map((address) => emailAddressData(address, domain)),
    dateTimeCreated: message.date,
    dateTimeModified: message.date,
    attachments: message.attachments.map((attachment) => ({
      id: attachment.id,
      name: attachment.name,
      size: attachment.size,
      isInline: attachment.isInline,
      attachmentType: 'file',
      contentType: attachment.contentType,
    })),
    itemClass: 'IPM.Note',
  };
}

export function composeItemData(draft: SandboxDraft): ComposeItemData {
  return { mode: 'compose', key: `compose:${draft.draftId}`, draftId: draft.draftId, conversationId: draft.conversationId };
}

/** What the pane is about in Outlook: the message being written, else the one selected message, else nothing. */
export function currentItemOf(mailbox: UserMailbox, domain: string): ItemData | null {
  if (mailbox.draft) return composeItemData(mailbox.draft);
  if (mailbox.selection.length !== 1) return null;
  const message = mailbox.messages.find((candidate) => candidate.itemId === mailbox.selection[0]);
  return message ? readItemData(message, domain) : null;
}

export function selectedItemsOf(mailbox: UserMailbox): SelectedItemData[] {
  if (mailbox.draft) return [];
  return mailbox.selection
    .map((itemId) => mailbox.messages.find((message) => message.itemId === itemId))
    .filter((message): message is SandboxMessage => message !== undefined)
    .map((message) => ({
      itemId: message.itemId,
      itemMode: 'Read',
      itemType: 'message',
      subject: message.subject,
      conversationId: message.conversationId,
      internetMessageId: message.internetMessageId,
      hasAttachment: message.attachments.some((attachment) => !attachment.isInline),
    }));
}
