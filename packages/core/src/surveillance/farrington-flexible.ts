/**
 * Improved Farrington ("farringtonFlexible", Noufaily et al. 2013, Stat Med 32:1206–1222), reproducing
 * R surveillance's farringtonFlexible() for time-indexed (non-date) series.
 *
 * Per evaluated week k: a quasi-Poisson GLM (log link, optional linear trend, optional population
 * offset, optional seasonal factor with `noPeriods` levels) is fitted to the same weeks ±w of the b
 * previous years (plus, with noPeriods > 1, all weeks in between), leaving out the last
 * `pastWeeksNotIncluded` weeks; past outbreaks are down-weighted by Anscombe residuals above
 * `weightsThreshold`. The trend is kept only if b ≥ 3, its t-test p < pThresholdTrend and the
 * prediction does not extrapolate above the baseline maximum. The threshold is one-sided at
 * 1 − alpha: 'delta' = Farrington's power-transformed normal limit; 'nbPlugin' = negative-binomial
 * (Poisson if φ ≤ 1) quantile at the predicted mean; 'muan' = the same quantile at the upper
 * (1 − alpha) confidence limit of the mean.
 *
 * Faithfully reproduced R quirks (so results match R):
 * - predict() is called without the model's φ, and R has overwritten model$weights with the
 *   Anscombe weights ω, so the prediction's standard error and the trend t-test use
 *   Σ ω r² / df (working residuals r, may be < 1), while the threshold uses φ = max(Pearson, 1);
 * - for nbPlugin/muan the alarm score is (y − η)/(U − η) with η on the log scale;
 * - no alarm is raised for a zero count.
 */
import { fail, requireBoolean, requireInteger, requireNumber, requireOneOf } from './errors.ts';
import type { PowerTrans } from './farrington-common.ts';
import { coefficientPValue, enoughCases, farringtonUpper, fitFarringtonModel } from './farrington-common.ts';
import { qnbinom, qpois } from './stats/discrete.ts';
import { activeIndex, predictLink } from './stats/glm.ts';
import { qnorm } from './stats/normal.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { finiteOrNull, toNumeric } from './types.ts';

export type ThresholdMethod = 'delta' | 'nbPlugin' | 'muan';

export interface FarringtonFlexibleParams {
  /** years back (default 5) */
  b?: number;
  /** half-window in weeks around each reference week (default 3) */
  w?: number;
  reweight?: boolean;
  weightsThreshold?: number;
  trend?: boolean;
  pThresholdTrend?: number;
  /** one-sided level (default 0.05) */
  alpha?: number;
  /** [cases, periods]: no bound unless ≥ cases in the last periods (default [5, 4]) */
  limit54?: readonly [number, number];
  powertrans?: PowerTrans;
  populationOffset?: boolean;
  noPeriods?: number;
  /** default: w */
  pastWeeksNotIncluded?: number;
  thresholdMethod?: ThresholdMethod;
}

interface Resolved {
  b: number;
  w: number;
  reweight: boolean;
  weightsThreshold: number;
  trend: boolean;
  pThresholdTrend: number;
  alpha: number;
  limit54: readonly [number, number];
  powertrans: PowerTrans;
  populationOffset: boolean;
  noPeriods: number;
  pastWeeksNotIncluded: number;
  thresholdMethod: ThresholdMethod;
}

