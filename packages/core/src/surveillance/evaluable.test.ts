import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';
import { detectEvaluable } from './evaluable.ts';

describe('detectEvaluable', () => {
  const observed = [1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 9, 2];

  it('evaluates the whole range when the detector accepts it', () => {
    const r = detectEvaluable({ algorithm: 'ears-c1', frequency: 52, observed, range: [7, 14] });
    expect(r?.from).toBe(7);
    expect(r?.result).toEqual(detect({ algorithm: 'ears-c1', frequency: 52, observed, range: [7, 14] }));
  });

  it('starts at the first point with a full baseline instead of refusing the range', () => {
    expect(() => detect({ algorithm: 'ears-c1', frequency: 52, observed, range: [0, 14] })).toThrow(/range/);
    const r = detectEvaluable({ algorithm: 'ears-c1', frequency: 52, observed, range: [0, 14] });
    expect(r?.from).toBe(7); // C1's baseline is the 7 points before
    expect(r?.result.alarm).toHaveLength(8);
    expect(r?.result).toEqual(detect({ algorithm: 'ears-c1', frequency: 52, observed, range: [7, 14] }));
    expect(r?.result.alarm[13 - 7]).toBe(true);
  });

  it('returns null when no point has enough history, and keeps parameter errors', () => {
    expect(detectEvaluable({ algorithm: 'ears-c1', frequency: 52, observed: [1, 2, 3], range: [0, 2] })).toBeNull();
    expect(() =>
      detectEvaluable({ algorithm: 'ears-c1', frequency: 52, observed, range: [0, 14], params: { alpha: 7 } }),
    ).toThrow(/alpha/);
  });
});
