import type { TrackSource } from '../../common/api/email';
import type { RecordRef } from '../../common/api/primitives';
import { parseTrackOnSend } from '../capture/track-on-send-value';
import { TRACK_ON_SEND_PROPERTY, TRACK_ON_SEND_SOURCE_PROPERTY, type ComposeMessage } from '../office/mailbox';

export interface TrackOnSendMark { source: TrackSource; regarding?: RecordRef }

/** The draft's "track when sent" mark, or null when it has none. */
export async function readTrackOnSendMark(message: ComposeMessage): Promise<TrackOnSendMark | null> {
  const { on, regarding } = parseTrackOnSend(await message.getCustomProperty(TRACK_ON_SEND_PROPERTY));
  if (!on) return null;
  const source = await message.getCustomProperty(TRACK_ON_SEND_SOURCE_PROPERTY).catch(() => null);
  return { source: source === 'auto-send' ? 'auto-send' : 'manual', ...(regarding && { regarding }) };
}

/** Marks a draft "track when sent" on the user's behalf. */
export async function markForTrackingOnSend(message: ComposeMessage): Promise<void> {
  await message.setCustomProperty(TRACK_ON_SEND_SOURCE_PROPERTY, 'auto-send');
  await message.setCustomProperty(TRACK_ON_SEND_PROPERTY, '{}');
}
