/**
 * Shared types of the detection algorithms. Every detector is a pure function
 * (series, params) → DetectionResult for the points of `range`.
 */

/** A count series; null marks a missing observation (R's NA). */
export type Series = readonly (number | null)[];

export type Frequency = 52 | 12 | 365;

export interface SeriesInput {
  observed: Series;
  /** Observations per year: 52 weekly, 12 monthly, 365 daily. */
  frequency: Frequency;
  /** 0-based inclusive indices [from, to] of the points to evaluate. */
  range: readonly [number, number];
  /** Population at risk per time point (same length as observed), for population offsets. */
  population?: readonly number[];
}

/**
 * One entry per evaluated point (to − from + 1 entries). `null` where R gives NA: no bound could be
 * computed (too few cases for Farrington's limit54, a model that did not converge, …).
 */
export interface DetectionResult {
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
  expected: (number | null)[];
}

/** Converts NaN / ±Infinity to null for the JSON-facing result. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Observed values as numbers with NaN for missing, so NA propagates like in R. */
export function toNumeric(observed: Series): number[] {
  return observed.map((v) => (v === null || v === undefined ? Number.NaN : v));
}
