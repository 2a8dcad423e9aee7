/**
 * Runs an event handler's work and then calls `complete` exactly once: when the work ends,
 * whether it succeeded or failed, or at `deadlineMs` if it has not ended by then. Outlook
 * waits for `event.completed`; a handler that never calls it leaves the user waiting, and one
 * that calls it early is cut off before its work is stored.
 */
export function completeOnEveryPath(work: () => Promise<void>, complete: () => void, deadlineMs: number, label: string): Promise<void> {
  return new Promise<void>((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      try {
        complete();
      } catch (error) {
        console.error(`Docket: ${label}: event.completed failed`, error);
      }
      resolve();
    };
    const timer = setTimeout(() => {
      console.warn(`Docket: ${label} did not finish within ${deadlineMs} ms; letting Outlook go on`);
      finish();
    }, deadlineMs);
    let running: Promise<void>;
    try {
      running = work();
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(finish, (error: unknown) => {
      console.error(`Docket: ${label} failed`, error);
      finish();
    });
  });
}
