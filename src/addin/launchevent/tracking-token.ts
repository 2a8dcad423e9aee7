import { isTrackingToken } from '../capture/api-rules';
import { TRACKING_TOKEN_HEADER, type ComposeMessage } from '../office/mailbox';
import { randomUuid } from '../outbox/random-uuid';

/** Custom property keeping the draft's tracking token, so the send handler reuses the one stamped in compose. */
export const TRACKING_TOKEN_PROPERTY = 'docketToken';

/**
 * The draft's tracking token: the one saved with the draft, else the one already in its
 * header, else a new UUID. Makes sure the `X-Docket-Token` header carries it, so a later
 * copy of the sent message (Sent Items, a colleague's inbox) links to the send-time record.
 * A header that cannot be stamped does not stop tracking: the token still names the record.
 */
export async function ensureTrackingToken(message: ComposeMessage): Promise<string> {
  const saved = await message.getCustomProperty(TRACKING_TOKEN_PROPERTY).catch(() => null);
  const stamped = await message.getInternetHeader(TRACKING_TOKEN_HEADER).catch(() => null);
  const token = isTrackingToken(saved) ? saved : isTrackingToken(stamped) ? stamped : randomUuid();
  if (stamped !== token) {
    await message.setInternetHeader(TRACKING_TOKEN_HEADER, token).catch((error: unknown) => console.warn('Docket: could not stamp the X-Docket-Token header', error));
  }
  if (saved !== token) {
    await message.setCustomProperty(TRACKING_TOKEN_PROPERTY, token).catch((error: unknown) => console.warn('Docket: could not save the tracking token with the draft', error));
  }
  return token;
}
