import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../platform/prng.ts';
import { ewma, regression, switchDetector } from './essence.ts';

function poissonish(n: number, mean: number, seed: number): number[] {
  const r = mulberry32(seed);
  // sum of uniforms: a deterministic, roughly symmetric count series
  return Array.from({ length: n }, () => Math.round(mean + (r() + r() + r() - 1.5) * Math.sqrt(mean) * 2));
}

describe('ESSENCE EWMA', () => {
  it('a flat series does not alert and the bound sits above the level', () => {
    const observed = new Array<number>(60).fill(4);
    const r = ewma({ observed, frequency: 365, range: [40, 59] });
    expect(r.alarm.every((a) => a === false)).toBe(true);
    expect(r.expected.every((e) => e === 4)).toBe(true);
    expect(r.upperbound.every((u) => (u as number) > 4)).toBe(true);
  });
  it('alarm ⇔ count above the reported bound', () => {
    const observed = poissonish(200, 10, 7);
    observed[150] = 40;
    const r = ewma({ observed, frequency: 365, range: [40, 199] });
    r.alarm.forEach((a, i) => {
      expect(a).toBe(
        (observed[40 + i] as number) > (r.upperbound[i] as number) || (r.upperbound[i] === 0 && a === true),
      );
    });
    expect(r.alarm[110]).toBe(true);
  });
});

describe('ESSENCE regression', () => {
  it('predicts a noise-free linear trend exactly (hand-derived)', () => {
    const observed = Array.from({ length: 80 }, (_, t) => 2 + 0.5 * t);
    const r = regression({ observed, frequency: 52, range: [70, 71] });
    expect(r.expected[0]).toBeCloseTo(2 + 0.5 * 70, 9);
    expect(r.expected[1]).toBeCloseTo(2 + 0.5 * 71, 9);
    expect(r.alarm).toEqual([false, false]);
  });
  it('day-of-week effects on daily data are absorbed', () => {
    const weekly = [10, 12, 11, 13, 12, 3, 2];
    const observed = Array.from({ length: 120 }, (_, t) => weekly[t % 7] as number);
    const r = regression({ observed, frequency: 365, range: [100, 106] });
    r.expected.forEach((e, i) => {
      expect(e).toBeCloseTo(weekly[(100 + i) % 7] as number, 8);
    });
    observed[105] = 30;
    expect(regression({ observed, frequency: 365, range: [105, 105] }).alarm).toEqual([true]);
  });
});

describe('ESSENCE switch', () => {
  it('uses the regression on structured data and the EWMA on noise', () => {
    const weekly = [10, 12, 11, 13, 12, 3, 2];
    const structured = Array.from({ length: 120 }, (_, t) => (weekly[t % 7] as number) + (t % 3 === 0 ? 1 : 0));
    const input = { observed: structured, frequency: 365 as const, range: [100, 110] as const };
    expect(switchDetector(input)).toEqual(regression(input));
    const noise = poissonish(120, 10, 3);
    const input2 = { observed: noise, frequency: 365 as const, range: [100, 110] as const };
    expect(switchDetector(input2)).toEqual(ewma(input2));
  });
});
