/**
 * The few post-ES2016 built-ins the event bundle's shared code calls (esbuild lowers syntax to
 * ES2016, not library calls), installed only where the runtime lacks them: `globalThis`
 * (ES2020), `Promise.prototype.finally` (ES2018), `Array.prototype.flatMap` (ES2019) and
 * `String.prototype.padStart` (ES2017). Imported first by the entry file.
 */

declare const __docketGlobal__: typeof globalThis;

function installGlobalThis(): void {
  if (typeof globalThis === 'object') return;
  // Reads the global object without `window`, `self` or `Function('return this')` (no DOM, no eval).
  Object.defineProperty(Object.prototype, '__docketGlobal__', {
    get() {
      return this;
    },
    configurable: true,
  });
  try {
    (__docketGlobal__ as { globalThis?: unknown }).globalThis = __docketGlobal__;
  } finally {
    delete (Object.prototype as { __docketGlobal__?: unknown }).__docketGlobal__;
  }
}

function define<T extends object>(target: T, name: string, value: unknown): void {
  if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true });
}

installGlobalThis();

define(Promise.prototype, 'finally', function promiseFinally<T>(this: Promise<T>, onFinally?: (() => void) | null): Promise<T> {
  if (typeof onFinally !== 'function') return this.then();
  return this.then(
    (value) => Promise.resolve(onFinally()).then(() => value),
    (reason: unknown) =>
      Promise.resolve(onFinally()).then(() => {
        throw reason;
      }),
  );
});

define(Array.prototype, 'flatMap', function flatMap<T, U>(this: T[], callback: (value: T, index: number, array: T[]) => U | U[], thisArg?: unknown): U[] {
  const result: U[] = [];
  for (let i = 0; i < this.length; i++) {
    const mapped = callback.call(thisArg, this[i]!, i, this);
    if (Array.isArray(mapped)) result.push(...mapped);
    else result.push(mapped);
  }
  return result;
});

define(String.prototype, 'padStart', function padStart(this: string, targetLength: number, padString = ' '): string {
  const text = String(this);
  const pad = String(padString);
  if (text.length >= targetLength || pad === '') return text;
  let filler = '';
  while (filler.length < targetLength - text.length) filler += pad;
  return filler.slice(0, targetLength - text.length) + text;
});
