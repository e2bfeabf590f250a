/**
 * Detection over the part of a range that has enough history. A surveillance system's series start when
 * the system (or a source) started reporting, so the first periods of a requested range often lack the
 * baseline a detector needs; the detectors then refuse the whole range (a `range` input error). The signal
 * engine and the chart want the remaining points evaluated, as R users do by moving `range` forward by hand.
 */
import { type DetectRequest, detect } from './detect.ts';
import { DetectionInputError } from './errors.ts';
import type { DetectionResult } from './types.ts';

export interface EvaluableResult {
  /** First index actually evaluated (≥ request.range[0]); the result's entries start here. */
  from: number;
  result: DetectionResult;
}

/**
 * Runs detect() over request.range; when the detector refuses the range for lack of history, over the
 * shortest tail of the range it accepts. Returns null when no point of the range can be evaluated.
 * Errors other than a too-early range (bad parameters, bad input) are thrown as they are.
 */
export function detectEvaluable(request: DetectRequest): EvaluableResult | null {
  const [lo, hi] = request.range;
  try {
    return { from: lo, result: detect(request) };
  } catch (e) {
    if (!isHistoryError(e)) throw e;
  }
  // History only grows with the index, so "point s can be evaluated" is monotone: bisect on single points.
  const ok = (s: number) => {
    try {
      detect({ ...request, range: [s, s] });
      return true;
    } catch (e) {
      if (!isHistoryError(e)) throw e;
      return false;
    }
  };
  if (!ok(hi)) return null;
  let bad = lo;
  let good = hi;
  while (good - bad > 1) {
    const mid = (bad + good) >> 1;
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return { from: good, result: detect({ ...request, range: [good, hi] }) };
}

function isHistoryError(e: unknown): boolean {
  return e instanceof DetectionInputError && e.field === 'range';
}
