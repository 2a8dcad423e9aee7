import { useEffect, useRef, useState } from 'react';
import type { MeResponse } from '../../../common/api/me';
import { captureCheckRequest } from '../../capture/capture-message';
import { useServices, type ReadMessage } from '../services';
import { useAutoTrackGuard } from './auto-track-guard';
import type { MessageTracking } from './use-message-tracking';

/**
 * DESIGN §4: with method `outlook` and a filter other than `none`, the pane tracks each
 * message the user opens that the server's check says matches the filter (source `auto-read`).
 * Returns the server's reason once it tracked automatically, for the pane to show.
 */
export function useAutoTrack(message: ReadMessage, me: MeResponse, tracking: MessageTracking): string | null {
  const { api, mailbox } = useServices();
  const guard = useAutoTrackGuard();
  const [reason, setReason] = useState<string | null>(null);
  const eligible =
    guard !== null &&
    tracking.method === 'outlook' &&
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
        const check = await api.check(await captureCheckRequest(latest.current.message, { userAddress: mailbox.userAddress }));
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
  }, [eligible, guard, api, mailbox, message.internetMessageId]);

  return reason;
}
