// Facility placement instances (LSCP, MCLP, p-median) and their exact reductions. A coverage instance says which
// candidate sites reach each demand point within the time limit; a cost instance gives the travel time from each
// candidate to each demand point. Reducing an instance before a solver sees it is what makes a city-sized MCLP
// exact in seconds: demand points with the same set of covering candidates become one weighted row, and a
// candidate whose covered set is inside another's is never needed (swapping it for the larger one loses nothing).

/** Which candidates cover each demand point (CSR: demand i is covered by sites[starts[i] .. starts[i+1])). */
export interface CoverageInstance {
  candidates: number;
  weights: Float64Array;
  starts: Int32Array;
  sites: Int32Array;
}

/** Travel minutes from every candidate to every demand point, demand-major (`minutes[i * candidates + j]`). */
export interface CostInstance {
  candidates: number;
  weights: Float64Array;
  /** Infinity where the candidate cannot reach the demand point. */
  minutes: Float64Array;
}

/**
 * The coverage relation of a travel-time function: demand i is covered by candidate j when j reaches i within
 * `limit` (same unit as `time`). Demand points with weight 0 keep their row (they are reported, not solved).
 */
export function coverageFrom(
  demand: number,
  candidates: number,
  weights: ArrayLike<number>,
  time: (candidate: number, demand: number) => number,
  limit: number,
): CoverageInstance {
  const starts = new Int32Array(demand + 1);
  const sites: number[] = [];
  for (let i = 0; i < demand; i++) {
    for (let j = 0; j < candidates; j++) if (time(j, i) <= limit) sites.push(j);
    starts[i + 1] = sites.length;
  }
  return { candidates, weights: Float64Array.from(weights), starts, sites: Int32Array.from(sites) };
}

/** A cost instance from a travel-time function in seconds (minutes are what the objective reports). */
export function costFrom(
  demand: number,
  candidates: number,
  weights: ArrayLike<number>,
  seconds: (candidate: number, demand: number) => number,
): CostInstance {
  const minutes = new Float64Array(demand * candidates);
  for (let i = 0; i < demand; i++)
    for (let j = 0; j < candidates; j++) minutes[i * candidates + j] = seconds(j, i) / 60;
  return { candidates, weights: Float64Array.from(weights), minutes };
}

/**
 * A reduced coverage instance: `rows` are merged demand points (each the original points in `members`, its weight
 * their sum), `cols` the candidates kept, `cover[r]` the kept columns (0..cols.length) covering row r.
 */
export interface ReducedCoverage {
  rows: { weight: number; members: number[]; cover: number[] }[];
  /** Original candidate index of each kept column. */
  cols: number[];
  /** Demand points no candidate reaches (reported, never solved). */
  uncoverable: number[];
  /** Demand points already covered by the fixed sites, and their total weight. */
  coveredByFixed: number[];
  fixedWeight: number;
}

export interface ReduceOptions {
  /** Sites kept open whatever the solution (today's institutions): their demand is removed from the model. */
  fixed?: readonly number[];
  /**
   * LSCP only: a row whose cover contains another row's cover is implied by it (covering the smaller set covers
   * the larger) and is dropped. Not valid for MCLP, where each row's weight counts.
   */
  dropImpliedRows?: boolean;
}

/**
 * Exact reductions, repeated until nothing changes: rows with identical covers merged, dominated columns dropped
 * (a column whose rows are a subset of another column's; of equal columns the first is kept), and for LSCP rows
 * implied by another row dropped. Any optimal solution of the reduced instance maps to one of the original.
 */
export function reduceCoverage(inst: CoverageInstance, opts: ReduceOptions = {}): ReducedCoverage {
  const demand = inst.starts.length - 1;
  const fixed = new Set(opts.fixed ?? []);
  const uncoverable: number[] = [];
  const coveredByFixed: number[] = [];
  let fixedWeight = 0;
  let rows: { weight: number; members: number[]; cover: number[] }[] = [];
  for (let i = 0; i < demand; i++) {
    const cover = Array.from(inst.sites.subarray(inst.starts[i]!, inst.starts[i + 1]!));
    if (!cover.length) uncoverable.push(i);
    else if (cover.some((j) => fixed.has(j))) {
      coveredByFixed.push(i);
      fixedWeight += inst.weights[i]!;
    } else if (opts.dropImpliedRows || inst.weights[i]! > 0)
      rows.push({ weight: inst.weights[i]!, members: [i], cover: cover.sort((a, b) => a - b) });
  }
  let cols = Array.from({ length: inst.candidates }, (_, j) => j).filter((j) => !fixed.has(j));
  for (;;) {
    const before = rows.length + cols.length;
    rows = mergeRows(rows);
    if (opts.dropImpliedRows) rows = dropImplied(rows);
    cols = undominatedColumns(rows, cols);
    const keep = new Set(cols);
    for (const r of rows) r.cover = r.cover.filter((j) => keep.has(j));
    if (rows.length + cols.length === before) break;
  }
  rows = mergeRows(rows);
  // Renumber covers to column positions.
  const pos = new Map(cols.map((j, k) => [j, k]));
  for (const r of rows) r.cover = r.cover.map((j) => pos.get(j)!);
  return { rows, cols, uncoverable, coveredByFixed, fixedWeight };
}

