/** What an Office `asyncResult` looks like; declared here so this file needs no Office typings. */
export interface OfficeAsyncResultLike<T> {
  /** `"succeeded"` or `"failed"` at run time (typed as an enum by @types/office-js). */
  status: unknown;
  value: T;
  error?: { code?: number; name?: string; message?: string } | null;
}

export type OfficeCallback<T> = (result: OfficeAsyncResultLike<T>) => void;

/** A failed Office call, with the Office error's `code`, `name` and `message`. */
export class OfficeError extends Error {
  constructor(
    readonly code: number | undefined,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

function officeErrorOf(error: OfficeAsyncResultLike<unknown>['error']): OfficeError {
  const name = error?.name || 'OfficeError';
  return new OfficeError(error?.code, name, error?.message || `Outlook reported ${name}`);
}

/**
 * Turns one `callback(asyncResult)` Office API into a promise that rejects with the Office
 * error. The callback never throws: an exception inside it would escape to Office, where no
 * caller can catch it, and the promise would never settle.
 */
export function officeAsync<T>(start: (callback: OfficeCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const callback: OfficeCallback<T> = (result) => {
      try {
        if (!result) reject(new OfficeError(undefined, 'OfficeError', 'Outlook returned no result'));
        else if (String(result.status) === 'failed') reject(officeErrorOf(result.error));
        else resolve(result.value);
      } catch (error) {
        reject(error);
      }
    };
    try {
      start(callback);
    } catch (error) {
      reject(error);
    }
  });
}

/** Runs a listener from an Office event without letting its exception reach Office. */
export function callSafely(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    console.error('Docket: an Outlook event listener failed', error);
  }
}
