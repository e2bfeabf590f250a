// Detection decoupled from submission (issue 13): a stored card queues its series' key (detection-queue.ts) in
// the transaction that stores it; this worker claims queued keys every WEIJIAN_DETECTION_INTERVAL_MS, runs the
// signal engine over them (the queued diseases together over their counties and days, the streams in one
// more run) and deletes them when done. A request may detect its own keys at once (`runNow`: immediate-report
// diseases, bulk uploads, corrections); tests and batch jobs empty the queue with `drain`.
import { randomUUID } from 'node:crypto';
import { addDays } from '@weijian/core/surveillance';
import type { Db, Queryable } from '../platform/db.ts';
import {
  type ClaimedKey,
  claimKeys,
  claimThese,
  coalesce,
  completeClaims,
  type DetectionKey,
  enqueueKeys,
  failClaims,
  keyId,
  queueState,
  releaseAllClaims,
  renewClaims,
} from './detection-queue.ts';
import type { AffectedCase, RunScope } from './engine-model.ts';
import { addStats, emptyStats, type RunStats } from './engine-model.ts';

export type { DetectionKey } from './detection-queue.ts';

/** How many periods (weeks) before the last changed day a queued run re-evaluates at most (as afterCases). */
const INCREMENTAL_DAYS = 8 * 7;

/** What the worker needs of the engine: one run over a scope. */
export interface EngineRunner {
  run(scope: RunScope): Promise<RunStats>;
}

export interface DetectionOptions {
  /** Pause between polls of an empty queue. */
  intervalMs: number;
  /** How long a claim holds before another server may take the key (renewed while the run goes on). */
  leaseMs?: number;
  /** Keys claimed per round. */
  batch?: number;
  /** Delay before a key whose run failed is tried again. */
  retryMs?: number;
  /** Called on an unexpected failure of a round (the server's log). */
  onError?: (e: unknown) => void;
}

/** The keys of stored, corrected or deleted cards: their disease × county over their onset days. */
export function caseKeys(affected: readonly AffectedCase[]): DetectionKey[] {
  return coalesce(
    affected.map((a) => ({
      kind: 'case',
      subject: a.diseaseCode,
      countyCode: a.countyCode,
      from: a.onsetDate,
      to: a.onsetDate,
    })),
  );
}

/** The keys of stored stream counts: each stream × county over the days received. */
export function streamKeys(rows: readonly { stream: string; countyCode: string; date: string }[]): DetectionKey[] {
  return coalesce(
    rows.map((r) => ({ kind: 'stream', subject: r.stream, countyCode: r.countyCode, from: r.date, to: r.date })),
  );
}

