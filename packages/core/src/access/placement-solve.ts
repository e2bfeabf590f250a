// LSCP, MCLP and p-median: the reduced instance, its mixed-integer model, and the answer mapped back to the
// caller's candidates and demand points. The exact solve is injected (`MipSolver`: the server's HiGHS adapter) so
// this stays pure; without a solver, or when the model is larger than `maxNonzeros`, or when the solver's time runs
// out, the heuristic of placement-heuristic.ts answers with its bound and gap. The solver is always seeded with the
// heuristic's solution, so a time limit never returns worse than the heuristic.
//
// Models (x_j = 1 when candidate j opens; fixed sites are today's and stay open):
// - LSCP: min Σ x_j  s.t. Σ_{j covers r} x_j ≥ 1 for every coverable row r. Demand no candidate covers is reported.
// - MCLP: max Σ w_r y_r  s.t. y_r ≤ Σ_{j covers r} x_j, Σ x_j ≤ p, 0 ≤ y_r ≤ 1. `p` counts new sites (in
//   addition to the fixed ones); the objective is the covered weight including what the fixed sites cover.
// - p-median: min Σ w_r t_rj z_rj  s.t. Σ_j z_rj = 1, z_rj ≤ x_j, Σ x_j = p + fixed; pairs the network does not
//   connect have no z (a row that might then be unserved gets a slack at a prohibitive cost and is reported).
import {
  type CostInstance,
  type CoverageInstance,
  type ReducedCost,
  type ReducedCoverage,
  reduceCost,
  reduceCoverage,
} from './placement.ts';
import {
  type HeuristicResult,
  lscpHeuristic,
  mclpHeuristic,
  pmedianCosts,
  pmedianHeuristic,
} from './placement-heuristic.ts';