export function resolveFarringtonFlexibleParams(p: FarringtonFlexibleParams): Resolved {
  const w = requireInteger('params.w', p.w ?? 3, 0);
  const limit54 = p.limit54 ?? [5, 4];
  if (!Array.isArray(limit54) || limit54.length !== 2) {
    fail('params.limit54', 'params.limit54 必须是 [病例数, 周期数]', 'params.limit54 must be [cases, periods]');
  }
  requireNumber('params.limit54[0]', limit54[0], 0);
  requireInteger('params.limit54[1]', limit54[1], 1);
  return {
    b: requireInteger('params.b', p.b ?? 5, 1),
    w,
    reweight: requireBoolean('params.reweight', p.reweight ?? true),
    weightsThreshold: requireNumber('params.weightsThreshold', p.weightsThreshold ?? 2.58),
    trend: requireBoolean('params.trend', p.trend ?? true),
    pThresholdTrend: requireNumber('params.pThresholdTrend', p.pThresholdTrend ?? 0.05, 0, 1),
    alpha: requireNumber('params.alpha', p.alpha ?? 0.05, 0, 1, true),
    limit54,
    powertrans: requireOneOf('params.powertrans', p.powertrans ?? '2/3', ['none', '1/2', '2/3'] as const),
    populationOffset: requireBoolean('params.populationOffset', p.populationOffset ?? false),
    noPeriods: requireInteger('params.noPeriods', p.noPeriods ?? 1, 1),
    pastWeeksNotIncluded: requireInteger('params.pastWeeksNotIncluded', p.pastWeeksNotIncluded ?? w, 0),
    thresholdMethod: requireOneOf('params.thresholdMethod', p.thresholdMethod ?? 'delta', [
      'delta',
      'nbPlugin',
      'muan',
    ] as const),
  };
}

function setLabels(lab: Float64Array, n: number, from: number, to: number, v: number) {
  for (let i = Math.max(1, from); i <= Math.min(n, to); i++) lab[i] = v;
}

/**
 * Block labels per time point (1-based positions as in R's blocks()): the current window and the
 * windows around each reference week get label noPeriods; with noPeriods > 1 the weeks between a
 * reference window and the next one are split into noPeriods − 1 consecutive blocks 1..noPeriods−1.
 */
function blockLabels(n: number, k1: number, freq: number, b: number, w: number, p: number): Float64Array {
  const lab = new Float64Array(n + 1).fill(Number.NaN);
  setLabels(lab, n, k1 - w, k1, p);
  for (let i = 1; i <= b; i++) {
    const refWeek = k1 - i * freq;
    setLabels(lab, n, refWeek - w, refWeek + w, p);
    if (p !== 1) {
      const period = freq - 2 * w - 1;
      const len = Math.floor(period / (p - 1));
      if (len < 1) {
        fail(
          'params.noPeriods',
          'params.noPeriods 过大：参考窗之间的周数不足以分成这么多段',
          'params.noPeriods is too large: the weeks between reference windows cannot be split into that many periods',
        );
      }
      const rest = period % (p - 1);
      let start = refWeek + w + 1;
      for (let j = 1; j <= p - 1; j++) {
        const l = len + (j <= rest ? 1 : 0);
        setLabels(lab, n, start, start + l - 1, j);
        start += l;
      }
    }
  }
  return lab;
}

interface PointResult {
  upper: number;
  alarm: boolean | null;
  expected: number;
}

