import { describe, expect, it } from 'vitest';
import { farringtonFlexible } from './farrington-flexible.ts';

describe('detector edge cases met by the signal engine', () => {
  it('farringtonFlexible survives a baseline with a single known value (aliased trend → no trend)', () => {
    // Reference weeks before the first report are missing (null): only one baseline point is known.
    const n = 4 * 52 + 10;
    const observed: (number | null)[] = Array.from({ length: n }, () => null);
    observed[n - 1 - 52] = 2;
    observed[n - 1] = 6;
    const r = farringtonFlexible({ observed, frequency: 52, range: [n - 1, n - 1] }, { b: 4, w: 3, limit54: [1, 4] });
    expect(r.alarm).toHaveLength(1);
  });
});
