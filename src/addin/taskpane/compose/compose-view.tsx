import { Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle1, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, useEffect, useId, useRef, useState } from 'react';
import type { MeResponse } from '../../../common/api/me';
import { TRACKING_FILTER_EXPLANATIONS } from '../../../common/sync-methods';
import { parseTrackOnSend, serializeTrackOnSend, type TrackOnSend } from '../../capture/track-on-send-value';
import { useAnnouncement } from '../announcer';
import { RegardingSearch } from '../regarding-search-lazy';
import { TRACK_ON_SEND_PROPERTY, TRACK_ON_SEND_SOURCE_PROPERTY, type ComposeMessage } from '../services';
import { describeFailure, methodSentence } from '../words';
import { RECORD_TYPE_LABELS } from '../../../common/record-type-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  regarding: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground3 },
  toggle: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** Compose mode: mark the draft to be tracked when it is sent (the event bundle does the tracking). */
export function ComposeView({ message, me }: { message: ComposeMessage; me: MeResponse }) {
  const styles = useStyles();
  const [value, setValue] = useState<TrackOnSend | null>(null);
  const [regardingName, setRegardingName] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail: string } | null>(null);
  const [markedByDocket, setMarkedByDocket] = useState(false);
  const hintId = useId();
  const method = me.mailbox.outgoingMethod;
  const disabled = method === 'none';

  /** Bumped by each save, so a re-read that started before it cannot put back the older value. */
  const saves = useRef(0);
  const shownValue = useRef(value);
  shownValue.current = value;

  useEffect(() => {
    let cancelled = false;
    const read = (first: boolean) => {
      const started = saves.current;
      Promise.all([message.getCustomProperty(TRACK_ON_SEND_PROPERTY), message.getCustomProperty(TRACK_ON_SEND_SOURCE_PROPERTY).catch(() => null)]).then(
        ([stored, source]) => {
          if (cancelled || started !== saves.current) return;
          const next = parseTrackOnSend(stored);
          const shown = shownValue.current;
          const sameRegarding = shown?.regarding?.id === next.regarding?.id && shown?.regarding?.type === next.regarding?.type;
          if (!shown || shown.on !== next.on || !sameRegarding) setValue(next);
          if (!sameRegarding) setRegardingName(null);
          setMarkedByDocket(stored !== null && source === 'auto-send');
        },
        (error: unknown) => {
          // A later re-read that fails keeps what the pane shows; only the first read must settle the view.
          if (cancelled || !first) return;
          setValue({ on: false, regarding: null });
          setProblem(describeFailure(error));
        },
      );
    };
    read(true);
    // OnNewMessageCompose may mark the draft (a reply in a tracked conversation) after the pane
    // first read it: read again shortly, and whenever the user comes back to the pane.
    const later = setTimeout(() => read(false), 1500);
    const onFocus = () => read(false);
    const onVisible = () => {
      if (document.visibilityState === 'visible') read(false);
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearTimeout(later);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [message]);

  useAnnouncement(value === null ? null : value.on ? 'This message will be tracked when it is sent.' : 'This message will not be tracked when it is sent.');

  async function save(next: TrackOnSend, name: string | null) {
    saves.current++;
    setSaving(true);
    setProblem(null);
    try {
      await message.setCustomProperty(TRACK_ON_SEND_PROPERTY, serializeTrackOnSend(next));
      if (markedByDocket) await message.setCustomProperty(TRACK_ON_SEND_SOURCE_PROPERTY, null);
      setMarkedByDocket(false);
      setValue(next);
      setRegardingName(name);
    } catch (error) {
      const failure = describeFailure(error);
      setProblem({ title: 'Outlook did not save the choice', detail: failure.detail });
    } finally {
      setSaving(false);
    }
  }

  if (value === null) return <Spinner size="small" label="Reading this draft…" />;

  return (
    <div className={styles.root}>
      <Subtitle1 as="h1">Tracking this draft</Subtitle1>
      {disabled ? (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Tracking is turned off</MessageBarTitle>
            {methodSentence('outgoing', method)}
          </MessageBarBody>
        </MessageBar>
      ) : (
        method === 'server-side-sync' && (
          <MessageBar intent="info">
            <MessageBarBody>
              <MessageBarTitle>Handled by the server</MessageBarTitle>
              {methodSentence('outgoing', method)} Switch this on only to track this message yourself, for example with a regarding record.
            </MessageBarBody>
          </MessageBar>
        )
      )}
      {/* Switch with its own label instead of Field: Field brings its validation icons into the compose bundle. */}
      <div className={styles.toggle}>
        <Switch
          label="Track when sent"
          aria-describedby={hintId}
          checked={value.on && !disabled}
          disabled={disabled || saving}
          onChange={(_event, data) => {
            if (!disabled) void save({ on: data.checked, regarding: data.checked ? value.regarding : null }, data.checked ? regardingName : null);
          }}
        />
        <Caption1 id={hintId} className={styles.note}>
          {disabled
            ? 'Unavailable: outgoing mail of this mailbox is not tracked.'
            : 'Docket never stops a message from being sent: if the tracking server cannot be reached, the track waits in the outbox and goes later.'}
        </Caption1>
      </div>
      {markedByDocket && value.on && !disabled && (
        <Caption1 className={styles.note}>Docket switched this on because you track this conversation.</Caption1>
      )}
      {!disabled && method === 'outlook' && me.mailbox.trackingFilter !== 'none' && (
        <Caption1 className={styles.note}>Sent mail is also tracked automatically when it matches your filter: {TRACKING_FILTER_EXPLANATIONS[me.mailbox.trackingFilter]}</Caption1>
      )}
      {!disabled && (
        <section aria-label="Regarding">
          {picking ? (
            <Suspense fallback={<Spinner size="tiny" label="Loading the record search…" />}>
              <RegardingSearch
                label="Regarding: find the record"
                onPick={(record) => {
                  setPicking(false);
                  void save({ on: true, regarding: { type: record.type, id: record.id } }, `${record.name} (${RECORD_TYPE_LABELS[record.type]})`);
                }}
                onCancel={() => setPicking(false)}
              />
            </Suspense>
          ) : (
            <div className={styles.regarding}>
              <Text>
                {value.regarding
                  ? `Regarding: ${regardingName ?? `the ${RECORD_TYPE_LABELS[value.regarding.type].toLowerCase()} chosen earlier`}`
                  : 'No regarding record.'}
              </Text>
              <Button size="small" disabled={saving} onClick={() => setPicking(true)}>
                {value.regarding ? 'Change regarding…' : 'Set regarding…'}
              </Button>
              {value.regarding && (
                <Button size="small" disabled={saving} onClick={() => void save({ on: value.on, regarding: null }, null)}>
                  Clear regarding
                </Button>
              )}
            </div>
          )}
        </section>
      )}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{problem.title}</MessageBarTitle>
            {problem.detail}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
