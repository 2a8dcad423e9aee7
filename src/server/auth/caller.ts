import type { MailboxTable, UserTable } from '../store/schema';

/** Who is calling: set on every authenticated request, read by every handler. */
export interface Caller {
  user: UserTable;
  mailbox: MailboxTable;
  orgId: string;
  isAdmin: boolean;
}
