/**
 * Where the tracking API is. The add-in and the API share one origin by design, so a page
 * served over http(s) uses its own origin: the same production bundle then works on any host
 * that serves it (the sandbox, a staging copy). The JavaScript-only runtime of classic Outlook
 * has no page location; there the origin baked in at build time applies.
 */
export function resolveApiOrigin(buildTimeOrigin: string): string {
  const location = (globalThis as { location?: { protocol?: string; origin?: string } }).location;
  if (location && (location.protocol === 'https:' || location.protocol === 'http:') && location.origin) return location.origin;
  return buildTimeOrigin;
}
