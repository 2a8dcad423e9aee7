import { Type, type Static } from '@sinclair/typebox';
import { EmailAddressString, Id, RecordTypeSchema, Timestamp } from './primitives';

export const CrmRecord = Type.Object(
  {
    id: Id,
    type: RecordTypeSchema,
    name: Type.String(),
    emails: Type.Array(Type.String()),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type CrmRecord = Static<typeof CrmRecord>;

export const CreateRecord = Type.Object(
  {
    type: RecordTypeSchema,
    name: Type.String({ minLength: 1, maxLength: 256 }),
    emails: Type.Array(EmailAddressString, { maxItems: 20, default: [] }),
  },
  { additionalProperties: false },
);
export type CreateRecord = Static<typeof CreateRecord>;

export const RecordSearchQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 200 })),
    type: Type.Optional(RecordTypeSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type RecordSearchQuery = Static<typeof RecordSearchQuery>;

export const RecordList = Type.Object({ records: Type.Array(CrmRecord) }, { additionalProperties: false });
export type RecordList = Static<typeof RecordList>;

export const ResolveQuery = Type.Object(
  { address: Type.Array(EmailAddressString, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);
export type ResolveQuery = Static<typeof ResolveQuery>;

export const ResolveResult = Type.Object(
  {
    matches: Type.Array(
      Type.Object(
        { address: Type.String(), records: Type.Array(CrmRecord), isUser: Type.Boolean() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ResolveResult = Static<typeof ResolveResult>;
