import type { OutboxClock } from '../../../../src/addin/outbox/clock';

interface PendingTimer {
  at: number;
  callback: () => void;
}

/** A clock that moves only when a test says so; timers fire as time passes them. */
export class FakeClock implements OutboxClock {
  private timers = new Set<PendingTimer>();

  constructor(private current = Date.UTC(2025, 0, 6, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.current + ms, callback };
    this.timers.add(timer);
    return () => {
      this.timers.delete(timer);
    };
  }

  advance(ms: number): void {
    this.current += ms;
    for (const timer of Array.from(this.timers).sort((a, b) => a.at - b.at)) {
      if (timer.at <= this.current) {
        this.timers.delete(timer);
        timer.callback();
      }
    }
  }

  get pendingTimers(): number {
    return this.timers.size;
  }
}
