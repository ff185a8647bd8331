import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/** Plain JavaScript, so that it runs as it is under Jest and from dist alike. */
const CHECKPOINT = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 10000 });
try { db.pragma('wal_checkpoint(PASSIVE)'); } finally { db.close(); }
`;

/**
 * Copies a SQLite file's write-ahead log into the file on a thread and connection of its own.
 * After a register import the log holds hundreds of megabytes; the automatic checkpoint would
 * copy them on the committing connection, which is the request thread. PASSIVE: it never waits
 * for readers or writers, and what it cannot copy now a later checkpoint does. Resolves when the
 * thread ends, whatever happened: a checkpoint is housekeeping, never an error for anyone.
 */
export function checkpointOffThread(file: string): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(CHECKPOINT, { eval: true, workerData: { driver: DRIVER, file } });
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
}
