import fs from 'node:fs';
import path from 'node:path';
import { sameAddress } from '../common/mail/addresses';
import { receivedHeader, sentMessageHeaders } from '../common/mail/internet-headers';
import type { MailAddress, SandboxAttachment, SandboxMessage } from '../common/mail/mail-types';
import {
  ALICE,
  BOB,
  CAROL,
  DANA,
  ERIK,
  EVENTS,
  FABRIKAM_ORDERS,
  FATIMA,
  GREG,
  HANA,
  IVAN,
  JONAS,
  MARCO,
  NEWSLETTER,
  NORA,
  PROSPECTS,
  SANDBOX_DOMAIN,
} from './sample-people';

/** Size of the one sample attachment over Dynamics' default 5,120 KB limit: tracked as "not saved". */
export const LARGE_ATTACHMENT_BYTES = 6 * 1024 * 1024;
export const LARGE_ATTACHMENT_URL = '/sandbox/attachments/site-survey-photos.zip';

/** How many filler messages the sample Inbox ends with (multi-select and bulk track need at least 50). */
export const FILLER_COUNT = 55;

interface SampleSpec {
  /** Stable name: the Message-ID and item ids derive from it, so every sandbox starts alike. */
  key: string;
  minutesAgo: number;
  from: MailAddress;
  to: MailAddress[];
  cc?: MailAddress[];
  subject: string;
  body: { type: 'html' | 'text'; content: string };
  attachments?: SandboxAttachment[];
  conversation?: string;
  inReplyTo?: string;
  references?: string[];
  read?: boolean;
}

const USERS = [ALICE, BOB];

function messageIdOf(spec: SampleSpec): string {
  return `<${spec.key}@${spec.from.address.split('@')[1]}>`;
}

function text(lines: string[]): { type: 'text'; content: string } {
  return { type: 'text', content: lines.join('\r\n') };
}

function html(inner: string): { type: 'html'; content: string } {
  return {
    type: 'html',
    content: `<html><head><meta charset="utf-8"></head><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424">${inner}</body></html>`,
  };
}

