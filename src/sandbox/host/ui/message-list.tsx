import type { KeyboardEvent, MouseEvent } from 'react';
import type { UserMailbox } from '../model/sandbox-state';
import { counterpart, shortDate } from './format';
import { useSandbox } from './sandbox-context';

function PaperclipIcon() {
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" style={{ marginRight: 4, verticalAlign: '-1px' }}>
      <path d="M10.5 3.5 5 9a1.5 1.5 0 0 0 2.1 2.1l5.6-5.6a3 3 0 0 0-4.2-4.2L2.9 6.9a4.5 4.5 0 0 0 6.4 6.4L13 9.6" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
    </svg>
  );
}

/** The folder's messages; click selects, Ctrl+click adds or removes, Shift+click selects a range; arrows move. */
export function MessageList({ mailbox }: { mailbox: UserMailbox }) {
  const { controller } = useSandbox();
  const messages = mailbox.messages.filter((message) => message.folder === mailbox.folder);
  const selected = new Set(mailbox.selection);

  function onClick(event: MouseEvent, itemId: string) {
    controller.select(itemId, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'single');
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      controller.move(event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
    }
  }

  const folderName = mailbox.folder === 'inbox' ? 'Inbox' : 'Sent Items';
  return (
    <section className="list" aria-label={`${folderName} of ${mailbox.user.name}`}>
      {messages.length === 0 ? (
        <p className="empty">Nothing in {folderName}.</p>
      ) : (
        <div role="listbox" aria-label="Messages" aria-multiselectable="true" tabIndex={0} onKeyDown={onKeyDown} aria-activedescendant={mailbox.selection.length > 0 ? `row-${mailbox.selection[mailbox.selection.length - 1]}` : undefined}>
          {messages.map((message) => {
            const hasAttachments = message.attachments.some((attachment) => !attachment.isInline);
            return (
              <div
                key={message.itemId}
                id={`row-${message.itemId}`}
                role="option"
                aria-selected={selected.has(message.itemId)}
                aria-label={`${message.subject || '(no subject)'}, ${counterpart(message)}, ${shortDate(message.date)}${hasAttachments ? ', has attachments' : ''}${message.read ? '' : ', unread'}`}
                className={`row${message.read ? '' : ' unread'}`}
                onClick={(event) => onClick(event, message.itemId)}
              >
                <div className="who">
                  <span>{counterpart(message)}</span>
                  <span className="date">
                    {hasAttachments && <PaperclipIcon />}
                    {shortDate(message.date)}
                  </span>
                </div>
                <div className="subject">{message.subject || '(no subject)'}</div>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
