/** Identifiers shaped like Exchange's, so nothing downstream can tell the sandbox by their look. */

function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(values);
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}

/** An EWS/REST-style item id, unique per copy of a message. */
export function newItemId(): string {
  return `AAMkSbx${randomHex(18)}AAA=`;
}

export function newConversationId(): string {
  return `AAQkSbx${randomHex(16)}=`;
}

/** `<…@domain>`, as the sending server assigns it. */
export function newInternetMessageId(domain: string): string {
  return `<SBX${randomHex(12).toUpperCase()}@${domain}>`;
}

export function newDraftId(): string {
  return `draft-${randomHex(8)}`;
}

export function newAttachmentId(): string {
  return `AAMkAtt${randomHex(10)}=`;
}
