import { Type, type Static } from '@sinclair/typebox';
import { EmailAddress, Id, RecordRef, RegardingView, StringEnum, Timestamp } from './primitives';

export const DirectionSchema = StringEnum(['incoming', 'outgoing'] as const);
export const TRACK_SOURCES = ['manual', 'auto-send', 'auto-read', 'bulk'] as const;
export type TrackSource = (typeof TRACK_SOURCES)[number];
export const TrackSourceSchema = StringEnum(TRACK_SOURCES);

export const CORRELATION_METHODS = ['in-reply-to', 'x-header', 'conversation', 'tracking-token', 'none'] as const;
export type CorrelationMethod = (typeof CORRELATION_METHODS)[number];

/**
 * RFC 5322 Message-IDs are `<left@right>`, but real mail also has X.400 ids with spaces,
 * ids without a domain and bare ids: any printable text is kept as the message's identity.
 */
const MessageId = Type.String({ minLength: 1, maxLength: 998, pattern: '^[^\\u0000-\\u001f]*[^\\s<>\\u0000-\\u001f][^\\u0000-\\u001f]*$' });
/** The add-in stamps a UUID; accept any token of safe characters so other clients can use their own. */
const TrackingToken = Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' });

export const AttachmentInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 512 }),
    contentType: Type.String({ minLength: 1, maxLength: 255 }),
    size: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
    contentBase64: Type.Optional(Type.String({ maxLength: 48 * 1024 * 1024, pattern: '^[A-Za-z0-9+/=\\r\\n]*$' })),
    isInline: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AttachmentInput = Static<typeof AttachmentInput>;

const Recipients = Type.Array(EmailAddress, { maxItems: 1000 });

export const TrackRequest = Type.Object(
  {
    direction: DirectionSchema,
    internetMessageId: Type.Optional(MessageId),
    trackingToken: Type.Optional(TrackingToken),
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    inReplyTo: Type.Optional(MessageId),
    references: Type.Optional(Type.Array(MessageId, { maxItems: 200 })),
    subject: Type.String({ maxLength: 4000 }),
    from: EmailAddress,
    to: Recipients,
    cc: Type.Optional(Recipients),
    bcc: Type.Optional(Recipients),
    sentAt: Type.Optional(Timestamp),
    receivedAt: Type.Optional(Timestamp),
    body: Type.Object(
      {
        contentType: StringEnum(['html', 'text'] as const),
        content: Type.String({ maxLength: 16 * 1024 * 1024 }),
      },
      { additionalProperties: false },
    ),
    attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 250 })),
    regarding: Type.Optional(RecordRef),
    source: TrackSourceSchema,
  },
  { additionalProperties: false },
);
export type TrackRequest = Static<typeof TrackRequest>;

export const Notice = Type.Object(
  {
    code: StringEnum(['attachment-not-saved', 'body-truncated'] as const),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type Notice = Static<typeof Notice>;

export const AttachmentView = Type.Object(
  {
    name: Type.String(),
    contentType: Type.String(),
    size: Type.Integer(),
    saved: Type.Boolean(),
    sha256: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const Tracker = Type.Object(
  {
    id: Id,
    userId: Id,
    userName: Type.String(),
    mailboxId: Id,
    direction: DirectionSchema,
    source: TrackSourceSchema,
    trackedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Tracker = Static<typeof Tracker>;

export const Email = Type.Object(
  {
    id: Id,
    internetMessageId: Type.Union([Type.String(), Type.Null()]),
    trackingToken: Type.Union([Type.String(), Type.Null()]),
    subjectToken: Type.Union([Type.String(), Type.Null()]),
    conversationId: Type.Union([Type.String(), Type.Null()]),
    direction: DirectionSchema,
    subject: Type.String(),
    from: EmailAddress,
    to: Type.Array(EmailAddress),
    cc: Type.Array(EmailAddress),
    sentAt: Type.Union([Timestamp, Type.Null()]),
    receivedAt: Type.Union([Timestamp, Type.Null()]),
    correlationMethod: StringEnum(CORRELATION_METHODS),
    regarding: Type.Union([RegardingView, Type.Null()]),
    notices: Type.Array(Notice),
    attachments: Type.Array(AttachmentView),
    trackers: Type.Array(Tracker),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Email = Static<typeof Email>;

/** An email with its body, for `GET /api/v1/emails/{id}`. */
export const EmailDetail = Type.Object(
  {
    ...Email.properties,
    bcc: Type.Array(EmailAddress),
    body: Type.Object(
      { contentType: StringEnum(['html', 'text'] as const), content: Type.String(), truncated: Type.Boolean() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type EmailDetail = Static<typeof EmailDetail>;

export const TrackResponse = Type.Object(
  { email: Email, tracker: Tracker, created: Type.Boolean({ description: 'true when this request stored the email' }) },
  { additionalProperties: false },
);
export type TrackResponse = Static<typeof TrackResponse>;

export const CHECK_REASONS = [
  'method-none',
  'method-server-side-sync',
  'method-forward-mailbox',
  'filter-none',
  'filter-no-match',
  'filter-match',
  'manual',
  'already-tracked',
] as const;
export type CheckReason = (typeof CHECK_REASONS)[number];

export const CheckRequest = Type.Object(
  {
    direction: DirectionSchema,
    internetMessageId: Type.Optional(MessageId),
    trackingToken: Type.Optional(TrackingToken),
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    inReplyTo: Type.Optional(MessageId),
    references: Type.Optional(Type.Array(MessageId, { maxItems: 200 })),
    from: Type.Optional(EmailAddress),
    to: Type.Optional(Recipients),
    cc: Type.Optional(Recipients),
    bcc: Type.Optional(Recipients),
    automatic: Type.Optional(Type.Boolean({ description: 'true: apply the tracking filter, as auto-track does', default: true })),
  },
  { additionalProperties: false },
);
export type CheckRequest = Static<typeof CheckRequest>;

export const CheckResponse = Type.Object(
  {
    shouldTrack: Type.Boolean(),
    reason: StringEnum(CHECK_REASONS),
    message: Type.String({ description: 'The reason in words a user reads' }),
    tracked: Type.Boolean({ description: 'the caller already tracks this message' }),
    trackedByOthers: Type.Boolean({ description: 'someone else in the organisation tracks it' }),
    emailId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CheckResponse = Static<typeof CheckResponse>;

export const StatusQuery = Type.Object(
  {
    internetMessageId: Type.Optional(MessageId),
    trackingToken: Type.Optional(TrackingToken),
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: "The caller's newest tracked email of this Outlook conversation" })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type StatusQuery = Static<typeof StatusQuery>;

export const StatusResponse = Type.Object(
  { tracked: Type.Boolean(), email: Type.Optional(Email) },
  { additionalProperties: false },
);
export type StatusResponse = Static<typeof StatusResponse>;

export const PatchEmail = Type.Object(
  { regarding: Type.Union([RecordRef, Type.Null()]) },
  { additionalProperties: false },
);
export type PatchEmail = Static<typeof PatchEmail>;

export const EmailIdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const UntrackResponse = Type.Object(
  { emailId: Id, emailRemoved: Type.Boolean() },
  { additionalProperties: false },
);
export type UntrackResponse = Static<typeof UntrackResponse>;
