import type { TrackRequest } from '../../src/common/api/email';

/**
 * One realistic track, serialized once: a 10 KB HTML body, five recipients, source manual,
 * incoming. Only the Message-ID changes between requests, and it has a fixed width, so each
 * request body is the same bytes with 20 digits replaced: the client spends almost nothing.
 */
export const MESSAGE_ID_DIGITS = 20;
const PLACEHOLDER = '#'.repeat(MESSAGE_ID_DIGITS);

function htmlBody(targetBytes: number): string {
  const paragraph =
    '<p style="margin:0 0 12px 0;font-family:Calibri,sans-serif">Thanks for the call this morning. As discussed, the revised quote covers ' +
    'the 24-month support plan, on-site installation in both warehouses and the training days for your team. Prices hold until the end of the quarter.</p>\n';
  const head = '<html><head><meta charset="utf-8"></head><body>\n<p>Hello Maria,</p>\n';
  const tail = '<p>Best regards,<br>Lena Krüger<br>Contoso Ltd · Sales</p>\n</body></html>\n';
  let html = head;
  while (Buffer.byteLength(html + paragraph + tail) <= targetBytes) html += paragraph;
  return html + tail;
}

export interface TrackTemplate {
  /** The body bytes of request number `n` (unique Message-ID per `runTag` and `n`). */
  bodyFor(n: number): Buffer;
  contentLength: number;
}

export function trackTemplate(runTag: string): TrackTemplate {
  const request: TrackRequest = {
    direction: 'incoming',
    internetMessageId: `<bench.${runTag}.${PLACEHOLDER}@mail.fabrikam.example>`,
    subject: 'RE: Revised quote for the warehouse rollout (Q3)',
    from: { address: 'maria.schaefer@fabrikam.example', name: 'Maria Schäfer' },
    to: [
      { address: 'lena.krueger@contoso.example', name: 'Lena Krüger' },
      { address: 'sales@contoso.example', name: 'Contoso Sales' },
      { address: 'juergen.weiss@contoso.example', name: 'Jürgen Weiß' },
    ],
    cc: [
      { address: 'einkauf@fabrikam.example', name: 'Fabrikam Einkauf' },
      { address: 'tom.obrien@fabrikam.example', name: "Tom O'Brien" },
    ],
    sentAt: '2025-03-04T08:03:10.000Z',
    body: { contentType: 'html', content: htmlBody(10 * 1024) },
    source: 'manual',
  };
  const json = Buffer.from(JSON.stringify(request));
  const at = json.indexOf(PLACEHOLDER);
  const prefix = json.subarray(0, at);
  const suffix = json.subarray(at + PLACEHOLDER.length);
  return {
    contentLength: json.length,
    bodyFor(n) {
      const body = Buffer.allocUnsafe(json.length);
      prefix.copy(body, 0);
      body.write(String(n).padStart(MESSAGE_ID_DIGITS, '0'), prefix.length, 'latin1');
      suffix.copy(body, prefix.length + MESSAGE_ID_DIGITS);
      return body;
    },
  };
}
