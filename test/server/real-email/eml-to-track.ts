import { type AddressObject, type Attachment, type EmailAddress as ParsedAddress, type ParsedMail, simpleParser } from 'mailparser';
import type { AttachmentInput, TrackRequest, TrackSource } from '../../../src/common/api/email';
import type { EmailAddress } from '../../../src/common/api/primitives';

/**
 * Turns a raw RFC 5322 message into the track request the add-in would post for it: the
 * fields Office.js gives (internetMessageId, from, to, cc, subject, body, attachments with
 * their content) plus In-Reply-To, References and X-Docket-Token, which the add-in reads
 * from `getAllInternetHeadersAsync`. Nothing is cleaned up beyond what an add-in must do to
 * read the headers, so a message the server refuses is a real message the server refuses.
 */
export interface EmlToTrackOptions {
  direction?: 'incoming' | 'outgoing';
  source?: TrackSource;
}

export interface ConvertedMessage {
  request: TrackRequest;
  /** The parsed message, for tests that want to look at what the request was made from. */
  mail: ParsedMail;
}

export async function emlToTrack(raw: Buffer | string, options: EmlToTrackOptions = {}): Promise<ConvertedMessage> {
  const mail = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  const direction = options.direction ?? 'incoming';
  const request: TrackRequest = {
    direction,
    subject: mail.subject ?? '',
    from: senderOf(mail),
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    body: bodyOf(mail),
    source: options.source ?? 'manual',
  };
  const messageId = firstMessageId(rawHeader(mail, 'message-id'));
  if (messageId) request.internetMessageId = messageId;
  const inReplyTo = messageIdsIn(rawHeader(mail, 'in-reply-to'))[0];
  if (inReplyTo) request.inReplyTo = inReplyTo;
  // The server keeps at most 200 references; the nearest ancestors are at the end.
  const references = messageIdsIn(rawHeader(mail, 'references')).slice(-200);
  if (references.length > 0) request.references = references;
  const token = rawHeader(mail, 'x-docket-token')?.trim();
  if (token) request.trackingToken = token;
  if (mail.date) request.sentAt = mail.date.toISOString();
  if (direction === 'outgoing') {
    const bcc = addressesOf(mail.bcc);
    if (bcc.length > 0) request.bcc = bcc;
  }
  const attachments = mail.attachments.map(attachmentOf);
  if (attachments.length > 0) request.attachments = attachments;
  return { request, mail };
}

/** The unfolded value of the first header with this name, as the message carries it (encoded words not decoded). */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  if (line === undefined) return undefined;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/**
 * Outlook reports the Message-ID header as it is. Some old mailers append a comment after
 * the `<id>`; like Outlook, keep the bracketed part and nothing else.
 */
function firstMessageId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bracketed = /<[^<>]*>/.exec(value)?.[0] ?? value;
  // `<>` is what some mailers write when they have no id: that is no Message-ID at all.
  return bracketed === '<>' ? undefined : bracketed;
}

/** In-Reply-To and References may carry phrases ("Your message of …") between the ids; only `<left@right>` tokens are ids. */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  return [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => `<${m[1]}>`);
}

function flatten(list: ParsedAddress[]): ParsedAddress[] {
  return list.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
}

function toAddress(entry: ParsedAddress): EmailAddress {
  const name = entry.name.trim();
  return name ? { address: entry.address!, name: name.slice(0, 256) } : { address: entry.address! };
}

/** Outlook lists a recipient only when it has an address: group names and empty entries show nothing. */
export function addressesOf(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!header) return [];
  const objects = Array.isArray(header) ? header : [header];
  return objects.flatMap((o) => flatten(o.value)).filter((entry) => Boolean(entry.address)).map(toAddress);
}

/** Outlook shows the Sender, then the Return-Path, when a message has no usable From. */
function senderOf(mail: ParsedMail): EmailAddress {
  const candidates = [mail.from, mail.headers.get('sender'), mail.headers.get('return-path')] as Array<AddressObject | undefined>;
  for (const candidate of candidates) {
    const first = addressesOf(candidate)[0];
    if (first) return first;
  }
  throw new Error('The message has no sender address at all (no From, Sender or Return-Path).');
}

/** `body.getAsync` returns HTML when the message has it, else its text. */
function bodyOf(mail: ParsedMail): TrackRequest['body'] {
  if (typeof mail.html === 'string') return { contentType: 'html', content: mail.html };
  return { contentType: 'text', content: mail.text ?? '' };
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'text/plain': 'txt',
  'text/html': 'html',
  'image/gif': 'gif',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/** Outlook names a part that has no file name after its type, as "ATT00001.ext". */
function attachmentOf(attachment: Attachment, index: number): AttachmentInput {
  const fallback = `ATT${String(index + 1).padStart(5, '0')}.${EXTENSIONS[attachment.contentType] ?? 'bin'}`;
  const name = (attachment.filename?.trim() || fallback).slice(0, 512);
  const input: AttachmentInput = {
    name,
    contentType: attachment.contentType || 'application/octet-stream',
    size: attachment.content.length,
    contentBase64: attachment.content.toString('base64'),
  };
  if (attachment.related) input.isInline = true;
  return input;
}
