/**
 * Fixed thresholds (固定阈值法): a signal when the count summed over the last `window` periods
 * reaches `threshold` — e.g. one case of a 甲类 or 乙类甲管 disease (threshold 1, window 1), or ≥ 5
 * cases within 7 days (threshold 5, window 7 on daily data). `upperbound` is threshold − 1 on the
 * windowed sum (alarm ⇔ sum > upperbound); `expected` is not defined (null).
 */
import { requireInteger, requireNumber } from './errors.ts';
import type { DetectionResult, SeriesInput } from './types.ts';
import { toNumeric } from './types.ts';

export interface FixedParams {
  threshold?: number;
  window?: number;
}

export function fixedThreshold(input: SeriesInput, params: FixedParams = {}): DetectionResult {
  const threshold = requireNumber('params.threshold', params.threshold ?? 1, 0);
  const window = requireInteger('params.window', params.window ?? 1, 1);
  const obs = toNumeric(input.observed);
  const out: DetectionResult = { upperbound: [], alarm: [], expected: [] };
  for (let t = input.range[0]; t <= input.range[1]; t++) {
    let s = 0;
    let missing = false;
    for (let i = Math.max(0, t - window + 1); i <= t; i++) {
      const v = obs[i] as number;
      if (Number.isNaN(v)) missing = true;
      else s += v;
    }
    out.upperbound.push(threshold - 1);
    // A missing day cannot lower the sum: if the known days already reach the threshold, signal.
    out.alarm.push(s >= threshold ? true : missing ? null : false);
    out.expected.push(null);
  }
  return out;
}
