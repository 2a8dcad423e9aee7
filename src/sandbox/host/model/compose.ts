import { formatAddressList, sameAddress } from '../../common/mail/addresses';
import { bodyInner, bodyAs, escapeHtml } from '../../common/mail/bodies';
import { newAttachmentId, newDraftId } from '../../common/mail/identifiers';
import { headerValue } from '../../common/mail/internet-headers';
import type { ComposeKind, MailAddress, SandboxDraft, SandboxMessage } from '../../common/mail/mail-types';

function blankDraft(kind: ComposeKind): SandboxDraft {
  return {
    draftId: newDraftId(),
    itemId: null,
    kind,
    originalItemId: null,
    conversationId: null,
    to: '',
    cc: '',
    bcc: '',
    subject: '',
    text: '',
    quotedHtml: '',
    attachments: [],
    internetHeaders: {},
    inReplyTo: null,
    references: [],
    customProperties: {},
    notifications: [],
    status: 'editing',
    blockedReason: null,
    createdAt: new Date().toISOString(),
  };
}

export function newMessageDraft(): SandboxDraft {
  return blankDraft('new');
}

/** "RE: Offer" → "Offer": Outlook does not stack prefixes. */
export function baseSubject(subject: string): string {
  return subject.replace(/^\s*((re|fw|fwd|aw|wg)\s*:\s*)+/i, '');
}

function quoteOf(original: SandboxMessage): string {
  const line = (label: string, value: string) => (value ? `<b>${label}:</b> ${escapeHtml(value)}<br>` : '');
  return (
    `<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><p>` +
    line('From', formatAddressList([original.from])) +
    line('Sent', new Date(original.date).toUTCString()) +
    line('To', formatAddressList(original.to)) +
    line('Cc', formatAddressList(original.cc)) +
    line('Subject', original.subject) +
    `</p></div><div>${bodyInner(bodyAs(original.body, 'html'))}</div>`
  );
}

const parseMessageIds = (value: string | null) => (value ?? '').match(/<[^<>\s]+>/g) ?? [];

/** A reply, reply-all or forward of a message in `me`'s mailbox, as Outlook prepares it. */
export function responseDraft(original: SandboxMessage, kind: Exclude<ComposeKind, 'new'>, me: MailAddress): SandboxDraft {
  const draft = blankDraft(kind);
  const notMe = (address: MailAddress) => !sameAddress(address.address, me.address);
  const fromMe = sameAddress(original.from.address, me.address);
  let to: MailAddress[] = [];
  let cc: MailAddress[] = [];
  if (kind === 'reply') to = fromMe ? original.to : [original.from];
  if (kind === 'reply-all') {
    to = fromMe ? original.to : [original.from, ...original.to.filter(notMe)];
    cc = original.cc.filter(notMe);
  }
  const isReply = kind !== 'forward';
  return {
    ...draft,
    originalItemId: original.itemId,
    conversationId: original.conversationId,
    to: formatAddressList(to),
    cc: formatAddressList(cc),
    subject: `${isReply ? 'RE' : 'FW'}: ${baseSubject(original.subject)}`,
    quotedHtml: quoteOf(original),
    attachments: isReply ? [] : original.attachments.filter((attachment) => !attachment.isInline).map((attachment) => ({ ...attachment, id: newAttachmentId() })),
    inReplyTo: isReply ? original.internetMessageId : null,
    references: isReply ? [...parseMessageIds(headerValue(original, 'References')), original.internetMessageId].slice(-20) : [],
  };
}

/** The draft's body as Outlook would send it: what was typed, then the quoted original. */
export function draftBodyHtml(draft: Pick<SandboxDraft, 'text' | 'quotedHtml'>): string {
  const typed = escapeHtml(draft.text).replace(/\r?\n/g, '<br>');
  return `<html><head><meta charset="utf-8"></head><body><div>${typed}</div>${draft.quotedHtml}</body></html>`;
}
