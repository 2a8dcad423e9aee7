/**
 * Parses the raw header block `getAllInternetHeadersAsync` returns: names lower-cased,
 * folded lines unfolded (RFC 5322 §2.2.3: the line break before whitespace goes, the
 * whitespace stays). A repeated header keeps its first (topmost, newest) value.
 */
export function parseInternetHeaders(raw: string): Record<string, string> {
  const headers = new Map<string, string>();
  const unfolded = raw.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!name || /\s/.test(name) || headers.has(name)) continue;
    headers.set(name, line.slice(colon + 1).trim());
  }
  return Object.fromEntries(headers);
}
