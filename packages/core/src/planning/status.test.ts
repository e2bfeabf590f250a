import { describe, expect, it } from 'vitest';
import { evaluateStatus, STATUS_LABELS, type StatusInput } from './status.ts';
import { parseTarget } from './target-parse.ts';

// A 2021–2025 plan with 2020 baseline; `year` and `actual` vary per case.
function run(text: string, over: Partial<StatusInput> & { actual: number | null; year: number }, unit?: string) {
  const direction = over.direction ?? 'higher';
  return evaluateStatus({
    target: parseTarget(text, { unit: unit ?? null, direction }),
    baseline: 50,
    baselineYear: 2020,
    targetYear: 2025,
    nature: 'expected',
    direction,
    ...over,
  });
}

describe('evaluateStatus: thresholds', () => {
  it('≥ target: expected on the straight line, met once reached', () => {
    // 50 → 60 over 5 years: 2 a year, 56 expected in 2023.
    expect(run('≥60', { year: 2023, actual: 57 })).toEqual({ status: 'on-track', expected: 56, distance: 3 });
    expect(run('≥60', { year: 2023, actual: 55 })).toEqual({ status: 'lagging', expected: 56, distance: 5 });
    expect(run('≥60', { year: 2023, actual: 61 })).toEqual({ status: 'met', expected: 56, distance: 0 });
    expect(run('≥60', { year: 2025, actual: 60 })).toEqual({ status: 'met', expected: 60, distance: 0 });
    expect(run('≥60', { year: 2025, actual: 59 })).toEqual({ status: 'lagging', expected: 60, distance: 1 });
  });

  it('a binding indicator off track is a warning (预警)', () => {
    expect(run('≥60', { year: 2023, actual: 55, nature: 'binding' }).status).toBe('warning');
    expect(run('≥60', { year: 2025, actual: 59, nature: 'binding' }).status).toBe('warning');
    expect(run('≥60', { year: 2023, actual: 57, nature: 'binding' }).status).toBe('on-track');
  });

  it('< target for a lower-is-better indicator (孕产妇死亡率 30.85 → ＜8)', () => {
    const base = { baseline: 30.85, direction: 'lower' as const };
    const r = run('＜8', { ...base, year: 2022, actual: 20 }, '1/10万');
    expect(r.status).toBe('on-track');
    expect(r.expected).toBeCloseTo(30.85 - (22.85 * 2) / 5);
    expect(run('＜8', { ...base, year: 2022, actual: 25 }, '1/10万').status).toBe('lagging');
    // strictly below: 8 itself is not met
    expect(run('＜8', { ...base, year: 2025, actual: 8 }, '1/10万')).toMatchObject({ status: 'lagging', distance: 0 });
    expect(run('＜8', { ...base, year: 2025, actual: 7.9 }, '1/10万').status).toBe('met');
  });

  it('a baseline already past the target must not slip back', () => {
    // ≥90 with baseline 95: 88 is not on track even though the "path" from 95 to 90 runs downward.
    expect(run('≥90', { baseline: 95, year: 2022, actual: 88 }).status).toBe('lagging');
    expect(run('≥90', { baseline: 95, year: 2022, actual: 93 }).status).toBe('met');
  });

  it('without a baseline, judged against the target only (no path)', () => {
    expect(run('＜20', { baseline: null, direction: 'lower', year: 2022, actual: 19 })).toEqual({
      status: 'met',
      expected: null,
      distance: 0,
    });
    expect(run('＜20', { baseline: null, direction: 'lower', year: 2022, actual: 22 })).toEqual({
      status: 'lagging',
      expected: null,
      distance: 2,
    });
  });

  it('bare "= v" of an indicator without direction: within tolerance', () => {
    expect(run('100', { baseline: 100, direction: 'neutral', year: 2023, actual: 100 }).status).toBe('met');
    expect(run('100', { baseline: 100, direction: 'neutral', year: 2023, actual: 80 }).status).toBe('lagging');
  });
});

