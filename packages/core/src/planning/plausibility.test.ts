import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../platform/clock.ts';
import { CATALOGUE } from './catalogue.ts';
import { boundsOf, implausible } from './plausibility.ts';

describe('plausibility bounds by unit', () => {
  const of = (code: string) => boundsOf(CATALOGUE.find((c) => c.code === code)!);
  it.each([
    ['life-expectancy', 78.5, true],
    ['life-expectancy', -1, false],
    ['life-expectancy', 0, false],
    ['life-expectancy', 121, false],
    ['life-expectancy', 1e308, false],
    ['health-literacy', 100, true],
    ['health-literacy', 100.1, false],
    ['bed-occupancy', 105, true],
    ['infant-mortality', 1000, true],
    ['infant-mortality', 1001, false],
    ['maternal-mortality', -0.1, false],
    ['beds-per-1000', 7.2, true],
  ])('%s = %s → ok %s', (code, value, ok) => {
    expect(implausible(value, of(code)) === null).toBe(ok);
  });
  it('every catalogue indicator has finite bounds', () => {
    for (const c of CATALOGUE) {
      const b = boundsOf(c);
      expect(Number.isFinite(b.min) && Number.isFinite(b.max) && b.min < b.max, c.code).toBe(true);
      expect(implausible(Number.POSITIVE_INFINITY, b)).not.toBeNull();
    }
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-30', false],
    ['2023-13-01', false],
    ['2023-13-45', false],
    ['2023-1-01', false],
    ['0000-01-01', true],
  ])('%s → %s', (s, ok) => expect(isCalendarDate(s)).toBe(ok));
});
