import { Type, type Static } from '@sinclair/typebox';
import { OUTGOING_METHODS, SYNC_METHODS, TRACKING_FILTERS } from '../sync-methods';
import { EmailAddressString, Id, StringEnum, Timestamp } from './primitives';

export const SyncMethodSchema = StringEnum(SYNC_METHODS);
export const OutgoingMethodSchema = StringEnum(OUTGOING_METHODS);
export const TrackingFilterSchema = StringEnum(TRACKING_FILTERS);
export const MailboxKindSchema = StringEnum(['user', 'queue'] as const);

export const Mailbox = Type.Object(
  {
    id: Id,
    address: Type.String(),
    name: Type.String(),
    kind: MailboxKindSchema,
    userId: Type.Union([Id, Type.Null()]),
    incomingMethod: SyncMethodSchema,
    outgoingMethod: SyncMethodSchema,
    trackingFilter: TrackingFilterSchema,
    approved: Type.Boolean(),
    isForwardMailbox: Type.Boolean(),
    lastTrackedAt: Type.Union([Timestamp, Type.Null()]),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Mailbox = Static<typeof Mailbox>;

/** Outgoing accepts any method on the wire so that `forward-mailbox` gets a rule error naming it, not a schema error. */
export const MailboxPatch = Type.Object(
  {
    incomingMethod: Type.Optional(SyncMethodSchema),
    outgoingMethod: Type.Optional(SyncMethodSchema),
    trackingFilter: Type.Optional(TrackingFilterSchema),
    approved: Type.Optional(Type.Boolean()),
    isForwardMailbox: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MailboxPatch = Static<typeof MailboxPatch>;

export const CreateQueueMailbox = Type.Object(
  {
    address: EmailAddressString,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    incomingMethod: Type.Optional(SyncMethodSchema),
    outgoingMethod: Type.Optional(SyncMethodSchema),
    isForwardMailbox: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateQueueMailbox = Static<typeof CreateQueueMailbox>;

export const MailboxListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(MailboxKindSchema),
    incomingMethod: Type.Optional(SyncMethodSchema),
    outgoingMethod: Type.Optional(SyncMethodSchema),
    approved: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type MailboxListQuery = Static<typeof MailboxListQuery>;

export const MailboxList = Type.Object(
  { mailboxes: Type.Array(Mailbox), total: Type.Integer() },
  { additionalProperties: false },
);
export type MailboxList = Static<typeof MailboxList>;