/** A mixed-integer linear model in the solver-neutral form the server's adapter passes to HiGHS. */
export interface MipModel {
  sense: 'min' | 'max';
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 for an integer column. */
  integer: Uint8Array;
  /** Constraint rows, CSR. */
  rowStarts: Int32Array;
  rowIndex: Int32Array;
  rowValue: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** A feasible solution to start from (the heuristic's). */
  start?: Float64Array;
}

export interface MipResult {
  status: 'optimal' | 'limit' | 'infeasible' | 'error';
  /** Best solution found (null when none). */
  x: Float64Array | null;
  objective: number | null;
  /** The solver's proven bound on the optimum (dual bound). */
  bound: number | null;
  message?: string;
}

export type MipSolver = (model: MipModel, opts: { timeLimitSeconds: number }) => MipResult;

export type PlacementModel = 'lscp' | 'mclp' | 'pmedian';

export interface PlacementOptions {
  /** Candidate indices kept open (today's institutions). */
  fixed?: readonly number[];
  solver?: MipSolver;
  /** The solver's time limit (default 10 s). */
  timeLimitSeconds?: number;
  /** Largest model (constraint-matrix nonzeros) handed to the solver; bigger ones use the heuristic. */
  maxNonzeros?: number;
}

export interface PlacementResult {
  model: PlacementModel;
  /** New sites (candidate indices), in the order that adds the most first; fixed sites are not repeated. */
  sites: number[];
  /** Per new site: the weight it adds (coverage models: newly covered weight in this order; p-median: weight it serves). */
  added: number[];
  /** LSCP: number of new sites; MCLP: covered weight (fixed sites' included); p-median: weighted minutes. */
  objective: number;
  optimal: boolean;
  /** Proven bound on the optimum (MCLP: upper; LSCP, p-median: lower); null when unknown. */
  bound: number | null;
  /** Relative gap |objective − bound| / |objective|; 0 when optimal. */
  gap: number | null;
  method: 'mip' | 'heuristic';
  /** Demand points no candidate covers (LSCP, MCLP) or reaches at all (p-median). */
  uncoverable: number[];
  /** p-median: demand points no chosen site reaches (more disconnected parts than sites). */
  unserved: number[];
  totalWeight: number;
  /** Size of the model after reduction (merged demand rows, useful candidates). */
  reduced: { demand: number; candidates: number };
}

/**
 * Default model size limits (constraint-matrix nonzeros). Coverage models stay small after reduction; the
 * p-median model has a column and two nonzeros per reachable pair, and beyond a few hundred thousand HiGHS in
 * WebAssembly spends its time limit on the root LP: the heuristic with its Lagrangian bound answers instead.
 */
const DEFAULT_NONZEROS = 2_000_000;
const PMEDIAN_NONZEROS = 300_000;

/** Builds CSR rows from per-row (index, value) lists. */
function csr(rows: [number[], number[]][]) {
  const rowStarts = new Int32Array(rows.length + 1);
  let nnz = 0;
  rows.forEach(([idx], r) => {
    nnz += idx.length;
    rowStarts[r + 1] = nnz;
  });
  const rowIndex = new Int32Array(nnz);
  const rowValue = new Float64Array(nnz);
  rows.forEach(([idx, val], r) => {
    rowIndex.set(idx, rowStarts[r]!);
    rowValue.set(val, rowStarts[r]!);
  });
  return { rowStarts, rowIndex, rowValue };
}

export function lscpModel(red: ReducedCoverage, start?: readonly number[]): MipModel {
  const n = red.cols.length;
  const rows = red.rows.map((r): [number[], number[]] => [r.cover, r.cover.map(() => 1)]);
  const x = start && Float64Array.from({ length: n }, (_, c) => (start.includes(c) ? 1 : 0));
  return {
    sense: 'min',
    colCost: new Float64Array(n).fill(1),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    integer: new Uint8Array(n).fill(1),
    ...csr(rows),
    rowLower: new Float64Array(rows.length).fill(1),
    rowUpper: new Float64Array(rows.length).fill(Infinity),
    ...(x ? { start: x } : {}),
  };
}

export function mclpModel(red: ReducedCoverage, p: number, start?: readonly number[]): MipModel {
  const n = red.cols.length;
  const m = red.rows.length;
  // Columns: x_0..x_{n-1}, then y_0..y_{m-1}.
  const rows = red.rows.map((r, k): [number[], number[]] => [
    [...r.cover, n + k],
    [...r.cover.map(() => -1), 1],
  ]);
  rows.push([Array.from({ length: n }, (_, c) => c), new Array<number>(n).fill(1)]);
  const colCost = new Float64Array(n + m);
  red.rows.forEach((r, k) => {
    colCost[n + k] = r.weight;
  });
  const integer = new Uint8Array(n + m);
  integer.fill(1, 0, n);
  let x: Float64Array | undefined;
  if (start) {
    x = new Float64Array(n + m);
    for (const c of start) x[c] = 1;
    red.rows.forEach((r, k) => {
      if (r.cover.some((c) => x![c] === 1)) x![n + k] = 1;
    });
  }
  const rowUpper = new Float64Array(rows.length);
  rowUpper[m] = p;
  return {
    sense: 'max',
    colCost,
    colLower: new Float64Array(n + m),
    colUpper: new Float64Array(n + m).fill(1),
    integer,
    ...csr(rows),
    rowLower: new Float64Array(rows.length).fill(-Infinity),
    rowUpper,
    ...(x ? { start: x } : {}),
  };
}

/** p-median model; column layout in `pairs`: x_0..x_{n-1}, then one z per finite pair, then slacks. */
export function pmedianModel(red: ReducedCost, p: number, fixed: readonly number[], start?: readonly number[]) {
  const n = red.candidates;
  const m = red.rows.length;
  const { cost, penalty } = pmedianCosts(red);
  const pairs: [number, number][] = [];
  const colCost: number[] = new Array<number>(n).fill(0);
  const assignRows: [number[], number[]][] = [];
  const linkRows: [number[], number[]][] = [];
  const slackRows: number[] = [];
  for (let r = 0; r < m; r++) {
    const idx: number[] = [];
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(red.minutes[r * n + j]!)) continue;
      const col = n + pairs.length;
      pairs.push([r, j]);
      colCost.push(cost[r * n + j]!);
      idx.push(col);
      linkRows.push([
        [j, col],
        [-1, 1],
      ]);
    }
    if (idx.length < n) slackRows.push(r);
    assignRows.push([idx, idx.map(() => 1)]);
  }
  const slackBase = n + pairs.length;
  slackRows.forEach((r, s) => {
    colCost.push(red.rows[r]!.weight * penalty);
    assignRows[r]![0].push(slackBase + s);
    assignRows[r]![1].push(1);
  });
  const cols = colCost.length;
  const openRow: [number[], number[]] = [Array.from({ length: n }, (_, j) => j), new Array<number>(n).fill(1)];
  const rows = [...assignRows, ...linkRows, openRow];
  const total = Math.min(n, p + fixed.length);
  const rowLower = new Float64Array(rows.length);
  const rowUpper = new Float64Array(rows.length);
  rowLower.fill(1, 0, m);
  rowUpper.fill(1, 0, m);
  rowLower.fill(-Infinity, m, m + linkRows.length);
  rowLower[rows.length - 1] = total;
  rowUpper[rows.length - 1] = total;
  const colLower = new Float64Array(cols);
  for (const j of fixed) colLower[j] = 1;
  const integer = new Uint8Array(cols);
  integer.fill(1, 0, n);
  let x: Float64Array | undefined;
  if (start) {
    x = new Float64Array(cols);
    for (const j of start) x[j] = 1;
    const best = new Map<number, number>();
    pairs.forEach(([r, j], k) => {
      if (x![j] !== 1) return;
      const b = best.get(r);
      if (b === undefined || colCost[n + k]! < colCost[n + b]!) best.set(r, k);
    });
    for (let r = 0; r < m; r++) {
      const k = best.get(r);
      if (k !== undefined) x[n + k] = 1;
      else x[slackBase + slackRows.indexOf(r)] = 1;
    }
  }
  const model: MipModel = {
    sense: 'min',
    colCost: Float64Array.from(colCost),
    colLower,
    colUpper: new Float64Array(cols).fill(1),
    integer,
    ...csr(rows),
    rowLower,
    rowUpper,
    ...(x ? { start: x } : {}),
  };
  return { model, pairs };
}

