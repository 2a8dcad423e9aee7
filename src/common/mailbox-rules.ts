import type { MailboxKind, SyncMethod } from './sync-methods';

/** The configuration rules of DESIGN §1, shared by the server (which enforces them) and the admin console (which shows them in the form). */
export interface MailboxConfig {
  kind: MailboxKind;
  incomingMethod: SyncMethod;
  outgoingMethod: SyncMethod;
  isForwardMailbox: boolean;
}

export interface MailboxRuleViolation {
  rule: 'queue-cannot-use-outlook' | 'outgoing-cannot-forward' | 'forward-mailbox-required' | 'forward-mailbox-is-queue' | 'forward-mailbox-cannot-forward';
  field: 'incomingMethod' | 'outgoingMethod' | 'isForwardMailbox';
  message: string;
}

export function findMailboxRuleViolations(config: MailboxConfig, orgHasForwardMailbox: boolean): MailboxRuleViolation[] {
  const violations: MailboxRuleViolation[] = [];
  if (config.kind === 'queue' && config.incomingMethod === 'outlook') {
    violations.push({
      rule: 'queue-cannot-use-outlook',
      field: 'incomingMethod',
      message: 'A queue cannot use "Dynamics 365 for Outlook" (outlook): no user runs Outlook for it. Use server-side-sync, forward-mailbox or none.',
    });
  }
  if (config.kind === 'queue' && config.outgoingMethod === 'outlook') {
    violations.push({
      rule: 'queue-cannot-use-outlook',
      field: 'outgoingMethod',
      message: 'A queue cannot use "Dynamics 365 for Outlook" (outlook) for outgoing mail. Use server-side-sync or none.',
    });
  }
  if (config.outgoingMethod === 'forward-mailbox') {
    violations.push({
      rule: 'outgoing-cannot-forward',
      field: 'outgoingMethod',
      message: 'Outgoing mail cannot use forward-mailbox: a forward mailbox only collects incoming mail.',
    });
  }
  if (config.incomingMethod === 'forward-mailbox' && config.isForwardMailbox) {
    violations.push({
      rule: 'forward-mailbox-cannot-forward',
      field: 'incomingMethod',
      message: 'The forward mailbox itself cannot use forward-mailbox for incoming mail; use server-side-sync.',
    });
  } else if (config.incomingMethod === 'forward-mailbox' && !orgHasForwardMailbox) {
    violations.push({
      rule: 'forward-mailbox-required',
      field: 'incomingMethod',
      message: 'Incoming forward-mailbox needs a forward (sink) mailbox: create a queue mailbox marked as the forward mailbox first.',
    });
  }
  if (config.isForwardMailbox && config.kind !== 'queue') {
    violations.push({
      rule: 'forward-mailbox-is-queue',
      field: 'isForwardMailbox',
      message: "Only a queue mailbox can be the forward mailbox, not a user's mailbox.",
    });
  }
  return violations;
}
