/** Body conversions Outlook does: a plain-text message asked for as HTML, an HTML one asked for as text. */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|table|blockquote)>/gi, '\n')
    .replace(/<hr[^>]*>/gi, '\n________________________________\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|[a-z]+);/gi, (whole, entity: string) =>
      entity.startsWith('#') ? String.fromCharCode(Number(entity.slice(1))) : (ENTITIES[entity.toLowerCase()] ?? whole),
    )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function textToHtml(text: string): string {
  return `<html><head><meta charset="utf-8"></head><body><div style="white-space:pre-wrap">${escapeHtml(text)}</div></body></html>`;
}

/** What is inside `<body>` (or the whole string when there is none). */
export function bodyInner(html: string): string {
  const match = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return match ? match[1]! : html;
}

export function bodyAs(body: { type: 'html' | 'text'; content: string }, coercion: 'html' | 'text'): string {
  if (coercion === 'html') return body.type === 'html' ? body.content : textToHtml(body.content);
  return body.type === 'text' ? body.content : htmlToText(body.content);
}
