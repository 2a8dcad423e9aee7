import {
  Badge,
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, useId, useState } from 'react';
import type { Email } from '../../../common/api/email';
import type { MeResponse } from '../../../common/api/me';
import type { CrmRecord } from '../../../common/api/record';
import { useAnnouncement } from '../announcer';
import { RegardingSearch } from '../regarding-search-lazy';
import type { ReadMessage } from '../services';
import { CORRELATION_WORDS, describeTrackers, queuedSentence } from '../words';
import { RECORD_TYPE_LABELS } from '../../../common/record-type-labels';
import { announcementFor, type MessageState } from './message-state';
import { Participants } from './participants';
import { useAutoTrack } from './use-auto-track';
import { useMessageTracking, type MessageTracking } from './use-message-tracking';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  subject: { wordBreak: 'break-word' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
  note: { color: tokens.colorNeutralForeground3 },
  // Card's look without Card: Card brings tabster's focus groups and would add a sixth to what
  // a read-mode pane downloads, for a block of static facts that needs no focus handling.
  trackedCard: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  trackedHeader: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

type Picking = null | 'track-with-regarding' | 'change-regarding';

/** The read-mode pane for one message: its state, the actions it allows, and its participants. */
export function ReadMessageView({ message, me }: { message: ReadMessage; me: MeResponse }) {
  const styles = useStyles();
  const tracking = useMessageTracking(message, me);
  const autoReason = useAutoTrack(message, me, tracking);
  const [picking, setPicking] = useState<Picking>(null);
  useAnnouncement(announcementFor(tracking.state));

  async function pick(record: CrmRecord) {
    const regarding = { type: record.type, id: record.id };
    const mode = picking;
    setPicking(null);
    if (mode === 'track-with-regarding') await tracking.track({ regarding });
    else await tracking.setRegarding(regarding);
  }

  return (
    <div className={styles.root}>
      <Subtitle1 as="h1" className={styles.subject}>
        {message.subject.trim() || '(no subject)'}
      </Subtitle1>
      {picking ? (
        <Suspense fallback={<Spinner size="tiny" label="Loading the record search…" />}>
          <RegardingSearch
            label={picking === 'track-with-regarding' ? 'Track and set regarding: find the record' : 'Change regarding: find the record'}
            onPick={(record) => void pick(record)}
            onCancel={() => setPicking(null)}
          />
        </Suspense>
      ) : (
        <StateView state={tracking.state} tracking={tracking} me={me} onPick={setPicking} autoReason={autoReason} />
      )}
      {tracking.actionProblem && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{tracking.actionProblem.title}</MessageBarTitle>
            {tracking.actionProblem.detail}
          </MessageBarBody>
        </MessageBar>
      )}
      <Participants message={message} />
    </div>
  );
}

