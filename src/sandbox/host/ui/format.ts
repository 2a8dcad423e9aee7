import type { SandboxMessage } from '../../common/mail/mail-types';

export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay ? date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

export function longDate(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Who a row names: the sender in the Inbox, the recipients in Sent Items. */
export function counterpart(message: SandboxMessage): string {
  if (message.folder === 'sent') return `To: ${message.to.map((person) => person.name || person.address).join(', ') || '(no recipients)'}`;
  return message.from.name || message.from.address;
}
