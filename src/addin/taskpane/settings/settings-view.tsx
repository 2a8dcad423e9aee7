import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle1, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { MeResponse } from '../../../common/api/me';
import { SYNC_METHOD_EXPLANATIONS, SYNC_METHOD_LABELS, TRACKING_FILTER_EXPLANATIONS } from '../../../common/sync-methods';
import { useOutboxState } from '../outbox-state';
import { useProfile } from '../profile';
import { useServices } from '../services';
import { describeFailure } from '../words';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
});

type Notice = { intent: 'success' | 'error'; title: string; detail: string } | null;

/** Sign-in and what the tracking server says about this mailbox. */
export default function SettingsView() {
  const styles = useStyles();
  const { session } = useServices();
  const { profile, reload } = useProfile();
  const box = useOutboxState();
  const [token, setToken] = useState('');
  const [working, setWorking] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  async function act(action: () => Promise<void>, success: string, expectSignedIn: boolean) {
    setWorking(true);
    setNotice(null);
    try {
      await action();
      const now = await reload();
      if (expectSignedIn && now.status === 'signed-out') {
        setNotice({ intent: 'error', title: 'Not signed in', detail: now.reason });
        return;
      }
      if (expectSignedIn) void box.flush();
      setNotice({ intent: 'success', title: success, detail: now.status === 'ready' ? `Signed in as ${now.me.user.name}.` : '' });
    } catch (error) {
      setNotice({ intent: 'error', ...describeFailure(error) });
    } finally {
      setWorking(false);
    }
  }

  function saveToken(event: FormEvent) {
    event.preventDefault();
    if (session.method !== 'local' || !token.trim()) return;
    void act(async () => {
      await session.saveToken(token);
      setToken('');
    }, 'Token saved', true);
  }

  return (
    <div className={styles.root}>
      <Subtitle1 as="h1">Settings</Subtitle1>
      <section className={styles.section} aria-label="Signed in as">
        <Subtitle2 as="h2">Signed in as</Subtitle2>
        <WhoAmI profile={profile} />
      </section>

      <section className={styles.section} aria-label="Sign-in">
        <Subtitle2 as="h2">Sign-in</Subtitle2>
        {session.method === 'local' ? (
          <form className={styles.form} onSubmit={saveToken}>
            <Field label="Local token" hint="Paste the token your administrator created with “docket token create <your address>”. It is kept on this device only.">
              <Input type="password" autoComplete="off" value={token} onChange={(_event, data) => setToken(data.value)} />
            </Field>
            <div className={styles.actions}>
              <Button appearance="primary" type="submit" disabled={working || !token.trim()}>
                Save
              </Button>
              <Button disabled={working} onClick={() => void act(() => session.signOut(), 'Signed out', false)}>
                Sign out
              </Button>
            </div>
          </form>
        ) : (
          <div className={styles.actions}>
            <Text>Docket signs you in with your Microsoft work account through Outlook.</Text>
            <Button appearance="primary" disabled={working} onClick={() => void act(() => session.signIn(), 'Signed in', true)}>
              Sign in with Microsoft
            </Button>
          </div>
        )}
        {working && <Spinner size="tiny" label="Working…" />}
        {notice && (
          <MessageBar intent={notice.intent}>
            <MessageBarBody>
              <MessageBarTitle>{notice.title}</MessageBarTitle>
              {notice.detail}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
    </div>
  );
}

function WhoAmI({ profile }: { profile: ReturnType<typeof useProfile>['profile'] }) {
  switch (profile.status) {
    case 'loading':
      return <Spinner size="tiny" label="Asking the tracking server…" />;
    case 'signed-out':
      return <Text>Nobody: {profile.reason}</Text>;
    case 'unreachable':
      return (
        <Text>
          Unknown while the tracking server cannot be reached ({profile.title}: {profile.detail}).
        </Text>
      );
    case 'ready':
      return <MailboxFacts me={profile.me} />;
  }
}

function MailboxFacts({ me }: { me: MeResponse }) {
  const styles = useStyles();
  const { mailbox } = me;
  return (
    <>
      <dl className={styles.facts}>
        <dt className={styles.term}>User</dt>
        <dd className={styles.detail}>
          {me.user.name} ({me.user.email})
        </dd>
        <dt className={styles.term}>Incoming mail</dt>
        <dd className={styles.detail}>
          {SYNC_METHOD_LABELS[mailbox.incomingMethod]}: {SYNC_METHOD_EXPLANATIONS[mailbox.incomingMethod]}
        </dd>
        <dt className={styles.term}>Outgoing mail</dt>
        <dd className={styles.detail}>
          {SYNC_METHOD_LABELS[mailbox.outgoingMethod]}: {SYNC_METHOD_EXPLANATIONS[mailbox.outgoingMethod]}
        </dd>
        <dt className={styles.term}>Tracked automatically</dt>
        <dd className={styles.detail}>{TRACKING_FILTER_EXPLANATIONS[mailbox.trackingFilter]}</dd>
      </dl>
      {!mailbox.approved && (
        <MessageBar intent="warning">
          <MessageBarBody>An administrator has not approved this mailbox yet.</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
