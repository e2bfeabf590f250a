// Placement against exhaustive search on small random instances: the reductions keep the optimum, the
// heuristics answer a feasible solution whose value lies between their bound and the true optimum.
import { describe, expect, it } from 'vitest';
import { mulberry32, type Random } from '../platform/prng.ts';
import { type CostInstance, type CoverageInstance, costFrom, coverageFrom, reduceCoverage } from './placement.ts';
import { solveLscp, solveMclp, solvePmedian } from './placement-solve.ts';

/** Random points on a square; travel time = Euclidean distance × a random detour, some pairs cut off. */
export function randomPlacement(seed: number, demand: number, candidates: number) {
  const random = mulberry32(seed);
  const pts = (k: number) => Array.from({ length: k }, () => [random() * 10, random() * 10] as const);
  const d = pts(demand);
  const c = pts(candidates);
  const cut = new Set<string>();
  for (let i = 0; i < demand; i++) for (let j = 0; j < candidates; j++) if (random() < 0.1) cut.add(`${j},${i}`);
  const seconds = (j: number, i: number) =>
    cut.has(`${j},${i}`) ? Infinity : 60 * Math.hypot(d[i]![0] - c[j]![0], d[i]![1] - c[j]![1]);
  const weights = d.map(() => 1 + Math.floor(random() * 20));
  return { seconds, weights, random };
}

function* subsets(n: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield acc;
    return;
  }
  for (let j = from; j < n; j++) yield* subsets(n, k, j + 1, [...acc, j]);
}

const covered = (inst: CoverageInstance, open: Set<number>) => {
  let w = 0;
  for (let i = 0; i + 1 < inst.starts.length; i++)
    for (let k = inst.starts[i]!; k < inst.starts[i + 1]!; k++)
      if (open.has(inst.sites[k]!)) {
        w += inst.weights[i]!;
        break;
      }
  return w;
};

const bestMclp = (inst: CoverageInstance, p: number, fixed: number[]) => {
  let best = 0;
  for (const s of subsets(inst.candidates, Math.min(p, inst.candidates - fixed.length)))
    if (!s.some((j) => fixed.includes(j))) best = Math.max(best, covered(inst, new Set([...s, ...fixed])));
  return best;
};

const coverableCount = (inst: CoverageInstance) => {
  let n = 0;
  for (let i = 0; i + 1 < inst.starts.length; i++) if (inst.starts[i + 1]! > inst.starts[i]!) n++;
  return n;
};

const bestLscp = (inst: CoverageInstance) => {
  const need = inst.weights.reduce((s, w, i) => s + (inst.starts[i + 1]! > inst.starts[i]! ? w : 0), 0);
  for (let k = 0; k <= inst.candidates; k++)
    for (const s of subsets(inst.candidates, k)) if (covered(inst, new Set(s)) >= need - 1e-9) return k;
  return Infinity;
};

const median = (inst: CostInstance, open: number[]) => {
  let t = 0;
  for (let i = 0; i < inst.weights.length; i++) {
    let d = Infinity;
    for (const j of open) d = Math.min(d, inst.minutes[i * inst.candidates + j]!);
    t += inst.weights[i]! * d;
  }
  return t;
};

const bestPmedian = (inst: CostInstance, p: number) => {
  let best = Infinity;
  for (const s of subsets(inst.candidates, p)) best = Math.min(best, median(inst, s));
  return best;
};

const instances = (count: number, make: (seed: number, random: Random) => void) => {
  for (let seed = 1; seed <= count; seed++) make(seed, mulberry32(seed * 977));
};

describe('placement reductions', () => {
  it('merge identical demand rows and drop dominated candidates without changing the MCLP optimum', () => {
    instances(20, (seed) => {
      const { seconds, weights } = randomPlacement(seed, 25, 9);
      const inst = coverageFrom(25, 9, weights, seconds, 180);
      const red = reduceCoverage(inst);
      expect(red.rows.reduce((s, r) => s + r.members.length, 0) + red.uncoverable.length).toBe(25);
      // The reduced instance with its kept columns only: exhaustive optimum equals the original's.
      for (const p of [1, 2, 3]) {
        let best = 0;
        for (const s of subsets(red.cols.length, Math.min(p, red.cols.length))) {
          const open = new Set(s);
          best = Math.max(
            best,
            red.rows.reduce((t, r) => t + (r.cover.some((c) => open.has(c)) ? r.weight : 0), 0),
          );
        }
        expect(best).toBeCloseTo(bestMclp(inst, p, []), 9);
      }
    });
  });
});