function StateView(props: { state: MessageState; tracking: MessageTracking; me: MeResponse; onPick(mode: Picking): void; autoReason: string | null }) {
  const { state, tracking } = props;
  const styles = useStyles();
  const preparing = tracking.busy === 'track';
  const trackButtons = (
    <div className={styles.actions}>
      <Button appearance="primary" disabled={preparing} onClick={() => void tracking.track()}>
        {preparing ? 'Preparing…' : 'Track'}
      </Button>
      <Button disabled={preparing} onClick={() => props.onPick('track-with-regarding')}>
        Track and set regarding…
      </Button>
    </div>
  );

  switch (state.kind) {
    case 'loading':
      return <Spinner size="small" label="Checking whether this message is tracked…" />;

    case 'turned-off':
      return <TurnedOff sentence={state.sentence} />;

    case 'handled-by-server':
      return (
        <>
          <MessageBar intent="info">
            <MessageBarBody>
              <MessageBarTitle>Handled by the server</MessageBarTitle>
              {state.sentence}{' '}
              {state.manualTrack
                ? 'Docket does not track it automatically here; you can still track it by hand, for example to set its regarding record.'
                : 'There is nothing to do in Outlook.'}
            </MessageBarBody>
          </MessageBar>
          {state.manualTrack && trackButtons}
        </>
      );

    case 'not-tracked':
      return (
        <>
          <div>
            <Badge appearance="outline" color="informative">
              Not tracked
            </Badge>
          </div>
          {state.statusProblem && (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>Could not ask the tracking server</MessageBarTitle>
                {state.statusProblem.detail} Track still works: it waits in the outbox until the server answers.
              </MessageBarBody>
            </MessageBar>
          )}
          {trackButtons}
        </>
      );

    case 'queued':
      return (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Queued</MessageBarTitle>
            {state.operation.label}. {queuedSentence(state.operation.kind)}
            {state.operation.lastError && (
              <>
                {' '}
                Last attempt: {state.operation.lastError.title} — {state.operation.lastError.detail}
              </>
            )}
            {props.autoReason && <> Tracked automatically: {props.autoReason}</>}
          </MessageBarBody>
        </MessageBar>
      );

    case 'failed': {
      const error = state.operation.lastError;
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`${state.operation.label} failed`}</MessageBarTitle>
            {error ? `${error.title}: ${error.detail}` : 'The tracking server refused it without a reason.'}
          </MessageBarBody>
          <MessageBarActions>
            <Button disabled={tracking.busy !== null} onClick={() => void tracking.retry(state.operation.id)}>
              Retry
            </Button>
            <Button disabled={tracking.busy !== null} onClick={() => void tracking.discard(state.operation.id)}>
              Discard
            </Button>
          </MessageBarActions>
        </MessageBar>
      );
    }

    case 'tracked':
      return <TrackedCard email={state.email} tracking={tracking} me={props.me} onPick={props.onPick} autoReason={props.autoReason} />;
  }
}

function TrackedCard(props: { email: Email; tracking: MessageTracking; me: MeResponse; onPick(mode: Picking): void; autoReason: string | null }) {
  const { email, tracking } = props;
  const styles = useStyles();
  const busy = tracking.busy !== null;
  return (
    <section className={styles.trackedCard} aria-label="Tracking">
      <div className={styles.trackedHeader}>
        <div>
          <Badge appearance="filled" color="success">
            Tracked
          </Badge>
        </div>
        {props.autoReason && <Caption1 className={styles.note}>Tracked automatically: {props.autoReason}</Caption1>}
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>Regarding</dt>
        <dd className={styles.detail}>
          {email.regarding ? (
            <Text>
              {email.regarding.name} ({RECORD_TYPE_LABELS[email.regarding.type]})
            </Text>
          ) : (
            <Text>No regarding record yet</Text>
          )}
        </dd>
        <dt className={styles.term}>Tracked by</dt>
        <dd className={styles.detail}>{describeTrackers(email.trackers, props.me.user.id)}</dd>
        <dt className={styles.term}>Linked</dt>
        <dd className={styles.detail}>{CORRELATION_WORDS[email.correlationMethod]}</dd>
      </dl>
      {email.notices.map((notice) => (
        <MessageBar key={`${notice.code}:${notice.message}`} intent="warning">
          <MessageBarBody>{notice.message}</MessageBarBody>
        </MessageBar>
      ))}
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => props.onPick('change-regarding')}>
          {email.regarding ? 'Change regarding…' : 'Set regarding…'}
        </Button>
        {email.regarding && (
          <Button disabled={busy} onClick={() => void tracking.setRegarding(null)}>
            Clear regarding
          </Button>
        )}
        <Button disabled={busy} onClick={() => void tracking.untrack()}>
          Untrack
        </Button>
      </div>
    </section>
  );
}

function TurnedOff({ sentence }: { sentence: string }) {
  const styles = useStyles();
  const reasonId = useId();
  return (
    <>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Tracking is turned off</MessageBarTitle>
          <span id={reasonId}>{sentence}</span> Ask your administrator to change the mailbox's synchronization method if this mail should be tracked.
        </MessageBarBody>
      </MessageBar>
      <div className={styles.actions}>
        <Button appearance="primary" disabled aria-describedby={reasonId}>
          Track
        </Button>
      </div>
    </>
  );
}
