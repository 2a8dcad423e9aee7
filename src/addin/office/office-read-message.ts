/// <reference types="office-js" />
import { parseInternetHeaders } from './internet-headers';
import { officeAsync } from './office-async';
import { readAttachments } from './office-attachments';
import type { MailAddress, ReadMessage } from './mailbox';

/** A message in read mode: the selected item, or one loaded with `loadItemByIdAsync`. */
export type OfficeReadItem = Office.MessageRead | Office.LoadedMessageRead;

export function toMailAddress(details: Office.EmailAddressDetails | null | undefined): MailAddress {
  const address = details?.emailAddress?.trim() ?? '';
  const name = details?.displayName?.trim();
  return name && name !== address ? { address, name } : { address };
}

function isoDate(value: Date | string | null | undefined): string {
  const date = value instanceof Date ? value : new Date(value ?? Date.now());
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/** The mailbox interface's `ReadMessage` over an Office read-mode item. */
export function readMessageOf(item: OfficeReadItem, office: typeof Office): ReadMessage {
  // Read once: the status lookup, the automatic check and the track all want them, and a sent message's headers do not change.
  let headers: Promise<Record<string, string>> | null = null;
  return {
    kind: 'read',
    itemId: item.itemId,
    internetMessageId: item.internetMessageId ?? '',
    conversationId: item.conversationId || null,
    subject: item.subject ?? '',
    // A draft opened in read mode has no `from` yet; its sender is then the best we know.
    from: toMailAddress(item.from ?? item.sender),
    to: (item.to ?? []).map(toMailAddress),
    cc: (item.cc ?? []).map(toMailAddress),
    dateTimeCreated: isoDate(item.dateTimeCreated),
    async getBody() {
      const content = await officeAsync<string>((callback) => item.body.getAsync(office.CoercionType.Html, callback));
      return { contentType: 'html', content };
    },
    getAttachments(maxBytes) {
      const details = (item.attachments ?? []).map((attachment) => ({
        id: attachment.id,
        name: attachment.name,
        size: attachment.size,
        isInline: attachment.isInline,
        attachmentType: String(attachment.attachmentType),
        contentType: attachment.contentType,
      }));
      return readAttachments(details, maxBytes, (id) =>
        officeAsync<Office.AttachmentContent>((callback) => item.getAttachmentContentAsync(id, callback)),
      );
    },
    getInternetHeaders() {
      if (!headers) {
        const read = officeAsync<string>((callback) => item.getAllInternetHeadersAsync(callback)).then((raw) => parseInternetHeaders(raw ?? ''));
        // A failed read is not kept: the next caller asks Outlook again.
        read.catch(() => {
          if (headers === read) headers = null;
        });
        headers = read;
      }
      return headers;
    },
  };
}
