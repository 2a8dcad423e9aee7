import { useEffect, useRef, useState } from 'react';
import { useAutoTrackGuard } from './auto-track-guard';
import type { CheckRequest } from '../../../common/api/email';
import type { MeResponse } from '../../../common/api/me';
import { parseReferences } from '../../capture/capture-message';
import { isApiAddress } from '../address-rule';
import { useServices, type MailAddress, type ReadMessage } from '../services';
import type { MessageTracking } from './use-message-tracking';

export { AutoTrackGuard, AutoTrackGuardProvider, useAutoTrackGuard } from './auto-track-guard';

function toAddress(a: MailAddress) {
  const name = a.name?.slice(0, 256);
  return name ? { address: a.address, name } : { address: a.address };
}

async function checkRequestFor(message: ReadMessage, direction: CheckRequest['direction'], trackingToken: string | null): Promise<CheckRequest> {
  const headers = await message.getInternetHeaders().catch(() => ({}) as Record<string, string>);
  const inReplyTo = parseReferences(headers['in-reply-to'])[0];
  const references = parseReferences(headers.references).slice(-200);
  return {
    direction,
    ...(message.internetMessageId.trim() && { internetMessageId: message.internetMessageId.trim() }),
    ...(trackingToken && { trackingToken }),
    ...(message.conversationId && { conversationId: message.conversationId.slice(0, 512) }),
    ...(inReplyTo && { inReplyTo }),
    ...(references.length > 0 && { references }),
    ...(isApiAddress(message.from.address) && { from: toAddress(message.from) }),
    to: message.to.filter((a) => isApiAddress(a.address)).map(toAddress),
    cc: message.cc.filter((a) => isApiAddress(a.address)).map(toAddress),
    automatic: true,
  };
}

/**
 * DESIGN §4: with method `outlook` and a filter other than `none`, the pane tracks each
 * message the user opens that the server's check says matches the filter (source `auto-read`).
 * Returns the server's reason once it tracked automatically, for the pane to show.
 */
export function useAutoTrack(message: ReadMessage, me: MeResponse, tracking: MessageTracking): string | null {
  const { api } = useServices();
  const guard = useAutoTrackGuard();
  const [reason, setReason] = useState<string | null>(null);
  const method = tracking.direction === 'incoming' ? me.mailbox.incomingMethod : me.mailbox.outgoingMethod;
  const eligible =
    guard !== null &&
    method === 'outlook' &&
    me.mailbox.trackingFilter !== 'none' &&
    tracking.headersRead &&
    tracking.state.kind === 'not-tracked' &&
    tracking.state.statusProblem === null;
  // The first settled look at a message claims it whatever its state: a message first seen tracked
  // (then untracked) is never tracked automatically later in this session. Only a "not tracked"
  // state, or one the status lookup could not establish, leaves the claim to the check below.
  const kind = tracking.state.kind;
  const seenSettled = tracking.headersRead && kind !== 'loading' && kind !== 'not-tracked';
  useEffect(() => {
    if (guard && seenSettled) guard.settle(message.internetMessageId);
  }, [guard, seenSettled, message.internetMessageId]);
  // The latest values, read when the check answers; the effect itself runs once per message.
  const latest = useRef({ tracking, message });
  latest.current = { tracking, message };

  useEffect(() => {
    if (!eligible || !guard.claim(message.internetMessageId)) return;
    const key = message.internetMessageId;
    let cancelled = false;
    let started = false;
    void (async () => {
      try {
        const { tracking: now } = latest.current;
        const check = await api.check(await checkRequestFor(latest.current.message, now.direction, now.trackingToken));
        if (cancelled || !check.shouldTrack || check.tracked) return;
        started = true;
        setReason(check.message);
        await latest.current.tracking.track({ source: 'auto-read' });
      } catch {
        // Automatic tracking is a convenience: when the check fails the user still sees "not tracked" and Track.
      }
    })();
    return () => {
      cancelled = true;
      if (!started) guard.release(key);
    };
  }, [eligible, guard, api, message.internetMessageId]);

  return reason;
}
