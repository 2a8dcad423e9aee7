import type { AttachmentData } from './mailbox';

/** The fields of Office's `AttachmentDetails` (read) and `AttachmentDetailsCompose` (compose) that Docket uses. */
export interface OfficeAttachmentDetails {
  id: string;
  name: string;
  size: number;
  isInline: boolean;
  attachmentType?: string;
  /** Read mode only: compose-mode details carry no content type. */
  contentType?: string;
}

/** Office's `AttachmentContent`. */
export interface OfficeAttachmentContent {
  content: string;
  format: string;
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
  htm: 'text/html',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  ics: 'text/calendar',
};

/** Compose mode gives no content type: guess it from the file name, as a mail client would. */
export function contentTypeOf(details: OfficeAttachmentDetails): string {
  if (details.contentType) return details.contentType;
  if (details.attachmentType === 'item') return 'message/rfc822';
  const extension = /\.([A-Za-z0-9]+)$/.exec(details.name)?.[1]?.toLowerCase();
  return (extension && TYPES_BY_EXTENSION[extension]) || 'application/octet-stream';
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 then Base64, without `btoa` or `TextEncoder` (the event runtime may have neither). */
export function utf8ToBase64(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64_ALPHABET[a >> 2]!;
    out += BASE64_ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64_ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64_ALPHABET[c & 63]!;
  }
  return out;
}

/** File content arrives as Base64; attached messages and meetings as .eml / .ics text; cloud files only as a link. */
function contentAsBase64(content: OfficeAttachmentContent): string | undefined {
  switch (content.format) {
    case 'base64':
      return content.content;
    case 'eml':
    case 'iCalendar':
      return utf8ToBase64(content.content);
    default:
      return undefined;
  }
}

/**
 * Attachment metadata, with content for each attachment of at most `maxBytes`. Contents are
 * fetched one at a time (Outlook throttles parallel calls). One attachment whose content
 * Outlook will not give (a drag-and-dropped item in Outlook on the web, for one) is kept as
 * metadata, so the server records it as "not saved" instead of the whole capture failing.
 */
export async function readAttachments(
  details: readonly OfficeAttachmentDetails[],
  maxBytes: number,
  getContent: (id: string) => Promise<OfficeAttachmentContent>,
): Promise<AttachmentData[]> {
  const attachments: AttachmentData[] = [];
  for (const detail of details) {
    const attachment: AttachmentData = {
      id: detail.id,
      name: detail.name,
      contentType: contentTypeOf(detail),
      size: detail.size,
      isInline: Boolean(detail.isInline),
    };
    if (detail.attachmentType !== 'cloud' && maxBytes > 0 && detail.size <= maxBytes) {
      try {
        const contentBase64 = contentAsBase64(await getContent(detail.id));
        if (contentBase64 !== undefined) attachment.contentBase64 = contentBase64;
      } catch (error) {
        console.warn(`Docket: Outlook did not give the content of attachment "${detail.name}"`, error);
      }
    }
    attachments.push(attachment);
  }
  return attachments;
}
