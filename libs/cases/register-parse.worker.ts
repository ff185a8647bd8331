/**
 * The register parser's thread (see register-parse.ts). It is kept between imports, so each
 * waits for its next job. It posts the rows back in batches, each when the request thread asks
 * for the next (a port delivers every queued message in one go, which would hold the request
 * thread as long as posting it all at once). A refusal travels back as the DomainError's parts.
 */
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../common/index.js';
import type { ParseJob, ParseMessage } from './register-parse.js';
import { parseRegisterFiles } from './register-files.js';

const BATCH = 5000;
const port = parentPort!;
let taken: (() => void) | null = null;

/** Posts a batch and waits until the request thread has taken it in. */
const postBatch = (message: ParseMessage) =>
  new Promise<void>((resolve) => {
    taken = resolve;
    port.postMessage(message);
  });

async function parse(job: ParseJob): Promise<ParseMessage> {
  try {
    // Structured cloning hands a Buffer over as a plain Uint8Array.
    const files = job.files.map((f) => ({
      name: f.name,
      content: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength),
    }));
    const parsed = await parseRegisterFiles(job.format, files);
    for (let i = 0; i < parsed.rows.length; i += BATCH)
      await postBatch({ rows: parsed.rows.slice(i, i + BATCH) });
    for (let i = 0; i < parsed.rejected.length; i += BATCH) {
      await postBatch({ rejected: parsed.rejected.slice(i, i + BATCH) });
    }
    return { done: parsed.format };
  } catch (error) {
    return error instanceof DomainError
      ? { refused: { code: error.code, message: error.message, details: error.details } }
      : { failed: error instanceof Error ? error.name : 'Error' };
  }
}

port.on('message', (message: 'next' | ParseJob) => {
  if (message === 'next') {
    const resolve = taken;
    taken = null;
    resolve?.();
  } else {
    void parse(message).then((outcome) => port.postMessage(outcome));
  }
});
