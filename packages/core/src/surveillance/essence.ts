/**
 * ESSENCE-style detectors (Burkom 2003, JHU APL Tech Digest 24:335; Burkom, Murphy & Shmueli 2007,
 * Stat Med 26:4202), as documented for CDC EARS/ESSENCE:
 *
 * - **EWMA**: S_t = λ x_t + (1 − λ) S_{t−1} (λ = 0.4; S starts at the first observation). Baseline
 *   mean x̄ and sd s over `baseline` (28) points ending `guardBand` (2) points before t. The EWMA's
 *   sd is s·√(λ/(2−λ) + 1/B − 2(1−λ)^{g+1}(1 − (1−λ)^B)/B) (Burkom's correction for the estimated
 *   baseline mean), and an alert is raised when (S_t − x̄)/sd_S > t_{1−α, B−1}. The reported
 *   upper bound is the count x_t that reaches that level given S_{t−1}.
 * - **Regression**: least squares on the `baseline` (56) points ending `guardBand` (2) before t with
 *   intercept, linear trend and, for daily data, day-of-week indicators; the bound is the upper
 *   1 − α prediction limit ŷ_t + t_{1−α, df}·s·√(1 + xᵀ(XᵀX)⁻¹x).
 * - **Switch**: uses the regression when its adjusted R² ≥ r2Threshold (0.6), else the EWMA —
 *   ESSENCE's rule for series with and without exploitable structure.
 * `minSigma` (0.5) floors the baseline sd so that an all-zero baseline does not alert on one case
 * by division by zero. Missing values in a baseline are skipped; a missing x_t gives null.
 */
import { fail, requireInteger, requireNumber } from './errors.ts';
import { qt } from './stats/continuous.ts';
import { ols, olsPredict } from './stats/ols.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { finiteOrNull, toNumeric } from './types.ts';

export interface EwmaParams {
  lambda?: number;
  baseline?: number;
  guardBand?: number;
  alpha?: number;
  minSigma?: number;
}

export interface RegressionParams {
  baseline?: number;
  guardBand?: number;
  alpha?: number;
  /** day-of-week indicators (default: true for daily data) */
  dayOfWeek?: boolean;
  minSigma?: number;
}

export interface SwitchParams extends EwmaParams {
  regressionBaseline?: number;
  r2Threshold?: number;
  dayOfWeek?: boolean;
}

interface PointOut {
  upper: number;
  alarm: boolean | null;
  expected: number;
}

function checkStart(from: number, need: number): void {
  if (from - need < 0) {
    fail(
      'range',
      `序列太短：第一个评估点前至少需要 ${need} 个点`,
      `series too short: the first evaluated point needs ${need} earlier points`,
    );
  }
}

function ewmaState(obs: readonly number[], lambda: number, upTo: number): number[] {
  // S_t for t = 0..upTo; a missing value carries the previous S forward.
  const S = new Array<number>(upTo + 1);
  let s = Number.NaN;
  for (let t = 0; t <= upTo; t++) {
    const x = obs[t] as number;
    if (Number.isNaN(s)) s = x;
    else if (!Number.isNaN(x)) s = lambda * x + (1 - lambda) * s;
    S[t] = s;
  }
  return S;
}

function ewmaPoint(obs: readonly number[], S: readonly number[], t: number, p: Required<EwmaParams>): PointOut {
  const vals: number[] = [];
  for (let i = t - p.guardBand - p.baseline; i < t - p.guardBand; i++) {
    const v = obs[i] as number;
    if (!Number.isNaN(v)) vals.push(v);
  }
  const B = vals.length;
  if (B < 2) return { upper: Number.NaN, alarm: null, expected: Number.NaN };
  const mean = vals.reduce((a, b) => a + b, 0) / B;
  const sd = Math.max(Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / (B - 1)), p.minSigma);
  const l = p.lambda;
  const factor = l / (2 - l) + 1 / B - (2 * (1 - l) ** (p.guardBand + 1) * (1 - (1 - l) ** B)) / B;
  const sdS = sd * Math.sqrt(Math.max(factor, 0));
  const crit = qt(1 - p.alpha, B - 1);
  const prev = S[t - 1] as number;
  const upper = (mean + crit * sdS - (1 - l) * prev) / l;
  const x = obs[t] as number;
  return {
    upper: Math.max(0, upper),
    alarm: Number.isNaN(x) ? null : (S[t] as number) - mean > crit * sdS,
    expected: mean,
  };
}

function resolveEwma(p: EwmaParams): Required<EwmaParams> {
  return {
    lambda: requireNumber('params.lambda', p.lambda ?? 0.4, 0, 1, true),
    baseline: requireInteger('params.baseline', p.baseline ?? 28, 2),
    guardBand: requireInteger('params.guardBand', p.guardBand ?? 2, 0),
    alpha: requireNumber('params.alpha', p.alpha ?? 0.05, 0, 0.5, true),
    minSigma: requireNumber('params.minSigma', p.minSigma ?? 0.5, 0),
  };
}

