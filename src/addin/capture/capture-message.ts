import type { AttachmentInput, TrackRequest, TrackSource } from '../../common/api/email';
import type { RecordRef } from '../../common/api/primitives';
import { TRACKING_TOKEN_HEADER, type AttachmentData, type ComposeMessage, type MailAddress, type ReadMessage } from '../office/mailbox';

/** Turns a message into the track request the API expects; knows nothing of Office or React. */

const toAddress = (a: MailAddress) => (a.name ? { address: a.address, name: a.name } : { address: a.address });
/** The API's address rule: anything with a domain after its last `@`. Outlook's group leftovers ("Undisclosed recipients:;") have none and are not addresses. */
const validAddress = (a: MailAddress) => /@[^\s@<>\u0000-\u001f]+$/.test(a.address);
/** NUL never belongs in mail text and cannot be stored as text: drop it rather than lose the whole track. */
const storable = (text: string) => text.replace(/\u0000/g, '');
const storableBody = (body: { contentType: 'html' | 'text'; content: string }) => ({ contentType: body.contentType, content: storable(body.content) });

function toAttachments(attachments: AttachmentData[]): AttachmentInput[] {
  return attachments.map((a) => ({
    name: a.name || 'attachment',
    contentType: a.contentType || 'application/octet-stream',
    size: a.size,
    ...(a.contentBase64 !== undefined && { contentBase64: a.contentBase64 }),
    ...(a.isInline && { isInline: true }),
  }));
}

/** Message-IDs in a References header, newest last. */
export function parseReferences(header: string | undefined): string[] {
  return (header ?? '').match(/<[^<>]*[^<>\s][^<>]*>/g) ?? [];
}

/** A received (or Sent Items) message, as seen in the reading pane. */
export async function captureReadMessage(
  message: ReadMessage,
  options: { userAddress: string; source: TrackSource; maxAttachmentKb: number; regarding?: RecordRef },
): Promise<TrackRequest> {
  const [body, attachments, headers] = await Promise.all([
    message.getBody(),
    message.getAttachments(options.maxAttachmentKb * 1024),
    message.getInternetHeaders().catch(() => ({}) as Record<string, string>),
  ]);
  const fromMe = message.from.address.toLowerCase() === options.userAddress.toLowerCase();
  const token = headers[TRACKING_TOKEN_HEADER.toLowerCase()]?.trim();
  const inReplyTo = parseReferences(headers['in-reply-to'])[0];
  const references = parseReferences(headers.references).slice(-200);
  return {
    direction: fromMe ? 'outgoing' : 'incoming',
    ...(message.internetMessageId.trim() && { internetMessageId: message.internetMessageId.trim() }),
    ...(token && /^[A-Za-z0-9._:-]{8,128}$/.test(token) && { trackingToken: token }),
    ...(message.conversationId && { conversationId: message.conversationId }),
    ...(inReplyTo && { inReplyTo }),
    ...(references.length > 0 && { references }),
    subject: storable(message.subject).slice(0, 4000),
    from: toAddress(message.from),
    to: message.to.filter(validAddress).map(toAddress),
    cc: message.cc.filter(validAddress).map(toAddress),
    ...(fromMe ? { sentAt: message.dateTimeCreated } : { receivedAt: message.dateTimeCreated }),
    body: storableBody(body),
    attachments: toAttachments(attachments),
    ...(options.regarding && { regarding: options.regarding }),
    source: options.source,
  };
}

/** A message at the moment it is sent: no Message-ID yet, so the token stamped in compose identifies it. */
export async function captureComposeMessage(
  message: ComposeMessage,
  options: { trackingToken: string; source: TrackSource; maxAttachmentKb: number; regarding?: RecordRef; sentAt: string },
): Promise<TrackRequest> {
  const [subject, from, recipients, body, attachments] = await Promise.all([
    message.getSubject(),
    message.getFrom(),
    message.getRecipients(),
    message.getBody(),
    message.getAttachments(options.maxAttachmentKb * 1024),
  ]);
  return {
    direction: 'outgoing',
    trackingToken: options.trackingToken,
    ...(message.conversationId && { conversationId: message.conversationId }),
    subject: storable(subject).slice(0, 4000),
    from: toAddress(from),
    to: recipients.to.filter(validAddress).map(toAddress),
    cc: recipients.cc.filter(validAddress).map(toAddress),
    bcc: recipients.bcc.filter(validAddress).map(toAddress),
    sentAt: options.sentAt,
    body: storableBody(body),
    attachments: toAttachments(attachments),
    ...(options.regarding && { regarding: options.regarding }),
    source: options.source,
  };
}
