// The API's value rules (src/common/api), checked before a request is built so one odd value
// (an X.500 leftover, a foreign header) is left out instead of failing the whole request.
// Not imported from the schemas: they would bring the schema library into the event bundle.

/** `EmailAddressString` (src/common/api/primitives): anything with a domain after its last `@`. */
export function isApiAddress(address: string): boolean {
  return address.length >= 2 && address.length <= 320 && /^[^\u0000-\u001f]*@[^\s@<>\u0000-\u001f]+$/.test(address);
}

/** `TrackingToken` (src/common/api/email): what the add-in stamps in X-Docket-Token, a UUID, or another client's safe token. */
export function isTrackingToken(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value);
}
