import { Worker } from 'node:worker_threads';

/**
 * Moves SQLite's WAL checkpoints off the request thread. With `wal_autocheckpoint` on, every
 * thousandth page makes some COMMIT also copy the WAL into the database file and sync it, and
 * better-sqlite3 does that synchronously, stalling every request. Here the writer connection
 * never checkpoints; a worker thread with its own connection runs PASSIVE checkpoints (which
 * never block writers) every `intervalMs`, and a TRUNCATE one on close. Commits still sync the
 * WAL (synchronous=FULL), so durability is the same.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch (error) { parentPort.postMessage({ error: String(error) }); } };
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint('TRUNCATE');
  db.close();
  parentPort.postMessage({ closed: true });
});
`;

export interface BackgroundCheckpointer { close(): Promise<void> }

export function startBackgroundCheckpoints(file: string, intervalMs = 200): BackgroundCheckpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, betterSqlite3: require.resolve('better-sqlite3') } });
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error) process.stderr.write(`docket: background checkpoint failed: ${message.error}\n`);
  });
  let closing: Promise<void> | null = null;
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  return {
    // Idempotent: a store closed twice (tests, shutdown paths) must not wait for a worker that is gone.
    close: () =>
      (closing ??= exited
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const finish = () => {
              void worker.terminate().finally(resolve);
            };
            worker.once('message', finish);
            worker.once('error', finish);
            worker.once('exit', () => resolve());
            worker.postMessage('close');
            // A checkpoint of a large WAL is quick, but never let shutdown hang on it.
            setTimeout(finish, 5000).unref();
          })),
  };
}
