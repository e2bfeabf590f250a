// Evaluating one plan indicator over the years from its actual values: which baseline applies, which earlier
// value counts as "previous" and which base value a relative target refers to. The status rules themselves
// are in status.ts; this file only feeds them consistently, so the dashboard, the series and the county
// breakdown all judge an indicator the same way.
import { evaluateStatus, type StatusResult } from './status.ts';
import type { Direction, Nature, Target } from './types.ts';

export interface PlanIndicatorSpec {
  target: Target | null;
  /** The baseline as written in the plan (for the plan's region); null when the plan gives none. */
  baseline: number | null;
  baselineYear: number;
  /** The plan's final year (period end). */
  targetYear: number;
  nature: Nature | null;
  direction: Direction;
}

export interface YearEvaluation extends StatusResult {
  year: number;
  actual: number | null;
  /** The baseline the status was judged from, and whether the plan wrote it or it is the observed value. */
  baseline: number | null;
  baselineSource: 'plan' | 'observed' | null;
}

/** Actual values by year; missing years and nulls both mean "no value". */
export type ActualSeries = ReadonlyMap<number, number | null>;

/**
 * Status of an indicator in `year`. The baseline is the plan's when written, else the value observed in the
 * baseline year (an area other than the plan's region is judged from its own starting point the same way:
 * callers pass `baseline: null` for it). "Previous" is the latest value before `year`.
 */
export function evaluateYear(spec: PlanIndicatorSpec, actuals: ActualSeries, year: number): YearEvaluation {
  const observedBase = actuals.get(spec.baselineYear) ?? null;
  const baseline = spec.baseline ?? observedBase;
  const baselineSource = spec.baseline !== null ? 'plan' : observedBase !== null ? 'observed' : null;
  let previous: { year: number; value: number } | null = null;
  for (const [y, v] of actuals) {
    if (y < year && v !== null && (previous === null || y > previous.year)) previous = { year: y, value: v };
  }
  const t = spec.target;
  const baseValue = t?.kind === 'relative' && t.base !== spec.baselineYear ? (actuals.get(t.base) ?? null) : undefined;
  const actual = actuals.get(year) ?? null;
  const r = evaluateStatus({
    target: t,
    baseline,
    baselineYear: spec.baselineYear,
    targetYear: spec.targetYear,
    year,
    actual,
    nature: spec.nature,
    direction: spec.direction,
    previous,
    ...(baseValue === undefined ? {} : { baseValue }),
  });
  return { year, actual, baseline, baselineSource, status: r.status, expected: r.expected, distance: r.distance };
}

/** Which way is better, as far as the target itself says; 'neutral' when it does not say. */
export function directionOfTarget(target: Target | null): Direction {
  if (!target) return 'neutral';
  switch (target.kind) {
    case 'threshold':
      return target.op === '>=' || target.op === '>' ? 'higher' : target.op === '=' ? 'neutral' : 'lower';
    case 'trend':
      return target.direction === 'increase' || target.direction === 'slower-decrease'
        ? 'higher'
        : target.direction === 'maintain'
          ? 'neutral'
          : 'lower';
    case 'annual-change':
    case 'relative':
      return target.delta > 0 ? 'higher' : target.delta < 0 ? 'lower' : 'neutral';
    default:
      return 'neutral';
  }
}
