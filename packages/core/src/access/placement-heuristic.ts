// Placement heuristics with bounds, for instances too big for the exact solver or when its time runs out:
// - MCLP: greedy (most uncovered weight first), then interchange (Teitz–Bart: swap an open site for a closed one
//   while that covers more); upper bound by Lagrangian relaxation of "row r covered only if a site covering it is
//   open" (L(λ) = Σ max(0, w_r − λ_r) + the p largest Σ_{r∈site} λ_r), minimised by subgradient steps.
// - LSCP: greedy set cover, then redundant sites removed; lower bound by Lagrangian relaxation of the cover rows
//   (L(u) = Σ u_r + Σ_j min(0, 1 − Σ_{r∈j} u_r)), rounded up.
// - p-median: greedy addition, then fast interchange (nearest and second-nearest open site per row); lower bound
//   by Lagrangian relaxation of "each row assigned once" (L(λ) = Σ λ_r + the p smallest Σ_r min(0, c_rj − λ_r)).
// A bound equal to the heuristic's value proves it optimal. All deterministic (fixed iteration counts, ties to
// the lower index), so the same instance always gives the same answer.
import type { ReducedCost, ReducedCoverage } from './placement.ts';

export interface HeuristicResult {
  /** Chosen column positions (coverage) or candidate indices (cost), in the order they were opened. */
  chosen: number[];
  /** The heuristic's objective on the reduced instance. */
  objective: number;
  /** Upper bound (MCLP) or lower bound (LSCP, p-median) on the optimum of the reduced instance. */
  bound: number;
}

const EPS = 1e-9;

/** For each column position, the rows it covers. */
export function columnRows(red: ReducedCoverage): number[][] {
  const colRows: number[][] = red.cols.map(() => []);
  red.rows.forEach((r, k) => {
    for (const c of r.cover) colRows[c]!.push(k);
  });
  return colRows;
}

/** Covered weight of a set of column positions. */
export function coveredWeight(red: ReducedCoverage, chosen: readonly number[]): number {
  const open = new Set(chosen);
  let sum = 0;
  for (const r of red.rows) if (r.cover.some((c) => open.has(c))) sum += r.weight;
  return sum;
}

export function mclpHeuristic(red: ReducedCoverage, p: number, iterations = 300): HeuristicResult {
  const colRows = columnRows(red);
  const nRows = red.rows.length;
  const nCols = red.cols.length;
  const w = red.rows.map((r) => r.weight);
  const cnt = new Int32Array(nRows);
  const gain = colRows.map((rows) => rows.reduce((s, r) => s + w[r]!, 0));
  const open = new Uint8Array(nCols);
  const chosen: number[] = [];
  const openCol = (c: number) => {
    open[c] = 1;
    for (const r of colRows[c]!) {
      if (cnt[r] === 0) for (const c2 of red.rows[r]!.cover) gain[c2]! -= w[r]!;
      cnt[r]!++;
    }
  };
  const closeCol = (c: number) => {
    open[c] = 0;
    for (const r of colRows[c]!) {
      cnt[r]!--;
      if (cnt[r] === 0) for (const c2 of red.rows[r]!.cover) gain[c2]! += w[r]!;
    }
  };
  while (chosen.length < p) {
    let best = -1;
    for (let c = 0; c < nCols; c++) if (!open[c] && (best < 0 || gain[c]! > gain[best]! + EPS)) best = c;
    if (best < 0 || gain[best]! <= EPS) break;
    chosen.push(best);
    openCol(best);
  }
  // Interchange: for each open site, the best closed site to swap it for, while a swap covers more.
  const lone = new Uint8Array(nRows);
  for (let improved = true; improved; ) {
    improved = false;
    for (let k = 0; k < chosen.length; k++) {
      const s = chosen[k]!;
      let loss = 0;
      for (const r of colRows[s]!)
        if (cnt[r] === 1) {
          loss += w[r]!;
          lone[r] = 1;
        }
      let best = -1;
      let bestDelta = EPS;
      for (let c = 0; c < nCols; c++) {
        if (open[c]) continue;
        let g = 0;
        for (const r of colRows[c]!) if (cnt[r] === 0 || lone[r]) g += w[r]!;
        if (g - loss > bestDelta) {
          bestDelta = g - loss;
          best = c;
        }
      }
      for (const r of colRows[s]!) lone[r] = 0;
      if (best >= 0) {
        closeCol(s);
        openCol(best);
        chosen[k] = best;
        improved = true;
      }
    }
  }
  let objective = 0;
  for (let r = 0; r < nRows; r++) if (cnt[r]! > 0) objective += w[r]!;
  const bound = mclpLagrangian(red, colRows, p, objective, iterations);
  return { chosen, objective, bound: Math.max(objective, bound) };
}

