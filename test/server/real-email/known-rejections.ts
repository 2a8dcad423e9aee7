/**
 * Real messages of the public corpus that cannot be tracked today, by cause. The round-trip
 * test expects each of these to fail in exactly this way, so a change in the server that
 * fixes (or breaks) one shows up; the `.failing` tests say what the product should do.
 */
export type Rejection =
  /** 400: the Message-ID is not `<left@right>` without spaces (Lotus Notes X.400 ids, `<123@>`, `<PM2000…>`, ids with no @). */
  | 'message-id-form'
  /** 400: a From, To or Cc address the API's address pattern refuses (`""@host`, `"a@b"@host`, `Undisclosed-Recipient:;@host`, two @). */
  | 'address-form'
  /** 422: no Message-ID at all (or `<>`) and no tracking token. */
  | 'no-message-id'
  /** The message names no sender anywhere (no From, Sender or Return-Path), so no request can be built. */
  | 'no-sender';

const BY_CAUSE: Record<Rejection, string[]> = {
  'message-id-form': [],
  'address-form': [],
  'no-message-id': ['spam-2/00357', 'spam-2/00712'],
  'no-sender': ['spam-2/00030', 'spam-2/00114'],
};

export const KNOWN_REJECTIONS: ReadonlyMap<string, Rejection> = new Map(
  (Object.entries(BY_CAUSE) as Array<[Rejection, string[]]>).flatMap(([cause, ids]) => ids.map((id) => [id, cause] as const)),
);

/** The HTTP status the server answers for each cause (`null`: no request could be made). */
export const REJECTION_STATUS: Record<Rejection, number | null> = {
  'message-id-form': 400,
  'address-form': 400,
  'no-message-id': 422,
  'no-sender': null,
};
