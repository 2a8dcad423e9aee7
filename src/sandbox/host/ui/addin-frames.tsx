import { useSandbox } from './sandbox-context';

/** Outlook passes its host information on the pane's URL; office.js reads it, and the shim does not need it. */
const HOST_INFO = '_host_Info=Outlook$Web$16.01$en-US$$$$0';

function withHostInfo(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${HOST_INFO}`;
}

/**
 * The Docket task pane beside the mail. Pinned, it stays open and hears ItemChanged as the
 * user moves; unpinned, it closes and opens again for each item, as it does in Outlook when
 * the user clicks Docket again.
 */
export function TaskPane() {
  const { state, host } = useSandbox();
  const user = state.activeUser;
  const mailbox = state.mailboxes[user]!;
  const item = host.currentItem(user);
  const frameKey = state.pinned ? `${user}|${state.paneGeneration}` : `${user}|${state.paneGeneration}|${item?.key ?? 'none'}|${mailbox.draft ? '' : mailbox.selection.join(',')}`;
  return (
    <aside className="pane" aria-label="Docket task pane">
      <header>
        <span>Docket</span>
        <small>{state.pinned ? 'pinned' : 'reopens for each item'}</small>
      </header>
      <iframe key={frameKey} title="Docket task pane" data-docket-frame="taskpane" data-user={user} src={withHostInfo(state.seed.addin.taskpaneUrl)} />
    </aside>
  );
}

/** One hidden event runtime per user, loaded once, running the add-in's launchevent page; launch events run in it. */
export function EventRuntimes() {
  const { state } = useSandbox();
  return (
    <div hidden>
      {state.seed.users.map((user) => (
        <iframe key={user.address} title={`Docket event runtime of ${user.name}`} data-docket-frame="events" data-user={user.address} src={withHostInfo(state.seed.addin.eventPageUrl)} />
      ))}
    </div>
  );
}
