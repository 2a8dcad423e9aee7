export default async function globalTeardown(): Promise<void> {
  (globalThis as { __docketPostgres?: { stop(): void } }).__docketPostgres?.stop();
}
