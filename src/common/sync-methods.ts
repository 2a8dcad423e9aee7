/**
 * Synchronization methods and the automatic-tracking filter (DESIGN §1).
 * API values are strings; the Dataverse codes are kept for exports and admins who know them.
 */

export const SYNC_METHODS = ['none', 'outlook', 'server-side-sync', 'forward-mailbox'] as const;
export type SyncMethod = (typeof SYNC_METHODS)[number];

export const OUTGOING_METHODS = ['none', 'outlook', 'server-side-sync'] as const;
export type OutgoingMethod = (typeof OUTGOING_METHODS)[number];

export const SYNC_METHOD_CODES: Record<SyncMethod, number> = {
  none: 0,
  outlook: 1,
  'server-side-sync': 2,
  'forward-mailbox': 3,
};

export const SYNC_METHOD_LABELS: Record<SyncMethod, string> = {
  none: 'None',
  outlook: 'Dynamics 365 for Outlook',
  'server-side-sync': 'Server-Side Synchronization',
  'forward-mailbox': 'Forward Mailbox',
};

/** One line per method, written for the admin who picks it. */
export const SYNC_METHOD_EXPLANATIONS: Record<SyncMethod, string> = {
  none: 'Nothing is tracked in this direction.',
  outlook: "The Docket add-in in the user's Outlook tracks the mail. Users only, never queues.",
  'server-side-sync': 'The server reads the mailbox itself; the add-in does not auto-track, but manual Track still works.',
  'forward-mailbox': 'A mailbox rule forwards mail to a sink mailbox that the server reads. Incoming only; needs a forward mailbox.',
};

export const TRACKING_FILTERS = ['all', 'responses', 'known-records', 'email-enabled-records', 'none'] as const;
export type TrackingFilter = (typeof TRACKING_FILTERS)[number];

export const TRACKING_FILTER_CODES: Record<TrackingFilter, number> = {
  all: 0,
  responses: 1,
  'known-records': 2,
  'email-enabled-records': 3,
  none: 4,
};

export const TRACKING_FILTER_EXPLANATIONS: Record<TrackingFilter, string> = {
  all: 'All email messages.',
  responses: 'Only replies to email that is already tracked.',
  'known-records': 'Email from or to a known contact, account or lead, and replies to tracked email.',
  'email-enabled-records': 'Email from or to any record with an email address (users and queues too), and replies to tracked email.',
  none: 'No automatic tracking; Track by hand only.',
};

export const DEFAULT_TRACKING_FILTER: TrackingFilter = 'known-records';

export type Direction = 'incoming' | 'outgoing';
export type MailboxKind = 'user' | 'queue';
