import { useEffect, useState } from 'react';
import { SYNC_METHOD_LABELS, SYNC_METHODS, TRACKING_FILTER_EXPLANATIONS, TRACKING_FILTERS, type SyncMethod, type TrackingFilter } from '../../../common/sync-methods';
import { useSandbox } from './sandbox-context';

interface MailboxView { id: string; address: string; incomingMethod: SyncMethod; outgoingMethod: SyncMethod; trackingFilter: TrackingFilter }

type Status = { kind: 'idle' | 'saved' | 'error'; text: string };

/** The backend's settings of the signed-in user's mailbox, changed the way an administrator would (admin API). */
export function MailboxSettings() {
  const { state } = useSandbox();
  const user = state.activeUser;
  const adminToken = state.seed.admin.token;
  const [mailbox, setMailbox] = useState<MailboxView | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
    if (!response.ok) throw new Error(answer?.detail ?? answer?.title ?? `HTTP ${response.status}`);
    return answer;
  }

  useEffect(() => {
    let cancelled = false;
    setMailbox(null);
    call('GET', `/api/v1/admin/mailboxes?search=${encodeURIComponent(user)}`).then(
      (answer) => {
        if (cancelled) return;
        const found = (answer as { mailboxes: MailboxView[] }).mailboxes.find((candidate) => candidate.address === user) ?? null;
        setMailbox(found);
        setStatus({ kind: 'idle', text: '' });
      },
      (error: unknown) => !cancelled && setStatus({ kind: 'error', text: `The backend did not answer: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return () => {
      cancelled = true;
    };
  }, [user, adminToken]);

  async function change(patch: Partial<MailboxView>) {
    if (!mailbox) return;
    try {
      setMailbox((await call('PATCH', `/api/v1/admin/mailboxes/${mailbox.id}`, patch)) as MailboxView);
      setStatus({ kind: 'saved', text: 'Saved in the backend. The pane reads it when it opens: restart the pane.' });
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <details>
      <summary>Mailbox settings (backend)</summary>
      <div>
        {mailbox ? (
          <>
            <label>
              Incoming
              <select value={mailbox.incomingMethod} onChange={(event) => void change({ incomingMethod: event.target.value as SyncMethod })}>
                {SYNC_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {SYNC_METHOD_LABELS[method]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Outgoing
              <select value={mailbox.outgoingMethod} onChange={(event) => void change({ outgoingMethod: event.target.value as SyncMethod })}>
                {SYNC_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {SYNC_METHOD_LABELS[method]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Track automatically
              <select value={mailbox.trackingFilter} onChange={(event) => void change({ trackingFilter: event.target.value as TrackingFilter })}>
                {TRACKING_FILTERS.map((filter) => (
                  <option key={filter} value={filter}>
                    {filter}: {TRACKING_FILTER_EXPLANATIONS[filter]}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          status.kind !== 'error' && <span className="settings-status">Asking the backend…</span>
        )}
        {status.text && (
          <span className={`settings-status${status.kind === 'error' ? ' error' : ''}`} role="status">
            {status.text}
          </span>
        )}
      </div>
    </details>
  );
}
