/**
 * Poisson CUSUM after Rossi et al. (1999), reproducing R surveillance's algo.cusum().
 *
 * The in-control mean m is `"mean"` (default: the mean of all points before the range),
 * `"glm"` (a Poisson GLM with one yearly harmonic, log μ_t = β0 + β1 cos(2πt/freq) + β2 sin(2πt/freq),
 * fitted to the points before the range and predicted for the range; t counts from `start`, R's
 * disProg start[2]) or a number. Observations are standardised by `trans`, accumulated as
 * S_t = max(0, S_{t−1} + z_t − k), and an alarm is raised when S_t ≥ h. The CUSUM is NOT reset after
 * an alarm (as in R). The upper bound is the smallest count giving S_t ≥ h (R's formulas per
 * transformation; for 'none' R reports h − S_t, kept for fidelity).
 */
import { fail, requireInteger, requireNumber, requireOneOf } from './errors.ts';
import { glmPoisson } from './stats/glm.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { toNumeric } from './types.ts';

export type CusumTrans = 'standard' | 'rossi' | 'anscombe' | 'anscombe2nd' | 'pearsonNegBin' | 'none';

export interface CusumParams {
  k?: number;
  h?: number;
  m?: 'mean' | 'glm' | number;
  trans?: CusumTrans;
  /** overdispersion for trans = 'pearsonNegBin' (R default 0.1) */
  alpha?: number;
  /** period number of the first observation within its year (R's start[2]); used by m = 'glm' */
  start?: number;
}

export function cusum(input: SeriesInput, params: CusumParams = {}): DetectionResult {
  const k = requireNumber('params.k', params.k ?? 1.04);
  const h = requireNumber('params.h', params.h ?? 2.26);
  const trans = requireOneOf('params.trans', params.trans ?? 'standard', [
    'standard',
    'rossi',
    'anscombe',
    'anscombe2nd',
    'pearsonNegBin',
    'none',
  ] as const);
  const alpha = requireNumber('params.alpha', params.alpha ?? 0.1, 0);
  const start = requireInteger('params.start', params.start ?? 1, 1);
  const mParam = params.m ?? 'mean';
  const obs = toNumeric(input.observed);
  const [from, to] = input.range;
  if (from < 1)
    fail(
      'range',
      'range 之前至少需要一个点来估计均值',
      'at least one point before range is needed to estimate the mean',
    );
  const len = to - from + 1;

  let m: number[];
  if (typeof mParam === 'number') {
    m = new Array<number>(len).fill(requireNumber('params.m', mParam, 0));
  } else if (mParam === 'mean') {
    let s = 0;
    for (let i = 0; i < from; i++) s += obs[i] as number;
    m = new Array<number>(len).fill(s / from);
  } else if (mParam === 'glm') {
    const omega = (2 * Math.PI) / input.frequency;
    const tr = Array.from({ length: from }, (_, i) => start + i); // R: start[2] + training − 1
    const fit = glmPoisson({
      columns: [tr.map(() => 1), tr.map((t) => Math.cos(omega * t)), tr.map((t) => Math.sin(omega * t))],
      y: obs.slice(0, from),
    });
    const [b0, b1, b2] = fit.coefficients.map((c) => (Number.isNaN(c) ? 0 : c)) as [number, number, number];
    m = Array.from({ length: len }, (_, i) => {
      const t = start + from + i;
      return Math.exp(b0 + b1 * Math.cos(omega * t) + b2 * Math.sin(omega * t));
    });
  } else {
    fail('params.m', 'params.m 必须是 "mean"、"glm" 或数值', 'params.m must be "mean", "glm" or a number');
  }

  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  let S = 0;
  for (let i = 0; i < len; i++) {
    const x = obs[from + i] as number;
    const mi = m[i] as number;
    let z: number;
    switch (trans) {
      case 'rossi':
        z = (x - 3 * mi + 2 * Math.sqrt(x * mi)) / (2 * Math.sqrt(mi));
        break;
      case 'standard':
        z = (x - mi) / Math.sqrt(mi);
        break;
      case 'anscombe':
        z = (1.5 * (x ** (2 / 3) - mi ** (2 / 3))) / mi ** (1 / 6);
        break;
      case 'anscombe2nd':
        z = (x ** (2 / 3) - (mi ** (2 / 3) - mi ** (-1 / 3) / 9)) / ((2 / 3) * mi ** (1 / 6));
        break;
      case 'pearsonNegBin':
        z = (x - mi) / Math.sqrt(mi + alpha * mi * mi);
        break;
      default:
        z = x;
    }
    const prev = S; // C_{t−1}
    S = Math.max(0, S + (z - k)); // R's max(0, NaN) is NaN, like Math.max
    const alarm = Number.isNaN(S) ? null : S >= h;
    let ub: number;
    const sq = Math.sqrt(mi);
    switch (trans) {
      case 'rossi':
        ub =
          2 * h * sq +
          2 * k * sq -
          2 * prev * sq +
          5 * mi -
          2 * Math.sqrt(4 * mi * mi + 2 * mi ** 1.5 * h + 2 * mi ** 1.5 * k - 2 * mi ** 1.5 * prev);
        break;
      case 'standard':
        ub = Math.ceil(sq * (h + k - prev) + mi);
        break;
      case 'anscombe': {
        const base = (2 / 3) * mi ** (1 / 6) * (h + k - prev) + mi ** (2 / 3);
        ub = base < 0 ? 0 : base ** 1.5;
        break;
      }
      case 'anscombe2nd': {
        const base = (2 / 3) * mi ** (1 / 6) * (h + k - prev) + (mi ** (2 / 3) - mi ** (1 / 3) / 9);
        ub = base < 0 ? 0 : base ** 1.5;
        break;
      }
      case 'pearsonNegBin':
        ub = Math.sqrt(mi + alpha * mi * mi) * (h + k - prev) + mi;
        break;
      default:
        ub = h - S;
    }
    // R: upperbound[is.na(upperbound)] <- 0; upperbound[upperbound < 0] <- 0
    if (Number.isNaN(ub) || ub < 0) ub = 0;
    out.upperbound.push(Number.isFinite(ub) ? ub : null);
    out.alarm.push(alarm);
    out.expected.push(Number.isFinite(mi) ? mi : null);
  }
  return out;
}
