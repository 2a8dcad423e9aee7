import { parseAddressList, sameAddress } from '../../common/mail/addresses';
import { newConversationId, newInternetMessageId, newItemId } from '../../common/mail/identifiers';
import { receivedHeader, sentMessageHeaders } from '../../common/mail/internet-headers';
import type { MailAddress, SandboxDraft, SandboxMessage } from '../../common/mail/mail-types';
import { draftBodyHtml } from './compose';
import type { SandboxState } from './sandbox-state';

export interface Delivery {
  state: SandboxState;
  internetMessageId: string;
  sentItemId: string;
  /** Sandbox users who got a copy. */
  deliveredTo: string[];
  /** Recipients outside the sandbox: the message leaves the page for them. */
  external: string[];
}

/** Everyone the sandbox knows by name: its users, and whoever wrote to them. */
export function directoryOf(state: SandboxState): MailAddress[] {
  const people = new Map<string, MailAddress>();
  for (const user of state.seed.users) people.set(user.address.toLowerCase(), { address: user.address, name: user.name });
  for (const mailbox of Object.values(state.mailboxes)) {
    for (const message of mailbox.messages) {
      for (const person of [message.from, ...message.to, ...message.cc]) if (!people.has(person.address.toLowerCase())) people.set(person.address.toLowerCase(), person);
    }
  }
  return Array.from(people.values());
}

export function draftRecipients(state: SandboxState, draft: SandboxDraft): { to: MailAddress[]; cc: MailAddress[]; bcc: MailAddress[] } {
  const directory = directoryOf(state);
  const valid = (list: MailAddress[]) => list.filter((entry) => entry.address);
  return { to: valid(parseAddressList(draft.to, directory)), cc: valid(parseAddressList(draft.cc, directory)), bcc: valid(parseAddressList(draft.bcc, directory)) };
}

/**
 * Sends a draft as an Exchange organisation would: the sending server assigns the Message-ID,
 * writes In-Reply-To/References for a reply and keeps the internet headers set in compose; the
 * sender gets a Sent Items copy (with Bcc and the add-in's custom properties), and every
 * sandbox user among the recipients an Inbox copy with the same Message-ID and headers.
 */
export function deliverDraft(state: SandboxState, senderAddress: string, draft: SandboxDraft, now: Date = new Date()): Delivery {
  const sender = state.mailboxes[senderAddress];
  if (!sender) throw new Error(`${senderAddress} has no mailbox`);
  const from: MailAddress = { address: sender.user.address, name: sender.user.name };
  const { to, cc, bcc } = draftRecipients(state, draft);
  const date = now.toISOString();
  const internetMessageId = newInternetMessageId(state.seed.domain);
  const conversationId = draft.conversationId ?? newConversationId();
  const headers = sentMessageHeaders({
    internetMessageId,
    date,
    from,
    to,
    cc,
    subject: draft.subject,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    contentType: 'html',
    extra: draft.internetHeaders,
  });
  const common = {
    internetMessageId,
    conversationId,
    subject: draft.subject,
    from,
    to,
    cc,
    date,
    body: { type: 'html' as const, content: draftBodyHtml(draft) },
    attachments: draft.attachments,
  };
  const sentItemId = draft.itemId ?? newItemId();
  const sentCopy: SandboxMessage = { ...common, itemId: sentItemId, folder: 'sent', bcc, headers, customProperties: draft.customProperties, read: true };

  const mailboxes = { ...state.mailboxes, [senderAddress]: { ...sender, draft: null, messages: [sentCopy, ...sender.messages] } };
  const deliveredTo: string[] = [];
  const external: string[] = [];
  const seen = new Set<string>();
  for (const recipient of [...to, ...cc, ...bcc]) {
    const key = recipient.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const user = state.seed.users.find((candidate) => sameAddress(candidate.address, recipient.address));
    if (!user) {
      external.push(recipient.address);
      continue;
    }
    const mailbox = mailboxes[user.address]!;
    const copy: SandboxMessage = {
      ...common,
      itemId: newItemId(),
      folder: 'inbox',
      bcc: [],
      headers: [receivedHeader(state.seed.domain, date), ...headers],
      customProperties: {},
      read: false,
    };
    mailboxes[user.address] = { ...mailbox, messages: [copy, ...mailbox.messages] };
    deliveredTo.push(user.address);
  }
  return { state: { ...state, mailboxes }, internetMessageId, sentItemId, deliveredTo, external };
}
