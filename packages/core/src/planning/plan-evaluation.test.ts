import { describe, expect, it } from 'vitest';
import { directionOfTarget, evaluateYear, type PlanIndicatorSpec } from './plan-evaluation.ts';
import { parseTarget } from './target-parse.ts';

const spec = (text: string, over: Partial<PlanIndicatorSpec> = {}): PlanIndicatorSpec => ({
  target: parseTarget(text, { direction: over.direction ?? 'higher' }),
  baseline: 50,
  baselineYear: 2020,
  targetYear: 2025,
  nature: 'expected',
  direction: 'higher',
  ...over,
});

describe('evaluateYear', () => {
  it('judges from the plan baseline on the straight path', () => {
    const r = evaluateYear(spec('≥60'), new Map([[2023, 57]]), 2023);
    expect(r).toMatchObject({ status: 'on-track', expected: 56, actual: 57, baseline: 50, baselineSource: 'plan' });
  });

  it('falls back to the value observed in the baseline year (a county of a city plan)', () => {
    const r = evaluateYear(
      spec('≥60', { baseline: null }),
      new Map([
        [2020, 40],
        [2023, 45],
      ]),
      2023,
    );
    expect(r.baseline).toBe(40);
    expect(r.baselineSource).toBe('observed');
    expect(r.expected).toBeCloseTo(52);
    expect(r.status).toBe('lagging');
  });

  it('uses the latest earlier value for slowing trends and missing baselines', () => {
    const s = spec('上升趋势减缓', { baseline: 10, direction: 'lower' });
    const series = new Map([
      [2022, 14],
      [2023, 15],
    ]);
    // 10 → 14 over 2 years is +2/year; +1 in 2023 is slower.
    expect(evaluateYear(s, series, 2023).status).toBe('on-track');
    const annual = spec('每年降低1个百分点', { baseline: null, direction: 'lower' });
    const r = evaluateYear(
      annual,
      new Map([
        [2021, 30],
        [2022, 28.5],
      ]),
      2022,
    );
    expect(r.status).toBe('on-track');
  });

  it('reads the base value of a relative target from its own year', () => {
    const s = spec('比2015年提高1岁', { baseline: 76.7 });
    const r = evaluateYear(
      s,
      new Map([
        [2015, 75.6],
        [2023, 76.8],
      ]),
      2023,
    );
    expect(r.status).toBe('met');
  });

  it('is no-data without a value', () => {
    expect(evaluateYear(spec('≥60'), new Map(), 2023).status).toBe('no-data');
  });
});

describe('directionOfTarget', () => {
  it('reads the direction a target implies', () => {
    expect(directionOfTarget(parseTarget('≥60%'))).toBe('higher');
    expect(directionOfTarget(parseTarget('＜8'))).toBe('lower');
    expect(directionOfTarget(parseTarget('持续提升'))).toBe('higher');
    expect(directionOfTarget(parseTarget('每年降低1个百分点左右'))).toBe('lower');
    expect(directionOfTarget(parseTarget('27%左右'))).toBe('neutral');
    expect(directionOfTarget(null)).toBe('neutral');
  });
});
