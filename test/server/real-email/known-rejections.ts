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
  'message-id-form': [
    'easy-ham-1/00177', 'spam-1/00236', 'spam-1/00237', 'spam-1/00243', 'spam-1/00253', 'spam-1/00498',
    'spam-2/00013', 'spam-2/00017', 'spam-2/00020', 'spam-2/00026', 'spam-2/00032', 'spam-2/00033',
    'spam-2/00034', 'spam-2/00039', 'spam-2/00041', 'spam-2/00043', 'spam-2/00050', 'spam-2/00053',
    'spam-2/00058', 'spam-2/00059', 'spam-2/00062', 'spam-2/00063', 'spam-2/00066', 'spam-2/00067',
    'spam-2/00073', 'spam-2/00074', 'spam-2/00075', 'spam-2/00078', 'spam-2/00079', 'spam-2/00088',
    'spam-2/00089', 'spam-2/00091', 'spam-2/00105', 'spam-2/00120', 'spam-2/00126', 'spam-2/00139',
    'spam-2/00144', 'spam-2/00166', 'spam-2/00322', 'spam-2/00423', 'spam-2/00486', 'spam-2/00535',
    'spam-2/00650', 'spam-2/00737', 'spam-2/00748', 'spam-2/00791', 'spam-2/00801', 'spam-2/00823',
    'spam-2/00917', 'spam-2/00935', 'spam-2/01015', 'spam-2/01023', 'spam-2/01025', 'spam-2/01027',
    'spam-2/01060', 'spam-2/01245', 'spam-2/01308',
  ],
  'address-form': [
    'easy-ham-1/00714', 'easy-ham-2/01324', 'easy-ham-2/01325', 'easy-ham-2/01326', 'hard-ham-1/00247',
    'spam-1/00096', 'spam-1/00133', 'spam-1/00319', 'spam-2/00038', 'spam-2/00080', 'spam-2/00104',
    'spam-2/00208', 'spam-2/00677', 'spam-2/00778', 'spam-2/00929', 'spam-2/00930',
  ],
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
