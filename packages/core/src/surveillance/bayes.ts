/**
 * Bayes system (Riebler 2004), reproducing R surveillance's algo.bayes(): with a Gamma(½, 0)
 * reference prior for the Poisson mean, the posterior predictive of the current count given n
 * reference values with sum s is negative binomial with size s + ½ and prob n/(n + 1). The bound
 * is its (1 − alpha) quantile; alarm when y_t > bound.
 *
 * Reference values: the last w points (if actY) and, for each of the b previous years, the
 * points t − i·freq ± w. Missing values are skipped (R: na.rm). `expected` = posterior predictive
 * mean (s + ½)/n (R does not return it).
 */
import { fail, requireBoolean, requireInteger, requireNumber } from './errors.ts';
import { qnbinom } from './stats/discrete.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { finiteOrNull, toNumeric } from './types.ts';

export interface BayesParams {
  b?: number;
  w?: number;
  actY?: boolean;
  alpha?: number;
}

export function bayes(input: SeriesInput, params: BayesParams = {}): DetectionResult {
  const b = requireInteger('params.b', params.b ?? 0, 0);
  const w = requireInteger('params.w', params.w ?? 6, 0);
  const actY = requireBoolean('params.actY', params.actY ?? true);
  const alpha = requireNumber('params.alpha', params.alpha ?? 0.05, 0, 1, true);
  const obs = toNumeric(input.observed);
  const freq = input.frequency;
  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  for (let t = input.range[0]; t <= input.range[1]; t++) {
    if (t - b * freq - w < 0) {
      fail(
        'range',
        `序列太短：第 ${t} 点之前没有足够的参考数据`,
        `series too short: point ${t} lacks reference values`,
      );
    }
    let s = 0;
    let n = 0;
    const add = (i: number) => {
      const v = obs[i] as number;
      if (!Number.isNaN(v)) {
        s += v;
        n++;
      }
    };
    if (actY) for (let i = t - w; i <= t - 1; i++) add(i);
    for (let y = 1; y <= b; y++) for (let i = t - y * freq - w; i <= t - y * freq + w; i++) add(i);
    const upper = qnbinom(1 - alpha, s + 0.5, n / (n + 1));
    const yt = obs[t] as number;
    out.upperbound.push(finiteOrNull(upper));
    out.alarm.push(Number.isNaN(yt) || Number.isNaN(upper) ? null : yt > upper);
    out.expected.push(n > 0 ? (s + 0.5) / n : null);
  }
  return out;
}
