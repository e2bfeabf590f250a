import { describe, expect, it } from 'vitest';
import { coverage } from './coverage.ts';
import { decayWeight, type ReachRow, twoStepFca, twoStepFcaSparse } from './fca.ts';

// Two facilities (10 and 5 doctors), three villages (1,000, 2,000, 3,000 residents), catchment 30 min:
//            f0      f1
//   v0     10 min  40 min (outside)
//   v1     20 min  15 min
//   v2     50 min  25 min
const matrixSeconds = [600, 2400, 1200, 900, 3000, 1500];
const base = { supply: [10, 5], demand: [1000, 2000, 3000], matrixSeconds, catchmentSeconds: 1800 };

describe('two-step floating catchment', () => {
  it('2SFCA by hand: R0 = 10/3000, R1 = 5/5000; A = R0, R0+R1, R1 per 1,000', () => {
    const a = twoStepFca({ ...base, decay: 'none' });
    expect(a[0]).toBeCloseTo(3.3333, 4);
    expect(a[1]).toBeCloseTo(4.3333, 4);
    expect(a[2]).toBeCloseTo(1, 6);
  });

  it('E2SFCA with Gaussian decay by hand', () => {
    // W(t) = (e^{-½(t/1800)²} − e^{-½}) / (1 − e^{-½}), e^{-½} = 0.6065307:
    // W(600) = (0.9459595 − 0.6065307)/0.3934693 = 0.8626563; W(1200) = (0.8007374 − …)/… = 0.4935753;
    // W(900) = (0.8824969 − …)/… = 0.7013666; W(1500) = (0.7066483 − …)/… = 0.2544483.
    expect(decayWeight(600, 1800, 'gaussian')).toBeCloseTo(0.8626563, 6);
    expect(decayWeight(1800, 1800, 'gaussian')).toBeCloseTo(0, 12);
    expect(decayWeight(1801, 1800, 'gaussian')).toBe(0);
    expect(decayWeight(Number.POSITIVE_INFINITY, 1800, 'gaussian')).toBe(0);
    // R0 = 10 / (0.8626563·1000 + 0.4935753·2000) = 10/1849.807 = 0.00540597
    // R1 = 5 / (0.7013666·2000 + 0.2544483·3000) = 5/2166.078 = 0.00230832
    // A0 = 0.8626563·R0 = 4.66349‰; A1 = 0.4935753·R0 + 0.7013666·R1 = 4.28723‰; A2 = 0.2544483·R1 = 0.58735‰
    const a = twoStepFca({ ...base, decay: 'gaussian' });
    expect(a[0]).toBeCloseTo(4.66349, 4);
    expect(a[1]).toBeCloseTo(4.28723, 4);
    expect(a[2]).toBeCloseTo(0.58735, 4);
  });

  it('a facility with no demand in reach adds nothing; a village with no facility scores 0', () => {
    const a = twoStepFca({
      supply: [7],
      demand: [100, 100],
      matrixSeconds: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
      catchmentSeconds: 900,
      decay: 'none',
    });
    expect(Array.from(a)).toEqual([0, 0]);
    expect(() => twoStepFca({ ...base, matrixSeconds: [1, 2], decay: 'none' })).toThrow(/cells/);
  });

  it('sparse rows give the dense answers; a column without supply adds nothing', () => {
    // The hand-worked table as rows of the pairs within 30 minutes, plus a dead column 2 (a closed facility).
    const rows: ReachRow[] = [
      { col: [0, 2], sec: [600, 60] },
      { col: [0, 1], sec: [1200, 900] },
      { col: [1], sec: [1500] },
    ];
    for (const decay of ['none', 'gaussian'] as const) {
      const dense = twoStepFca({ ...base, decay });
      const sparse = twoStepFcaSparse({ supply: [10, 5, 0], demand: base.demand, rows, catchmentSeconds: 1800, decay });
      for (let i = 0; i < 3; i++) expect(sparse[i]).toBeCloseTo(dense[i]!, 9);
    }
    expect(() =>
      twoStepFcaSparse({ supply: [1], demand: [1, 2], rows: [], catchmentSeconds: 1, decay: 'none' }),
    ).toThrow(/rows/);
  });
});

describe('coverage', () => {
  it('sums weights (default 1) within T minutes; unreachable is uncovered', () => {
    const r = coverage(
      [{ weight: 3 }, {}, { weight: 2 }, { weight: null }],
      [10, 15, null, Number.POSITIVE_INFINITY],
      15,
    );
    expect(r).toEqual({ total: 7, covered: 4, share: 4 / 7 });
    expect(coverage([], [], 15)).toEqual({ total: 0, covered: 0, share: 0 });
  });
});
