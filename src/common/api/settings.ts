import { Type, type Static } from '@sinclair/typebox';
import { SyncMethodSchema } from './mailbox';

/** "Email Configuration Settings": defaults for NEW user mailboxes, correlation, limits, retention. */
export const EmailSettings = Type.Object(
  {
    defaultIncomingMethod: SyncMethodSchema,
    defaultOutgoingMethod: SyncMethodSchema,
    trackingTokenInSubject: Type.Boolean(),
    internalMailAsTwoActivities: Type.Boolean(),
    maxAttachmentKb: Type.Integer({ minimum: 0, maximum: 131072, description: 'Largest attachment stored, in KB (0: store none)' }),
    maxBodyKb: Type.Integer({ minimum: 1, maximum: 16384, description: 'Bodies over this are stored truncated, with a notice' }),
    retentionDays: Type.Integer({
      minimum: 0,
      maximum: 36500,
      description: 'Days an email with no tracker left is kept before it is deleted (0: deleted with its last tracker)',
    }),
  },
  { additionalProperties: false },
);
export type EmailSettings = Static<typeof EmailSettings>;

export const DEFAULT_EMAIL_SETTINGS: EmailSettings = {
  defaultIncomingMethod: 'outlook',
  defaultOutgoingMethod: 'outlook',
  trackingTokenInSubject: false,
  internalMailAsTwoActivities: false,
  maxAttachmentKb: 5120,
  maxBodyKb: 1024,
  retentionDays: 0,
};

/** The part of the settings the add-in needs, returned by /api/v1/me. */
export const ClientSettings = Type.Object(
  {
    trackingTokenInSubject: Type.Boolean(),
    internalMailAsTwoActivities: Type.Boolean(),
    maxAttachmentKb: Type.Integer(),
    maxBodyKb: Type.Integer(),
  },
  { additionalProperties: false },
);
export type ClientSettings = Static<typeof ClientSettings>;
