import { formatAddressList } from '../../common/mail/addresses';
import { rawHeaderBlock } from '../../common/mail/internet-headers';
import type { SandboxMessage } from '../../common/mail/mail-types';
import type { UserMailbox } from '../model/sandbox-state';
import { ComposeForm } from './compose-form';
import { byteSize, longDate } from './format';
import { MessageBody, Notifications } from './message-parts';
import { useSandbox } from './sandbox-context';

function OpenMessage({ message }: { message: SandboxMessage }) {
  const { controller } = useSandbox();
  return (
    <article aria-label="Message" style={{ display: 'contents' }}>
      <div className="toolbar">
        <button type="button" onClick={() => controller.compose('reply')}>
          Reply
        </button>
        <button type="button" onClick={() => controller.compose('reply-all')}>
          Reply all
        </button>
        <button type="button" onClick={() => controller.compose('forward')}>
          Forward
        </button>
      </div>
      <h2>{message.subject || '(no subject)'}</h2>
      <dl className="meta">
        <dt>From</dt>
        <dd>{formatAddressList([message.from])}</dd>
        <dt>To</dt>
        <dd>{formatAddressList(message.to)}</dd>
        {message.cc.length > 0 && (
          <>
            <dt>Cc</dt>
            <dd>{formatAddressList(message.cc)}</dd>
          </>
        )}
        {message.bcc.length > 0 && (
          <>
            <dt>Bcc</dt>
            <dd>{formatAddressList(message.bcc)}</dd>
          </>
        )}
        <dt>{message.folder === 'sent' ? 'Sent' : 'Received'}</dt>
        <dd>{longDate(message.date)}</dd>
      </dl>
      <Notifications items={message.notifications ?? []} />
      {message.attachments.length > 0 && (
        <ul className="attachments" aria-label="Attachments">
          {message.attachments.map((attachment) => (
            <li key={attachment.id}>
              {attachment.name} ({byteSize(attachment.size)})
            </li>
          ))}
        </ul>
      )}
      <MessageBody body={message.body} title="Message body" />
      <details>
        <summary>Internet headers</summary>
        <pre className="text-body" aria-label="Internet headers">
          {rawHeaderBlock(message)}
        </pre>
      </details>
    </article>
  );
}

/** The message selected, the draft being written (inline, as in Outlook on the web), or what is selected. */
export function ReadingPane({ mailbox }: { mailbox: UserMailbox }) {
  if (mailbox.draft) return <ComposeForm draft={mailbox.draft} />;
  if (mailbox.selection.length > 1) {
    return (
      <section className="reading" aria-label="Reading pane">
        <h2>{mailbox.selection.length} messages selected</h2>
        <p>The Docket pane can track the selected messages together.</p>
      </section>
    );
  }
  const message = mailbox.messages.find((candidate) => candidate.itemId === mailbox.selection[0]);
  if (!message) {
    return (
      <section className="reading" aria-label="Reading pane">
        <p className="empty">Select a message to read it.</p>
      </section>
    );
  }
  return (
    <section className="reading" aria-label="Reading pane">
      <OpenMessage key={message.itemId} message={message} />
    </section>
  );
}
