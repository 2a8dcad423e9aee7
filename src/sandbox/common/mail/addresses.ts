import type { MailAddress } from './mail-types';

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/** `Name <address>`, or the bare address when the name is the address. */
export function formatAddress(address: MailAddress): string {
  return address.name && address.name !== address.address ? `${address.name} <${address.address}>` : address.address;
}

/** The form of a header line: `"Name" <address>`. */
export function headerAddress(address: MailAddress): string {
  return address.name && address.name !== address.address ? `"${address.name.replace(/"/g, "'")}" <${address.address}>` : `<${address.address}>`;
}

export function formatAddressList(addresses: readonly MailAddress[]): string {
  return addresses.map(formatAddress).join(', ');
}

/**
 * Reads what a user typed in To/Cc/Bcc: `Name <a@b>`, `a@b`, separated by commas or
 * semicolons. Entries that are not addresses are kept with an empty address, as Outlook
 * keeps an unresolved recipient.
 */
export function parseAddressList(text: string, directory: readonly MailAddress[] = []): MailAddress[] {
  const result: MailAddress[] = [];
  for (const part of text.split(/[;,](?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const entry = part.trim();
    if (!entry) continue;
    const angled = /^(.*)<([^<>]+)>$/.exec(entry);
    const address = (angled ? angled[2]! : entry).trim();
    const typedName = angled ? angled[1]!.trim().replace(/^"|"$/g, '') : '';
    const known = directory.find((person) => person.address.toLowerCase() === address.toLowerCase());
    if (ADDRESS.test(address)) result.push({ address, name: typedName || known?.name || address });
    else result.push({ address: '', name: entry });
  }
  return result;
}

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