function mclpLagrangian(red: ReducedCoverage, colRows: number[][], p: number, lower: number, iterations: number) {
  const nRows = red.rows.length;
  const w = red.rows.map((r) => r.weight);
  let best = w.reduce((s, x) => s + x, 0);
  if (best - lower <= EPS * Math.max(1, best)) return best;
  const lambda = Float64Array.from(w, (x, r) => x / Math.max(1, red.rows[r]!.cover.length));
  const rho = new Float64Array(colRows.length);
  const g = new Float64Array(nRows);
  let theta = 2;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    let value = 0;
    for (let r = 0; r < nRows; r++) {
      const d = w[r]! - lambda[r]!;
      if (d > 0) value += d;
      g[r] = d > 0 ? -1 : 0;
    }
    colRows.forEach((rows, c) => {
      let s = 0;
      for (const r of rows) s += lambda[r]!;
      rho[c] = s;
    });
    const top = topK(rho, p, true);
    for (const c of top) {
      value += rho[c]!;
      for (const r of colRows[c]!) g[r]!++;
    }
    if (value < best - EPS) {
      best = value;
      stall = 0;
    } else if (++stall >= 20) {
      theta /= 2;
      stall = 0;
    }
    if (best - lower <= 1e-7 * Math.max(1, best) || theta < 1e-4) break;
    let norm = 0;
    for (let r = 0; r < nRows; r++) norm += g[r]! * g[r]!;
    if (norm === 0) break;
    const step = (theta * (value - lower)) / norm;
    for (let r = 0; r < nRows; r++) lambda[r] = Math.max(0, lambda[r]! - step * g[r]!);
  }
  return best;
}

/** Indices of the k largest (or smallest) values, ties to the lower index. */
function topK(values: Float64Array, k: number, largest: boolean): number[] {
  const idx = Array.from(values.keys());
  idx.sort((a, b) => (largest ? values[b]! - values[a]! : values[a]! - values[b]!) || a - b);
  return idx.slice(0, Math.max(0, k));
}

export function lscpHeuristic(red: ReducedCoverage, iterations = 300): HeuristicResult {
  const colRows = columnRows(red);
  const nRows = red.rows.length;
  const nCols = red.cols.length;
  const cnt = new Int32Array(nRows);
  const gain = colRows.map((rows) => rows.length);
  const chosen: number[] = [];
  let uncovered = nRows;
  while (uncovered > 0) {
    let best = -1;
    for (let c = 0; c < nCols; c++) if (gain[c]! > 0 && (best < 0 || gain[c]! > gain[best]!)) best = c;
    if (best < 0) break; // cannot happen: every reduced row has a cover
    chosen.push(best);
    for (const r of colRows[best]!) {
      if (cnt[r] === 0) {
        uncovered--;
        for (const c2 of red.rows[r]!.cover) gain[c2]!--;
      }
      cnt[r]!++;
    }
  }
  // A site all of whose rows another open site also covers is redundant; the last opened go first.
  for (let k = chosen.length - 1; k >= 0; k--) {
    const s = chosen[k]!;
    if (colRows[s]!.every((r) => cnt[r]! >= 2)) {
      for (const r of colRows[s]!) cnt[r]!--;
      chosen.splice(k, 1);
    }
  }
  const bound = lscpLagrangian(red, colRows, chosen.length, iterations);
  return { chosen, objective: chosen.length, bound: Math.min(chosen.length, bound) };
}

