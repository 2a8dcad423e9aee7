/**
 * The API's address rule (src/common/api/primitives EmailAddressString): anything with a domain
 * after its last `@`. Checked here so one odd recipient (an X.500 leftover) cannot fail a whole request.
 */
export function isApiAddress(address: string): boolean {
  return address.length >= 2 && address.length <= 320 && /^[^\u0000-\u001f]*@[^\s@<>\u0000-\u001f]+$/.test(address);
}
