/**
 * CIDARS moving-percentile method (移动百分位数法), as used by China's Infectious Disease Automated-alert
 * and Response System (Yang et al. 2011; Li et al. 2014).
 *
 * Our reading of the method, since no reference implementation is public:
 * - The current count C_t is the sum of the last `windowDays` days (default 7) for daily data, or the
 *   period's own count for weekly/monthly data.
 * - The baseline holds the same-length counts of the same period in each of the previous `years`
 *   years (default 3) and of the blocks shifted by ±1..±`halfWindow` blocks (default 2) around it:
 *   (2·halfWindow + 1)·years values, 15 by default ("历史同期及前后各 2 周").
 * - The threshold is the P-th percentile of the baseline (default P = 80; CIDARS tunes P50–P90 per
 *   disease), computed like R's quantile(type = 7) (linear interpolation).
 * - A signal is raised when C_t exceeds the threshold and C_t ≥ minCases (default 1, so a zero count
 *   never signals).
 * For daily data `upperbound` therefore bounds the 7-day sum, not the day's count; `expected` is the
 * baseline median. Missing values inside a window make that window missing (skipped in the baseline,
 * null result for the current window).
 */
import { fail, requireInteger, requireNumber } from './errors.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { finiteOrNull, toNumeric } from './types.ts';

export interface MpmParams {
  percentile?: number;
  years?: number;
  halfWindow?: number;
  /** length in days of the moving window for daily data (ignored otherwise) */
  windowDays?: number;
  minCases?: number;
}

/** R's quantile(x, p, type = 7). */
export function quantile7(values: readonly number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return (x[lo] as number) + (h - lo) * ((x[hi] as number) - (x[lo] as number));
}

export function mpm(input: SeriesInput, params: MpmParams = {}): DetectionResult {
  const P = requireNumber('params.percentile', params.percentile ?? 80, 0, 100);
  const years = requireInteger('params.years', params.years ?? 3, 1);
  const half = requireInteger('params.halfWindow', params.halfWindow ?? 2, 0);
  const daily = input.frequency === 365;
  const len = daily ? requireInteger('params.windowDays', params.windowDays ?? 7, 1) : 1;
  const minCases = requireNumber('params.minCases', params.minCases ?? 1, 0);
  const obs = toNumeric(input.observed);
  const [from, to] = input.range;
  // Earliest index needed: the oldest block of the oldest year.
  const earliest = from - years * input.frequency - half * len - (len - 1);
  if (earliest < 0) {
    fail(
      'range',
      `序列太短：移动百分位数法需要前 ${years} 年的数据`,
      `series too short: the moving-percentile method needs ${years} previous years`,
    );
  }
  const windowSum = (end: number) => {
    let s = 0;
    for (let i = end - len + 1; i <= end; i++) s += obs[i] as number;
    return s;
  };
  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  for (let t = from; t <= to; t++) {
    const base: number[] = [];
    for (let y = 1; y <= years; y++) {
      for (let j = -half; j <= half; j++) {
        const end = t - y * input.frequency + j * len;
        if (end >= obs.length) continue;
        const s = windowSum(end);
        if (!Number.isNaN(s)) base.push(s);
      }
    }
    const thr = quantile7(base, P / 100);
    const c = windowSum(t);
    out.upperbound.push(finiteOrNull(thr));
    out.alarm.push(Number.isNaN(c) || Number.isNaN(thr) ? null : c > thr && c >= minCases);
    out.expected.push(finiteOrNull(quantile7(base, 0.5)));
  }
  return out;
}
