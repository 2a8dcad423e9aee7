import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FlushResult, NewOperation, OutboxEvent, OutboxOperation } from '../outbox';
import { useServices } from './services';

/** How a send of everything waiting went, and what the outbox holds once it ended. */
export interface SendAllReport {
  result: FlushResult;
  /** Still waiting or failed after the send, oldest first. */
  operations: OutboxOperation[];
}

/** The outbox as the pane sees it: what waits or failed, and the actions on it. */
export interface OutboxState {
  operations: OutboxOperation[];
  /** False until the stored operations were read once. */
  loaded: boolean;
  /** Why the outbox itself (its storage) failed, in words; null when it works. */
  problem: string | null;
  /** True while a send of everything waiting runs (pane opened, back online, "Send now"). */
  sendingAll: boolean;
  /** Durably queues the write, then starts sending it. */
  enqueue(operation: NewOperation): Promise<OutboxOperation>;
  retry(id: string): Promise<void>;
  discard(id: string): Promise<void>;
  /** Sends what is due now; joins a send already running. */
  flush(): Promise<FlushResult | null>;
  /** Sends every waiting operation now, whatever its backoff; failed ones stay failed. Null when the outbox failed (see `problem`). */
  sendAllNow(): Promise<SendAllReport | null>;
}

const MIN_TIMER_MS = 1_000;
const MAX_TIMER_MS = 5 * 60_000;

const OutboxContext = createContext<OutboxState | null>(null);

function applyEvent(operations: OutboxOperation[], event: OutboxEvent): OutboxOperation[] {
  const others = operations.filter((operation) => operation.id !== event.operation.id);
  if (event.type === 'done' || event.type === 'discarded') return others;
  return [...others, event.operation].sort((a, b) => a.sequence - b.sequence);
}

function defaultOnOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}

/**
 * Owns the pane's sending. When the pane opens and when the device comes back online, every
 * waiting write is sent at once, whatever its backoff (the server may well be back); after each
 * enqueue, and when the earliest deferred write falls due, what is due is sent.
 */
export function OutboxProvider({ children }: { children: ReactNode }) {
  const { outbox, onOnline = defaultOnOnline } = useServices();
  const [operations, setOperations] = useState<OutboxOperation[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sendsOfAllRunning, setSendsOfAllRunning] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  const send = useCallback(
    async (what: 'due' | 'all'): Promise<SendAllReport | null> => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      let result: FlushResult | null = null;
      try {
        result = await (what === 'all' ? outbox.sendAllNow() : outbox.flush());
        setProblem(null);
      } catch (error) {
        setProblem(`Docket could not read or write its outbox on this device: ${error instanceof Error ? error.message : String(error)}`);
      }
      const stored = await outbox.list().catch(() => null);
      // Deferred writes are due later: wake up then, so they go without waiting for another event.
      const pending = (stored ?? []).filter((operation) => operation.state === 'pending');
      if (alive.current && pending.length > 0 && !timer.current) {
        const due = Math.min(...pending.map((operation) => operation.nextAttemptAt));
        const delay = Math.min(MAX_TIMER_MS, Math.max(MIN_TIMER_MS, due - Date.now()));
        timer.current = setTimeout(() => {
          timer.current = null;
          void send('due');
        }, delay);
      }
      return result && stored ? { result, operations: stored } : null;
    },
    [outbox],
  );

  const flush = useCallback(async () => (await send('due'))?.result ?? null, [send]);

  const sendAllNow = useCallback(async () => {
    setSendsOfAllRunning((running) => running + 1);
    try {
      return await send('all');
    } finally {
      setSendsOfAllRunning((running) => running - 1);
    }
  }, [send]);

  useEffect(() => {
    alive.current = true;
    // Events update the list at once; a fresh read after each one keeps it true to storage.
    let reads = 0;
    const refresh = () => {
      const read = ++reads;
      outbox.list().then(
        (stored) => {
          if (read !== reads || !alive.current) return;
          setOperations(stored);
          setLoaded(true);
        },
        (error: unknown) => {
          if (!alive.current) return;
          setLoaded(true);
          setProblem(`Docket could not read its outbox on this device: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    };
    const unsubscribe = outbox.subscribe((event) => {
      setOperations((current) => applyEvent(current, event));
      refresh();
    });
    refresh();
    void sendAllNow();
    const stopListening = onOnline(() => void sendAllNow());
    return () => {
      alive.current = false;
      unsubscribe();
      stopListening();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [outbox, onOnline, sendAllNow]);

  const enqueue = useCallback(
    async (operation: NewOperation) => {
      const queued = await outbox.enqueue(operation);
      void flush();
      return queued;
    },
    [outbox, flush],
  );

  const retry = useCallback(
    async (id: string) => {
      await outbox.retry(id);
      void flush();
    },
    [outbox, flush],
  );

  const discard = useCallback((id: string) => outbox.discard(id), [outbox]);

  const sendingAll = sendsOfAllRunning > 0;
  const value = useMemo<OutboxState>(
    () => ({ operations, loaded, problem, sendingAll, enqueue, retry, discard, flush, sendAllNow }),
    [operations, loaded, problem, sendingAll, enqueue, retry, discard, flush, sendAllNow],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

export function useOutboxState(): OutboxState {
  const value = useContext(OutboxContext);
  if (!value) throw new Error('useOutboxState needs <OutboxProvider> above it');
  return value;
}
