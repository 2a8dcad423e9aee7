const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID in its 8-4-4-4-12 hex form: an Entra tenant, object or client id, an add-in's `<Id>`. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}
