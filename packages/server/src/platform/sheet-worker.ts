// Import files are decoded off the event loop: a small pool of worker threads runs the readers (exceljs,
// csv-parse, JSZip), each job under a time limit (the worker is terminated) and every worker under a heap
// limit (resourceLimits), with a bounded queue (503 when full). Parsing a spreadsheet is synchronous CPU work
// for seconds at a time; on the main thread it would stall every request, /api/health included.
//
// A job names its reader by module URL and export, so the platform runs readers of any context without
// importing them. A reader is `(...args, limits) => Promise<T>`: the pool appends the limits. Its result
// and its AppErrors cross the thread boundary by structured clone.
import { Worker } from 'node:worker_threads';
import { AppError } from './errors.ts';
import { fileTooComplex, parserBusy, type UploadLimits } from './upload-limits.ts';

/** A reader run in a worker: its module's URL (import.meta.url) and export name. */
export interface WorkerFn<Args extends unknown[], T> {
  module: string;
  name: string;
  /** Type only: the reader's arguments (without the trailing limits) and result. */
  readonly __type?: (...args: Args) => T;
}

export const workerFn = <Args extends unknown[], T>(module: string, name: string): WorkerFn<Args, T> => ({
  module,
  name,
});

/** Runs readers under the upload limits: in a worker pool (HTTP) or in-process (CLI, trusted files). */
export interface Decoder {
  readonly limits: UploadLimits;
  run<Args extends unknown[], T>(fn: WorkerFn<Args, T>, args: Args, filename: string): Promise<T>;
}

/** Runs the reader on the calling thread: for the CLI, whose files come from the operator. */
export function inProcessDecoder(limits: UploadLimits): Decoder {
  return {
    limits,
    async run(fn, args) {
      const m = (await import(fn.module)) as Record<string, (...a: unknown[]) => Promise<never>>;
      return m[fn.name]!(...args, limits);
    },
  };
}

// The bytes of an HTTP upload remember the decoder of the server that received them (multipart.ts), so a
// reader given those bytes decodes them off the event loop while the CLI's files are read in-process.
const BOUND = new WeakMap<Buffer, Decoder>();

/** Marks `buf` as an upload to be decoded by `decoder`. */
export function bindDecoder(buf: Buffer, decoder: Decoder): void {
  BOUND.set(buf, decoder);
}

/** The decoder an upload's bytes were bound to, if any. */
export const boundDecoder = (buf: Buffer): Decoder | undefined => BOUND.get(buf);

/** An AppError as it crosses the thread boundary. */
export interface SerialError {
  appError: true;
  code: AppError['code'];
  text: AppError['text'];
  details: AppError['details'];
  status: number;
}

export const isSerialError = (v: unknown): v is SerialError =>
  typeof v === 'object' && v !== null && (v as { appError?: unknown }).appError === true;

interface Job {
  id: number;
  fn: WorkerFn<unknown[], unknown>;
  args: unknown[];
  filename: string;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const ENTRY = new URL('./sheet-worker-entry.mjs', import.meta.url);
/** Time a new worker may take to load tsx and a reader's code (exceljs) before its first job is refused. */
const STARTUP_MS = 30_000;
/** A worker idle this long is ended; the next file starts a fresh one. */
const IDLE_MS = 60_000;

export class ParsePool implements Decoder {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(readonly limits: UploadLimits) {}

  run<Args extends unknown[], T>(fn: WorkerFn<Args, T>, args: Args, filename: string): Promise<T> {
    if (this.closed) return Promise.reject(new Error('parse pool closed'));
    const busy = this.slots.filter((s) => s.job).length;
    if (busy >= this.limits.parseWorkers && this.queue.length >= this.limits.parseQueue) {
      return Promise.reject(parserBusy());
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        fn: fn as WorkerFn<unknown[], unknown>,
        args,
        filename,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.pump();
    });
  }

  /** Ends every worker; queued and running jobs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.reject(new Error('parse pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s)));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.limits.parseWorkers) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
    this.scheduleIdle();
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.parseMemoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.floor(this.limits.parseMemoryMb / 8))),
      },
      // The parent's flags (a test runner's loaders) are not the worker's business: it registers tsx itself.
      execArgv: [],
    });
    // An idle worker must not keep the process alive (the CLI, tests).
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (msg: { id: number; started?: true; ok?: boolean; value?: unknown; error?: unknown }) => {
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      if (msg.started) {
        this.startClock(slot, job);
        return;
      }
      this.finish(slot);
      if (msg.ok) job.resolve(msg.value);
      else job.reject(revive(msg.error));
    });
    // 'error' comes before 'exit' when the heap limit is hit (ERR_WORKER_OUT_OF_MEMORY) or the worker
    // throws outside a job; either way its job cannot finish.
    worker.on('error', (e: Error & { code?: string }) => {
      const job = slot.job;
      this.discard(slot);
      if (job) {
        job.reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? fileTooComplex(job.filename, 'memory', this.limits) : e);
      }
    });
    worker.on('exit', () => {
      const job = slot.job;
      this.discard(slot);
      if (job) job.reject(fileTooComplex(job.filename, 'memory', this.limits));
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    // Until the worker has loaded the reader, only a hung start is guarded against.
    this.startClock(slot, job, Math.max(STARTUP_MS, this.limits.parseTimeoutMs));
    slot.worker.postMessage({
      id: job.id,
      module: job.fn.module,
      name: job.fn.name,
      args: job.args,
      limits: this.limits,
    });
  }

  private startClock(slot: Slot, job: Job, ms = this.limits.parseTimeoutMs): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      // Past the time limit: the only way to stop synchronous parsing is to end its thread.
      this.discard(slot);
      void slot.worker.terminate();
      job.reject(fileTooComplex(job.filename, 'time', this.limits));
    }, ms);
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
    this.pump();
  }

  /** Forgets a worker that is gone or being stopped (its job, if any, is the caller's to reject). */
  private discard(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (!this.closed) setImmediate(() => this.pump());
  }

  private async stop(slot: Slot): Promise<void> {
    this.discard(slot);
    await slot.worker.terminate();
  }

  private scheduleIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.slots.every((s) => !s.job) && this.slots.length) {
      this.idleTimer = setTimeout(() => {
        for (const s of this.slots.filter((x) => !x.job)) void this.stop(s);
      }, IDLE_MS);
      this.idleTimer.unref();
    }
  }
}

function revive(e: unknown): unknown {
  if (isSerialError(e)) return new AppError(e.code, e.text, e.details, e.status);
  if (e instanceof Error) return e;
  return new Error(String(e));
}
