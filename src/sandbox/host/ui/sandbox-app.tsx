import { EventRuntimes, TaskPane } from './addin-frames';
import { MailboxSettings } from './mailbox-settings';
import { MessageList } from './message-list';
import { ReadingPane } from './reading-pane';
import { useSandbox } from './sandbox-context';

function Banner() {
  const { state, controller } = useSandbox();
  return (
    <header className="banner">
      <h1>Docket sandbox</h1>
      <span className="note">Not Outlook: a stand-in for it. The Office host is simulated; the Docket add-in bundles and the backend are real.</span>
      <label>
        Signed in as
        <select value={state.activeUser} onChange={(event) => controller.switchUser(event.target.value)}>
          {state.seed.users.map((user) => (
            <option key={user.address} value={user.address}>
              {user.name} ({user.address})
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={state.pinned} onChange={(event) => controller.setPinned(event.target.checked)} />
        Pin the Docket pane
      </label>
      <button type="button" onClick={() => controller.restartPane()}>
        Restart the pane
      </button>
      <MailboxSettings />
    </header>
  );
}

function Folders() {
  const { state, controller } = useSandbox();
  const mailbox = state.mailboxes[state.activeUser]!;
  const unread = mailbox.messages.filter((message) => message.folder === 'inbox' && !message.read).length;
  return (
    <nav className="folders" aria-label="Folders">
      <button type="button" className="new" disabled={mailbox.draft !== null} onClick={() => controller.compose('new')}>
        New message
      </button>
      <ul>
        <li>
          <button type="button" aria-current={mailbox.folder === 'inbox'} onClick={() => controller.openFolder('inbox')}>
            Inbox {unread > 0 && `(${unread})`}
          </button>
        </li>
        <li>
          <button type="button" aria-current={mailbox.folder === 'sent'} onClick={() => controller.openFolder('sent')}>
            Sent Items
          </button>
        </li>
      </ul>
    </nav>
  );
}

function EventLog() {
  const { state } = useSandbox();
  const names = new Map(state.seed.users.map((user) => [user.address, user.name]));
  return (
    <details className="log" open>
      <summary>Outlook events and deliveries ({state.log.length})</summary>
      <ol aria-label="Event log">
        {state.log.map((entry, index) => (
          <li key={index}>
            {new Date(entry.at).toLocaleTimeString('en-GB')} · {names.get(entry.user) ?? entry.user} · {entry.text}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function SandboxApp() {
  const { state } = useSandbox();
  const mailbox = state.mailboxes[state.activeUser]!;
  return (
    <div className="app">
      <Banner />
      <main className="main">
        <Folders />
        <MessageList mailbox={mailbox} />
        <ReadingPane mailbox={mailbox} />
        <TaskPane />
      </main>
      <EventLog />
      <EventRuntimes />
    </div>
  );
}
