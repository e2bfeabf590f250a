import { describe, expect, it } from 'vitest';
import { ageShares, BASELINE_2020, birthRate, populationFactor, ratioIn } from './calibration.ts';

describe('calibration', () => {
  it('reproduces the 2020 ratios of seed 000', () => {
    expect(ratioIn('bedsActual', 2020)).toBeCloseTo(6.61, 2);
    expect(ratioIn('healthTechnicians', 2020)).toBeCloseTo(7.01, 2);
    expect(ratioIn('doctors', 2020)).toBeCloseTo(2.88, 2);
    expect(ratioIn('nurses', 2020)).toBeCloseTo(2.98, 2);
    expect(ratioIn('generalPractitioners', 2020) * 10).toBeCloseTo(3.17, 1);
    expect(ratioIn('bedsActual', 2015)).toBeCloseTo(5.04, 2);
    expect(populationFactor(2020)).toBe(1);
    expect(BASELINE_2020.resident).toBeGreaterThan(6_200_000);
  });

  it('rises through the plan years and stays positive outside them', () => {
    for (const key of ['bedsActual', 'healthTechnicians', 'doctors', 'nurses', 'generalPractitioners'] as const) {
      for (let y = 2000; y < 2035; y++) {
        expect(ratioIn(key, y + 1)).toBeGreaterThan(ratioIn(key, y));
        expect(ratioIn(key, y)).toBeGreaterThan(0);
      }
    }
    expect(birthRate(2025)).toBeLessThan(birthRate(2016));
  });

  it('has age shares summing to 1 with an ageing population', () => {
    for (const y of [2010, 2016, 2020, 2025, 2030]) {
      expect(ageShares(y).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    }
    expect(ageShares(2025)[5]!).toBeGreaterThan(ageShares(2016)[5]!);
  });
});
