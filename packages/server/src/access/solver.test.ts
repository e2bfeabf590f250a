// HiGHS placement against exhaustive search on small random instances (all three models), and against the
// heuristic: the exact answer is never worse, proven optimal, its bound equal to its value.
import {
  type CostInstance,
  type CoverageInstance,
  costFrom,
  coverageFrom,
  lscpModel,
  reduceCoverage,
} from '@weijian/core/access';
import { mulberry32 } from '@weijian/core/platform';
import { describe, expect, it } from 'vitest';
import { highsRuntime, place, solveWithHighs } from './solver.ts';

function randomInstance(seed: number, demand: number, candidates: number) {
  const random = mulberry32(seed);
  const pts = (k: number) => Array.from({ length: k }, () => [random() * 10, random() * 10] as const);
  const d = pts(demand);
  const c = pts(candidates);
  const seconds = (j: number, i: number) => 60 * Math.hypot(d[i]![0] - c[j]![0], d[i]![1] - c[j]![1]);
  const weights = d.map(() => 1 + Math.floor(random() * 20));
  return { seconds, weights, random };
}

function* subsets(n: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) yield acc;
  else for (let j = from; j < n; j++) yield* subsets(n, k, j + 1, [...acc, j]);
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

const median = (inst: CostInstance, open: number[]) => {
  let t = 0;
  for (let i = 0; i < inst.weights.length; i++) {
    let d = Infinity;
    for (const j of open) d = Math.min(d, inst.minutes[i * inst.candidates + j]!);
    t += inst.weights[i]! * d;
  }
  return t;
};

describe('HiGHS placement', () => {
  it('solves a tiny set cover model directly (the adapter maps bounds, sense and integrality)', async () => {
    const highs = await highsRuntime();
    // Rows {0,1}, {1,2}, {0,2}: two sites are needed.
    const inst: CoverageInstance = {
      candidates: 3,
      weights: Float64Array.from([1, 1, 1]),
      starts: Int32Array.from([0, 2, 4, 6]),
      sites: Int32Array.from([0, 1, 1, 2, 0, 2]),
    };
    const res = solveWithHighs(highs, lscpModel(reduceCoverage(inst, { dropImpliedRows: true })), {
      timeLimitSeconds: 5,
    });
    expect(res.status).toBe('optimal');
    expect(res.objective).toBeCloseTo(2, 9);
    expect(Array.from(res.x!).reduce((s, v) => s + v, 0)).toBeCloseTo(2, 9);
  });

  it('MCLP, LSCP and p-median: exact answers equal exhaustive search and are never worse than the heuristic', async () => {
    let solvedByMip = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { seconds, weights, random } = randomInstance(seed, 40, 11);
      const cov = coverageFrom(40, 11, weights, seconds, 120 + random() * 120);
      const p = 1 + (seed % 4);
      const fixed = seed % 3 === 0 ? [seed % 11] : [];
      const exact = await place({ model: 'mclp', coverage: cov, sites: p }, { fixed });
      const quick = await place({ model: 'mclp', coverage: cov, sites: p }, { fixed, exact: false });
      let best = 0;
      for (const s of subsets(11, p))
        if (!s.some((j) => fixed.includes(j))) best = Math.max(best, covered(cov, new Set([...s, ...fixed])));
      expect(exact.optimal).toBe(true);
      expect(exact.objective).toBeCloseTo(best, 9);
      expect(exact.objective).toBeCloseTo(covered(cov, new Set([...exact.sites, ...fixed])), 9);
      expect(exact.gap).toBeCloseTo(0, 9);
      expect(quick.objective).toBeLessThanOrEqual(exact.objective + 1e-9);
      for (const r of [exact]) if (r.method === 'mip') solvedByMip++;

      const lscp = await place({ model: 'lscp', coverage: cov });
      const need = weights.reduce((s, w, i) => s + (cov.starts[i + 1]! > cov.starts[i]! ? w : 0), 0);
      let fewest = Infinity;
      for (let k = 0; k <= 11 && fewest === Infinity; k++)
        for (const s of subsets(11, k))
          if (covered(cov, new Set(s)) >= need - 1e-9) {
            fewest = k;
            break;
          }
      expect(lscp.optimal).toBe(true);
      expect(lscp.objective).toBe(fewest);
      expect(covered(cov, new Set(lscp.sites))).toBeCloseTo(need, 9);

      const cost = costFrom(40, 11, weights, seconds);
      const pm = await place({ model: 'pmedian', cost, sites: p });
      let least = Infinity;
      for (const s of subsets(11, p)) least = Math.min(least, median(cost, s));
      expect(pm.optimal).toBe(true);
      expect(pm.objective).toBeCloseTo(least, 6);
      for (const r of [lscp, pm]) if (r.method === 'mip') solvedByMip++;
    }
    // Not every instance is settled by the heuristic's own bound: the solver did the proving in some.
    expect(solvedByMip).toBeGreaterThan(0);
  }, 120_000);

  it('a model larger than the limit falls back to the heuristic, with a bound and a gap', async () => {
    const { seconds, weights } = randomInstance(99, 200, 40);
    const cov = coverageFrom(200, 40, weights, seconds, 150);
    const res = await place({ model: 'mclp', coverage: cov, sites: 3 }, { maxNonzeros: 1 });
    expect(res.method).toBe('heuristic');
    expect(res.bound!).toBeGreaterThanOrEqual(res.objective - 1e-9);
    expect(res.gap!).toBeGreaterThanOrEqual(0);
    const exact = await place({ model: 'mclp', coverage: cov, sites: 3 });
    expect(exact.optimal).toBe(true);
    expect(exact.objective).toBeLessThanOrEqual(res.bound! + 1e-9);
    expect(exact.objective).toBeGreaterThanOrEqual(res.objective - 1e-9);
  });
});
