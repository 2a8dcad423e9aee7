import type { FormEvent } from 'react';
import type { SandboxDraft } from '../../common/mail/mail-types';
import { byteSize } from './format';
import { Notifications } from './message-parts';
import { useSandbox } from './sandbox-context';

const TITLES: Record<SandboxDraft['kind'], string> = { new: 'New message', reply: 'Reply', 'reply-all': 'Reply all', forward: 'Forward' };

/** The message being written, inline in the reading pane as in Outlook on the web. */
export function ComposeForm({ draft }: { draft: SandboxDraft }) {
  const { controller } = useSandbox();
  const sending = draft.status === 'sending';

  function submit(event: FormEvent) {
    event.preventDefault();
    void controller.send();
  }

  const field = (label: string, name: 'to' | 'cc' | 'bcc' | 'subject') => (
    <label>
      {label}
      <input type="text" value={draft[name]} disabled={sending} onChange={(event) => controller.editDraft({ [name]: event.target.value })} autoComplete="off" />
    </label>
  );

  return (
    <section className="reading" aria-label="Reading pane">
      <form className="compose" aria-label={TITLES[draft.kind]} onSubmit={submit}>
        <h2>{TITLES[draft.kind]}</h2>
        <Notifications items={draft.notifications} />
        {draft.status === 'blocked' && (
          <p className="blocked" role="alert">
            Not sent: {draft.blockedReason}
          </p>
        )}
        {field('To', 'to')}
        {field('Cc', 'cc')}
        {field('Bcc', 'bcc')}
        {field('Subject', 'subject')}
        <label>
          Message
          <textarea value={draft.text} disabled={sending} onChange={(event) => controller.editDraft({ text: event.target.value })} />
        </label>
        {draft.attachments.length > 0 && (
          <ul className="attachments" aria-label="Attachments">
            {draft.attachments.map((attachment) => (
              <li key={attachment.id}>
                {attachment.name} ({byteSize(attachment.size)}){' '}
                <button type="button" aria-label={`Remove ${attachment.name}`} disabled={sending} onClick={() => controller.removeAttachment(attachment.id)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <label>
          Attach
          <input type="file" aria-label="Attach a file" disabled={sending} onChange={(event) => Array.from(event.target.files ?? []).forEach((file) => void controller.attachFile(file))} />
        </label>
        <div className="toolbar">
          <button type="submit" className="primary" disabled={sending}>
            {sending ? 'Sending…' : 'Send'}
          </button>
          <button type="button" disabled={sending} onClick={() => controller.discardDraft()}>
            Discard
          </button>
          {sending && (
            <span className="sending" role="status">
              Waiting for add-ins (OnMessageSend)…
            </span>
          )}
        </div>
        {draft.quotedHtml && <iframe className="body-frame" title="Quoted message" sandbox="" srcDoc={`<html><body style="font-family:Segoe UI,sans-serif;font-size:14px">${draft.quotedHtml}</body></html>`} />}
      </form>
    </section>
  );
}
