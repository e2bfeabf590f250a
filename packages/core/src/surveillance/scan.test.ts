import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../platform/prng.ts';
import type { ScanArea } from './scan.ts';
import { permutationLlr, spaceTimePermutationScan } from './scan.ts';

describe('space-time permutation scan', () => {
  it('log-likelihood ratio (hand-derived)', () => {
    // c = 10, μ = 2, C = 100: 10 ln 5 + 90 ln(90/98)
    expect(permutationLlr(10, 2, 100)).toBeCloseTo(10 * Math.log(5) + 90 * Math.log(90 / 98), 12);
    expect(permutationLlr(2, 2, 100)).toBe(0);
  });

  const areas: ScanArea[] = [];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) areas.push({ id: `a${i}${j}`, x: i, y: j });
  const rnd = mulberry32(42);
  const counts = areas.map(() => Array.from({ length: 21 }, () => (rnd() < 0.5 ? 1 : 0) + (rnd() < 0.3 ? 1 : 0)));
  // outbreak in a00 and a01 over the last 3 days
  for (const a of [0, 1])
    for (const d of [18, 19, 20]) (counts[a] as number[])[d] = ((counts[a] as number[])[d] as number) + 3;

  it('finds an injected outbreak with a small p-value', () => {
    const res = spaceTimePermutationScan({
      areas,
      counts,
      params: { replications: 199, seed: 7, maxSpatialFraction: 0.2 },
    });
    const top = res[0];
    expect(top).toBeDefined();
    expect(top?.areas).toEqual(expect.arrayContaining(['a00', 'a01']));
    expect(top?.end).toBe(20);
    expect(top?.pValue).toBeLessThanOrEqual(0.01);
  });

  it('is reproducible with a seed', () => {
    const a = spaceTimePermutationScan({ areas, counts, params: { replications: 49, seed: 3 } });
    const b = spaceTimePermutationScan({ areas, counts, params: { replications: 49, seed: 3 } });
    expect(a).toEqual(b);
  });

  it('stops early when the most likely cluster is clearly not significant, and not when it is', () => {
    const flat = areas.map((_, i) => Array.from({ length: 21 }, (_, d) => ((i + d) % 3 === 0 ? 1 : 0)));
    const full = spaceTimePermutationScan({ areas, counts: flat, params: { replications: 999, seed: 5 } });
    const quick = spaceTimePermutationScan({
      areas,
      counts: flat,
      params: { replications: 999, seed: 5, stopAfterExceedances: 20 },
    });
    expect(full[0]!.pValue).toBeGreaterThan(0.05);
    expect(quick[0]!.pValue).toBeGreaterThan(0.05);
    // p = (1 + exceedances) / (replications run + 1): 20 exceedances stop the run long before 999.
    expect(quick[0]!.pValue).toBeGreaterThan(20 / 999);
    const outbreak = spaceTimePermutationScan({
      areas,
      counts,
      params: { replications: 199, seed: 7, maxSpatialFraction: 0.2, stopAfterExceedances: 20 },
    });
    expect(outbreak[0]!.pValue).toBe(
      spaceTimePermutationScan({ areas, counts, params: { replications: 199, seed: 7, maxSpatialFraction: 0.2 } })[0]!
        .pValue,
    );
  });

  it('rejects ragged counts with a bilingual error', () => {
    expect(() => spaceTimePermutationScan({ areas: areas.slice(0, 2), counts: [[1, 2], [1]] })).toThrow(
      /same number of days/,
    );
  });
});
