import type { AttachmentInput, CheckRequest, TrackRequest, TrackSource } from '../../common/api/email';
import type { EmailAddress, RecordRef } from '../../common/api/primitives';
import type { Direction } from '../../common/sync-methods';
import { TRACKING_TOKEN_HEADER, type AttachmentData, type ComposeMessage, type MailAddress, type ReadMessage } from '../office/mailbox';
import { isApiAddress, isTrackingToken } from './api-rules';

/** Turns a message into the track (or check) request the API expects; knows nothing of Office or React. */

const toAddress = (a: MailAddress): EmailAddress => {
  const name = a.name?.slice(0, 256);
  return name ? { address: a.address, name } : { address: a.address };
};
/** The addresses the API accepts; Outlook's group leftovers ("Undisclosed recipients:;") are not addresses. */
export const apiAddressesOf = (list: MailAddress[]): EmailAddress[] => list.filter((a) => isApiAddress(a.address)).map(toAddress);
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

/** Sent by the signed-in user (Sent Items, a draft opened in read mode) or received. */
export function directionOf(message: ReadMessage, userAddress: string): Direction {
  return message.from.address.toLowerCase() === userAddress.toLowerCase() ? 'outgoing' : 'incoming';
}

/** The message's X-Docket-Token, when it carries one the API accepts. */
export function trackingTokenOf(headers: Record<string, string>): string | null {
  const token = headers[TRACKING_TOKEN_HEADER.toLowerCase()]?.trim();
  return isTrackingToken(token) ? token : null;
}

const readHeaders = (message: ReadMessage) => message.getInternetHeaders().catch(() => ({}) as Record<string, string>);

/** What ties a read message to tracked mail: its Message-ID, token, conversation and the ids it replies to. */
function identityOf(message: ReadMessage, headers: Record<string, string>) {
  const internetMessageId = message.internetMessageId.trim();
  const trackingToken = trackingTokenOf(headers);
  const inReplyTo = parseReferences(headers['in-reply-to'])[0];
  const references = parseReferences(headers.references).slice(-200);
  return {
    ...(internetMessageId && { internetMessageId }),
    ...(trackingToken && { trackingToken }),
    ...(message.conversationId && { conversationId: message.conversationId.slice(0, 512) }),
    ...(inReplyTo && { inReplyTo }),
    ...(references.length > 0 && { references }),
  };
}

/** The automatic-tracking check for a read message: may the filter track it, is it tracked already? */
export async function captureCheckRequest(message: ReadMessage, options: { userAddress: string }): Promise<CheckRequest> {
  return {
    direction: directionOf(message, options.userAddress),
    ...identityOf(message, await readHeaders(message)),
    ...(isApiAddress(message.from.address) && { from: toAddress(message.from) }),
    to: apiAddressesOf(message.to),
    cc: apiAddressesOf(message.cc),
    automatic: true,
  };
}

/** A received (or Sent Items) message, as seen in the reading pane. */
export async function captureReadMessage(
  message: ReadMessage,
  options: { userAddress: string; source: TrackSource; maxAttachmentKb: number; regarding?: RecordRef },
): Promise<TrackRequest> {
  const [body, attachments, headers] = await Promise.all([
    message.getBody(),
    message.getAttachments(options.maxAttachmentKb * 1024),
    readHeaders(message),
  ]);
  const direction = directionOf(message, options.userAddress);
  return {
    direction,
    ...identityOf(message, headers),
    subject: storable(message.subject).slice(0, 4000),
    from: toAddress(message.from),
    to: apiAddressesOf(message.to),
    cc: apiAddressesOf(message.cc),
    ...(direction === 'outgoing' ? { sentAt: message.dateTimeCreated } : { receivedAt: message.dateTimeCreated }),
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
    ...(message.conversationId && { conversationId: message.conversationId.slice(0, 512) }),
    subject: storable(subject).slice(0, 4000),
    from: toAddress(from),
    to: apiAddressesOf(recipients.to),
    cc: apiAddressesOf(recipients.cc),
    bcc: apiAddressesOf(recipients.bcc),
    sentAt: options.sentAt,
    body: storableBody(body),
    attachments: toAttachments(attachments),
    ...(options.regarding && { regarding: options.regarding }),
    source: options.source,
  };
}
