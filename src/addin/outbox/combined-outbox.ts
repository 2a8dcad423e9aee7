import type { NewOperation, OutboxOperation } from './operation';
import { type FlushResult, type Outbox, type OutboxListener, OutboxOperationNotFoundError } from './outbox';

/** What the task pane uses of an outbox. */
export type OutboxLike = Pick<Outbox, 'enqueue' | 'flush' | 'sendAllNow' | 'flushWithin' | 'retry' | 'discard' | 'list' | 'subscribe'>;

/**
 * The pane's own outbox (IndexedDB) together with the event runtime's (OfficeRuntime.storage):
 * new writes go to the first; listing, draining, retry and discard cover both, so a track that
 * a send handler queued is shown, retried and landed by the pane too.
 */
export class CombinedOutbox implements OutboxLike {
  constructor(
    private readonly primary: Outbox,
    private readonly others: Outbox[],
  ) {}

  enqueue(input: NewOperation): Promise<OutboxOperation> {
    return this.primary.enqueue(input);
  }

  flush(): Promise<FlushResult> {
    return this.everywhere((outbox) => outbox.flush());
  }

  sendAllNow(): Promise<FlushResult> {
    return this.everywhere((outbox) => outbox.sendAllNow());
  }

  flushWithin(ms: number): Promise<FlushResult> {
    return this.everywhere((outbox) => outbox.flushWithin(ms));
  }

  async list(): Promise<OutboxOperation[]> {
    const lists = await Promise.all(this.all().map((outbox) => outbox.list().catch(() => [] as OutboxOperation[])));
    return lists.flat().sort((a, b) => a.createdAt - b.createdAt);
  }

  retry(id: string): Promise<OutboxOperation> {
    return this.first(id, (outbox) => outbox.retry(id));
  }

  discard(id: string): Promise<void> {
    return this.first(id, (outbox) => outbox.discard(id));
  }

  subscribe(listener: OutboxListener): () => void {
    const stops = this.all().map((outbox) => outbox.subscribe(listener));
    return () => stops.forEach((stop) => stop());
  }

  private all(): Outbox[] {
    return [this.primary, ...this.others];
  }

  private async everywhere(run: (outbox: Outbox) => Promise<FlushResult>): Promise<FlushResult> {
    const results = await Promise.all(this.all().map(run));
    return results.reduce((sum, r) => ({
      done: sum.done + r.done,
      deferred: sum.deferred + r.deferred,
      failed: sum.failed + r.failed,
      stoppedAtDeadline: sum.stoppedAtDeadline || r.stoppedAtDeadline,
    }));
  }

  private async first<T>(id: string, run: (outbox: Outbox) => Promise<T>): Promise<T> {
    for (const outbox of this.all()) {
      try {
        return await run(outbox);
      } catch (error) {
        if (!(error instanceof OutboxOperationNotFoundError)) throw error;
      }
    }
    throw new OutboxOperationNotFoundError(id);
  }
}
