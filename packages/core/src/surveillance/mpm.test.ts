import { describe, expect, it } from 'vitest';
import { mpm, quantile7 } from './mpm.ts';

describe('quantile7 matches R quantile(type = 7)', () => {
  it('interpolates linearly', () => {
    // R: quantile(1:15, 0.8) = 12.2; quantile(c(1, 3, 10), 0.5) = 3; quantile(c(0, 10), 0.25) = 2.5
    expect(
      quantile7(
        Array.from({ length: 15 }, (_, i) => i + 1),
        0.8,
      ),
    ).toBeCloseTo(12.2, 12);
    expect(quantile7([10, 1, 3], 0.5)).toBe(3);
    expect(quantile7([0, 10], 0.25)).toBe(2.5);
  });
});

describe('CIDARS moving percentile method', () => {
  it('weekly: P80 of the same week ±2 in the previous 3 years', () => {
    const n = 3 * 52 + 10;
    const t = 3 * 52 + 5;
    const observed = new Array<number>(n).fill(0);
    let v = 1;
    for (let y = 1; y <= 3; y++) for (let j = -2; j <= 2; j++) observed[t - 52 * y + j] = v++;
    const run = (current: number) => {
      observed[t] = current;
      return mpm({ observed, frequency: 52, range: [t, t] });
    };
    const r = run(13);
    expect(r.upperbound[0]).toBeCloseTo(12.2, 12);
    expect([r.alarm, r.expected]).toEqual([[true], [8]]);
    expect(run(12).alarm).toEqual([false]);
  });

  it('daily: 7-day sums, a zero count never signals', () => {
    const n = 3 * 365 + 30;
    const observed = new Array<number>(n).fill(1);
    const t = n - 1;
    expect(mpm({ observed, frequency: 365, range: [t, t] })).toEqual({
      upperbound: [7],
      alarm: [false],
      expected: [7],
    });
    observed[t] = 2;
    expect(mpm({ observed, frequency: 365, range: [t, t] }).alarm).toEqual([true]);
    const zeros = new Array<number>(n).fill(0);
    expect(mpm({ observed: zeros, frequency: 365, range: [t, t] }).alarm).toEqual([false]);
  });

  it('refuses a series without three previous years', () => {
    expect(() => mpm({ observed: new Array<number>(100).fill(1), frequency: 52, range: [99, 99] })).toThrow(
      /3 previous years/,
    );
  });
});
