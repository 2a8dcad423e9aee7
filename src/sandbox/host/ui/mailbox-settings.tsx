import { useEffect, useMemo, useState } from 'react';
import { createAdminApi } from '../../../admin/api/admin-api';
import type { Mailbox, MailboxPatch } from '../../../common/api/mailbox';
import { SYNC_METHOD_LABELS, SYNC_METHODS, TRACKING_FILTER_EXPLANATIONS, TRACKING_FILTERS, type SyncMethod, type TrackingFilter } from '../../../common/sync-methods';
import { useSandbox } from './sandbox-context';

type Status = { kind: 'idle' | 'saved' | 'error'; text: string };

function MethodSelect({ label, value, onChange }: { label: string; value: SyncMethod; onChange: (method: SyncMethod) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as SyncMethod)}>
        {SYNC_METHODS.map((method) => (
          <option key={method} value={method}>
            {SYNC_METHOD_LABELS[method]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The backend's settings of the signed-in user's mailbox, changed the way an administrator would (the console's admin API). */
export function MailboxSettings() {
  const { state } = useSandbox();
  const user = state.activeUser;
  const adminToken = state.seed.admin.token;
  const api = useMemo(() => createAdminApi({ getToken: async () => adminToken }, () => undefined), [adminToken]);
  const [mailbox, setMailbox] = useState<Mailbox | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });

  useEffect(() => {
    let cancelled = false;
    setMailbox(null);
    api.mailboxes({ search: user }).then(
      (answer) => {
        if (cancelled) return;
        const found = answer.mailboxes.find((candidate) => candidate.address === user) ?? null;
        setMailbox(found);
        setStatus({ kind: 'idle', text: '' });
      },
      (error: unknown) => !cancelled && setStatus({ kind: 'error', text: `The backend did not answer: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return () => {
      cancelled = true;
    };
  }, [user, api]);

  async function change(patch: MailboxPatch) {
    if (!mailbox) return;
    try {
      setMailbox(await api.patchMailbox(mailbox.id, patch));
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
            <MethodSelect label="Incoming" value={mailbox.incomingMethod} onChange={(incomingMethod) => void change({ incomingMethod })} />
            <MethodSelect label="Outgoing" value={mailbox.outgoingMethod} onChange={(outgoingMethod) => void change({ outgoingMethod })} />
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