describe('placement heuristics against exhaustive search', () => {
  it('MCLP: feasible, value ≤ optimum ≤ bound, the answer adds up, today’s sites kept', () => {
    instances(25, (seed, random) => {
      const { seconds, weights } = randomPlacement(seed, 30, 10);
      const inst = coverageFrom(30, 10, weights, seconds, 150 + random() * 150);
      const fixed = seed % 3 === 0 ? [Math.floor(random() * 10)] : [];
      for (const p of [1, 2, 4]) {
        const res = solveMclp(inst, p, { fixed });
        const opt = bestMclp(inst, p, fixed);
        expect(res.sites.length).toBeLessThanOrEqual(p);
        expect(res.sites.some((j) => fixed.includes(j))).toBe(false);
        expect(res.objective).toBeCloseTo(covered(inst, new Set([...res.sites, ...fixed])), 9);
        expect(res.objective).toBeLessThanOrEqual(opt + 1e-9);
        expect(res.bound!).toBeGreaterThanOrEqual(opt - 1e-6);
        if (res.optimal) expect(res.objective).toBeCloseTo(opt, 9);
        const base = covered(inst, new Set(fixed));
        expect(base + res.added.reduce((s, x) => s + x, 0)).toBeCloseTo(res.objective, 9);
        expect(res.method).toBe('heuristic');
      }
    });
  });

  it('LSCP: covers all coverable demand, reports the rest, bound ≤ optimum ≤ its count', () => {
    instances(25, (seed) => {
      const { seconds, weights } = randomPlacement(seed, 30, 10);
      const inst = coverageFrom(30, 10, weights, seconds, 200);
      const res = solveLscp(inst);
      const opt = bestLscp(inst);
      const coverable = coverableCount(inst);
      expect(res.uncoverable.length).toBe(30 - coverable);
      for (const i of res.uncoverable) expect(inst.starts[i + 1]).toBe(inst.starts[i]);
      const need = weights.reduce((s, w, i) => s + (res.uncoverable.includes(i) ? 0 : w), 0);
      expect(covered(inst, new Set(res.sites))).toBeCloseTo(need, 9);
      expect(res.objective).toBe(res.sites.length);
      expect(res.objective).toBeGreaterThanOrEqual(opt);
      expect(res.bound!).toBeLessThanOrEqual(opt);
      if (res.optimal) expect(res.objective).toBe(opt);
    });
  });

  it('p-median: value ≥ optimum ≥ bound, each site serves its nearest demand', () => {
    instances(20, (seed, random) => {
      const { seconds, weights } = randomPlacement(seed, 25, 9);
      // Every pair reachable here (a cut pair becomes a long detour) so every p gives a finite optimum.
      const inst = costFrom(25, 9, weights, (j, i) => (Number.isFinite(seconds(j, i)) ? seconds(j, i) : 6000));
      const p = 1 + Math.floor(random() * 3);
      const res = solvePmedian(inst, p);
      const opt = bestPmedian(inst, p);
      expect(res.sites.length).toBe(p);
      expect(res.objective).toBeCloseTo(median(inst, res.sites), 6);
      expect(res.objective).toBeGreaterThanOrEqual(opt - 1e-6);
      expect(res.bound!).toBeLessThanOrEqual(opt + 1e-6);
      expect(res.added.reduce((s, x) => s + x, 0)).toBeCloseTo(
        weights.reduce((s, x) => s + x, 0),
        9,
      );
    });
  });

  it('p-median on a network in parts: demand no site reaches is reported, not priced', () => {
    // Two demand points reachable only from candidate 0, one from nowhere.
    const minutes = [1, Infinity, 2, Infinity, Infinity, 5, Infinity, Infinity];
    const inst: CostInstance = {
      candidates: 2,
      weights: Float64Array.from([1, 1, 2, 3]),
      minutes: Float64Array.from(minutes),
    };
    const one = solvePmedian(inst, 1);
    expect(one.uncoverable).toEqual([3]);
    expect(one.sites).toEqual([0]);
    expect(one.unserved).toEqual([2]);
    expect(one.bound).toBeNull();
    const two = solvePmedian(inst, 2);
    expect(two.objective).toBeCloseTo(1 + 2 + 10, 9);
    expect(two.unserved).toEqual([]);
  });
});
