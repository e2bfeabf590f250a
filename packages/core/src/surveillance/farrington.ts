/**
 * Farrington et al. (1996, JRSS A 159:547–563) outbreak detection, reproducing R surveillance's
 * algo.farrington() with its default fitFun "algo.farrington.fitGLM.fast".
 *
 * Per evaluated week k: quasi-Poisson GLM on the weeks k − i·freq ± w (i = 1..b) — indices before
 * the series start are skipped (R warns and does the same) — Anscombe-residual reweighting with
 * threshold 1, the trend kept only if b ≥ 3, p < 0.05 and no extrapolation above the baseline
 * maximum; the bound is the 2/3-power transformed normal limit at **two-sided** level alpha
 * (z = qnorm(1 − alpha/2)), the convention of the 1996 paper and of R's algo.farrington.
 * Unlike farringtonFlexible, R returns 0 (not NA) as the bound when fewer than limit54[0] cases fell
 * in the last limit54[1] weeks, and then never alarms; we do the same.
 * Missing observations in the baseline are dropped (R's fast fit would fail on them).
 * `expected` is the model's predicted mean (R does not return it).
 */
import { fail, requireBoolean, requireInteger, requireNumber, requireOneOf } from './errors.ts';
import type { PowerTrans } from './farrington-common.ts';
import { coefficientPValue, enoughCases, farringtonUpper, fitFarringtonModel } from './farrington-common.ts';
import { activeIndex, predictLink } from './stats/glm.ts';
import { qnorm } from './stats/normal.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { finiteOrNull, toNumeric } from './types.ts';

export interface FarringtonParams {
  b?: number;
  w?: number;
  reweight?: boolean;
  /** two-sided level (default 0.05, i.e. the 97.5% one-sided quantile) */
  alpha?: number;
  trend?: boolean;
  limit54?: readonly [number, number];
  powertrans?: PowerTrans;
  /** accepted for compatibility with R's control list; plotting is not done here */
  plot?: false;
  /**
   * R's fitting function. 'algo.farrington.fitGLM.populationOffset' adds offset(log(population));
   * the other two fit the same model (they differ in R only in how non-convergence is reported).
   */
  fitFun?: 'algo.farrington.fitGLM.fast' | 'algo.farrington.fitGLM' | 'algo.farrington.fitGLM.populationOffset';
}

export function farrington(input: SeriesInput, params: FarringtonParams = {}): DetectionResult {
  const b = requireInteger('params.b', params.b ?? 5, 1);
  const w = requireInteger('params.w', params.w ?? 3, 0);
  const reweight = requireBoolean('params.reweight', params.reweight ?? true);
  const alpha = requireNumber('params.alpha', params.alpha ?? 0.05, 0, 1, true);
  const trend = requireBoolean('params.trend', params.trend ?? true);
  const powertrans = requireOneOf('params.powertrans', params.powertrans ?? '2/3', ['none', '1/2', '2/3'] as const);
  const limit54 = params.limit54 ?? [5, 4];
  if (!Array.isArray(limit54) || limit54.length !== 2) {
    fail('params.limit54', 'params.limit54 必须是 [病例数, 周期数]', 'params.limit54 must be [cases, periods]');
  }
  requireNumber('params.limit54[0]', limit54[0], 0);
  requireInteger('params.limit54[1]', limit54[1], 1);
  if (params.plot) fail('params.plot', '不支持 plot = true', 'plot = true is not supported');
  const fitFun = requireOneOf('params.fitFun', params.fitFun ?? 'algo.farrington.fitGLM.fast', [
    'algo.farrington.fitGLM.fast',
    'algo.farrington.fitGLM',
    'algo.farrington.fitGLM.populationOffset',
  ] as const);
  const usePop = fitFun === 'algo.farrington.fitGLM.populationOffset';
  const population = input.population;
  if (usePop && !population) {
    fail('population', '使用人口偏移时必须提供 population', 'population is required with fitGLM.populationOffset');
  }
  const logPop = (i: number) => Math.log((population as readonly number[])[i] as number);

  const obs = toNumeric(input.observed);
  const freq = input.frequency;
  const z = qnorm(1 - alpha / 2);
  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  for (let k = input.range[0]; k <= input.range[1]; k++) {
    const k1 = k + 1; // R's 1-based index doubles as the time covariate
    const y: number[] = [];
    const wtime: number[] = [];
    const offset: number[] = [];
    for (let i = b; i >= 1; i--) {
      for (let t = k1 - freq * i - w; t <= k1 - freq * i + w; t++) {
        if (t < 1) continue;
        const v = obs[t - 1] as number;
        if (Number.isNaN(v)) continue;
        y.push(v);
        wtime.push(t);
        if (usePop) offset.push(logPop(t - 1));
      }
    }
    if (y.length === 0) {
      fail('range', `第 ${k} 点没有任何参考数据`, `point ${k} has no reference values`);
    }
    const spec = { y, wtime, offset: usePop ? offset : undefined };
    const offNow = usePop ? logPop(k) : 0;
    let model = fitFarringtonModel(spec, trend, reweight, 1, false) as NonNullable<
      ReturnType<typeof fitFarringtonModel>
    >;
    if (model.hasTrend) {
      const pval = coefficientPValue(model.fit, 1, activeIndex(model.fit, 1), model.summaryDispersion);
      const mu0Hat = Math.exp(predictLink(model.fit, [1, k1], offNow).fit);
      if (!(b >= 3 && pval < 0.05 && mu0Hat <= Math.max(...y))) {
        model = fitFarringtonModel(spec, false, reweight, 1, false) as typeof model;
      }
    }
    const pred = predictLink(model.fit, model.hasTrend ? [1, k1] : [1], offNow, model.phi);
    const mu = Math.exp(pred.fit);
    const upper = farringtonUpper(mu, pred.se * mu, model.phi, powertrans, z);
    const enough = enoughCases(obs, k, limit54);
    const yk = obs[k] as number;
    // R: X <- ifelse(enoughCases, (y − μ)/(U − μ), 0); alarm <- X > 1; bound <- ifelse(enoughCases, U, 0)
    const X = enough === null ? Number.NaN : enough ? (yk - mu) / (upper - mu) : 0;
    out.upperbound.push(enough === null ? null : enough ? finiteOrNull(upper) : 0);
    out.alarm.push(Number.isNaN(X) ? null : X > 1);
    out.expected.push(finiteOrNull(mu));
  }
  return out;
}
