import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Email, EmailDetail, TrackResponse, TrackSource } from '../../../common/api/email';
import type { MeResponse } from '../../../common/api/me';
import type { RecordRef } from '../../../common/api/primitives';
import type { SyncMethod } from '../../../common/sync-methods';
import { captureReadMessage, directionOf, parseReferences, trackingTokenOf } from '../../capture/capture-message';
import { setRegardingOperation, trackOperation, untrackOperation } from '../../outbox/api-client';
import { useOutboxState } from '../outbox-state';
import { useServices, type ReadMessage } from '../services';
import { describeFailure, methodSentence } from '../words';
import { useAutoTrackGuard } from './auto-track-guard';
import { deriveMessageState, type MessageState } from './message-state';

export interface Problem { title: string; detail: string }

export interface MessageTracking {
  state: MessageState;
  /** How the mailbox tracks mail of this message's direction. */
  method: SyncMethod;
  headersRead: boolean;
  /** An action that could not even be queued (e.g. Outlook refused the body). */
  actionProblem: Problem | null;
  /** The action being prepared (capturing the message), for button spinners. */
  busy: 'track' | 'untrack' | 'regarding' | 'retry' | 'discard' | null;
  track(options?: { regarding?: RecordRef; source?: TrackSource }): Promise<void>;
  untrack(): Promise<void>;
  setRegarding(regarding: RecordRef | null): Promise<void>;
  retry(operationId: string): Promise<void>;
  discard(operationId: string): Promise<void>;
}

function subjectLabel(subject: string): string {
  const trimmed = subject.trim() || '(no subject)';
  return trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed;
}

/**
 * A copy found by its tracking token (the Sent Items copy of a message tracked at send) whose
 * Message-ID the stored email does not know yet, or that could correlate it better by its
 * In-Reply-To/References: tracking this copy links it to the same email (no second tracker).
 */
function copyShouldLink(email: Email, messageKey: string, headers: Record<string, string>): boolean {
  if (!messageKey.trim()) return false;
  if (email.internetMessageId === null) return true;
  const threaded = parseReferences(headers['in-reply-to']).length > 0 || parseReferences(headers.references).length > 0;
  return email.correlationMethod !== 'in-reply-to' && threaded;
}

function emailOf(detail: EmailDetail): Email {
  const { body: _body, bcc: _bcc, ...email } = detail;
  return email;
}

