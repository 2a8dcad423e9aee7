import { Type, type Static } from '@sinclair/typebox';
import { DirectionSchema, Email } from './email';
import { Mailbox } from './mailbox';
import { Id, RecordTypeSchema, StringEnum } from './primitives';

export const OverviewDay = Type.Object(
  { date: Type.String({ description: 'YYYY-MM-DD (UTC)' }), incoming: Type.Integer(), outgoing: Type.Integer() },
  { additionalProperties: false },
);

export const ATTENTION_REASONS = ['not-approved', 'method-none', 'recent-failures'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export const Overview = Type.Object(
  {
    days: Type.Array(OverviewDay, { description: 'Emails tracked per day over the last 30 days, oldest first' }),
    attention: Type.Array(
      Type.Object(
        {
          mailbox: Mailbox,
          reasons: Type.Array(StringEnum(ATTENTION_REASONS)),
          lastFailure: Type.Union([Type.String(), Type.Null()]),
          lastFailureAt: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Overview = Static<typeof Overview>;

export const AdminEmailQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the subject' })),
    participant: Type.Optional(Type.String({ maxLength: 320, description: 'An address (or part of one) of the sender or a recipient' })),
    regardingId: Type.Optional(Id),
    regardingType: Type.Optional(RecordTypeSchema),
    direction: Type.Optional(DirectionSchema),
    from: Type.Optional(Type.String({ format: 'date', description: 'Tracked on or after this day' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Tracked on or before this day' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type AdminEmailQuery = Static<typeof AdminEmailQuery>;

export const AdminEmailList = Type.Object({ emails: Type.Array(Email), total: Type.Integer() }, { additionalProperties: false });
export type AdminEmailList = Static<typeof AdminEmailList>;

export const RecordImportRequest = Type.Object(
  {
    csv: Type.String({ maxLength: 4 * 1024 * 1024, description: 'CSV with a header row: type,name,emails (emails separated by ; or spaces)' }),
    firstLine: Type.Optional(Type.Integer({ minimum: 1, description: 'Line number of the first data row, when a client sends a large file in chunks' })),
  },
  { additionalProperties: false },
);
export type RecordImportRequest = Static<typeof RecordImportRequest>;

export const RecordImportResult = Type.Object(
  {
    imported: Type.Integer(),
    errors: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type RecordImportResult = Static<typeof RecordImportResult>;