describe('evaluateStatus: approximate values and ranges', () => {
  it('左右 is met within 5% of the value, or beyond it in the better direction', () => {
    expect(run('27%左右', { baseline: 30, direction: 'lower', year: 2025, actual: 28 }).status).toBe('met');
    expect(run('27%左右', { baseline: 30, direction: 'lower', year: 2025, actual: 25 }).status).toBe('met');
    expect(run('27%左右', { baseline: 30, direction: 'lower', year: 2025, actual: 29 })).toMatchObject({
      status: 'lagging',
      distance: 2,
    });
    expect(run('27%左右', { baseline: 30, direction: 'lower', year: 2023, actual: 28.2 }).status).toBe('met');
    expect(run('27%左右', { baseline: 33, direction: 'lower', year: 2023, actual: 29.2 })).toMatchObject({
      status: 'on-track',
      expected: 29.4,
    });
  });

  it('稳定在65%左右 for a neutral indicator: overshooting is off track', () => {
    const base = { baseline: 55, direction: 'neutral' as const };
    expect(run('稳定在65%左右', { ...base, year: 2023, actual: 61.5 }).status).toBe('on-track');
    expect(run('稳定在65%左右', { ...base, year: 2023, actual: 75 }).status).toBe('lagging');
    expect(run('稳定在65%左右', { ...base, year: 2025, actual: 66 }).status).toBe('met');
  });

  it('ranges: inside is met; moving toward the nearer bound is on track', () => {
    const base = { direction: 'neutral' as const };
    expect(run('85%—93%', { ...base, baseline: 80, year: 2025, actual: 90 })).toEqual({
      status: 'met',
      expected: 85,
      distance: 0,
    });
    expect(run('85%—93%', { ...base, baseline: 80, year: 2023, actual: 83 })).toMatchObject({
      status: 'on-track',
      expected: 83,
      distance: 2,
    });
    expect(run('85%—93%', { ...base, baseline: 80, year: 2023, actual: 81 }).status).toBe('lagging');
    expect(run('85%—93%', { ...base, baseline: 98, year: 2025, actual: 95 })).toMatchObject({
      status: 'lagging',
      distance: 2,
    });
    expect(run('85%—93%', { ...base, baseline: 88, year: 2023, actual: 96 }).status).toBe('lagging');
  });
});

describe('evaluateStatus: trends (judged from the observed change)', () => {
  it('持续提升', () => {
    expect(run('持续提升', { year: 2023, actual: 51 })).toEqual({ status: 'on-track', expected: null, distance: null });
    expect(run('持续提升', { year: 2025, actual: 51 }).status).toBe('met');
    expect(run('持续提升', { year: 2023, actual: 50 }).status).toBe('lagging');
    expect(run('持续提升', { year: 2023, actual: 49, nature: 'binding' }).status).toBe('warning');
  });
  it('逐步降低', () => {
    expect(run('逐步降低', { direction: 'lower', year: 2022, actual: 48 }).status).toBe('on-track');
    expect(run('逐步降低', { direction: 'lower', year: 2022, actual: 52 }).status).toBe('lagging');
  });
  it('保持 / 保持稳定: within 5% or better', () => {
    expect(run('保持稳定', { year: 2023, actual: 49 }).status).toBe('on-track');
    expect(run('保持稳定', { year: 2023, actual: 60 }).status).toBe('on-track');
    expect(run('保持', { year: 2025, actual: 45 }).status).toBe('lagging');
    expect(run('保持', { direction: 'neutral', year: 2025, actual: 60 }).status).toBe('lagging');
  });
  it('上升趋势减缓: the latest yearly rise is smaller than the average rise before it', () => {
    const previous = { year: 2022, value: 56 }; // +3 a year from 2020 to 2022
    expect(run('上升趋势减缓', { direction: 'lower', previous, year: 2023, actual: 58 }).status).toBe('on-track');
    expect(run('上升趋势减缓', { direction: 'lower', previous, year: 2023, actual: 60 }).status).toBe('lagging');
    expect(run('上升趋势减缓', { direction: 'lower', previous: null, year: 2023, actual: 58 }).status).toBe('no-data');
  });
  it('下降趋势减缓', () => {
    const previous = { year: 2022, value: 44 }; // −3 a year
    expect(run('下降趋势减缓', { previous, year: 2023, actual: 43 }).status).toBe('on-track');
    expect(run('下降趋势减缓', { previous, year: 2023, actual: 40 }).status).toBe('lagging');
  });
  it('a trend without a baseline uses the previous value, else has no data', () => {
    expect(
      run('持续提升', { baseline: null, previous: { year: 2022, value: 10 }, year: 2023, actual: 11 }).status,
    ).toBe('on-track');
    expect(run('持续提升', { baseline: null, year: 2023, actual: 11 }).status).toBe('no-data');
  });
});

