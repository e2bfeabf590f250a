// Group commit of concurrent single cards (issue 13): hospitals submit one card at a time, all day, and each
// card alone costs a transaction with its idempotency, duplicate and insert statements. Cards arriving while
// a batch is being stored wait and go together into the next one (no timer: a card on an idle server is
// stored at once), each caller still getting its own result or its own 422.

/** One submission's outcome within a batch: its result, or the error it alone fails with. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve(r: R): void;
  reject(e: unknown): void;
}

export class GroupCommit<I, R> {
  private waiting: Waiting<I, R>[] = [];
  private inFlight = 0;

  /**
   * `store` checks and stores several submissions in one transaction (CaseIntake.ingestMany). `parallel`
   * batches may be stored at once: one on the embedded database (one connection), a few on PostgreSQL.
   */
  constructor(
    private readonly store: (items: readonly I[]) => Promise<Outcome<R>[]>,
    private readonly parallel: number,
    private readonly maxBatch = 200,
  ) {}

  add(item: I): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.parallel && this.waiting.length) {
      this.inFlight++;
      void this.gather()
        .then(() => this.flush(this.waiting.splice(0, this.maxBatch)))
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  /**
   * Lets the requests already received reach `add` before a batch is cut. PGlite answers queries without
   * giving the event loop a turn, so while one card is stored no other request's body is even read: without
   * these turns every batch would hold one card. A few event-loop turns (no timer) cost microseconds when
   * nothing else is waiting.
   */
  private async gather(): Promise<void> {
    for (let turn = 0; turn < 8; turn++) {
      const before = this.waiting.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (turn >= 2 && this.waiting.length === before) return;
    }
  }

  private async flush(batch: Waiting<I, R>[]): Promise<void> {
    if (!batch.length) return;
    let outcomes: Outcome<R>[];
    try {
      outcomes = await this.store(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // The batch's transaction failed as a whole: each card again on its own, so only a bad one fails.
      outcomes = [];
      for (const w of batch) {
        outcomes.push(...(await this.store([w.item]).catch((e: unknown) => [{ ok: false as const, error: e }])));
      }
    }
    outcomes.forEach((o, i) => {
      if (o.ok) batch[i]!.resolve(o.value);
      else batch[i]!.reject(o.error);
    });
  }
}
