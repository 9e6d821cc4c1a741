import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the background connection moves the write-ahead log into the database file. */
const INTERVAL_MS = 1000;
/** Pages after which a writer checkpoints by itself anyway: only if the background thread has stopped (~40 MB). */
const FALLBACK_PAGES = 10_000;

// Runs in its own thread with its own connection: a PASSIVE checkpoint never blocks readers or writers,
// and the file I/O it does happens off the event loop.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.interval);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/**
 * SQLite's automatic checkpoint runs inside whichever write commits past 1,000 pages of log: that
 * request then copies ~4 MB into the database file and pays for it (a contact create took 0.4 ms at
 * the median and 2.3 ms on average, the difference being those checkpoints — BENCHMARKS.md). The
 * server checkpoints from a background thread instead and leaves the writers' own checkpoint as a
 * far-off fallback. Returns the function that stops the thread.
 */
export function checkpointInBackground(sqlite: SQLite.Database, file: string): () => Promise<void> {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, interval: INTERVAL_MS } });
  worker.unref();
  // A failed thread only means the writers checkpoint by themselves again.
  worker.on('error', () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000'));
  return async () => {
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Held again while it stops: an unreferenced thread lets a process with nothing else to do end at this await.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  };
}
