import { describe, expect, it } from 'vitest';
import { addInto, emptyValues, ratio } from './ratios.ts';
import { EMPTY_COMPONENTS, summarise } from './summary.ts';

describe('ratio', () => {
  it('scales by the multiplier', () => {
    expect(ratio(41_351, 6_255_900, 1000)).toBeCloseTo(6.61, 2);
    expect(ratio(1_987, 6_255_900, 10_000)).toBeCloseTo(3.18, 2);
  });
  it('is null for unknown or zero denominators', () => {
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(null, 10)).toBeNull();
    expect(ratio(10, null)).toBeNull();
  });
  it('recomputes from components rather than averaging children', () => {
    // A small county with a high ratio must not pull the city average up as much as a naive mean would.
    const a = { beds: 100, pop: 10_000 };
    const b = { beds: 5_000, pop: 1_000_000 };
    const city = ratio(a.beds + b.beds, a.pop + b.pop, 1000)!;
    const naive = (ratio(a.beds, a.pop, 1000)! + ratio(b.beds, b.pop, 1000)!) / 2;
    expect(city).toBeCloseTo(5.0495, 4);
    expect(naive).toBeCloseTo(7.5, 4);
  });
});

describe('addInto', () => {
  it('keeps not-reported distinct from zero', () => {
    const acc = emptyValues(['a', 'b', 'c'] as const);
    addInto(acc, { a: 1, b: null, c: 0 });
    addInto(acc, { a: 2, b: null, c: null });
    expect(acc).toEqual({ a: 3, b: null, c: 0 });
  });
});

describe('summarise', () => {
  it('computes every ratio of the summary from its components', () => {
    const s = summarise(
      2020,
      { ...EMPTY_COMPONENTS, institutions: 3, beds: 600, doctors: 250, nurses: 300, generalPractitioners: 20 },
      100_000,
    );
    expect(s.bedsPer1000).toBe(6);
    expect(s.doctorsPer1000).toBe(2.5);
    expect(s.nursesPer1000).toBe(3);
    expect(s.gpsPer10000).toBe(2);
    expect(s.pharmacistsPer1000).toBeNull();
  });
});