/** Tracking status of one opened message, and the writes on it (all through the outbox). */
export function useMessageTracking(message: ReadMessage, me: MeResponse): MessageTracking {
  const { api, mailbox, outbox } = useServices();
  const box = useOutboxState();
  const guard = useAutoTrackGuard();
  const key = message.internetMessageId;
  const [headersRead, setHeadersRead] = useState(false);
  const [statusLoading, setStatusLoading] = useState(true);
  const [email, setEmail] = useState<Email | null>(null);
  const [statusProblem, setStatusProblem] = useState<Problem | null>(null);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<MessageTracking['busy']>(null);
  /** Bumped by every answer the outbox delivers, so an older status reply cannot overwrite it. */
  const version = useRef(0);
  /** What the status effect needs to queue a link, without re-running on every render. */
  const forLink = useRef({ message, me, box });
  forLink.current = { message, me, box };

  const direction = directionOf(message, mailbox.userAddress);
  const method = direction === 'incoming' ? me.mailbox.incomingMethod : me.mailbox.outgoingMethod;

  useEffect(() => {
    let cancelled = false;
    const linkCopy = async () => {
      const { message: copy, me: settings, box: queue } = forLink.current;
      try {
        const request = await captureReadMessage(copy, { userAddress: mailbox.userAddress, source: 'auto-read', maxAttachmentKb: settings.settings.maxAttachmentKb });
        await queue.enqueue({ kind: 'track', request: trackOperation(request), label: `Link “${subjectLabel(copy.subject)}”`, messageKey: key });
      } catch (error) {
        // The copy still shows tracked; say why its Message-ID could not be linked.
        if (!cancelled) setActionProblem(describeFailure(error));
      }
    };
    void (async () => {
      const headers = await message.getInternetHeaders().catch(() => ({}) as Record<string, string>);
      if (cancelled) return;
      const safeToken = trackingTokenOf(headers);
      setHeadersRead(true);
      const started = version.current;
      if (!key.trim() && !safeToken) {
        // Nothing identifies the message yet (Outlook has not given it a Message-ID): nothing to ask.
        setStatusLoading(false);
        return;
      }
      try {
        const status = await api.status({ internetMessageId: key.trim(), ...(safeToken && { trackingToken: safeToken }) });
        if (cancelled) return;
        const found = status.tracked ? (status.email ?? null) : null;
        if (started === version.current) setEmail(found);
        setStatusProblem(null);
        if (found && safeToken && copyShouldLink(found, key, headers) && guard?.claimLink(key)) void linkCopy();
      } catch (error) {
        if (cancelled) return;
        setStatusProblem(describeFailure(error));
      } finally {
        if (!cancelled) setStatusLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // A pinned pane gets a new message object per ItemChanged; the Message-ID says whether it is another message.
  }, [api, key]);

  useEffect(
    () =>
      outbox.subscribe((event) => {
        if (event.type !== 'done' || event.operation.messageKey !== key) return;
        version.current++;
        if (event.operation.kind === 'track') setEmail((event.response as TrackResponse).email);
        else if (event.operation.kind === 'set-regarding') setEmail(emailOf(event.response as EmailDetail));
        else if (event.operation.kind === 'untrack') setEmail(null);
        setStatusProblem(null);
      }),
    [outbox, key],
  );

  const operations = useMemo(() => box.operations.filter((operation) => operation.messageKey === key), [box.operations, key]);

  const state = deriveMessageState({
    operations,
    statusLoading: statusLoading || !box.loaded,
    email,
    statusProblem,
    method,
    methodSentence: methodSentence(direction, method),
  });

  const run = useCallback(async (what: NonNullable<MessageTracking['busy']>, action: () => Promise<unknown>) => {
    setBusy(what);
    setActionProblem(null);
    try {
      await action();
    } catch (error) {
      setActionProblem(describeFailure(error));
    } finally {
      setBusy(null);
    }
  }, []);

  const label = subjectLabel(message.subject);

  const track = useCallback(
    (options: { regarding?: RecordRef; source?: TrackSource } = {}) =>
      run('track', async () => {
        const request = await captureReadMessage(message, {
          userAddress: mailbox.userAddress,
          source: options.source ?? 'manual',
          maxAttachmentKb: me.settings.maxAttachmentKb,
          ...(options.regarding && { regarding: options.regarding }),
        });
        await box.enqueue({ kind: 'track', request: trackOperation(request), label: `Track “${label}”`, messageKey: key });
      }),
    [run, message, mailbox, me, box, label, key],
  );

  const emailId = email?.id;
  const untrack = useCallback(
    () =>
      run('untrack', async () => {
        if (!emailId) throw new Error('This message is not tracked, so there is nothing to untrack.');
        // The user chose "not tracked": automatic tracking must not undo that in this session.
        guard?.settle(key);
        await box.enqueue({ kind: 'untrack', request: untrackOperation(emailId), label: `Untrack “${label}”`, messageKey: key });
      }),
    [run, emailId, box, label, key, guard],
  );

  const setRegarding = useCallback(
    (regarding: RecordRef | null) =>
      run('regarding', async () => {
        if (!emailId) throw new Error('Track this message before choosing what it is regarding.');
        const what = regarding ? 'Set regarding' : 'Clear regarding';
        await box.enqueue({ kind: 'set-regarding', request: setRegardingOperation(emailId, regarding), label: `${what} of “${label}”`, messageKey: key });
      }),
    [run, emailId, box, label, key],
  );

  const retry = useCallback((id: string) => run('retry', () => box.retry(id)), [run, box]);
  const discard = useCallback((id: string) => run('discard', () => box.discard(id)), [run, box]);

  return { state, method, headersRead, actionProblem, busy, track, untrack, setRegarding, retry, discard };
}