const opened = (x: Float64Array, n: number) => {
  const out: number[] = [];
  for (let c = 0; c < n; c++) if (x[c]! > 0.5) out.push(c);
  return out;
};

interface Solved {
  chosen: number[];
  objective: number;
  bound: number | null;
  optimal: boolean;
  method: 'mip' | 'heuristic';
}

/** The heuristic, then the solver when the model fits: the better solution and the tighter bound. */
function solveWith(
  heur: HeuristicResult,
  sense: 'min' | 'max',
  build: () => MipModel,
  nonzeros: number,
  opts: PlacementOptions,
  value: (chosen: number[]) => number,
  cols: number,
  limit = DEFAULT_NONZEROS,
): Solved {
  const better = (a: number, b: number) => (sense === 'max' ? a > b + 1e-9 : a < b - 1e-9);
  const proven = (obj: number, bound: number) => Math.abs(obj - bound) <= 1e-7 * Math.max(1, Math.abs(obj));
  let best: Solved = {
    chosen: heur.chosen,
    objective: heur.objective,
    bound: heur.bound,
    optimal: proven(heur.objective, heur.bound),
    method: 'heuristic',
  };
  if (best.optimal || !opts.solver || nonzeros > (opts.maxNonzeros ?? limit)) return best;
  const res = opts.solver(build(), { timeLimitSeconds: opts.timeLimitSeconds ?? 10 });
  if (res.x) {
    const chosen = opened(res.x, cols);
    const obj = value(chosen);
    if (better(obj, best.objective) || res.status === 'optimal')
      best = { ...best, chosen, objective: obj, method: 'mip' };
  }
  if (res.status === 'optimal') return { ...best, bound: best.objective, optimal: true };
  if (res.bound !== null && Number.isFinite(res.bound)) {
    const tighter = sense === 'max' ? Math.min(best.bound!, res.bound) : Math.max(best.bound!, res.bound);
    best = { ...best, bound: tighter, optimal: proven(best.objective, tighter) };
  }
  return best;
}

const gapOf = (objective: number, bound: number | null) =>
  bound === null ? null : Math.abs(objective - bound) / Math.max(1e-9, Math.abs(objective));

/** Orders chosen coverage sites by what each adds (greedy over the chosen set) and says what that is. */
function coverageAdded(inst: CoverageInstance, sites: number[], fixed: readonly number[]) {
  const demand = inst.starts.length - 1;
  const coveredBy: number[][] = Array.from({ length: inst.candidates }, () => []);
  for (let i = 0; i < demand; i++)
    for (let k = inst.starts[i]!; k < inst.starts[i + 1]!; k++) coveredBy[inst.sites[k]!]!.push(i);
  const covered = new Uint8Array(demand);
  for (const j of fixed) for (const i of coveredBy[j]!) covered[i] = 1;
  const left = [...sites];
  const order: number[] = [];
  const added: number[] = [];
  while (left.length) {
    let bestK = 0;
    let bestW = -1;
    left.forEach((j, k) => {
      let s = 0;
      for (const i of coveredBy[j]!) if (!covered[i]) s += inst.weights[i]!;
      if (s > bestW + 1e-9) {
        bestW = s;
        bestK = k;
      }
    });
    const j = left.splice(bestK, 1)[0]!;
    for (const i of coveredBy[j]!) covered[i] = 1;
    order.push(j);
    added.push(bestW);
  }
  let coveredWeight = 0;
  for (let i = 0; i < demand; i++) if (covered[i]) coveredWeight += inst.weights[i]!;
  return { order, added, coveredWeight };
}

const nnzOf = (red: ReducedCoverage) => red.rows.reduce((s, r) => s + r.cover.length, 0);
const sum = (a: ArrayLike<number>) => {
  let t = 0;
  for (let k = 0; k < a.length; k++) t += a[k]!;
  return t;
};