function lscpLagrangian(red: ReducedCoverage, colRows: number[][], upper: number, iterations: number) {
  const nRows = red.rows.length;
  if (nRows === 0) return 0;
  const u = new Float64Array(nRows);
  red.rows.forEach((r, k) => {
    u[k] = Math.min(...r.cover.map((c) => 1 / colRows[c]!.length));
  });
  const g = new Float64Array(nRows);
  let best = 1; // at least one site when any row must be covered
  let theta = 2;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    let value = 0;
    for (let r = 0; r < nRows; r++) {
      value += u[r]!;
      g[r] = 1;
    }
    colRows.forEach((rows, c) => {
      let s = 0;
      for (const r of rows) s += u[r]!;
      if (s > 1) {
        value += 1 - s;
        for (const r of colRows[c]!) g[r]!--;
      }
    });
    if (Math.ceil(value - 1e-6) > best) {
      best = Math.ceil(value - 1e-6);
      stall = 0;
    } else if (++stall >= 20) {
      theta /= 2;
      stall = 0;
    }
    if (best >= upper || theta < 1e-4) break;
    let norm = 0;
    for (let r = 0; r < nRows; r++) norm += g[r]! * g[r]!;
    if (norm === 0) break;
    const step = (theta * (upper - value)) / norm;
    for (let r = 0; r < nRows; r++) u[r] = Math.max(0, u[r]! + step * g[r]!);
  }
  return best;
}

/** Cost of a row at a candidate: weighted minutes, unreachable pairs at a penalty no reachable pair can match. */
export function pmedianCosts(red: ReducedCost): { cost: Float64Array; penalty: number } {
  let maxMin = 0;
  for (const m of red.minutes) if (Number.isFinite(m) && m > maxMin) maxMin = m;
  const penaltyMinutes = (maxMin + 1) * 1000;
  const n = red.candidates;
  const cost = new Float64Array(red.minutes.length);
  red.rows.forEach((r, k) => {
    for (let j = 0; j < n; j++) {
      const m = red.minutes[k * n + j]!;
      cost[k * n + j] = r.weight * (Number.isFinite(m) ? m : penaltyMinutes);
    }
  });
  return { cost, penalty: penaltyMinutes };
}

