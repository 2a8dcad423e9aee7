import type { RecordType } from './api/primitives';

/** How the pane and the admin console name each record type. */
export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  contact: 'Contact',
  account: 'Account',
  lead: 'Lead',
  opportunity: 'Opportunity',
  case: 'Case',
};