describe('evaluateStatus: annual changes (judged from the observed change)', () => {
  // 近视率 50% in 2020, 每年降低1个百分点左右: 47 expected in 2023, 45 in 2025.
  const base = { direction: 'lower' as const };
  it('keeping up is on track; falling behind is lagging', () => {
    expect(run('每年降低1个百分点左右', { ...base, year: 2023, actual: 46.5 })).toEqual({
      status: 'on-track',
      expected: 47,
      distance: 1.5,
    });
    expect(run('每年降低1个百分点左右', { ...base, year: 2023, actual: 48 })).toEqual({
      status: 'lagging',
      expected: 47,
      distance: 3,
    });
    expect(run('每年降低1个百分点左右', { ...base, year: 2023, actual: 48, nature: 'binding' }).status).toBe('warning');
  });
  it('met once the change of the whole period is achieved', () => {
    expect(run('每年降低1个百分点左右', { ...base, year: 2025, actual: 45 }).status).toBe('met');
    expect(run('每年降低1个百分点左右', { ...base, year: 2025, actual: 45.5 }).status).toBe('lagging');
    expect(run('每年降低1个百分点左右', { ...base, year: 2022, actual: 44 }).status).toBe('met');
  });
  it('a relative yearly change compounds', () => {
    const r = run('年均增长10%', { baseline: 100, year: 2022, actual: 122 });
    expect(r.status).toBe('on-track');
    expect(r.expected).toBeCloseTo(121);
  });
  it('without a baseline it is judged against last year', () => {
    expect(
      run('每年降低1个百分点', {
        ...base,
        baseline: null,
        previous: { year: 2022, value: 48 },
        year: 2023,
        actual: 46.8,
      }).status,
    ).toBe('on-track');
    expect(run('每年降低1个百分点', { ...base, baseline: null, year: 2023, actual: 46.8 }).status).toBe('no-data');
  });
});

describe('evaluateStatus: relative to the baseline', () => {
  it('比2020年提高1岁 (人均预期寿命 76.7)', () => {
    const base = { baseline: 76.7 };
    expect(run('比"十三五"末提高1岁', { ...base, year: 2025, actual: 77.8 }).status).toBe('met');
    const r = run('比"十三五"末提高1岁', { ...base, year: 2023, actual: 77.3 });
    expect(r.status).toBe('on-track');
    expect(r.expected).toBeCloseTo(77.3);
    expect(run('比"十三五"末提高1岁', { ...base, year: 2023, actual: 77 }).status).toBe('lagging');
  });
  it('比2020年下降10% is relative to the base value', () => {
    const r = run('比2020年下降10%', { direction: 'lower', year: 2025, actual: 45 });
    expect(r).toEqual({ status: 'met', expected: 45, distance: 0 });
    expect(run('比2020年下降10%', { direction: 'lower', year: 2025, actual: 46 })).toMatchObject({
      status: 'lagging',
      distance: 1,
    });
  });
  it('another base year needs its value', () => {
    expect(run('比2015年提高1岁', { year: 2023, actual: 77 }).status).toBe('no-data');
    expect(run('比2015年提高1岁', { baseValue: 75, year: 2025, actual: 76 }).status).toBe('met');
  });
});

describe('evaluateStatus: no data', () => {
  it('no actual value', () => {
    expect(run('≥60', { year: 2023, actual: null })).toEqual({ status: 'no-data', expected: 56, distance: null });
    expect(run('持续提升', { year: 2023, actual: null }).status).toBe('no-data');
  });
  it('no target or an unparsed one', () => {
    expect(run('—', { year: 2023, actual: 3 }).status).toBe('no-data');
    expect(run('达到国家平均水平', { year: 2023, actual: 3 }).status).toBe('no-data');
  });
  it('labels are bilingual', () => {
    expect(STATUS_LABELS.warning).toEqual({ zh: '预警', en: 'Warning' });
  });
});
