import { bodyAs } from '../../common/mail/bodies';
import type { NotificationMessage, SandboxMessage } from '../../common/mail/mail-types';

export function Notifications({ items }: { items: readonly NotificationMessage[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="notifications" aria-label="Add-in notifications">
      {items.map((notification) => (
        <li key={notification.key} className={notification.type} role="status">
          {notification.message}
        </li>
      ))}
    </ul>
  );
}

/** A message body as Outlook shows it: HTML in a frame that runs no script, text as text. */
export function MessageBody({ body, title }: { body: SandboxMessage['body']; title: string }) {
  if (body.type === 'text') return <pre className="text-body">{body.content}</pre>;
  return <iframe className="body-frame" title={title} sandbox="" srcDoc={bodyAs(body, 'html')} />;
}
