// Coverage: the share of demand (households, residents; weight 1 by default) within T minutes of the nearest
// facility. A point with no reachable facility (null or Infinity) is not covered.

export interface CoverageResult {
  total: number;
  covered: number;
  /** covered / total; 0 when there is no demand. */
  share: number;
}

export function coverage(
  demand: readonly { weight?: number | null }[],
  minutesToNearest: readonly (number | null)[],
  minutes: number,
): CoverageResult {
  let total = 0;
  let covered = 0;
  demand.forEach((d, i) => {
    const w = d.weight ?? 1;
    total += w;
    const m = minutesToNearest[i];
    if (m != null && m <= minutes) covered += w;
  });
  return { total, covered, share: total > 0 ? covered / total : 0 };
}
