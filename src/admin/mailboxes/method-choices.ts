import type { MailboxConfig } from '../../common/mailbox-rules';
import { OUTGOING_METHODS, SYNC_METHOD_EXPLANATIONS, SYNC_METHOD_LABELS, SYNC_METHODS, type SyncMethod } from '../../common/sync-methods';
import type { Choice } from '../components/method-choice';

const choice = (method: SyncMethod): Choice<SyncMethod> => ({ value: method, label: SYNC_METHOD_LABELS[method], explanation: SYNC_METHOD_EXPLANATIONS[method] });

/**
 * The methods the form offers, so a broken rule cannot be picked (DESIGN §1): a queue never gets
 * "Dynamics 365 for Outlook"; Forward Mailbox is incoming only, needs a forward mailbox, and is
 * not for the forward mailbox itself. The current value stays visible even when it no longer fits.
 */
export function incomingChoices(config: Pick<MailboxConfig, 'kind' | 'isForwardMailbox'>, orgHasForwardMailbox: boolean, current?: SyncMethod): Choice<SyncMethod>[] {
  return SYNC_METHODS.filter((method) => {
    if (method === current) return true;
    if (method === 'outlook') return config.kind === 'user';
    if (method === 'forward-mailbox') return orgHasForwardMailbox && !config.isForwardMailbox;
    return true;
  }).map(choice);
}

export function outgoingChoices(config: Pick<MailboxConfig, 'kind'>, current?: SyncMethod): Choice<SyncMethod>[] {
  return (OUTGOING_METHODS as readonly SyncMethod[]).filter((method) => method === current || method !== 'outlook' || config.kind === 'user').map(choice);
}

/** Defaults are for new user mailboxes: every user method, Forward Mailbox only when one exists. */
export function defaultIncomingChoices(orgHasForwardMailbox: boolean, current?: SyncMethod): Choice<SyncMethod>[] {
  return incomingChoices({ kind: 'user', isForwardMailbox: false }, orgHasForwardMailbox, current);
}

export function defaultOutgoingChoices(): Choice<SyncMethod>[] {
  return outgoingChoices({ kind: 'user' });
}