/** Fewest new sites covering every demand point some candidate covers. */
export function solveLscp(inst: CoverageInstance, opts: PlacementOptions = {}): PlacementResult {
  const fixed = opts.fixed ?? [];
  const red = reduceCoverage(inst, { fixed, dropImpliedRows: true });
  const heur = lscpHeuristic(red);
  const value = (chosen: number[]) => chosen.length;
  const s = solveWith(heur, 'min', () => lscpModel(red, heur.chosen), nnzOf(red), opts, value, red.cols.length);
  const { order, added } = coverageAdded(
    inst,
    s.chosen.map((c) => red.cols[c]!),
    fixed,
  );
  return {
    model: 'lscp',
    sites: order,
    added,
    objective: order.length,
    optimal: s.optimal,
    bound: s.optimal ? order.length : s.bound,
    gap: s.optimal ? 0 : gapOf(order.length, s.bound),
    method: s.method,
    uncoverable: red.uncoverable,
    unserved: [],
    totalWeight: sum(inst.weights),
    reduced: { demand: red.rows.length, candidates: red.cols.length },
  };
}

/** `p` new sites covering the most demand weight within the limit, today's (`fixed`) sites kept. */
export function solveMclp(inst: CoverageInstance, p: number, opts: PlacementOptions = {}): PlacementResult {
  const fixed = opts.fixed ?? [];
  const red = reduceCoverage(inst, { fixed });
  const heur = mclpHeuristic(red, p);
  const value = (chosen: number[]) => {
    const open = new Set(chosen);
    return red.rows.reduce((s, r) => s + (r.cover.some((c) => open.has(c)) ? r.weight : 0), 0);
  };
  const s = solveWith(heur, 'max', () => mclpModel(red, p, heur.chosen), nnzOf(red), opts, value, red.cols.length);
  const { order, added, coveredWeight } = coverageAdded(
    inst,
    s.chosen.map((c) => red.cols[c]!),
    fixed,
  );
  const bound = s.optimal ? coveredWeight : s.bound === null ? null : s.bound + red.fixedWeight;
  return {
    model: 'mclp',
    sites: order,
    added,
    objective: coveredWeight,
    optimal: s.optimal,
    bound,
    gap: s.optimal ? 0 : gapOf(coveredWeight, bound),
    method: s.method,
    uncoverable: red.uncoverable,
    unserved: [],
    totalWeight: sum(inst.weights),
    reduced: { demand: red.rows.length, candidates: red.cols.length },
  };
}

/** `p` new sites (besides `fixed`) minimising the demand-weighted travel minutes to the nearest open site. */
export function solvePmedian(inst: CostInstance, p: number, opts: PlacementOptions = {}): PlacementResult {
  const fixed = opts.fixed ?? [];
  const red = reduceCost(inst);
  const n = red.candidates;
  const { cost } = pmedianCosts(red);
  const value = (chosen: number[]) => {
    let t = 0;
    for (let r = 0; r < red.rows.length; r++) {
      let d = Infinity;
      for (const j of chosen) d = Math.min(d, cost[r * n + j]!);
      t += d;
    }
    return t;
  };
  const heur = pmedianHeuristic(red, p, fixed);
  let finite = 0;
  for (const v of red.minutes) if (Number.isFinite(v)) finite++;
  const s = solveWith(
    heur,
    'min',
    () => pmedianModel(red, p, fixed, heur.chosen).model,
    3 * finite + n,
    opts,
    value,
    n,
    PMEDIAN_NONZEROS,
  );
  // Answer on the original points: each served by its nearest open site.
  const all = s.chosen;
  const isFixed = new Set(fixed);
  const servedBy = new Map<number, number>(all.map((j) => [j, 0]));
  const demand = inst.weights.length;
  const unreachable = new Set(red.unreachable);
  const unserved: number[] = [];
  let objective = 0;
  for (let i = 0; i < demand; i++) {
    if (unreachable.has(i)) continue;
    let best = -1;
    let d = Infinity;
    for (const j of all) {
      const t = inst.minutes[i * n + j]!;
      if (t < d) {
        d = t;
        best = j;
      }
    }
    if (best < 0) {
      if (inst.weights[i]! > 0) unserved.push(i);
      continue;
    }
    objective += inst.weights[i]! * d;
    servedBy.set(best, servedBy.get(best)! + inst.weights[i]!);
  }
  const sites = all.filter((j) => !isFixed.has(j)).sort((a, b) => servedBy.get(b)! - servedBy.get(a)! || a - b);
  const bound = unserved.length ? null : s.optimal ? objective : s.bound;
  return {
    model: 'pmedian',
    sites,
    added: sites.map((j) => servedBy.get(j)!),
    objective,
    optimal: s.optimal && !unserved.length,
    bound,
    gap: s.optimal && !unserved.length ? 0 : gapOf(objective, bound),
    method: s.method,
    uncoverable: red.unreachable,
    unserved,
    totalWeight: sum(inst.weights),
    reduced: { demand: red.rows.length, candidates: n },
  };
}
