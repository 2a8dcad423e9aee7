import { findMailboxRuleViolations } from '../../src/common/mailbox-rules';
import { SYNC_METHODS, TRACKING_FILTERS } from '../../src/common/sync-methods';
import { decideTracking, normalizeMessageId } from '../../src/common/tracking-policy';

const noFacts = { knownRecord: false, emailEnabledRecord: false, respondsToTracked: false };
const allFacts = { knownRecord: true, emailEnabledRecord: true, respondsToTracked: true };

describe('the tracking decision', () => {
  test('method none refuses manual and automatic tracking alike, whatever the filter', () => {
    for (const filter of TRACKING_FILTERS) {
      for (const automatic of [true, false]) {
        const decision = decideTracking({ direction: 'outgoing', method: 'none', filter, automatic, facts: allFacts });
        expect(decision).toMatchObject({ shouldTrack: false, reason: 'method-none' });
        expect(decision.message).toBe('Outgoing mail for this mailbox is not tracked: its synchronization method is None.');
      }
    }
  });

  test('manual tracking ignores the filter for every method but none', () => {
    for (const method of SYNC_METHODS.filter((m) => m !== 'none')) {
      for (const filter of TRACKING_FILTERS) {
        expect(decideTracking({ direction: 'incoming', method, filter, automatic: false, facts: noFacts })).toMatchObject({ shouldTrack: true, reason: 'manual' });
      }
    }
  });

  test('only the outlook method auto-tracks', () => {
    expect(decideTracking({ direction: 'incoming', method: 'server-side-sync', filter: 'all', automatic: true, facts: allFacts }).reason).toBe('method-server-side-sync');
    expect(decideTracking({ direction: 'incoming', method: 'forward-mailbox', filter: 'all', automatic: true, facts: allFacts }).reason).toBe('method-forward-mailbox');
    expect(decideTracking({ direction: 'incoming', method: 'outlook', filter: 'all', automatic: true, facts: noFacts }).shouldTrack).toBe(true);
  });

  test('each filter matches on its own fact, and replies to tracked mail pass every filter but none', () => {
    const auto = (filter: (typeof TRACKING_FILTERS)[number], facts: typeof noFacts) => decideTracking({ direction: 'incoming', method: 'outlook', filter, automatic: true, facts }).shouldTrack;
    expect(auto('known-records', { ...noFacts, knownRecord: true })).toBe(true);
    expect(auto('known-records', { ...noFacts, emailEnabledRecord: true })).toBe(false);
    expect(auto('email-enabled-records', { ...noFacts, emailEnabledRecord: true })).toBe(true);
    expect(auto('responses', { ...noFacts, knownRecord: true })).toBe(false);
    for (const filter of ['all', 'responses', 'known-records', 'email-enabled-records'] as const) expect(auto(filter, { ...noFacts, respondsToTracked: true })).toBe(true);
    expect(auto('none', allFacts)).toBe(false);
  });

  test('Message-IDs are compared in their bracketed form', () => {
    expect(normalizeMessageId('abc@x.example')).toBe('<abc@x.example>');
    expect(normalizeMessageId(' <abc@x.example> ')).toBe('<abc@x.example>');
  });
});

describe('the mailbox rules', () => {
  test('a valid user mailbox breaks no rule', () => {
    expect(findMailboxRuleViolations({ kind: 'user', incomingMethod: 'outlook', outgoingMethod: 'outlook', isForwardMailbox: false }, false)).toEqual([]);
  });

  test('each rule is named with the field it is about', () => {
    const rules = (config: Parameters<typeof findMailboxRuleViolations>[0], hasForward = false) => findMailboxRuleViolations(config, hasForward).map((v) => `${v.rule}:${v.field}`);
    expect(rules({ kind: 'queue', incomingMethod: 'outlook', outgoingMethod: 'outlook', isForwardMailbox: false })).toEqual(['queue-cannot-use-outlook:incomingMethod', 'queue-cannot-use-outlook:outgoingMethod']);
    expect(rules({ kind: 'user', incomingMethod: 'none', outgoingMethod: 'forward-mailbox', isForwardMailbox: false })).toEqual(['outgoing-cannot-forward:outgoingMethod']);
    expect(rules({ kind: 'user', incomingMethod: 'forward-mailbox', outgoingMethod: 'none', isForwardMailbox: false })).toEqual(['forward-mailbox-required:incomingMethod']);
    expect(rules({ kind: 'user', incomingMethod: 'forward-mailbox', outgoingMethod: 'none', isForwardMailbox: false }, true)).toEqual([]);
    expect(rules({ kind: 'queue', incomingMethod: 'forward-mailbox', outgoingMethod: 'none', isForwardMailbox: true }, true)).toEqual(['forward-mailbox-cannot-forward:incomingMethod']);
    expect(rules({ kind: 'user', incomingMethod: 'none', outgoingMethod: 'none', isForwardMailbox: true })).toEqual(['forward-mailbox-is-queue:isForwardMailbox']);
  });
});
