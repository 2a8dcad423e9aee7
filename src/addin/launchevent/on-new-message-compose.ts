import { TRACK_ON_SEND_PROPERTY } from '../office/mailbox';
import type { TokenProvider } from '../outbox';
import { ApiClient } from '../outbox/api-client';
import type { EventContext } from './event-context';
import { createEventOutbox } from './event-outbox';
import { loadMe } from './me-cache';
import { markForTrackingOnSend } from './track-on-send-mark';
import { ensureTrackingToken } from './tracking-token';
import { withTimeout } from './with-timeout';

export const COMPOSE_TIMEOUTS = { meMs: 2000, checkMs: 2500, flushMs: 2000 };

/**
 * OnNewMessageCompose. With a Docket sign-in: stamps `X-Docket-Token` on the new message (and
 * keeps the token with the draft). For a reply or forward in a conversation the user already
 * tracks, when their outgoing method is `outlook` and automatic tracking is on (every filter but
 * `none` tracks replies to tracked mail, src/common/tracking-policy.ts), marks the
 * draft "track on send" and says so in the notification bar. Then drains the outbox.
 */
export async function handleNewMessageCompose(context: EventContext): Promise<void> {
  const tokens = context.tokens;
  const token = await tokens.getToken();
  if (!token) return;
  const { message } = context;
  await ensureTrackingToken(message);
  try {
    await markReplyInTrackedConversation(context, token, tokens);
  } finally {
    await createEventOutbox(context, tokens).flushWithin(COMPOSE_TIMEOUTS.flushMs);
  }
}

async function markReplyInTrackedConversation(context: EventContext, token: string, tokens: TokenProvider): Promise<void> {
  const { message } = context;
  const conversationId = message.conversationId;
  if (!conversationId) return;
  const composeType = await message.getComposeType();
  if (composeType === 'new') return;
  if ((await message.getCustomProperty(TRACK_ON_SEND_PROPERTY)) !== null) return; // the user already chose
  const client = new ApiClient({ baseUrl: context.apiOrigin, tokenProvider: tokens, fetch: context.fetch });
  const me = await loadMe({ client, store: context.store, token, now: context.now, timeoutMs: COMPOSE_TIMEOUTS.meMs });
  if (!me || me.mailbox.outgoingMethod !== 'outlook' || me.mailbox.trackingFilter === 'none') return;
  // A check that names only the conversation answers `tracked` when the caller tracks an email of it.
  const answer = await withTimeout(client.check({ direction: 'outgoing', conversationId, automatic: true }), COMPOSE_TIMEOUTS.checkMs, 'POST /api/v1/emails/check');
  if (!answer.tracked) return;
  await markForTrackingOnSend(message);
  const what = composeType === 'reply' ? 'reply' : 'forwarded message';
  await message.showNotification(TRACK_ON_SEND_PROPERTY, `Docket will track this ${what} when it is sent.`);
}
