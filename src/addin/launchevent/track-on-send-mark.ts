import type { TrackSource } from '../../common/api/email';
import type { RecordRef, RecordType } from '../../common/api/primitives';
import { TRACK_ON_SEND_PROPERTY, TRACK_ON_SEND_SOURCE_PROPERTY, type ComposeMessage } from '../office/mailbox';

export interface TrackOnSendMark { source: TrackSource; regarding?: RecordRef }

// Not imported from common/api/primitives: that module would bring the schema library into the event bundle.
const RECORD_TYPES: readonly string[] = ['contact', 'account', 'lead', 'opportunity', 'case'] satisfies RecordType[];

/** The regarding in the mark's JSON (`{"regarding":{type,id}}`, as the pane writes it); `{}` (or anything unreadable) means none. */
export function regardingOfMark(value: string): RecordRef | undefined {
  try {
    const parsed = JSON.parse(value) as { regarding?: { type?: unknown; id?: unknown } | null; type?: unknown; id?: unknown } | null;
    // Top-level type/id is accepted too: drafts marked by an earlier build carry it so.
    const ref = parsed && parsed.regarding ? parsed.regarding : parsed;
    if (ref && typeof ref.type === 'string' && RECORD_TYPES.indexOf(ref.type) >= 0 && typeof ref.id === 'string' && ref.id) {
      return { type: ref.type as RecordType, id: ref.id };
    }
  } catch {
    // not JSON: a mark without regarding
  }
  return undefined;
}

/** The draft's "track when sent" mark, or null when it has none. */
export async function readTrackOnSendMark(message: ComposeMessage): Promise<TrackOnSendMark | null> {
  const value = await message.getCustomProperty(TRACK_ON_SEND_PROPERTY);
  if (value === null) return null;
  const source = await message.getCustomProperty(TRACK_ON_SEND_SOURCE_PROPERTY).catch(() => null);
  const regarding = regardingOfMark(value);
  return { source: source === 'auto-send' ? 'auto-send' : 'manual', ...(regarding && { regarding }) };
}

/** Marks a draft "track when sent" on the user's behalf. */
export async function markForTrackingOnSend(message: ComposeMessage): Promise<void> {
  await message.setCustomProperty(TRACK_ON_SEND_SOURCE_PROPERTY, 'auto-send');
  await message.setCustomProperty(TRACK_ON_SEND_PROPERTY, '{}');
}