function base64(content: string | Buffer): string {
  return (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
}

function attachment(id: string, name: string, contentType: string, content: string | Buffer, isInline = false): SandboxAttachment {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
  return { id: `AAMkAttSeed${id}=`, name, contentType, size: bytes, isInline, contentBase64: base64(content) };
}

/** A one-page PDF that real readers open. */
function samplePdf(title: string): string {
  const stream = `BT /F1 18 Tf 72 720 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}

function icon(repositoryRoot: string): Buffer {
  try {
    return fs.readFileSync(path.join(repositoryRoot, 'assets', 'icon-80.png'));
  } catch {
    return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  }
}

const THREAD_OFFER = 'AAQkSbxSeedOfferFor200Seats=';
const OFFER_1 = '<offer-200-seats-1@fabrikam.example>';
const OFFER_2 = '<offer-200-seats-2@contoso.example>';

/** The sample messages, newest first as the Inbox shows them. The ten newest mix known and unknown senders. */
function sampleSpecs(repositoryRoot: string): SampleSpec[] {
  const specs: SampleSpec[] = [
    {
      key: 'q3-delivery-dates',
      minutesAgo: 12,
      from: ERIK,
      to: [ALICE],
      subject: 'Delivery dates for the Q3 order',
      body: text(['Hi Alice,', '', 'Could you confirm the delivery dates for the Q3 order? Our warehouse needs a week of notice.', '', 'Thanks,', 'Erik']),
    },
    {
      key: 'contoso-weekly-42',
      minutesAgo: 40,
      from: NEWSLETTER,
      to: [ALICE],
      subject: 'Contoso Weekly: five things to read this week',
      body: html(
        '<h1 style="color:#0f6cbd">Contoso Weekly</h1><ol><li>How teams track customer mail</li><li>Five habits of fast sales teams</li><li>What changed in Outlook this month</li><li>Customer story: Litware</li><li>Events near you</li></ol><p style="color:#616161">You receive this because you subscribed. <a href="https://news.example/unsubscribe">Unsubscribe</a></p>',
      ),
    },
    {
      key: 'signed-contract',
      minutesAgo: 75,
      from: FATIMA,
      to: [ALICE],
      subject: 'Signed contract attached',
      body: html('<p>Hello Alice,</p><p>Please find the signed contract attached. Let me know when the licences are active.</p><p>Best regards,<br>Fatima Khan<br>Adatum</p>'),
      attachments: [attachment('Contract01', 'Adatum-contract-signed.pdf', 'application/pdf', samplePdf('Adatum contract, signed'))],
    },
    {
      key: 'introduction-jonas',
      minutesAgo: 110,
      from: JONAS,
      to: [ALICE],
      subject: 'Introduction: Dana suggested I write',
      body: html(
        '<p>Hi Alice,</p><p>Dana Whitfield at Fabrikam suggested I get in touch: Proseware is looking at your product for our sales team of 35.</p><p>Would you have time for a call next week?</p><p>Jonas Berg<br>Head of Sales Operations, Proseware</p>',
      ),
    },
    {
      key: 'lunch-thursday',
      minutesAgo: 150,
      from: BOB,
      to: [ALICE],
      subject: 'Lunch on Thursday?',
      body: text(['Hi Alice,', '', 'Lunch on Thursday? The new place on Main Street.', '', 'Bob']),
    },
    {
      key: 'litware-pilot-feedback',
      minutesAgo: 200,
      from: HANA,
      to: [ALICE],
      cc: [BOB],
      subject: 'Litware pilot feedback',
      body: html(
        '<p>Hi Alice, hi Bob,</p><p>Here is the feedback from the pilot:</p><table border="1" cellpadding="4" style="border-collapse:collapse"><tr><th>Team</th><th>Users</th><th>Rating</th></tr><tr><td>Sales</td><td>12</td><td>4.5</td></tr><tr><td>Support</td><td>8</td><td>4.1</td></tr></table><p>Overall we would like to go ahead.</p><p>Hana</p>',
      ),
    },
    {
      key: 'quote-request-40',
      minutesAgo: 260,
      from: MARCO,
      to: [ALICE],
      subject: 'Quote request: 40 licences',
      body: text(['Good morning,', '', 'Could you send us a quote for 40 licences, billed yearly?', '', 'Marco Rossi', 'Fourth Coffee']),
    },
    {
      key: 'webinar-follow-up',
      minutesAgo: 330,
      from: IVAN,
      to: [ALICE],
      subject: 'Following up on the webinar',
      body: html('<p>Hello Alice,</p><p>Thanks for the webinar yesterday. Could we see a demo with our own data?</p><p>Ivan Petrov, Wingtip Toys</p>'),
    },
    {
      key: 'cloud-summit-ticket',
      minutesAgo: 420,
      from: EVENTS,
      to: [ALICE],
      subject: 'Your ticket for Cloud Summit',
      body: html('<p>Your ticket for <strong>Cloud Summit</strong> is attached. Add it to your calendar.</p>'),
      attachments: [
        attachment(
          'Ticket01',
          'cloud-summit.ics',
          'text/calendar',
          ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//events.example//EN', 'BEGIN:VEVENT', 'UID:cloud-summit@events.example', 'DTSTART:20300512T090000Z', 'DTEND:20300512T170000Z', 'SUMMARY:Cloud Summit', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
        ),
      ],
    },
    {
      key: 'site-survey-photos',
      minutesAgo: 500,
      from: GREG,
      to: [ALICE],
      subject: 'Site survey photos',
      body: html('<p>Alice,</p><p>The photos from the site survey are attached (a large archive), with the floor plan.</p><p>Greg</p>'),
      attachments: [
        { id: 'AAMkAttSeedSurveyZip=', name: 'site-survey-photos.zip', contentType: 'application/zip', size: LARGE_ATTACHMENT_BYTES, isInline: false, contentUrl: LARGE_ATTACHMENT_URL },
        attachment('FloorPlan01', 'floor-plan.png', 'image/png', icon(repositoryRoot)),
      ],
    },
    {
      key: 'offer-200-seats-3',
      minutesAgo: 24 * 60,
      from: DANA,
      to: [ALICE],
      cc: [BOB],
      subject: 'RE: Offer for 200 seats',
      body: html(
        '<p>Alice,</p><p>Thanks, the price works for us. Bob, can you prepare the order form?</p><p>Dana</p><hr><p><b>From:</b> Alice Adams<br><b>Subject:</b> RE: Offer for 200 seats</p><p>Dana, here is our offer: 200 seats at the volume price, with onboarding included.</p>',
      ),
      conversation: THREAD_OFFER,
      inReplyTo: OFFER_2,
      references: [OFFER_1, OFFER_2],
    },
    {
      key: 'team-offsite-agenda',
      minutesAgo: 26 * 60,
      from: CAROL,
      to: [ALICE, BOB],
      subject: 'Team offsite agenda',
      body: html('<h2>Offsite, 14 June</h2><ul><li>09:00 Where we are</li><li>11:00 Customer stories</li><li>14:00 Planning</li></ul><p>Carol</p>'),
    },
    {
      key: 'offer-200-seats-2',
      minutesAgo: 2 * 24 * 60,
      from: ALICE,
      to: [DANA],
      subject: 'RE: Offer for 200 seats',
      body: html(
        '<p>Dana, here is our offer: 200 seats at the volume price, with onboarding included.</p><p>Alice</p><hr><p><b>From:</b> Dana Whitfield<br><b>Subject:</b> Offer for 200 seats</p><p>Could you make us an offer for 200 seats?</p>',
      ),
      conversation: THREAD_OFFER,
      inReplyTo: OFFER_1,
      references: [OFFER_1],
    },
    {
      key: 'offer-200-seats-1',
      minutesAgo: 3 * 24 * 60,
      from: DANA,
      to: [ALICE],
      subject: 'Offer for 200 seats',
      body: html('<p>Hello Alice,</p><p>Could you make us an offer for 200 seats? We would like to start next quarter.</p><p>Dana Whitfield<br>Fabrikam</p>'),
      conversation: THREAD_OFFER,
    },
    {
      key: 'purchase-order-4471',
      minutesAgo: 3 * 24 * 60 + 90,
      from: FABRIKAM_ORDERS,
      to: [ALICE],
      subject: 'Purchase order PO-4471',
      body: text(['Purchase order PO-4471 is attached as CSV.', '', 'Fabrikam Purchasing']),
      attachments: [attachment('Po4471', 'PO-4471.csv', 'text/csv', 'line,item,quantity,price\r\n1,Licence (yearly),200,96.00\r\n2,Onboarding,1,2500.00\r\n')],
    },
    {
      key: 'partnership-idea',
      minutesAgo: 4 * 24 * 60,
      from: NORA,
      to: [ALICE],
      subject: 'Partnership idea',
      body: text(['Hi Alice,', '', 'Relecloud resells tools like yours in Spain. Interested in talking?', '', 'Nora']),
    },
    {
      key: 'fabrikam-kickoff',
      minutesAgo: 5 * 24 * 60,
      from: DANA,
      to: [BOB],
      subject: 'Fabrikam kickoff',
      body: html('<p>Bob, shall we plan the kickoff for the first week of next quarter?</p><p>Dana</p>'),
    },
    {
      key: 'handover-notes',
      minutesAgo: 5 * 24 * 60 + 30,
      from: ALICE,
      to: [BOB],
      subject: 'Handover notes for the Northwind account',
      body: html('<p>Bob, the Northwind notes: Erik Lund is the buyer; the open case is about invoices not syncing.</p><p>Alice</p>'),
    },
  ];

  const fillerTopics = [
    'Question about invoice',
    'Meeting notes, week',
    'Trial licence request',
    'Renewal reminder',
    'Support ticket update',
    'Price list request',
    'Conference follow-up',
    'Reference call',
    'Security questionnaire',
    'Onboarding schedule',
  ];
  for (let i = 0; i < FILLER_COUNT; i++) {
    const sender = PROSPECTS[i % PROSPECTS.length]!;
    const topic = fillerTopics[i % fillerTopics.length]!;
    const number = 1001 + i;
    const plain = i % 3 === 0;
    specs.push({
      key: `filler-${number}`,
      minutesAgo: 6 * 24 * 60 + i * 97,
      from: sender,
      to: [ALICE],
      subject: `${topic} ${number}`,
      body: plain
        ? text([`Hello Alice,`, '', `About ${topic.toLowerCase()} ${number}: could you get back to me this week?`, '', sender.name])
        : html(`<p>Hello Alice,</p><p>About <b>${topic.toLowerCase()} ${number}</b>: could you get back to me this week?</p><p>${sender.name}</p>`),
      read: true,
    });
  }
  return specs;
}

/** Each copy of a sample: the sender's Sent Items copy when the sender is a sandbox user, and one Inbox copy per sandbox user among the recipients. */
function copiesOf(spec: SampleSpec, now: number): Array<{ owner: string; message: SandboxMessage }> {
  const date = new Date(now - spec.minutesAgo * 60_000).toISOString();
  const internetMessageId = messageIdOf(spec);
  const headers = sentMessageHeaders({
    internetMessageId,
    date,
    from: spec.from,
    to: spec.to,
    cc: spec.cc ?? [],
    subject: spec.subject,
    inReplyTo: spec.inReplyTo ?? null,
    references: spec.references ?? [],
    contentType: spec.body.type,
  });
  const base = {
    internetMessageId,
    conversationId: spec.conversation ?? `AAQkSbxSeed${spec.key.replace(/[^A-Za-z0-9]/g, '')}=`,
    subject: spec.subject,
    from: spec.from,
    to: spec.to,
    cc: spec.cc ?? [],
    date,
    body: spec.body,
    attachments: spec.attachments ?? [],
    customProperties: {},
  };
  const copies: Array<{ owner: string; message: SandboxMessage }> = [];
  const slug = spec.key.replace(/[^A-Za-z0-9]/g, '');
  if (USERS.some((user) => sameAddress(user.address, spec.from.address))) {
    copies.push({ owner: spec.from.address, message: { ...base, itemId: `AAMkSbxSent${slug}=`, folder: 'sent', bcc: [], headers, read: true } });
  }
  for (const user of USERS) {
    if (![...spec.to, ...(spec.cc ?? [])].some((recipient) => sameAddress(recipient.address, user.address))) continue;
    const owner = user.address.split('@')[0]!;
    copies.push({
      owner: user.address,
      message: {
        ...base,
        itemId: `AAMkSbx${owner}${slug}=`,
        folder: 'inbox',
        bcc: [],
        headers: [receivedHeader(SANDBOX_DOMAIN, date), ...headers],
        read: spec.read ?? false,
      },
    });
  }
  return copies;
}

/** The sample mailboxes of the sandbox users, each newest first. */
export function sampleMailboxes(options: { now: number; repositoryRoot: string }): Record<string, SandboxMessage[]> {
  const mailboxes: Record<string, SandboxMessage[]> = Object.fromEntries(USERS.map((user) => [user.address, []]));
  for (const spec of sampleSpecs(options.repositoryRoot)) {
    for (const { owner, message } of copiesOf(spec, options.now)) mailboxes[owner]!.push(message);
  }
  for (const messages of Object.values(mailboxes)) messages.sort((a, b) => b.date.localeCompare(a.date));
  return mailboxes;
}

/** The large sample attachment's bytes, made when asked for (it is not shipped with the page). */
export function largeAttachmentContent(): Buffer {
  const content = Buffer.alloc(LARGE_ATTACHMENT_BYTES);
  for (let i = 0; i < content.length; i += 4096) content.write('site survey photo archive (sandbox sample)\n', i);
  return content;
}
