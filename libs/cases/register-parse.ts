import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorDetails, type ErrorCode } from '../common/index.js';
import type { ParsedRegister, RegisterFormat, RegisterRow, RejectedRow } from './import/index.js';
import { parseRegisterFiles, type RegisterFile } from './register-files.js';

export interface ParseJob {
  format: RegisterFormat;
  files: { name: string; content: Uint8Array }[];
}

export type ParseMessage =
  | { rows: RegisterRow[] }
  | { rejected: RejectedRow[] }
  | { done: RegisterFormat }
  | { refused: { code: ErrorCode; message: string; details: DomainErrorDetails } }
  | { failed: string };

/**
 * The compiled worker beside this file. Under Jest the sources are TypeScript, which a worker
 * thread cannot load: there the parse runs on the calling thread (the same function).
 */
const WORKER = import.meta.url.endsWith('.js')
  ? new URL('./register-parse.worker.js', import.meta.url)
  : null;
/** Smaller files parse in a few tens of milliseconds: not worth a thread. */
const IN_THREAD_BYTES = 1024 * 1024;

/** A parser thread kept between imports (loading its modules takes longer than a small parse). */
let idle: Worker | null = null;

/**
 * Parses the register on a worker thread: a 50 MB CSV takes seconds of CPU, which on the request
 * thread held every other request (parsing is synchronous). The rows come back in batches, each
 * a separate turn of the event loop. Refusals (422 naming the column) are the same DomainErrors
 * as on the calling thread.
 */
export async function parseOffThread(
  format: RegisterFormat,
  files: readonly RegisterFile[],
): Promise<ParsedRegister> {
  const bytes = files.reduce((sum, f) => sum + f.content.byteLength, 0);
  if (!WORKER || bytes < IN_THREAD_BYTES) return parseRegisterFiles(format, files);
  const worker = idle ?? new Worker(WORKER);
  idle = null;
  worker.ref();
  worker.removeAllListeners();
  let healthy = false;
  try {
    const parsed = await parseOn(worker, {
      format,
      files: files.map((f) => ({ name: f.name, content: f.content })),
    });
    healthy = true;
    return parsed;
  } catch (error) {
    healthy = error instanceof DomainError;
    throw error;
  } finally {
    keepOrEnd(worker, healthy);
  }
}

/**
 * Starts the parser thread ahead of the first import (the server calls it once it listens):
 * loading the parser's modules takes about a second, on that thread, not on the request thread.
 */
export function warmParserThread(): void {
  if (!WORKER || idle) return;
  keepOrEnd(new Worker(WORKER), true);
}

/** Ends the idle parser thread (at shutdown). */
export async function stopParserThread(): Promise<void> {
  const worker = idle;
  idle = null;
  await worker?.terminate();
}

function keepOrEnd(worker: Worker, healthy: boolean): void {
  worker.removeAllListeners();
  if (!healthy || idle) {
    void worker.terminate();
    return;
  }
  // Unreferenced: an idle parser never keeps the process alive.
  worker.unref();
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    if (idle === worker) idle = null;
  });
  idle = worker;
}

function parseOn(worker: Worker, job: ParseJob): Promise<ParsedRegister> {
  return new Promise((resolve, reject) => {
    const rows: RegisterRow[] = [];
    const rejected: RejectedRow[] = [];
    worker.on('message', (message: ParseMessage) => {
      if ('rows' in message || 'rejected' in message) {
        if ('rows' in message) for (const row of message.rows) rows.push(row);
        else for (const row of message.rejected) rejected.push(row);
        // The next batch after other requests have had a turn.
        setImmediate(() => worker.postMessage('next'));
      } else if ('done' in message) resolve({ format: message.done, rows, rejected });
      else if ('refused' in message) {
        const { code, message: text, details } = message.refused;
        reject(new DomainError(code, text, details));
      } else reject(new Error(`the register parser failed (${message.failed})`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      reject(new Error(`the register parser stopped before it finished (exit ${code})`)),
    );
    worker.postMessage(job);
  });
}
