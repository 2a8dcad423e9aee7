import { Type, type Static } from '@sinclair/typebox';

/** Shared building blocks of the API schemas. Every object is closed: unknown fields are rejected. */

export const Id = Type.String({ format: 'uuid', description: 'Opaque identifier' });

export const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });

/**
 * Liberal on purpose: real mail carries quoted local parts (`"a@b"@host`, `""@host`) and
 * group syntax leftovers; we refuse only what has no domain after its last `@`.
 */
export const EmailAddressString = Type.String({ minLength: 2, maxLength: 320, pattern: '^[^\\u0000-\\u001f]*@[^\\s@<>\\u0000-\\u001f]+$' });

export const EmailAddress = Type.Object(
  {
    address: EmailAddressString,
    name: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type EmailAddress = Static<typeof EmailAddress>;

export const RECORD_TYPES = ['contact', 'account', 'lead', 'opportunity', 'case'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
/** A closed set of strings, as a JSON Schema `enum` with the matching TypeScript union. */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const RecordTypeSchema = StringEnum(RECORD_TYPES);

export const RecordRef = Type.Object(
  { type: RecordTypeSchema, id: Id },
  { additionalProperties: false },
);
export type RecordRef = Static<typeof RecordRef>;

/** A regarding as the server returns it: the reference plus the record's display name. */
export const RegardingView = Type.Object(
  { type: RecordTypeSchema, id: Id, name: Type.String() },
  { additionalProperties: false },
);
export type RegardingView = Static<typeof RegardingView>;

/** RFC 7807 problem details, as every error of the API is shaped. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    rule: Type.Optional(Type.String({ description: 'The business rule that was broken, when one was' })),
    field: Type.Optional(Type.String({ description: 'The request field the rule is about' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ pointer: Type.String(), message: Type.String() }, { additionalProperties: false }),
      ),
    ),
  },
  {},
);
export type Problem = Static<typeof Problem>;
