import { describe, expect, it } from 'vitest';
import { ALGORITHMS, type Algorithm, detect } from './detect.ts';
import { DETECTOR_LABELS, DETECTOR_PARAMS, detectorParamIssues, paramSpecOf } from './detector-params.ts';
import { DISEASES } from './diseases.ts';
import { DetectionInputError } from './errors.ts';

// Eight years of a weekly series and six of a daily one, quiet with a weekly rhythm: enough history for every
// detector's defaults (Farrington's 5 years back).
const series = (frequency: 52 | 365) => {
  const n = frequency === 52 ? 8 * 52 : 6 * 365;
  return {
    frequency,
    observed: Array.from({ length: n }, (_, i) => (i * 7) % 5),
    range: [n - 20, n - 1] as [number, number],
  };
};

const run = (algorithm: Algorithm, params: Record<string, unknown>, frequency: 52 | 365 = 52) =>
  detect({ algorithm, ...series(frequency), params });

const refusedField = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof DetectionInputError) return e.field;
    throw e;
  }
};

describe('detector parameter definitions', () => {
  it('describe every algorithm, with a label, and a label and a line of help for every parameter', () => {
    for (const a of ALGORITHMS) {
      expect(DETECTOR_LABELS[a].zh, a).toBeTruthy();
      expect(DETECTOR_PARAMS[a].length, a).toBeGreaterThan(0);
      for (const p of DETECTOR_PARAMS[a]) {
        expect(p.label.zh && p.label.en && p.help.zh && p.help.en, `${a}.${p.key}`).toBeTruthy();
      }
    }
  });

  it('give the detectors’ own defaults: every default written out changes no bound', () => {
    for (const a of ALGORITHMS) {
      const frequency = a === 'mpm' ? 365 : 52;
      const explicit = Object.fromEntries(
        DETECTOR_PARAMS[a]
          .filter((p) => p.default !== null && !(p.dailyOnly && frequency !== 365))
          .map((p) => [p.key, p.default]),
      );
      expect(detectorParamIssues(a, explicit), a).toEqual([]);
      expect(run(a, explicit, frequency), a).toEqual(run(a, {}, frequency));
    }
  });

  it('accept the bounds the detectors accept and refuse what they refuse', () => {
    for (const a of ALGORITHMS) {
      for (const p of DETECTOR_PARAMS[a]) {
        if (p.kind !== 'integer' && p.kind !== 'number') continue;
        if (p.min === undefined) continue;
        const below = p.exclusiveMin ? p.min : p.min - (p.kind === 'integer' ? 1 : 0.001);
        // Ours refuses below the minimum; the detector (run alone) refuses it too, naming the same parameter.
        expect(
          detectorParamIssues(a, { [p.key]: below }).map((i) => i.path),
          `${a}.${p.key}`,
        ).toEqual([`params.${p.key}`]);
        const field = refusedField(() => run(a, { [p.key]: below }, p.dailyOnly ? 365 : 52));
        if (field !== null) expect(paramSpecOf(a, field)?.key, `${a}.${p.key}`).toBe(p.key);
      }
    }
  });

  it('accept the shipped disease settings as they are', () => {
    for (const d of DISEASES) expect(detectorParamIssues(d.algorithm, d.params), d.code).toEqual([]);
  });

  it('report every problem at once, each by its label', () => {
    const issues = detectorParamIssues('ears-c2', { baseline: 2, alpha: 0, baselin: 7, minSigma: 'x' });
    expect(issues).toEqual([
      {
        path: 'params.baseline',
        message: {
          zh: '基线期数（baseline）应为整数（≥ 3，≤ 365）',
          en: 'Baseline periods (baseline) must be an integer (≥ 3, ≤ 365)',
        },
      },
      {
        path: 'params.alpha',
        message: expect.objectContaining({ zh: '显著性水平 alpha（alpha）应为数值（> 0，≤ 1）' }),
      },
      {
        path: 'params.baselin',
        message: expect.objectContaining({ zh: 'EARS C2没有参数“baselin”（可用：baseline, alpha, minSigma）' }),
      },
      {
        path: 'params.minSigma',
        message: expect.objectContaining({ zh: '标准差下限（minSigma）应为数值（≥ 0，≤ 1000）' }),
      },
    ]);
    expect(detectorParamIssues('farrington', { limit54: [5] })[0]!.message.zh).toBe(
      '最少病例规则（limit54）应为两个数：病例数（≥ 0）和期数（≥ 1 的整数）',
    );
    expect(detectorParamIssues('cusum', { m: 3.5 })).toEqual([]);
    expect(detectorParamIssues('glrnb', { alpha: 'estimate', mu0: { S: 1 } })).toEqual([]);
  });
});