export function ewma(input: SeriesInput, params: EwmaParams = {}): DetectionResult {
  const p = resolveEwma(params);
  const obs = toNumeric(input.observed);
  const [from, to] = input.range;
  checkStart(from, p.baseline + p.guardBand);
  const S = ewmaState(obs, p.lambda, to);
  return collect(from, to, (t) => ewmaPoint(obs, S, t, p));
}

interface RegSpec {
  baseline: number;
  guardBand: number;
  alpha: number;
  dayOfWeek: boolean;
  minSigma: number;
}

function regressionFit(obs: readonly number[], t: number, r: RegSpec) {
  const y: number[] = [];
  const idx: number[] = [];
  for (let i = t - r.guardBand - r.baseline; i < t - r.guardBand; i++) {
    const v = obs[i] as number;
    if (!Number.isNaN(v)) {
      y.push(v);
      idx.push(i);
    }
  }
  const row = (i: number) => {
    const x = [1, i - t];
    if (r.dayOfWeek) for (let d = 1; d < 7; d++) x.push(((i % 7) + 7) % 7 === d ? 1 : 0);
    return x;
  };
  const rows = idx.map(row);
  const p = (row(t) as number[]).length;
  const columns = Array.from({ length: p }, (_, j) => rows.map((x) => x[j] as number));
  return { fit: ols(columns, y), x: row(t) };
}

function regressionPoint(
  obs: readonly number[],
  t: number,
  r: RegSpec,
  pre?: ReturnType<typeof regressionFit>,
): PointOut {
  const { fit, x } = pre ?? regressionFit(obs, t, r);
  if (fit.dfResidual < 1) return { upper: Number.NaN, alarm: null, expected: Number.NaN };
  const pred = olsPredict(fit, x);
  const se = Math.max(pred.sePred, r.minSigma);
  const upper = pred.fit + qt(1 - r.alpha, fit.dfResidual) * se;
  const y = obs[t] as number;
  return { upper: Math.max(0, upper), alarm: Number.isNaN(y) ? null : y > upper, expected: Math.max(0, pred.fit) };
}

function resolveRegression(p: RegressionParams, daily: boolean, baselineDefault: number): RegSpec {
  return {
    baseline: requireInteger('params.baseline', p.baseline ?? baselineDefault, 3),
    guardBand: requireInteger('params.guardBand', p.guardBand ?? 2, 0),
    alpha: requireNumber('params.alpha', p.alpha ?? 0.05, 0, 0.5, true),
    dayOfWeek: p.dayOfWeek ?? daily,
    minSigma: requireNumber('params.minSigma', p.minSigma ?? 0.5, 0),
  };
}

export function regression(input: SeriesInput, params: RegressionParams = {}): DetectionResult {
  const r = resolveRegression(params, input.frequency === 365, 56);
  const obs = toNumeric(input.observed);
  const [from, to] = input.range;
  checkStart(from, r.baseline + r.guardBand);
  return collect(from, to, (t) => regressionPoint(obs, t, r));
}

export function switchDetector(input: SeriesInput, params: SwitchParams = {}): DetectionResult {
  const e = resolveEwma(params);
  // Checked under its own name: resolveRegression below sees it as `baseline`, the EWMA's parameter.
  requireInteger('params.regressionBaseline', params.regressionBaseline ?? 56, 3);
  const r = resolveRegression(
    {
      baseline: params.regressionBaseline,
      guardBand: params.guardBand,
      alpha: params.alpha,
      dayOfWeek: params.dayOfWeek,
      minSigma: params.minSigma,
    },
    input.frequency === 365,
    56,
  );
  const r2 = requireNumber('params.r2Threshold', params.r2Threshold ?? 0.6, 0, 1);
  const obs = toNumeric(input.observed);
  const [from, to] = input.range;
  checkStart(from, Math.max(r.baseline + r.guardBand, e.baseline + e.guardBand));
  const S = ewmaState(obs, e.lambda, to);
  return collect(from, to, (t) => {
    const pre = regressionFit(obs, t, r);
    return pre.fit.adjRSquared >= r2 ? regressionPoint(obs, t, r, pre) : ewmaPoint(obs, S, t, e);
  });
}

function collect(from: number, to: number, f: (t: number) => PointOut): DetectionResult {
  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  for (let t = from; t <= to; t++) {
    const p = f(t);
    out.upperbound.push(finiteOrNull(p.upper));
    out.alarm.push(p.alarm);
    out.expected.push(finiteOrNull(p.expected));
  }
  return out;
}
