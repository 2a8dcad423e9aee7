import { Type, type Static } from '@sinclair/typebox';
import { Mailbox } from './mailbox';
import { Id } from './primitives';
import { ClientSettings } from './settings';

export const User = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    isAdmin: Type.Boolean(),
    organizationId: Type.String(),
  },
  { additionalProperties: false },
);
export type User = Static<typeof User>;

export const MeResponse = Type.Object(
  { user: User, mailbox: Mailbox, settings: ClientSettings },
  { additionalProperties: false },
);
export type MeResponse = Static<typeof MeResponse>;
