import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.ts';
import { deriveSeed, Rng, rngFor } from './prng.ts';

describe('Rng', () => {
  it('repeats for a seed and differs between seeds and labels', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Rng(43).next()).not.toBe(xs[0]);
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
    expect(rngFor(1, 'x').next()).toBe(rngFor(1, 'x').next());
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      const k = r.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
    expect(r.weighted([0, 1, 0])).toBe(1);
  });
});

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
