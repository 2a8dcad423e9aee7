import { headerAddress } from './addresses';
import type { MailAddress, SandboxMessage } from './mail-types';

/** RFC 5322 date, as mail servers write it. */
export function rfc5322Date(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, '+0000');
}

/**
 * One header line, folded as mail servers fold long lines (RFC 5322 §2.2.3): the break goes
 * before whitespace, so readers unfold it by removing the CRLF. References are the usual case.
 */
export function foldHeader(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (line.length <= 78) return line;
  const words = value.split(' ');
  const lines: string[] = [];
  let current = `${name}:`;
  for (const word of words) {
    if (current.length + 1 + word.length > 78 && current.length > name.length + 1) {
      lines.push(current);
      current = ` ${word}`;
    } else {
      current += ` ${word}`;
    }
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** The raw header block of a message copy: what `getAllInternetHeadersAsync` gives back. */
export function rawHeaderBlock(message: Pick<SandboxMessage, 'headers'>): string {
  return `${message.headers.map(([name, value]) => foldHeader(name, value)).join('\r\n')}\r\n`;
}

const addressLine = (addresses: readonly MailAddress[]) => addresses.map(headerAddress).join(', ');

/**
 * The headers a sending server writes for a message. `extra` are the internet headers an
 * add-in set while it was written (X-Docket-Token…); they travel with every copy.
 */
export function sentMessageHeaders(message: {
  internetMessageId: string;
  date: string;
  from: MailAddress;
  to: readonly MailAddress[];
  cc: readonly MailAddress[];
  subject: string;
  inReplyTo?: string | null;
  references?: readonly string[];
  contentType: 'html' | 'text';
  extra?: Record<string, string>;
}): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['From', headerAddress(message.from)],
    ['To', addressLine(message.to)],
  ];
  if (message.cc.length > 0) headers.push(['Cc', addressLine(message.cc)]);
  headers.push(['Subject', message.subject], ['Date', rfc5322Date(message.date)], ['Message-ID', message.internetMessageId]);
  if (message.inReplyTo) headers.push(['In-Reply-To', message.inReplyTo]);
  if (message.references && message.references.length > 0) headers.push(['References', message.references.join(' ')]);
  headers.push(['MIME-Version', '1.0'], ['Content-Type', message.contentType === 'html' ? 'text/html; charset="utf-8"' : 'text/plain; charset="utf-8"']);
  for (const [name, value] of Object.entries(message.extra ?? {})) headers.push([name, value]);
  return headers;
}

/** The trace header the receiving server puts on top of a delivered copy. */
export function receivedHeader(domain: string, date: string): [string, string] {
  return ['Received', `from mail.${domain} (127.0.0.1) by sandbox.${domain} with SMTP; ${rfc5322Date(date)}`];
}

/** The value of one header of a copy (first one, case-insensitive), or null. */
export function headerValue(message: Pick<SandboxMessage, 'headers'>, name: string): string | null {
  const wanted = name.toLowerCase();
  return message.headers.find(([candidate]) => candidate.toLowerCase() === wanted)?.[1] ?? null;
}
