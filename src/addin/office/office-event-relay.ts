/// <reference types="office-js" />
import { callSafely, officeAsync } from './office-async';

/**
 * Many listeners over one Office mailbox event. Office's `removeHandlerAsync` removes every
 * handler of a type, so Docket registers one handler while anyone listens and fans out itself.
 * Registering and removing are chained, so a quick unsubscribe-subscribe cannot interleave.
 */
export class OfficeEventRelay {
  private readonly listeners = new Set<() => void>();
  private registered = false;
  private changes: Promise<void> = Promise.resolve();

  constructor(
    private readonly mailbox: Office.Mailbox,
    private readonly eventType: Office.EventType,
    private readonly beforeListeners: () => void = () => undefined,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    this.reconcile();
    return () => {
      this.listeners.delete(listener);
      this.reconcile();
    };
  }

  private readonly dispatch = (): void => {
    callSafely(this.beforeListeners);
    for (const listener of Array.from(this.listeners)) callSafely(listener);
  };

  private reconcile(): void {
    this.changes = this.changes.then(async () => {
      const wanted = this.listeners.size > 0;
      if (wanted === this.registered) return;
      try {
        if (wanted) await officeAsync<void>((callback) => this.mailbox.addHandlerAsync(this.eventType, this.dispatch, callback));
        else await officeAsync<void>((callback) => this.mailbox.removeHandlerAsync(this.eventType, callback));
        this.registered = wanted;
      } catch (error) {
        console.error(`Docket: Outlook refused to ${wanted ? 'add' : 'remove'} the ${String(this.eventType)} handler`, error);
      }
    });
  }
}
