/**
 * Pieces shared by Farrington (1996) and the improved Farrington of Noufaily et al. (2013), following
 * R surveillance's algo.farrington.* helpers so that both detectors reproduce R.
 */

import { pt } from './stats/continuous.ts';
import type { GlmFit } from './stats/glm.ts';
import { glmPoisson } from './stats/glm.ts';

export type PowerTrans = 'none' | '1/2' | '2/3';

/**
 * Upper limit of the power-transformed normal approximation (Farrington 1996, eq. 5):
 * (μ^e + z·sd)^(1/e) with sd from the variance τ = φ + se(μ)²/μ. R sorts the two limits and takes
 * the larger, treating an undefined lower limit (negative base) as missing; we reproduce that.
 */
export function farringtonUpper(mu0: number, seFit: number, phi: number, powertrans: PowerTrans, z: number): number {
  const tau = phi + (seFit * seFit) / mu0;
  let se: number;
  let e: number;
  if (powertrans === 'none') {
    se = Math.sqrt(mu0 * tau);
    e = 1;
  } else if (powertrans === '1/2') {
    se = Math.sqrt(0.25 * tau);
    e = 0.5;
  } else {
    se = Math.sqrt((4 / 9) * mu0 ** (1 / 3) * tau);
    e = 2 / 3;
  }
  const lo = (mu0 ** e - z * se) ** (1 / e);
  const hi = (mu0 ** e + z * se) ** (1 / e);
  // sort(c(lo, hi), na.last = FALSE)[2]
  if (Number.isNaN(lo)) return hi;
  if (Number.isNaN(hi)) return lo;
  return Math.max(lo, hi);
}

/**
 * Anscombe residuals scaled by √(φ(1 − h)), used to down-weight past outbreaks in the baseline.
 */
export function anscombeResiduals(fit: GlmFit, y: readonly number[], phi: number): number[] {
  return y.map((yi, i) => {
    const mu = fit.mu[i] as number;
    const a = 1.5 * (yi ** (2 / 3) * mu ** (-1 / 6) - Math.sqrt(mu));
    return a / Math.sqrt(phi * (1 - (fit.hat[i] as number)));
  });
}

/** Weights γ s⁻² for residuals above the threshold, γ otherwise, with γ normalising to mean 1. */
export function reweightWeights(s: readonly number[], threshold: number): number[] {
  let denom = 0;
  for (const v of s) denom += v > threshold ? v ** -2 : 1;
  const gamma = s.length / denom;
  return s.map((v) => (v > threshold ? gamma * v ** -2 : gamma));
}

export interface FarringtonModel {
  fit: GlmFit;
  /** max(Pearson dispersion, 1) as R's model$phi */
  phi: number;
  /** whether the fitted model contains the time-trend column (column 1) */
  hasTrend: boolean;
  /**
   * The dispersion that later summary()/predict() calls in R see. For the flexible variant R
   * overwrites model$weights with the Anscombe prior weights ω after computing φ, so these calls
   * compute Σ ω_i r_i² / df with working residuals r_i instead of the Pearson dispersion.
   */
  summaryDispersion: number;
}

export interface ModelSpec {
  y: readonly number[];
  wtime: readonly number[];
  offset?: readonly number[];
  /** extra design columns after intercept and wtime (seasonal factor dummies) */
  extra?: readonly (readonly number[])[];
}

function design(spec: ModelSpec, trend: boolean): number[][] {
  const cols: number[][] = [spec.y.map(() => 1)];
  if (trend) cols.push([...spec.wtime]);
  for (const c of spec.extra ?? []) cols.push([...c]);
  return cols;
}

function fitOnce(spec: ModelSpec, trend: boolean, weights?: number[]): GlmFit {
  return glmPoisson({ columns: design(spec, trend), y: spec.y, offset: spec.offset, weights });
}

/**
 * Quasi-Poisson fit with optional Anscombe reweighting, like algo.farrington.fitGLM.fast / .flexible.
 * `strict` (flexible variant) returns null when neither the trend nor the no-trend model converges.
 */
export function fitFarringtonModel(
  spec: ModelSpec,
  trend: boolean,
  reweight: boolean,
  weightsThreshold: number,
  strict: boolean,
): FarringtonModel | null {
  let hasTrend = trend;
  let fit = fitOnce(spec, hasTrend);
  if (!fit.converged) {
    if (hasTrend) {
      hasTrend = false;
      fit = fitOnce(spec, false);
    }
    if (strict && !fit.converged) return null;
  }
  // R's max(NaN, 1) is NaN, like Math.max.
  let phi = Math.max(fit.dispersion, 1);
  let summaryDispersion = fit.dispersion;
  if (reweight) {
    const s = anscombeResiduals(fit, spec.y, phi);
    const omega = reweightWeights(s, weightsThreshold);
    fit = fitOnce(spec, hasTrend, omega);
    phi = Math.max(fit.dispersion, 1);
    summaryDispersion = fit.dispersion;
    if (strict) {
      let sum = 0;
      spec.y.forEach((yi, i) => {
        const o = omega[i] as number;
        if (o > 0) {
          const mu = fit.mu[i] as number;
          const r = (yi - mu) / mu;
          sum += o * r * r;
        }
      });
      summaryDispersion = fit.dfResidual > 0 ? sum / fit.dfResidual : Number.NaN;
    }
  }
  return { fit, phi, hasTrend, summaryDispersion };
}

/** Two-sided t-test p-value of coefficient j, as summary.glm reports for quasi families. */
export function coefficientPValue(fit: GlmFit, j: number, activeJ: number, dispersion: number): number {
  // An aliased coefficient (R: NA, e.g. a trend fitted to a single reference value) has no p-value;
  // NaN makes "p < threshold" false, so the caller drops the trend.
  if (activeJ < 0) return Number.NaN;
  const est = fit.coefficients[j] as number;
  const se = Math.sqrt(((fit.covUnscaled[activeJ] as number[])[activeJ] as number) * dispersion);
  const t = est / se;
  return 2 * pt(-Math.abs(t), fit.dfResidual);
}

/** Sum of observed[k − period + 1 .. k] ≥ cases (Farrington's "at least 5 cases in 4 weeks" rule). */
export function enoughCases(
  observed: readonly number[],
  k: number,
  limit54: readonly [number, number],
): boolean | null {
  const [cases, period] = limit54;
  let sum = 0;
  for (let i = Math.max(0, k - period + 1); i <= k; i++) sum += observed[i] as number;
  if (Number.isNaN(sum)) return null;
  return sum >= cases;
}
