/**
 * CDC EARS C1, C2 and C3 (Hutwagner et al. 2003), with R surveillance's earsC() parameter names
 * (baseline, minSigma, alpha). C1 compares y_t with the mean and sd of the `baseline` preceding
 * points; C2 does the same with a 2-point guard band (points t−baseline−2 .. t−3).
 * Upper bound: mean + z_{1−α} · max(sd, minSigma). Defaults: baseline 7, alpha 0.001 (C1/C2),
 * 0.025 (C3).
 *
 * C3 — two variants:
 * - `variant: 'cdc'` (default) follows the CDC definition
 *   C3(t) = Σ_{i=t−2..t} max(0, C2(i) − 1) and alarms when C3(t) > z_{1−α}. Its upper bound is the
 *   count above which the day alarms, mean + σ(1 + z − L) with L the two lagged terms; when L > z
 *   the day alarms whatever its count and the bound is reported as 0.
 * - `variant: 'r'` reproduces R's earsC(method = "C3"), which differs from the definition: its bound
 *   is y_t + σ_t (z − L) (clamped at 0), so "y_t > bound" ⇔ L > z — the current day's own C2 never
 *   enters the decision, and the alarm depends only on the two previous days.
 * Missing values propagate (R's NA → null).
 */
import { fail, requireInteger, requireNumber, requireOneOf } from './errors.ts';
import { qnorm } from './stats/normal.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { finiteOrNull, toNumeric } from './types.ts';

export type EarsMethod = 'C1' | 'C2' | 'C3';

export interface EarsParams {
  baseline?: number;
  minSigma?: number;
  alpha?: number;
  /** C3 only: 'cdc' (default) or 'r' (bit-for-bit R earsC) */
  variant?: 'cdc' | 'r';
}

function meanSd(values: readonly number[]): [number, number] {
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const m = s / n;
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return [m, Math.sqrt(ss / (n - 1))];
}

/** Mean and max(sd, minSigma) of obs[t − lagTo .. t − lagFrom] (0-based t). */
function reference(
  obs: readonly number[],
  t: number,
  lagFrom: number,
  lagTo: number,
  minSigma: number,
): [number, number] {
  const vals: number[] = [];
  for (let l = lagTo; l >= lagFrom; l--) vals.push(obs[t - l] as number);
  const [m, sd] = meanSd(vals);
  // R's pmax(sd, minSigma) keeps NaN
  return [m, Number.isNaN(sd) ? sd : Math.max(sd, minSigma)];
}

export function ears(method: EarsMethod, input: SeriesInput, params: EarsParams = {}): DetectionResult {
  const baseline = requireInteger('params.baseline', params.baseline ?? 7, 3);
  const minSigma = requireNumber('params.minSigma', params.minSigma ?? 0, 0);
  const alpha = requireNumber('params.alpha', params.alpha ?? (method === 'C3' ? 0.025 : 0.001), 0, 1, true);
  const variant = requireOneOf('params.variant', params.variant ?? 'cdc', ['cdc', 'r'] as const);
  const z = qnorm(1 - alpha);
  const obs = toNumeric(input.observed);
  const [from, to] = input.range;
  const maxLag = method === 'C1' ? baseline : method === 'C2' ? baseline + 2 : baseline + 4;
  if (from - maxLag < 0) {
    fail(
      'range',
      `序列太短：第一个评估点前至少需要 ${maxLag} 个点`,
      `series too short: the first evaluated point needs ${maxLag} earlier points`,
    );
  }
  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  const c2 = (t: number) => {
    const [m, s] = reference(obs, t, 3, baseline + 2, minSigma);
    return { m, s, c2: ((obs[t] as number) - m) / s };
  };
  for (let t = from; t <= to; t++) {
    const y = obs[t] as number;
    let upper: number;
    let expected: number;
    let alarm: boolean | null;
    if (method === 'C1' || method === 'C2') {
      const [m, s] =
        method === 'C1' ? reference(obs, t, 1, baseline, minSigma) : reference(obs, t, 3, baseline + 2, minSigma);
      upper = m + z * s;
      expected = m;
      alarm = Number.isNaN(upper) || Number.isNaN(y) ? null : y > upper;
    } else {
      const now = c2(t);
      const lag = (v: number) => (Number.isNaN(v - 1) ? Number.NaN : Math.max(0, v - 1));
      const L = lag(c2(t - 2).c2) + lag(c2(t - 1).c2);
      expected = now.m;
      if (variant === 'r') {
        upper = y + now.s * (z - L);
        upper = Number.isNaN(upper) ? upper : Math.max(0, upper);
        alarm = Number.isNaN(upper) || Number.isNaN(y) ? null : y > upper;
      } else {
        const c3 = L + lag(now.c2);
        alarm = Number.isNaN(c3) ? null : c3 > z;
        upper = z - L >= 0 ? now.m + now.s * (1 + z - L) : Number.isNaN(L) ? Number.NaN : 0;
      }
    }
    out.upperbound.push(finiteOrNull(upper));
    out.alarm.push(alarm);
    out.expected.push(finiteOrNull(expected));
  }
  return out;
}

export const earsC1 = (input: SeriesInput, params?: EarsParams) => ears('C1', input, params);
export const earsC2 = (input: SeriesInput, params?: EarsParams) => ears('C2', input, params);
export const earsC3 = (input: SeriesInput, params?: EarsParams) => ears('C3', input, params);
