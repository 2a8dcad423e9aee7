import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { OutboxOperation } from '../../../src/addin/outbox';
import { parseTrackOnSend, serializeTrackOnSend } from '../../../src/addin/capture/track-on-send-value';
import { AutoTrackGuard } from '../../../src/addin/taskpane/read/auto-track-guard';
import { deriveMessageState, type MessageFacts } from '../../../src/addin/taskpane/read/message-state';
import { themeForOffice } from '../../../src/addin/taskpane/theme';
import { describeTrackers, methodSentence, sendNowOutcome } from '../../../src/addin/taskpane/words';

function operation(state: 'pending' | 'failed', sequence: number): OutboxOperation {
  return { id: `op-${sequence}`, kind: 'track', idempotencyKey: 'k', request: { method: 'POST', path: '/api/v1/emails' }, label: 'Track', messageKey: '<m@x>', sequence, createdAt: 0, attempts: 0, nextAttemptAt: 0, giveUpAt: 1, state };
}

const base: MessageFacts = { operations: [], statusLoading: false, email: null, statusProblem: null, method: 'outlook', methodSentence: 'sentence' };

describe('the message state', () => {
  test('a failed write wins over everything, so its reason is never hidden', () => {
    const state = deriveMessageState({ ...base, operations: [operation('pending', 2), operation('failed', 1)], method: 'none' });
    expect(state).toMatchObject({ kind: 'failed', operation: { id: 'op-1' } });
  });

  test('a queued write wins over the server answer and over the method', () => {
    expect(deriveMessageState({ ...base, operations: [operation('pending', 1)], statusLoading: true }).kind).toBe('queued');
  });

  test('a tracked message stays tracked (and untrackable) even after the method became None', () => {
    const email = { id: 'e' } as never;
    expect(deriveMessageState({ ...base, email, method: 'none' }).kind).toBe('tracked');
  });

  test('each method maps to its state: None turned off, server-side sync with manual Track, forward mailbox without', () => {
    expect(deriveMessageState({ ...base, method: 'none' }).kind).toBe('turned-off');
    expect(deriveMessageState({ ...base, method: 'server-side-sync' })).toMatchObject({ kind: 'handled-by-server', manualTrack: true });
    expect(deriveMessageState({ ...base, method: 'forward-mailbox' })).toMatchObject({ kind: 'handled-by-server', manualTrack: false });
    expect(deriveMessageState({ ...base, method: 'outlook' }).kind).toBe('not-tracked');
  });
});

describe('words', () => {
  test('method sentences are the shared policy’s words', () => {
    expect(methodSentence('incoming', 'none')).toBe('Incoming mail for this mailbox is not tracked: its synchronization method is None.');
    expect(methodSentence('outgoing', 'server-side-sync')).toMatch(/^Outgoing mail for this mailbox is tracked by server-side synchronization/);
  });

  test('trackers read as a list of names with “you” for the caller', () => {
    const tracker = (userId: string, userName: string) => ({ id: userId, userId, userName, mailboxId: 'm', direction: 'incoming' as const, source: 'manual' as const, trackedAt: '' });
    expect(describeTrackers([tracker('me', 'Ann')], 'me')).toBe('you');
    expect(describeTrackers([tracker('b', 'Ben'), tracker('c', 'Chloé'), tracker('me', 'Ann')], 'me')).toBe('Ben, Chloé and you');
  });
});

describe('what Send now says', () => {
  const waiting = (id: string, kind: string): OutboxOperation => ({ ...operation('pending', Number(id)), id, kind });

  test('names what went by kind, and says nothing waits when all went', () => {
    const before = [waiting('1', 'track'), waiting('2', 'track'), waiting('3', 'untrack'), waiting('4', 'set-regarding')];
    expect(sendNowOutcome(before, [])).toEqual({ intent: 'success', text: 'Sent 2 tracks, 1 untrack and 1 regarding change.' });
  });

  test('says how many still wait and the reason of the oldest, and how many were refused', () => {
    const before = [waiting('1', 'track'), waiting('2', 'track'), waiting('3', 'track')];
    const after = [
      { ...before[0]!, attempts: 4, lastError: { title: 'Could not reach the tracking server', detail: 'Failed to fetch' } },
      { ...before[1]!, state: 'failed' as const, lastError: { status: 422, title: 'Invalid', detail: 'Bad subject' } },
    ];
    expect(sendNowOutcome(before, after)).toEqual({
      intent: 'warning',
      text: 'Sent 1 track; 1 is still waiting: Could not reach the tracking server; 1 was refused (the reason and Retry are below). Docket keeps trying on its own.',
    });
    expect(sendNowOutcome(before.slice(0, 1), after.slice(0, 1)).text).toBe('Nothing could be sent; 1 is still waiting: Could not reach the tracking server. Docket keeps trying on its own.');
  });
});

describe('track on send marker', () => {
  test('round-trips {} and a regarding, reads a bare {type,id} too, and treats anything unreadable as on without regarding', () => {
    const regarding = { type: 'account' as const, id: '2f6c1a8e-0e57-4b6c-9d59-3c1f0f6d2a11' };
    expect(serializeTrackOnSend({ on: true, regarding: null })).toBe('{}');
    expect(parseTrackOnSend(serializeTrackOnSend({ on: true, regarding }))).toEqual({ on: true, regarding });
    expect(serializeTrackOnSend({ on: false, regarding })).toBeNull();
    expect(parseTrackOnSend(null)).toEqual({ on: false, regarding: null });
    expect(parseTrackOnSend('not json')).toEqual({ on: true, regarding: null });
    expect(parseTrackOnSend('{"regarding":{"type":"toString","id":"x"}}')).toEqual({ on: true, regarding: null });
    expect(parseTrackOnSend('{"type":"case","id":"c1"}')).toEqual({ on: true, regarding: { type: 'case', id: 'c1' } });
  });
});

describe('theme', () => {
  test('dark Office backgrounds get the dark theme; light, unknown or missing ones the light theme', () => {
    expect(themeForOffice({ bodyBackgroundColor: '#1F1F1F' })).toBe(webDarkTheme);
    expect(themeForOffice({ bodyBackgroundColor: '#333' })).toBe(webDarkTheme);
    expect(themeForOffice({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
    expect(themeForOffice({ bodyBackgroundColor: 'not a colour' })).toBe(webLightTheme);
    expect(themeForOffice(null)).toBe(webLightTheme);
  });
});

describe('the auto-track guard', () => {
  test('a message claimed once is not claimed again, unless its check was cut short', () => {
    const guard = new AutoTrackGuard();
    expect(guard.claim('<a@x>')).toBe(true);
    expect(guard.claim('<a@x>')).toBe(false);
    guard.release('<a@x>');
    expect(guard.claim('<a@x>')).toBe(true);
  });

  test('a message seen tracked, or untracked by the user, is settled: release does not give it back', () => {
    const guard = new AutoTrackGuard();
    guard.settle('<b@x>');
    expect(guard.claim('<b@x>')).toBe(false);
    guard.release('<b@x>');
    expect(guard.claim('<b@x>')).toBe(false);
  });

  test('a copy is linked to its email once a session', () => {
    const guard = new AutoTrackGuard();
    expect(guard.claimLink('<c@x>')).toBe(true);
    expect(guard.claimLink('<c@x>')).toBe(false);
  });
});
