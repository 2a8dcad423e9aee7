import { createContext, useContext } from 'react';

/**
 * Message-IDs this pane session already considered for automatic tracking. It outlives the
 * message view, so ItemChanged firing twice (or coming back to a message) never tracks twice,
 * and a message the user untracked is not tracked again behind their back.
 */
export class AutoTrackGuard {
  private readonly seen = new Set<string>();
  /** Messages settled for good: seen tracked (or otherwise not up for automatic tracking) or untracked by the user. */
  private readonly settled = new Set<string>();
  private readonly linked = new Set<string>();

  /** True the first time a message is claimed, false ever after. */
  claim(messageKey: string): boolean {
    return claimOnce(this.seen, messageKey);
  }

  /** Gives a message back when its check was cut short (the user moved on), so a later visit may track it. */
  release(messageKey: string): void {
    if (!this.settled.has(messageKey)) this.seen.delete(messageKey);
  }

  /** True the first time this session links a copy's Message-ID to its stored email, false ever after. */
  claimLink(messageKey: string): boolean {
    return claimOnce(this.linked, messageKey);
  }

  /** Claims a message for good: it was seen in a settled state, or the user untracked it; release no longer gives it back. */
  settle(messageKey: string): void {
    if (!messageKey.trim()) return;
    this.seen.add(messageKey);
    this.settled.add(messageKey);
  }
}

function claimOnce(claimed: Set<string>, key: string): boolean {
  if (claimed.has(key)) return false;
  claimed.add(key);
  return true;
}

const AutoTrackGuardContext = createContext<AutoTrackGuard | null>(null);
export const AutoTrackGuardProvider = AutoTrackGuardContext.Provider;

/** The pane session's guard, or null outside a provider (then nothing is tracked automatically). */
export function useAutoTrackGuard(): AutoTrackGuard | null {
  return useContext(AutoTrackGuardContext);
}
