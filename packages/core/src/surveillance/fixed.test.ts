import { describe, expect, it } from 'vitest';
import { fixedThreshold } from './fixed.ts';

describe('fixed thresholds', () => {
  it('a single 甲类 case signals', () => {
    expect(fixedThreshold({ observed: [0, 0, 1, 0], frequency: 365, range: [0, 3] })).toEqual({
      upperbound: [0, 0, 0, 0],
      alarm: [false, false, true, false],
      expected: [null, null, null, null],
    });
  });
  it('≥ 5 cases within 3 days', () => {
    const r = fixedThreshold(
      { observed: [0, 0, 1, 0, 2, 3, 0], frequency: 365, range: [3, 6] },
      { threshold: 5, window: 3 },
    );
    expect(r.alarm).toEqual([false, false, true, true]);
    expect(r.upperbound).toEqual([4, 4, 4, 4]);
  });
  it('a missing day gives null unless the known days already reach the threshold', () => {
    const r = fixedThreshold(
      { observed: [1, null, 0, 5, null], frequency: 365, range: [2, 4] },
      { threshold: 2, window: 2 },
    );
    expect(r.alarm).toEqual([null, true, true]);
  });
});
