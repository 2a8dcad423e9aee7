import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { MeResponse } from '../../../common/api/me';
import { captureReadMessage, directionOf } from '../../capture/capture-message';
import { trackOperation } from '../../outbox/api-client';
import { useAnnouncement } from '../announcer';
import { useOutboxState } from '../outbox-state';
import { useServices, type SelectedItem } from '../services';
import { describeFailure } from '../words';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  counts: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** Each message moves the bar three times: loaded, captured, queued and sent. */
const STEPS_PER_MESSAGE = 3;

type Outcome = 'waiting' | 'tracked' | 'failed';

interface Run {
  running: boolean;
  finished: boolean;
  step: number;
  phase: string;
  skippedTracked: number;
  skippedTurnedOff: number;
  problems: string[];
  outcomes: Record<string, Outcome>;
}

const idle: Run = { running: false, finished: false, step: 0, phase: '', skippedTracked: 0, skippedTurnedOff: 0, problems: [], outcomes: {} };

/** Track several selected messages at once (Mailbox 1.13 multi-select), skipping those already tracked. */
export default function BulkTrackView({ items, me }: { items: SelectedItem[]; me: MeResponse }) {
  const styles = useStyles();
  const { api, mailbox, outbox } = useServices();
  const box = useOutboxState();
  const [run, setRun] = useState<Run>(idle);
  const alive = useRef(true);
  const total = items.length * STEPS_PER_MESSAGE;

  useEffect(() => {
    alive.current = true;
    const unsubscribe = outbox.subscribe((event) => {
      const outcome: Outcome | null = event.type === 'done' ? 'tracked' : event.type === 'failed' ? 'failed' : event.type === 'requeued' ? 'waiting' : null;
      if (!outcome) return;
      setRun((current) => (event.operation.id in current.outcomes ? { ...current, outcomes: { ...current.outcomes, [event.operation.id]: outcome } } : current));
    });
    return () => {
      alive.current = false;
      unsubscribe();
    };
  }, [outbox]);

  const outcomes = Object.values(run.outcomes);
  const tracked = outcomes.filter((o) => o === 'tracked').length;
  const failed = outcomes.filter((o) => o === 'failed').length;
  const waiting = outcomes.filter((o) => o === 'waiting').length;
  useAnnouncement(run.finished ? `Finished: ${tracked} tracked, ${run.skippedTracked} already tracked, ${waiting} waiting, ${failed} failed.` : run.running ? run.phase : null);

  async function start() {
    setRun({ ...idle, running: true, phase: 'Starting…' });
    const update = (change: (current: Run) => Run) => alive.current && setRun(change);
    const advanceTo = (step: number, phase?: string) => update((current) => ({ ...current, step: Math.max(current.step, step), ...(phase && { phase }) }));
    const queuedKeys = new Set(box.operations.filter((operation) => operation.state === 'pending').map((operation) => operation.messageKey));

    for (const [index, item] of items.entries()) {
      const base = index * STEPS_PER_MESSAGE;
      const name = `“${item.subject.trim() || '(no subject)'}”`;
      try {
        advanceTo(base, `Loading message ${index + 1} of ${items.length}: ${name}`);
        const message = await mailbox.loadMessage(item.itemId);
        advanceTo(base + 1, `Checking ${name}`);
        const method = directionOf(message, mailbox.userAddress) === 'incoming' ? me.mailbox.incomingMethod : me.mailbox.outgoingMethod;
        if (method === 'none') {
          update((current) => ({ ...current, skippedTurnedOff: current.skippedTurnedOff + 1 }));
          continue;
        }
        // The server is the truth about "already tracked"; when it cannot be asked, the track is sent anyway and the server dedupes it.
        const status = await api.status({ internetMessageId: message.internetMessageId }).catch(() => null);
        if (status?.tracked || queuedKeys.has(message.internetMessageId)) {
          update((current) => ({ ...current, skippedTracked: current.skippedTracked + 1 }));
          continue;
        }
        const request = await captureReadMessage(message, { userAddress: mailbox.userAddress, source: 'bulk', maxAttachmentKb: me.settings.maxAttachmentKb });
        advanceTo(base + 2, `Queuing ${name}`);
        const operation = await box.enqueue({ kind: 'track', request: trackOperation(request), label: `Track ${name}`, messageKey: message.internetMessageId });
        queuedKeys.add(message.internetMessageId);
        update((current) => ({ ...current, outcomes: { [operation.id]: current.outcomes[operation.id] ?? 'waiting', ...current.outcomes } }));
        await box.flush();
      } catch (error) {
        const failure = describeFailure(error);
        update((current) => ({ ...current, problems: [...current.problems, `${name} was not tracked: ${failure.detail}`] }));
      } finally {
        advanceTo(base + STEPS_PER_MESSAGE);
      }
    }
    update((current) => ({ ...current, running: false, finished: true, phase: 'Finished' }));
  }

  return (
    <div className={styles.root}>
      <Subtitle1 as="h1">{items.length} messages selected</Subtitle1>
      <Text>Docket tracks each selected message that is not tracked yet; messages already tracked are skipped, so running it again makes no duplicates.</Text>
      <div>
        <Button appearance="primary" disabled={run.running} onClick={() => void start()}>
          {`Track ${items.length} messages`}
        </Button>
      </div>
      {(run.running || run.finished) && (
        <Field label="Progress" validationMessage={run.phase} validationState="none">
          <ProgressBar value={run.step} max={total} aria-valuetext={`${Math.round((run.step / total) * 100)}%`} />
        </Field>
      )}
      {(run.running || run.finished) && (
        <ul className={styles.counts} aria-label="Results">
          <li>Tracked: {tracked}</li>
          <li>Already tracked (skipped): {run.skippedTracked}</li>
          {run.skippedTurnedOff > 0 && <li>Not tracked, synchronization method None: {run.skippedTurnedOff}</li>}
          <li>Waiting in the outbox: {waiting}</li>
          <li>Failed: {failed + run.problems.length}</li>
        </ul>
      )}
      {waiting > 0 && run.finished && (
        <MessageBar intent="info">
          <MessageBarBody>Messages waiting in the outbox will be tracked when the tracking server is reachable.</MessageBarBody>
        </MessageBar>
      )}
      {failed > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Some tracks failed</MessageBarTitle>
            The Outbox view shows each reason, with Retry and Discard.
          </MessageBarBody>
        </MessageBar>
      )}
      {run.problems.length > 0 && (
        <ul className={styles.problems} aria-label="Messages Docket could not read">
          {run.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