export class DetectionQueue {
  private readonly instance = randomUUID().slice(0, 8);
  private seq = 0;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly retryMs: number;
  /** Engine runs per key in this process (tests count them: each key detected once). */
  readonly runs = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly engine: EngineRunner,
    private readonly options: DetectionOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batch = options.batch ?? 200;
    this.retryMs = options.retryMs ?? 30_000;
  }

  /** Queues keys in the caller's transaction (the one that stores the data behind them). */
  enqueue(q: Queryable, keys: readonly DetectionKey[]): Promise<void> {
    return enqueueKeys(q, keys);
  }

  /**
   * Detects these queued keys now, in the caller's request. A key another server (or this one's worker) holds
   * at this moment is run here all the same, without taking it off the queue: the answer must hold what is
   * known, and a second run is idempotent.
   */
  async runNow(keys: readonly DetectionKey[]): Promise<RunStats | null> {
    if (!keys.length) return null;
    const owner = this.owner();
    const claimed = await claimThese(this.db, owner, keys, this.leaseMs);
    const held = new Set(claimed.map(keyId));
    const others = keys.filter((k) => !held.has(keyId(k)));
    const total = emptyStats();
    if (claimed.length) addStats(total, await this.runClaimed(owner, claimed));
    if (others.length) addStats(total, await this.runKeys(others));
    return total;
  }

  /** Claims and runs queued keys until none is left (tests, batch jobs); returns what the runs found. */
  async drain(): Promise<RunStats> {
    const total = emptyStats();
    for (;;) {
      const r = await this.round();
      if (!r) return total;
      addStats(total, r);
    }
  }

  /** The backlog: pending keys, the cards or counts behind them, the age of the oldest. */
  state() {
    return queueState(this.db);
  }

  /**
   * Starts the background worker: a round every `intervalMs`. It pauses after a round that found work too
   * (longer after a long round, see pauseAfter): cards arriving meanwhile coalesce into the keys of the next
   * round, and on the embedded database (one connection) submissions are not starved by back-to-back engine
   * runs. The embedded database has one process, so leases found at its start were left by one that died.
   */
  start(): { stop(): Promise<void> } {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let wake: (() => void) | null = null;
    const loop = async () => {
      if (this.db.engine === 'pglite') await releaseAllClaims(this.db);
      while (!stopped) {
        const started = performance.now();
        let found = false;
        try {
          found = (await this.round()) !== null;
        } catch (e) {
          (this.options.onError ?? logFailure)(e);
        }
        if (stopped) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(
            resolve,
            found ? pauseAfter(performance.now() - started, this.options.intervalMs) : this.options.intervalMs,
          );
        });
      }
    };
    const done = loop();
    return {
      stop: async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        (wake as (() => void) | null)?.();
        await done;
      },
    };
  }

  /** One round: claim a batch of keys and run them; null when the queue had nothing free. */
  private async round(): Promise<RunStats | null> {
    const owner = this.owner();
    const claimed = await claimKeys(this.db, owner, this.batch, this.leaseMs);
    if (!claimed.length) return null;
    return this.runClaimed(owner, claimed);
  }

  private async runClaimed(owner: string, claimed: ClaimedKey[]): Promise<RunStats> {
    // A run longer than a third of the lease renews it, so no other server takes the keys meanwhile.
    const renew = setInterval(() => void renewClaims(this.db, owner, this.leaseMs).catch(() => {}), this.leaseMs / 3);
    try {
      const stats = await this.runKeys(claimed);
      await completeClaims(this.db, owner);
      return stats;
    } catch (e) {
      await failClaims(this.db, owner, this.retryMs).catch(() => {});
      throw e;
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Engine runs over the queued diseases together, one per group of diseases whose days lie within
   * INCREMENTAL_DAYS of each other (usually one), and one over the streams. A run has fixed costs (the first
   * onset of all cards, the stored signals of its days, storing and fusing) that one run per disease paid
   * again for each (issue 13: under a burst of single cards the worker's rounds took the embedded database's
   * one connection from the submissions). Each disease is still evaluated over all of its own days; one
   * evaluated in a county or on days only another disease needed costs a few series more and finds the same
   * signals (runs are idempotent).
   */
  private async runKeys(keys: readonly DetectionKey[]): Promise<RunStats> {
    const total = emptyStats();
    const cases = keys.filter((k) => k.kind === 'case');
    const streams = keys.filter((k) => k.kind === 'stream');
    for (const group of diseaseGroups(cases)) {
      addStats(total, await this.engine.run({ ...group, casesOnly: true }));
    }
    if (streams.length) {
      const codes = [...new Set(streams.map((k) => k.subject))];
      addStats(
        total,
        await this.engine.run({ ...span(streams), streams: codes, counties: counties(streams), streamsOnly: true }),
      );
    }
    for (const k of keys) this.runs.set(keyId(k), (this.runs.get(keyId(k)) ?? 0) + 1);
    return total;
  }

  private owner(): string {
    return `${this.instance}:${++this.seq}`;
  }
}

/** A failed round on the server's stderr: the error's kind and SQLSTATE, never its message (row values). */
function logFailure(e: unknown): void {
  const err = e as { name?: string; code?: string };
  process.stderr.write(
    `weijian: detection round failed (${err?.name ?? 'Error'}${err?.code ? ` ${err.code}` : ''}); retried later\n`,
  );
}

/**
 * Case keys as runs: each disease's own span (see span), diseases sorted by their first day and put together
 * while the group's days stay within INCREMENTAL_DAYS (a late card's old days do not widen everyone's run).
 */
export function diseaseGroups(
  keys: readonly DetectionKey[],
): { from: string; to: string; diseases: string[]; counties: string[] }[] {
  const byDisease = new Map<string, DetectionKey[]>();
  for (const k of keys) byDisease.set(k.subject, [...(byDisease.get(k.subject) ?? []), k]);
  const spans = [...byDisease]
    .map(([disease, list]) => ({ disease, list, ...span(list) }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.disease < b.disease ? -1 : 1));
  const groups: { from: string; to: string; diseases: string[]; keys: DetectionKey[] }[] = [];
  for (const s of spans) {
    const cur = groups.at(-1);
    // ISO dates: the later one sorts last.
    const to = cur ? [s.to, cur.to].sort()[1]! : s.to;
    if (cur && addDays(cur.from, INCREMENTAL_DAYS) >= to) {
      cur.to = to;
      cur.diseases.push(s.disease);
      cur.keys.push(...s.list);
    } else groups.push({ from: s.from, to: s.to, diseases: [s.disease], keys: [...s.list] });
  }
  return groups.map(({ keys: list, ...g }) => ({ ...g, counties: counties(list) }));
}

/** A round's share of the database under a stream of cards: the pause after a round is 3× its length. */
const ROUND_SHARE = 3;
/** The pause never exceeds this (with a round's length, a signal stays visible within seconds). */
const MAX_PAUSE_MS = 2000;

/**
 * The pause after a round that found work: the interval, or three times the round's length when that is
 * longer (capped), so a busy worker leaves the embedded database's one connection to submissions most of the
 * time (issue 13: p99 of single cards) and cards arriving meanwhile coalesce into fewer, larger runs.
 */
export function pauseAfter(roundMs: number, intervalMs: number): number {
  return Math.max(intervalMs, Math.min(ROUND_SHARE * roundMs, MAX_PAUSE_MS));
}

const counties = (keys: readonly DetectionKey[]) => [...new Set(keys.map((k) => k.countyCode))];

/** The days a run covers: up to the latest changed day, at most INCREMENTAL_DAYS back (as afterCases). */
function span(keys: readonly DetectionKey[]): { from: string; to: string } {
  let from = keys[0]!.from;
  let to = keys[0]!.to;
  for (const k of keys) {
    if (k.from < from) from = k.from;
    if (k.to > to) to = k.to;
  }
  const earliest = addDays(to, -INCREMENTAL_DAYS);
  // ISO dates: the later one sorts last.
  return { from: [from, earliest].sort()[1]!, to };
}
