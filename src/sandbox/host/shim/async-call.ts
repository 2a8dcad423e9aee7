import type { OfficeErrorData } from '../bridge/frame-binding';

/** Office.js's `AsyncResult`, made in the add-in's own frame. */
export interface AsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T | undefined;
  error: OfficeErrorData | undefined;
  asyncContext: unknown;
  diagnostics: undefined;
}

type Callback = (result: AsyncResult<unknown>) => void;

/** An Office method's trailing `(options?, callback?)`: the callback is the last function; `options.asyncContext` comes back on the result. */
export function splitOptionalArguments(rest: readonly unknown[]): { options: Record<string, unknown>; callback: Callback | undefined } {
  const last = rest[rest.length - 1];
  const callback = typeof last === 'function' ? (last as Callback) : undefined;
  const first = rest[0];
  const options = first && typeof first === 'object' && typeof first !== 'function' ? (first as Record<string, unknown>) : {};
  return { options, callback };
}

/** The value copied into this frame's realm: the add-in then sees its own Arrays and Objects, as with office.js. */
export function ownCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function officeErrorOf(error: unknown): OfficeErrorData {
  const candidate = error as Partial<OfficeErrorData> | null;
  if (candidate && typeof candidate.code === 'number' && typeof candidate.name === 'string') {
    return { code: candidate.code, name: candidate.name, message: candidate.message ?? candidate.name };
  }
  // A host bug, not an Office error: say so rather than pretend Outlook refused.
  return { code: 5001, name: 'InternalError', message: `The sandbox host failed: ${error instanceof Error ? error.message : String(error)}` };
}

export interface AsyncCaller {
  /**
   * Runs `work` and calls the add-in's callback later with an AsyncResult, as Outlook does: never
   * synchronously, and with `status`/`error` set on failure. `map` turns the host's value into
   * what Office.js returns (made in this frame).
   */
  call<T>(rest: readonly unknown[], work: () => Promise<T>, map?: (value: T) => unknown): void;
}

export function createAsyncCaller(latencyMs: number, report: (problem: string) => void): AsyncCaller {
  const deliver = (callback: Callback | undefined, result: AsyncResult<unknown>) => {
    setTimeout(() => {
      if (!callback) return;
      try {
        callback(result);
      } catch (error) {
        // Outlook does not catch for the add-in either: the error goes to the console and the page's log.
        report(`An add-in callback threw: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    }, latencyMs);
  };
  return {
    call(rest, work, map) {
      const { options, callback } = splitOptionalArguments(rest);
      const asyncContext = options.asyncContext;
      let running: Promise<unknown>;
      try {
        running = work();
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(
        (value) => deliver(callback, { status: 'succeeded', value: map ? map(value as never) : ownCopy(value), error: undefined, asyncContext, diagnostics: undefined }),
        (error: unknown) => deliver(callback, { status: 'failed', value: undefined, error: officeErrorOf(error), asyncContext, diagnostics: undefined }),
      );
    },
  };
}
