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

/**
 * Parses the register on a worker thread: a 50 MB CSV takes seconds of CPU, which on the request
 * thread held every other request (parsing is synchronous). The rows come back in batches, each
 * a separate turn of the event loop. Refusals (422 naming the column) are the same DomainErrors
 * as on the calling thread.
 */
export function parseOffThread(
  format: RegisterFormat,
  files: readonly RegisterFile[],
): Promise<ParsedRegister> {
  if (!WORKER) return parseRegisterFiles(format, files);
  const job: ParseJob = { format, files: files.map((f) => ({ name: f.name, content: f.content })) };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    const rows: RegisterRow[] = [];
    const rejected: RejectedRow[] = [];
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (message: ParseMessage) => {
      if ('rows' in message || 'rejected' in message) {
        if ('rows' in message) for (const row of message.rows) rows.push(row);
        else for (const row of message.rejected) rejected.push(row);
        // The next batch after other requests have had a turn.
        setImmediate(() => worker.postMessage('next'));
      } else if ('done' in message) settle(() => resolve({ format: message.done, rows, rejected }));
      else if ('refused' in message) {
        const { code, message: text, details } = message.refused;
        settle(() => reject(new DomainError(code, text, details)));
      } else settle(() => reject(new Error(`the register parser failed (${message.failed})`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the register parser stopped before it finished (exit ${code})`))),
    );
  });
}