function evaluatePoint(
  obs: number[],
  pop: readonly number[] | undefined,
  k: number,
  freq: number,
  r: Resolved,
): PointResult {
  const n = obs.length;
  const k1 = k + 1; // R's 1-based time index, also used as wtime
  if (k1 - r.b * freq < 1) {
    fail(
      'range',
      `range 起点过早：第 ${k} 点之前没有 ${r.b} 年的参考数据（请减小 b 或推后 range）`,
      `range starts too early: point ${k} lacks ${r.b} years of reference data (decrease b or postpone range)`,
    );
  }
  const lab = blockLabels(n, k1, freq, r.b, r.w, r.noPeriods);
  for (let i = Math.max(1, k1 - r.pastWeeksNotIncluded); i <= k1; i++) lab[i] = Number.NaN;
  const y: number[] = [];
  const wtime: number[] = [];
  const groups: number[] = [];
  const offset: number[] = [];
  for (let i = 1; i <= n; i++) {
    const g = lab[i] as number;
    const v = obs[i - 1] as number;
    if (Number.isNaN(g) || Number.isNaN(v)) continue;
    y.push(v);
    wtime.push(i);
    groups.push(g);
    if (r.populationOffset) offset.push(Math.log((pop as readonly number[])[i - 1] as number));
  }
  // Seasonal factor with treatment contrasts against the smallest level present (R's as.factor).
  const extra: number[][] = [];
  const newExtra: number[] = [];
  if (r.noPeriods !== 1) {
    const levels = [...new Set(groups)].sort((a, b) => a - b);
    for (const lv of levels.slice(1)) {
      extra.push(groups.map((g) => (g === lv ? 1 : 0)));
      newExtra.push(r.noPeriods === lv ? 1 : 0);
    }
  }
  const spec = { y, wtime, offset: r.populationOffset ? offset : undefined, extra };
  const offNow = r.populationOffset ? Math.log((pop as readonly number[])[k] as number) : 0;
  const nan: PointResult = { upper: Number.NaN, alarm: null, expected: Number.NaN };

  let model = fitFarringtonModel(spec, r.trend, r.reweight, r.weightsThreshold, true);
  if (!model) return nan;
  if (model.hasTrend) {
    const predMu = Math.exp(predictLink(model.fit, [1, k1, ...newExtra], offNow, model.summaryDispersion).fit);
    const pval = coefficientPValue(model.fit, 1, activeIndex(model.fit, 1), model.summaryDispersion);
    const significant = pval < r.pThresholdTrend;
    const noExtrapolation = predMu <= Math.max(...y);
    if (!(r.b >= 3 && significant && noExtrapolation)) {
      model = fitFarringtonModel(spec, false, r.reweight, r.weightsThreshold, true);
      if (!model) return nan;
    }
  }
  const xNow = model.hasTrend ? [1, k1, ...newExtra] : [1, ...newExtra];
  const pred = predictLink(model.fit, xNow, offNow, model.summaryDispersion);
  const yk = obs[k] as number;
  let upper: number;
  let predFit: number;
  let expected: number;
  if (r.thresholdMethod === 'delta') {
    const mu = Math.exp(pred.fit);
    predFit = mu;
    expected = mu;
    upper = farringtonUpper(mu, pred.se * mu, model.phi, r.powertrans, qnorm(1 - r.alpha));
  } else {
    predFit = pred.fit;
    expected = Math.exp(pred.fit);
    const muQ = r.thresholdMethod === 'nbPlugin' ? Math.exp(pred.fit) : Math.exp(qnorm(1 - r.alpha, pred.fit, pred.se));
    if (muQ === Number.POSITIVE_INFINITY) upper = Number.NaN;
    else if (Number.isNaN(model.phi)) upper = Number.NaN;
    else if (model.phi > 1) upper = qnbinom(1 - r.alpha, muQ / (model.phi - 1), 1 / model.phi);
    else upper = qpois(1 - r.alpha, muQ);
  }
  const enough = enoughCases(obs, k, r.limit54);
  const score = Number.isNaN(upper) ? Number.NaN : (yk - predFit) / (upper - predFit);
  const X = enough === true ? score : Number.NaN;
  return {
    upper: enough === true ? upper : Number.NaN,
    alarm: !Number.isNaN(X) && X > 1 && yk !== 0,
    expected: enough === true && !Number.isNaN(upper) ? expected : Number.NaN,
  };
}

/** Runs farringtonFlexible over input.range. */
export function farringtonFlexible(input: SeriesInput, params: FarringtonFlexibleParams = {}): DetectionResult {
  const r = resolveFarringtonFlexibleParams(params);
  if (r.populationOffset && !input.population) {
    fail(
      'population',
      'populationOffset 为 true 时必须提供 population',
      'population is required when populationOffset is true',
    );
  }
  const obs = toNumeric(input.observed);
  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  for (let k = input.range[0]; k <= input.range[1]; k++) {
    const res = evaluatePoint(obs, input.population, k, input.frequency, r);
    out.upperbound.push(finiteOrNull(res.upper));
    out.alarm.push(res.alarm);
    out.expected.push(finiteOrNull(res.expected));
  }
  return out;
}
