import type { TrackSource } from '../../common/api/email';
import type { MeResponse } from '../../common/api/me';
import type { RecordRef } from '../../common/api/primitives';
import { apiAddressesOf, captureComposeMessage } from '../capture/capture-message';
import type { ComposeMessage } from '../office/mailbox';
import { ApiClient, ApiError, trackOperation } from '../outbox/api-client';
import type { EventContext } from './event-context';
import { createEventOutbox } from './event-outbox';
import { loadMe } from './me-cache';
import { readTrackOnSendMark } from './track-on-send-mark';
import { ensureTrackingToken } from './tracking-token';
import { withTimeout } from './with-timeout';

export const SEND_TIMEOUTS = { meMs: 2000, checkMs: 2500, flushMs: 3000, idleFlushMs: 1500 };

/** Dynamics' default attachment limit, used when `/me` is unknown; the server applies the real one. */
const DEFAULT_MAX_ATTACHMENT_KB = 5120;

interface SendDecision { source: TrackSource; regarding?: RecordRef }

/** Whether a status means "the server looked and said no" rather than "the server is not there". */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/**
 * Should this unmarked message be tracked automatically? Only with outgoing method `outlook`
 * and a filter other than `none`, and when the server's check says so. When the server cannot
 * be reached, the track is queued anyway as `auto-send`: the server applies the filter when it
 * arrives, and a backend outage must not lose the track of a message that matched.
 */
async function decideAutomatically(client: ApiClient, message: ComposeMessage, me: MeResponse | null, trackingToken: string): Promise<SendDecision | null> {
  if (!me || me.mailbox.outgoingMethod !== 'outlook' || me.mailbox.trackingFilter === 'none') return null;
  const recipients = await message.getRecipients();
  const to = apiAddressesOf(recipients.to);
  const cc = apiAddressesOf(recipients.cc);
  const bcc = apiAddressesOf(recipients.bcc);
  if (to.length + cc.length + bcc.length === 0) return null;
  try {
    const answer = await withTimeout(
      client.check({
        direction: 'outgoing',
        // The token keeps the check about this message (a check naming only the conversation asks about the thread).
        trackingToken,
        ...(message.conversationId && { conversationId: message.conversationId }),
        to,
        cc,
        bcc,
        automatic: true,
      }),
      SEND_TIMEOUTS.checkMs,
      'POST /api/v1/emails/check',
    );
    return answer.shouldTrack ? { source: 'auto-send' } : null;
  } catch (error) {
    if (isRefusal(error)) return null;
    console.warn('Docket: the tracking server did not answer the check; queueing the track for it to decide', error);
    return { source: 'auto-send' };
  }
}

/**
 * OnMessageSend. Tracks the message when the draft is marked "track on send", or when automatic
 * tracking applies: captures it (body, recipients, attachments within the org limit, the
 * token stamped in compose), stores the track in the outbox, and only then tries to send it
 * for up to three seconds. The caller lets the send go on whatever happens here.
 *
 * Without a sign-in token here (Office's sign-on had none to give), a message the user marked
 * is still captured and queued: the task pane sends it with its own sign-in. Automatic tracking
 * needs the user's method and filter, so it waits for a token.
 */
export async function handleMessageSend(context: EventContext): Promise<void> {
  const { message, tokens } = context;
  const [token, mark] = await Promise.all([
    tokens.getToken(),
    readTrackOnSendMark(message).catch((error: unknown) => {
      console.warn('Docket: could not read the track-on-send mark', error);
      return null;
    }),
  ]);
  if (!token && !mark) return;
  const outbox = createEventOutbox(context, tokens);
  const trackingToken = await ensureTrackingToken(message);
  const client = new ApiClient({ baseUrl: context.apiOrigin, tokenProvider: tokens, fetch: context.fetch });
  const me = token ? await loadMe({ client, store: context.store, token, now: context.now, timeoutMs: SEND_TIMEOUTS.meMs }) : null;
  const decision = mark ?? (await decideAutomatically(client, message, me, trackingToken));
  if (!decision) {
    await outbox.flushWithin(SEND_TIMEOUTS.idleFlushMs);
    return;
  }
  const request = await captureComposeMessage(message, {
    trackingToken,
    source: decision.source,
    maxAttachmentKb: me?.settings.maxAttachmentKb ?? DEFAULT_MAX_ATTACHMENT_KB,
    ...(decision.regarding && { regarding: decision.regarding }),
    sentAt: new Date(context.now()).toISOString(),
  });
  await outbox.enqueue({
    kind: 'track',
    request: trackOperation(request),
    label: `Track “${request.subject || '(no subject)'}”`,
    messageKey: trackingToken,
  });
  if (token) await outbox.flushWithin(SEND_TIMEOUTS.flushMs);
  else console.warn('Docket: no sign-in token in the event runtime; the track waits in the outbox for the task pane');
}