function mergeRows(rows: { weight: number; members: number[]; cover: number[] }[]) {
  const byKey = new Map<string, { weight: number; members: number[]; cover: number[] }>();
  for (const r of rows) {
    const key = r.cover.join(',');
    const seen = byKey.get(key);
    if (seen) {
      seen.weight += r.weight;
      seen.members.push(...r.members);
    } else byKey.set(key, { weight: r.weight, members: [...r.members], cover: r.cover });
  }
  return [...byKey.values()];
}

/** Bitsets over `n` items: one Uint32Array of ceil(n/32) words per set. */
function bitsets(sets: number[][], n: number): Uint32Array[] {
  const words = (n + 31) >>> 5;
  return sets.map((s) => {
    const b = new Uint32Array(words);
    for (const k of s) b[k >>> 5]! |= 1 << (k & 31);
    return b;
  });
}

const subset = (a: Uint32Array, b: Uint32Array) => {
  for (let w = 0; w < a.length; w++) if ((a[w]! & ~b[w]!) !== 0) return false;
  return true;
};

function undominatedColumns(rows: { cover: number[] }[], cols: number[]): number[] {
  const colRows = new Map<number, number[]>(cols.map((j) => [j, []]));
  rows.forEach((r, k) => {
    for (const j of r.cover) colRows.get(j)?.push(k);
  });
  const live = cols.filter((j) => colRows.get(j)!.length > 0);
  const sets = bitsets(
    live.map((j) => colRows.get(j)!),
    rows.length,
  );
  const size = live.map((j) => colRows.get(j)!.length);
  const dominated = new Uint8Array(live.length);
  // Larger columns first, so each column is compared only against ones that can contain it.
  const order = live.map((_, k) => k).sort((a, b) => size[b]! - size[a]! || a - b);
  for (let x = 0; x < order.length; x++) {
    const a = order[x]!;
    for (let y = 0; y < x; y++) {
      const b = order[y]!;
      if (dominated[b]) continue;
      if (subset(sets[a]!, sets[b]!)) {
        dominated[a] = 1;
        break;
      }
    }
  }
  return live.filter((_, k) => !dominated[k]);
}

function dropImplied(rows: { weight: number; members: number[]; cover: number[] }[]) {
  let n = 1;
  for (const r of rows) for (const j of r.cover) n = Math.max(n, j + 1);
  const sets = bitsets(
    rows.map((r) => r.cover),
    n,
  );
  const order = rows.map((_, k) => k).sort((a, b) => rows[a]!.cover.length - rows[b]!.cover.length || a - b);
  const implied = new Uint8Array(rows.length);
  for (let x = 0; x < order.length; x++) {
    const a = order[x]!;
    for (let y = 0; y < x; y++) {
      const b = order[y]!;
      if (!implied[b] && subset(sets[b]!, sets[a]!)) {
        implied[a] = 1;
        rows[b]!.members.push(...rows[a]!.members);
        break;
      }
    }
  }
  return rows.filter((_, k) => !implied[k]);
}

/** A reduced cost instance: identical cost rows merged, demand no candidate reaches set apart. */
export interface ReducedCost {
  rows: { weight: number; members: number[] }[];
  candidates: number;
  /** Row-major minutes of the merged rows (`minutes[r * candidates + j]`). */
  minutes: Float64Array;
  unreachable: number[];
}

export function reduceCost(inst: CostInstance): ReducedCost {
  const n = inst.candidates;
  const demand = inst.weights.length;
  const byKey = new Map<string, number>();
  const rows: { weight: number; members: number[] }[] = [];
  const kept: number[] = [];
  const unreachable: number[] = [];
  for (let i = 0; i < demand; i++) {
    const row = inst.minutes.subarray(i * n, (i + 1) * n);
    if (!row.some(Number.isFinite)) {
      unreachable.push(i);
      continue;
    }
    if (!(inst.weights[i]! > 0)) continue;
    const key = row.join(',');
    const r = byKey.get(key);
    if (r !== undefined) {
      rows[r]!.weight += inst.weights[i]!;
      rows[r]!.members.push(i);
    } else {
      byKey.set(key, rows.length);
      rows.push({ weight: inst.weights[i]!, members: [i] });
      kept.push(i);
    }
  }
  const minutes = new Float64Array(rows.length * n);
  kept.forEach((i, r) => {
    minutes.set(inst.minutes.subarray(i * n, (i + 1) * n), r * n);
  });
  return { rows, candidates: n, minutes, unreachable };
}
