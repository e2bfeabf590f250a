import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.ts';

describe('apportion', () => {
  it('splits exactly and proportionally', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [3, 1]).reduce((a, b) => a + b)).toBe(100);
    expect(apportion(7, [0, 2, 5])).toEqual([0, 2, 5]);
    expect(apportion(5, [])).toEqual([]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });

  it('respects caps and hands the surplus to the others', () => {
    const parts = apportion(10, [10, 1, 1], [2, 100, 100]);
    expect(parts[0]).toBe(2);
    expect(parts.reduce((a, b) => a + b)).toBe(10);
    // Caps below the total: the parts fill the caps and stop.
    expect(apportion(10, [1, 1], [2, 3])).toEqual([2, 3]);
  });
});
