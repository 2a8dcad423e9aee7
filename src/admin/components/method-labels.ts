import type { AttentionReason } from '../../common/api/admin';
import type { CorrelationMethod } from '../../common/api/email';
import { TRACKING_FILTER_EXPLANATIONS, TRACKING_FILTERS, type TrackingFilter } from '../../common/sync-methods';
import type { Choice } from './method-choice';

export const ATTENTION_REASON_LABELS: Record<AttentionReason, string> = {
  'not-approved': 'Not approved',
  'method-none': 'Method None',
  'recent-failures': 'Tracks failed recently',
};

/** DESIGN §2: how a new email was tied to an existing thread. */
export const CORRELATION_EXPLANATIONS: Record<CorrelationMethod, string> = {
  'in-reply-to': 'In-Reply-To or References named a stored Message-ID',
  'x-header': 'The X-Docket-Token header matched a tracked message',
  conversation: "Outlook's conversation id matched a tracked message",
  'tracking-token': 'The tracking token in the subject matched',
  none: 'Not correlated: a new thread',
};


export const TRACKING_FILTER_LABELS: Record<TrackingFilter, string> = {
  all: 'All email',
  responses: 'Responses to tracked email',
  'known-records': 'Known contacts, accounts and leads',
  'email-enabled-records': 'Any record with an email address',
  none: 'No automatic tracking',
};

export const TRACKING_FILTER_CHOICES: ReadonlyArray<Choice<TrackingFilter>> = TRACKING_FILTERS.map((filter) => ({
  value: filter,
  label: TRACKING_FILTER_LABELS[filter],
  explanation: TRACKING_FILTER_EXPLANATIONS[filter],
}));
