// The body of a parse worker: runs the reader a job names and posts back its result or its error. An
// AppError (a file the user can fix) goes back as data; anything else as an Error with its message.
import { parentPort } from 'node:worker_threads';
import { AppError } from './errors.ts';
import type { SerialError } from './sheet-worker.ts';
import type { UploadLimits } from './upload-limits.ts';

interface JobMessage {
  id: number;
  module: string;
  name: string;
  args: unknown[];
  limits: UploadLimits;
}

/** Bytes arrive as a plain Uint8Array (structured clone); the readers take Buffers. */
const revive = (v: unknown) =>
  v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;

function serial(e: unknown): SerialError | Error {
  if (e instanceof AppError) {
    return { appError: true, code: e.code, text: e.text, details: e.details, status: e.status };
  }
  const err = new Error(e instanceof Error ? e.message : String(e));
  if (e instanceof Error && e.stack) err.stack = e.stack;
  return err;
}

parentPort!.on('message', async (job: JobMessage) => {
  try {
    const m = (await import(job.module)) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const fn = m[job.name];
    if (typeof fn !== 'function') throw new Error(`${job.module} has no export ${job.name}`);
    // The time limit runs from here: starting the thread and loading the reader's code is not the file's doing.
    parentPort!.postMessage({ id: job.id, started: true });
    const value = await fn(...job.args.map(revive), job.limits);
    parentPort!.postMessage({ id: job.id, ok: true, value });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: serial(e) });
  }
});