export function pmedianHeuristic(
  red: ReducedCost,
  p: number,
  fixed: readonly number[] = [],
  iterations = 150,
): HeuristicResult {
  const n = red.candidates;
  const m = red.rows.length;
  const { cost } = pmedianCosts(red);
  const open = new Uint8Array(n);
  const chosen: number[] = [];
  const d1 = new Float64Array(m).fill(Infinity);
  const n1 = new Int32Array(m).fill(-1);
  const d2 = new Float64Array(m).fill(Infinity);
  const assign = () => {
    d1.fill(Infinity);
    d2.fill(Infinity);
    n1.fill(-1);
    for (let r = 0; r < m; r++)
      for (const j of chosen) {
        const c = cost[r * n + j]!;
        if (c < d1[r]!) {
          d2[r] = d1[r]!;
          d1[r] = c;
          n1[r] = j;
        } else if (c < d2[r]!) d2[r] = c;
      }
  };
  for (const j of fixed) {
    open[j] = 1;
    chosen.push(j);
  }
  assign();
  while (chosen.length < Math.min(p, n)) {
    let best = -1;
    let bestCost = Infinity;
    for (let j = 0; j < n; j++) {
      if (open[j]) continue;
      let s = 0;
      for (let r = 0; r < m; r++) s += Math.min(d1[r]!, cost[r * n + j]!);
      if (s < bestCost - EPS) {
        bestCost = s;
        best = j;
      }
    }
    open[best] = 1;
    chosen.push(best);
    for (let r = 0; r < m; r++) d1[r] = Math.min(d1[r]!, cost[r * n + best]!);
  }
  assign();
  const isFixed = new Set(fixed);
  let total = d1.reduce((s, x) => s + x, 0);
  for (let improved = true; improved; ) {
    improved = false;
    for (let k = 0; k < chosen.length; k++) {
      const s = chosen[k]!;
      if (isFixed.has(s)) continue;
      let best = -1;
      let bestTotal = total - EPS * Math.max(1, total);
      for (let j = 0; j < n; j++) {
        if (open[j]) continue;
        let t = 0;
        for (let r = 0; r < m; r++) {
          const c = cost[r * n + j]!;
          t += Math.min(n1[r] === s ? d2[r]! : d1[r]!, c);
          if (t >= bestTotal) break;
        }
        if (t < bestTotal) {
          bestTotal = t;
          best = j;
        }
      }
      if (best >= 0) {
        open[s] = 0;
        open[best] = 1;
        chosen[k] = best;
        assign();
        total = d1.reduce((x, y) => x + y, 0);
        improved = true;
      }
    }
  }
  const bound = pmedianLagrangian(cost, m, n, p, fixed, total, iterations);
  return { chosen, objective: total, bound: Math.min(total, bound) };
}

function pmedianLagrangian(
  cost: Float64Array,
  m: number,
  n: number,
  p: number,
  fixed: readonly number[],
  upper: number,
  iterations: number,
) {
  if (m === 0) return 0;
  // Start from each row's second-smallest cost: the relaxation then already prices in one site per row.
  const lambda = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let a = Infinity;
    let b = Infinity;
    for (let j = 0; j < n; j++) {
      const c = cost[r * n + j]!;
      if (c < a) {
        b = a;
        a = c;
      } else if (c < b) b = c;
    }
    lambda[r] = Number.isFinite(b) ? b : a;
  }
  const rho = new Float64Array(n);
  const g = new Float64Array(m);
  const isFixed = new Uint8Array(n);
  for (const j of fixed) isFixed[j] = 1;
  let best = -Infinity;
  let theta = 2;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    rho.fill(0);
    for (let r = 0; r < m; r++) {
      const l = lambda[r]!;
      for (let j = 0; j < n; j++) {
        const d = cost[r * n + j]! - l;
        if (d < 0) rho[j]! += d;
      }
    }
    // Fixed sites are open whatever their price; the rest of the p are the cheapest.
    const free = Array.from(rho.keys())
      .filter((j) => !isFixed[j])
      .sort((a, b) => rho[a]! - rho[b]! || a - b)
      .slice(0, Math.max(0, p - fixed.length));
    const openSites = [...fixed, ...free];
    let value = 0;
    for (let r = 0; r < m; r++) value += lambda[r]!;
    for (const j of openSites) value += rho[j]!;
    for (let r = 0; r < m; r++) {
      let a = 1;
      for (const j of openSites) if (cost[r * n + j]! < lambda[r]!) a--;
      g[r] = a;
    }
    if (value > best + EPS) {
      best = value;
      stall = 0;
    } else if (++stall >= 15) {
      theta /= 2;
      stall = 0;
    }
    if (upper - best <= 1e-7 * Math.max(1, upper) || theta < 1e-4) break;
    let norm = 0;
    for (let r = 0; r < m; r++) norm += g[r]! * g[r]!;
    if (norm === 0) break;
    const step = (theta * (upper - value)) / norm;
    for (let r = 0; r < m; r++) lambda[r] = lambda[r]! + step * g[r]!;
  }
  return best;
}
