import type { RecordType } from '../../common/api/primitives';
import type { MailAddress } from '../common/mail/mail-types';

/** The organisation of the sandbox: its users' mail is internal and is delivered inside the page. */
export const SANDBOX_DOMAIN = 'contoso.example';

export const ALICE: MailAddress = { address: 'alice@contoso.example', name: 'Alice Adams' };
export const BOB: MailAddress = { address: 'bob@contoso.example', name: 'Bob Barnes' };
/** An administrator without a mailbox in the page: the page changes mailbox settings with its token. */
export const ADMIN: MailAddress = { address: 'it@contoso.example', name: 'Ines Ito (IT)' };
/** A colleague who does not use Docket. */
export const CAROL: MailAddress = { address: 'carol@contoso.example', name: 'Carol Chen' };

/** Senders the backend knows as records: mail from them matches the `known-records` filter. */
export const DANA: MailAddress = { address: 'dana.whitfield@fabrikam.example', name: 'Dana Whitfield' };
export const ERIK: MailAddress = { address: 'erik.lund@northwind.example', name: 'Erik Lund' };
export const FATIMA: MailAddress = { address: 'fatima.khan@adatum.example', name: 'Fatima Khan' };
export const GREG: MailAddress = { address: 'greg.olsen@tailspin.example', name: 'Greg Olsen' };
export const HANA: MailAddress = { address: 'hana.sato@litware.example', name: 'Hana Sato' };
export const IVAN: MailAddress = { address: 'ivan.petrov@wingtip.example', name: 'Ivan Petrov' };
export const FABRIKAM_ORDERS: MailAddress = { address: 'orders@fabrikam.example', name: 'Fabrikam Orders' };

/** Senders the backend does not know. */
export const JONAS: MailAddress = { address: 'jonas.berg@proseware.example', name: 'Jonas Berg' };
export const MARCO: MailAddress = { address: 'marco.rossi@fourthcoffee.example', name: 'Marco Rossi' };
export const NORA: MailAddress = { address: 'nora.diaz@relecloud.example', name: 'Nora Diaz' };
export const NEWSLETTER: MailAddress = { address: 'newsletter@news.example', name: 'Contoso Weekly' };
export const EVENTS: MailAddress = { address: 'noreply@events.example', name: 'Cloud Summit' };
export const PROSPECTS: MailAddress[] = [
  { address: 'lena.fischer@proseware.example', name: 'Lena Fischer' },
  { address: 'oscar.wu@woodgrove.example', name: 'Oscar Wu' },
  { address: 'priya.nair@lucerne.example', name: 'Priya Nair' },
  { address: 'quentin.moreau@alpineski.example', name: 'Quentin Moreau' },
  { address: 'rosa.lima@margies.example', name: 'Rosa Lima' },
  { address: 'sam.okafor@humongous.example', name: 'Sam Okafor' },
];

export interface SampleRecord { type: RecordType; name: string; emails: string[] }

/** The records the sandbox backend starts with: contacts for the known external senders, and a few others to choose as regarding. */
export const SAMPLE_RECORDS: SampleRecord[] = [
  { type: 'contact', name: DANA.name, emails: [DANA.address] },
  { type: 'contact', name: ERIK.name, emails: [ERIK.address] },
  { type: 'contact', name: FATIMA.name, emails: [FATIMA.address] },
  { type: 'contact', name: GREG.name, emails: [GREG.address] },
  { type: 'contact', name: HANA.name, emails: [HANA.address] },
  { type: 'lead', name: IVAN.name, emails: [IVAN.address] },
  { type: 'account', name: 'Fabrikam Ltd', emails: [FABRIKAM_ORDERS.address] },
  { type: 'account', name: 'Northwind Traders', emails: ['info@northwind.example'] },
  { type: 'opportunity', name: 'Fabrikam: 200-seat renewal', emails: [] },
  { type: 'case', name: 'Northwind: invoices not syncing', emails: [] },
];

/** Lower-cased addresses of the records above, for tests that ask "was this sender known?". */
export const KNOWN_RECORD_ADDRESSES: ReadonlySet<string> = new Set(SAMPLE_RECORDS.flatMap((record) => record.emails.map((email) => email.toLowerCase())));
