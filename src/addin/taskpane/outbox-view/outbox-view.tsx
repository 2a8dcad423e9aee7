import { Badge, Button, Caption1, Card, CardHeader, MessageBar, MessageBarBody, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { OutboxOperation } from '../../outbox';
import { useAnnouncement } from '../announcer';
import { useOutboxState } from '../outbox-state';
import { describeFailure, queuedSentence, sendNowOutcome } from '../words';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground3 },
});

/** Everything the add-in still owes the tracking server, and what failed with its reason. */
export default function OutboxView() {
  const styles = useStyles();
  const box = useOutboxState();
  const [problem, setProblem] = useState<string | null>(null);
  const [sendOutcome, setSendOutcome] = useState<ReturnType<typeof sendNowOutcome> | null>(null);
  const pending = box.operations.filter((operation) => operation.state === 'pending');
  const failed = box.operations.filter((operation) => operation.state === 'failed');
  useAnnouncement(sendOutcome?.text ?? null);

  async function act(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(describeFailure(error).detail);
    }
  }

  function sendNow() {
    const waitingBefore = pending;
    setSendOutcome(null);
    void act(async () => {
      const report = await box.sendAllNow();
      // Null: the outbox itself failed, and the pane already says why.
      if (report) setSendOutcome(sendNowOutcome(waitingBefore, report.operations));
    });
  }

  return (
    <div className={styles.root}>
      <Subtitle1 as="h1">Outbox</Subtitle1>
      <Text>Every track, untrack and regarding change is stored here first, then sent; nothing is lost while the tracking server is away.</Text>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {sendOutcome && (
        <MessageBar intent={sendOutcome.intent}>
          <MessageBarBody>{sendOutcome.text}</MessageBarBody>
        </MessageBar>
      )}
      {box.operations.length === 0 ? (
        <Text>Nothing is waiting: everything has reached the tracking server.</Text>
      ) : (
        <>
          {pending.length > 0 && (
            <div className={styles.actions}>
              {/* Failed operations stay failed: each has its own Retry, so a refusal is never resent unseen. */}
              <Button disabled={box.sendingAll} onClick={sendNow}>
                {box.sendingAll ? 'Sending…' : 'Send now'}
              </Button>
            </div>
          )}
          <ul className={styles.list} aria-label="Waiting and failed operations">
            {[...failed, ...pending].map((operation) => (
              <li key={operation.id}>
                <OperationCard operation={operation} onRetry={() => void act(() => box.retry(operation.id))} onDiscard={() => void act(() => box.discard(operation.id))} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function OperationCard(props: { operation: OutboxOperation; onRetry(): void; onDiscard(): void }) {
  const styles = useStyles();
  const { operation } = props;
  const isFailed = operation.state === 'failed';
  return (
    <Card>
      <CardHeader
        header={<Text weight="semibold">{operation.label}</Text>}
        action={
          <Badge appearance="tint" color={isFailed ? 'danger' : 'informative'}>
            {isFailed ? 'Failed' : 'Queued'}
          </Badge>
        }
      />
      {isFailed ? (
        <Text>{operation.lastError ? `${operation.lastError.title}: ${operation.lastError.detail}` : 'The tracking server refused it without a reason.'}</Text>
      ) : (
        <>
          <Text>{queuedSentence(operation.kind)}</Text>
          {operation.lastError && (
            <Caption1 className={styles.note}>
              Last attempt: {operation.lastError.title} — {operation.lastError.detail}
            </Caption1>
          )}
        </>
      )}
      <Caption1 className={styles.note}>
        Queued {new Date(operation.createdAt).toLocaleString()}
        {operation.attempts > 0 && `, ${operation.attempts} ${operation.attempts === 1 ? 'attempt' : 'attempts'} so far`}
      </Caption1>
      {isFailed && (
        <div className={styles.actions}>
          <Button onClick={props.onRetry} aria-label={`Retry ${operation.label}`}>
            Retry
          </Button>
          <Button onClick={props.onDiscard} aria-label={`Discard ${operation.label}`}>
            Discard
          </Button>
        </div>
      )}
    </Card>
  );
}
