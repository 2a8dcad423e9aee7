/** Time as the outbox sees it; injected so tests never wait on real timers. */
export interface OutboxClock {
  now(): number;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

/** The real clock. Uses only `globalThis` timers, so it also runs in Outlook's JS-only runtime (no DOM). */
export const systemClock: OutboxClock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const handle = globalThis.setTimeout(callback, ms);
    return () => globalThis.clearTimeout(handle);
  },
};
