import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ViewBoundary, lazyView } from './lazy-view';
import { AnnouncerProvider, useAnnouncement } from './announcer';
import { OutboxProvider, useOutboxState } from './outbox-state';
import { ProfileProvider, useProfile } from './profile';
import { AutoTrackGuard, AutoTrackGuardProvider } from './read/auto-track-guard';
import { ServicesProvider, useServices, type DocketServices } from './services';
import { themeForOffice } from './theme';
import { usePaneItem } from './use-pane-item';

// Views load on demand, so the pane's first download is only its shell (DESIGN budget: 150 KB gzip).
// Read and compose are separate Outlook surfaces: each loads only its own view, fetched
// while the profile loads (see usePreloadedView), so splitting them adds no wait.
const settingsView = lazyView(() => import(/* webpackChunkName: "settings" */ './settings/settings-view'));
const outboxView = lazyView(() => import(/* webpackChunkName: "outbox-view" */ './outbox-view/outbox-view'));
const bulkTrackView = lazyView(() => import(/* webpackChunkName: "bulk" */ './bulk/bulk-track-view'));
const readView = lazyView(() => import(/* webpackChunkName: "read" */ './read/read-message-view').then((module) => ({ default: module.ReadMessageView })));
const composeView = lazyView(() => import(/* webpackChunkName: "compose" */ './compose/compose-view').then((module) => ({ default: module.ComposeView })));

function usePreloadedView(kind: ReturnType<typeof usePaneItem>['kind']): void {
  useEffect(() => {
    if (kind === 'read') readView.prefetch();
    if (kind === 'compose') composeView.prefetch();
  }, [kind]);
}

/** After the first render every view is fetched, so a pinned pane still has them all when the server goes away. */
function usePrefetchedViews(): void {
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const view of [readView, composeView, outboxView, settingsView, bulkTrackView]) view.prefetch();
    }, 0);
    return () => clearTimeout(timer);
  }, []);
}

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  nav: { display: 'flex', gap: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalXS },
});

type View = 'item' | 'outbox' | 'settings';

/** A lazily loaded view: a spinner while its chunk downloads, Retry when it fails. Key it by view, so a failure stays with its view. */
function ViewSlot({ children }: { children: ReactNode }) {
  return (
    <ViewBoundary>
      <Suspense fallback={<Spinner size="small" label="Loading…" />}>{children}</Suspense>
    </ViewBoundary>
  );
}

function ViewButton(props: { view: View; current: View; onSelect(view: View): void; label?: string; children: ReactNode }) {
  const selected = props.view === props.current;
  return (
    <Button size="small" appearance={selected ? 'secondary' : 'subtle'} aria-current={selected ? 'page' : undefined} aria-label={props.label} onClick={() => props.onSelect(props.view)}>
      {props.children}
    </Button>
  );
}

/** The whole task pane. Services come in from index.tsx (Office) or from tests (fakes). */
export function App({ services }: { services: DocketServices }) {
  const styles = useStyles();
  const theme = useMemo(() => themeForOffice(services.mailbox.theme()), [services.mailbox]);
  const guard = useMemo(() => new AutoTrackGuard(), []);
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <ServicesProvider value={services}>
        <AutoTrackGuardProvider value={guard}>
          <OutboxProvider>
            <ProfileProvider>
              <AnnouncerProvider>
                <TaskPane />
              </AnnouncerProvider>
            </ProfileProvider>
          </OutboxProvider>
        </AutoTrackGuardProvider>
      </ServicesProvider>
    </FluentProvider>
  );
}

function TaskPane() {
  const styles = useStyles();
  const [view, setView] = useState<View>('item');
  const box = useOutboxState();
  const waiting = box.operations.length;
  const failed = box.operations.filter((operation) => operation.state === 'failed').length;
  usePrefetchedViews();
  const OutboxView = outboxView.current();
  const SettingsView = settingsView.current();
  return (
    <div className={styles.pane}>
      {/* Plain buttons rather than TabList: TabList (with its animated indicator) would add about a sixth to the pane's first download. */}
      <nav aria-label="Docket" className={styles.nav}>
        <ViewButton view="item" current={view} onSelect={setView}>
          Message
        </ViewButton>
        <ViewButton view="outbox" current={view} onSelect={setView} label={waiting > 0 ? `Outbox, ${waiting} waiting${failed > 0 ? `, ${failed} failed` : ''}` : 'Outbox'}>
          {waiting > 0 ? `Outbox (${waiting})` : 'Outbox'}
        </ViewButton>
        <ViewButton view="settings" current={view} onSelect={setView}>
          Settings
        </ViewButton>
      </nav>
      {box.problem && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Outbox unavailable</MessageBarTitle>
            {box.problem}
          </MessageBarBody>
        </MessageBar>
      )}
      <main className={styles.main}>
        {view === 'item' && <ItemArea openSettings={() => setView('settings')} />}
        {view === 'outbox' && (
          <ViewSlot key="outbox">
            <OutboxView />
          </ViewSlot>
        )}
        {view === 'settings' && (
          <ViewSlot key="settings">
            <SettingsView />
          </ViewSlot>
        )}
      </main>
    </div>
  );
}

function ItemArea({ openSettings }: { openSettings(): void }) {
  const { profile, reload } = useProfile();
  const item = usePaneItem();
  const { session } = useServices();
  usePreloadedView(item.kind);
  useAnnouncement(profile.status === 'signed-out' ? 'Signed out of Docket.' : null);

  switch (profile.status) {
    case 'loading':
      return <Spinner size="small" label="Connecting to the tracking server…" />;
    case 'signed-out':
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Signed out</MessageBarTitle>
            {profile.reason}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={openSettings}>
              {session.method === 'local' ? 'Open Settings' : 'Sign in'}
            </Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'unreachable':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{profile.title}</MessageBarTitle>
            {profile.detail} Docket needs to reach the tracking server once to learn how this mailbox is tracked.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void reload()}>Try again</Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'ready':
      break;
  }

  const { me, offline } = profile;
  const ReadMessageView = readView.current();
  const ComposeView = composeView.current();
  const BulkTrackView = bulkTrackView.current();
  return (
    <>
      {offline && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Working offline</MessageBarTitle>
            {offline.detail} What you track waits in the outbox.
          </MessageBarBody>
        </MessageBar>
      )}
      {item.kind === 'none' && <Text>Open or select a message to track it.</Text>}
      <ViewSlot key={item.kind}>
        {item.kind === 'read' && <ReadMessageView key={`${item.message.itemId}|${item.message.internetMessageId}`} message={item.message} me={me} />}
        {item.kind === 'compose' && <ComposeView message={item.message} me={me} />}
        {item.kind === 'selection' && <BulkTrackView key={item.items.map((selected) => selected.itemId).join('|')} items={item.items} me={me} />}
      </ViewSlot>
    </>
  );
}
