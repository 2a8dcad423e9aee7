import type { TrackSource } from '../../common/api/email';
import type { RecordRef, RecordType } from '../../common/api/primitives';
import { TRACK_ON_SEND_PROPERTY, type ComposeMessage } from '../office/mailbox';

/**
 * Set to `auto-send` beside TRACK_ON_SEND_PROPERTY when Docket itself marked the draft (a reply
 * in a conversation the user tracks). Without it, the mark is the user's own "track on send",
 * so the track is recorded as `manual`. The task pane clears it when the user changes the toggle.
 */
export const TRACK_ON_SEND_SOURCE_PROPERTY = 'docketTrackOnSendSource';

export interface TrackOnSendMark { source: TrackSource; regarding?: RecordRef }

// Not imported from common/api/primitives: that module would bring the schema library into the event bundle.
const RECORD_TYPES: readonly string[] = ['contact', 'account', 'lead', 'opportunity', 'case'] satisfies RecordType[];

/** The regarding in the mark's JSON, when it names one; `{}` (or anything unreadable) means none. */
export function regardingOfMark(value: string): RecordRef | undefined {
  try {
    const parsed = JSON.parse(value) as { type?: unknown; id?: unknown } | null;
    if (parsed && typeof parsed.type === 'string' && RECORD_TYPES.indexOf(parsed.type) >= 0 && typeof parsed.id === 'string' && parsed.id) {
      return { type: parsed.type as RecordType, id: parsed.id };
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
