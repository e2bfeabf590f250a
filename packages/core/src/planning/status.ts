// Status of one indicator of a plan for one area and year: 已达标 met, 进度正常 on track, 滞后 lagging,
// 预警 warning (a binding indicator off track) and 无数据 no data. Numeric targets are judged against the
// expected value on a straight path from the baseline to the target; qualitative targets (trends) and
// per-year changes against the change actually observed.

import type { Bilingual } from '../platform/text.ts';
import type { Direction, Nature, Target } from './types.ts';

export type Status = 'met' | 'on-track' | 'lagging' | 'warning' | 'no-data';

export const STATUS_LABELS: Record<Status, Bilingual> = {
  met: { zh: '已达标', en: 'Met' },
  'on-track': { zh: '进度正常', en: 'On track' },
  lagging: { zh: '滞后', en: 'Lagging' },
  warning: { zh: '预警', en: 'Warning' },
  'no-data': { zh: '无数据', en: 'No data' },
};

export interface StatusInput {
  target: Target | null;
  baseline: number | null;
  baselineYear: number;
  targetYear: number;
  year: number;
  actual: number | null;
  nature: Nature | null;
  direction: Direction;
  /** The latest value before `year`; needed for 上升趋势减缓-type targets, used when the baseline is missing. */
  previous?: { year: number; value: number } | null;
  /** Value of a relative target's base year when that is not the plan's baseline year. */
  baseValue?: number | null;
  /** Relative tolerance of 左右 targets and of 保持 (default 5%). */
  tolerance?: number;
}

export interface StatusResult {
  status: Status;
  /** Value expected this year on the path from baseline to target; null for trends or without a baseline. */
  expected: number | null;
  /** Gap still to close to the final target (≥ 0, 0 when met); null when it cannot be measured. */
  distance: number | null;
}

const EPS = 1e-9;

/** What a numeric target asks for: the goal at the target year, the goal this year, and when it is satisfied. */
interface Goal {
  final: number;
  /** Expected value this year; null when the path is unknown. */
  expected: number | null;
  /** +1 when the value must rise to the goal, -1 when it must fall, 0 when it must stay. */
  sense: -1 | 0 | 1;
  /**
   * When a value satisfies it (satisfies()): at least / more than / at most / less than `at`; within tolerance
   * of `at` or better in the indicator's direction ('near'); within [min, max] ('range'); beyond `at` in the
   * goal's sense, or within tolerance of it when the sense is 0 ('sense').
   */
  test: '>=' | '>' | '<=' | '<' | 'near' | 'range' | 'sense';
  at: number;
  /** Bounds of a range goal, whose nearest point to a value is the value clamped to them (else `final`). */
  min: number;
  max: number;
  /** Satisfying this kind of goal before the target year only means being on track (annual changes). */
  onlyOnTrackBeforeEnd: boolean;
}

function linear(from: number | null, to: number, input: StatusInput): number | null {
  if (from === null) return null;
  const span = input.targetYear - input.baselineYear;
  if (span <= 0) return to;
  const f = Math.min(1, Math.max(0, (input.year - input.baselineYear) / span));
  return from + (to - from) * f;
}

function sign(x: number): -1 | 0 | 1 {
  return x > EPS ? 1 : x < -EPS ? -1 : 0;
}

function withinTolerance(v: number, goal: number, tol: number): boolean {
  return Math.abs(v - goal) <= Math.max(Math.abs(goal) * tol, EPS);
}

/** Whether `v` is at least as good as `goal` in the indicator's better direction. */
function good(direction: Direction, v: number, goal: number): boolean {
  return (direction === 'higher' && v >= goal - EPS) || (direction === 'lower' && v <= goal + EPS);
}

/** Whether the value satisfies the goal (see Goal.test). */
function satisfies(goal: Goal, v: number, input: StatusInput, tol: number): boolean {
  const g = goal.at;
  switch (goal.test) {
    case '>=':
      return v >= g - EPS;
    case '>':
      return v > g + EPS;
    case '<=':
      return v <= g + EPS;
    case '<':
      return v < g - EPS;
    case 'near':
      return withinTolerance(v, g, tol) || good(input.direction, v, g);
    case 'range':
      return v >= goal.min - EPS && v <= goal.max + EPS;
    case 'sense':
      return goal.sense > 0 ? v >= g - EPS : goal.sense < 0 ? v <= g + EPS : withinTolerance(v, g, tol);
  }
}

/** The value nearest to `v` that satisfies the final goal. */
function nearest(goal: Goal, v: number): number {
  return goal.test === 'range' ? Math.min(goal.max, Math.max(goal.min, v)) : goal.final;
}

/** A goal; one constructor, so every goal has the same shape (monomorphic property access). */
function goal(
  final: number,
  expected: number | null,
  sense: -1 | 0 | 1,
  test: Goal['test'],
  at: number,
  min = 0,
  max = 0,
  onlyOnTrackBeforeEnd = false,
): Goal {
  return { final, expected, sense, test, at, min, max, onlyOnTrackBeforeEnd };
}

// Goals are plain data judged by satisfies()/nearest(), not closures: a plan evaluation judges every
// indicator, area and year, and closures made per call were a measurable share of it (issue 13).
function goalOf(target: Target, input: StatusInput): Goal | null {
  const { baseline } = input;
  switch (target.kind) {
    case 'threshold': {
      const g = target.value;
      const sense =
        target.op === '>=' || target.op === '>'
          ? 1
          : target.op === '<=' || target.op === '<'
            ? -1
            : baseline === null
              ? 0
              : sign(g - baseline);
      // "= g" from a bare number of an indicator without a direction: reaching it within tolerance.
      const test = target.op === '=' ? 'near' : target.op;
      return goal(g, linear(baseline, g, input), sense, test, g);
    }
    case 'approx': {
      const g = target.value;
      const sense = baseline === null ? 0 : sign(g - baseline);
      return goal(g, linear(baseline, g, input), sense, 'near', g);
    }
    case 'range': {
      const { min, max } = target;
      const final = baseline === null ? (min + max) / 2 : Math.min(max, Math.max(min, baseline));
      const sense = baseline === null ? 0 : baseline < min ? 1 : baseline > max ? -1 : 0;
      return goal(final, linear(baseline, final, input), sense, 'range', final, min, max);
    }
    case 'relative': {
      const base = input.baseValue ?? (target.base === input.baselineYear ? baseline : null);
      if (base === null) return null;
      // 比2020年下降10%: 10% of the base value; 提高1岁 / 1个百分点: an absolute change.
      const g = target.unit === '%' ? base * (1 + target.delta / 100) : base + target.delta;
      return goal(g, linear(baseline ?? base, g, input), sign(target.delta), 'sense', g);
    }
    case 'annual-change': {
      // From the baseline, or from last year's value when the baseline is missing.
      const from = baseline !== null ? { year: input.baselineYear, value: baseline } : (input.previous ?? null);
      if (from === null) return null;
      const expected = annualValue(target, from, Math.min(input.year, input.targetYear));
      // The observed average change keeps up with the required change per year.
      const final = annualValue(target, from, input.targetYear);
      return goal(final, expected, sign(target.delta), 'sense', expected, 0, 0, true);
    }
    default:
      return null;
  }
}

/** The value an annual-change target requires in `year`, from a value of an earlier year. */
function annualValue(
  target: Extract<Target, { kind: 'annual-change' }>,
  from: { year: number; value: number },
  year: number,
): number {
  const n = year - from.year;
  return target.unit === '%' ? from.value * (1 + target.delta / 100) ** n : from.value + target.delta * n;
}

/** Whether a trend target holds for the observed values; null when the data cannot tell. */
function trendHolds(
  target: Extract<Target, { kind: 'trend' }>,
  input: StatusInput,
  actual: number,
  tol: number,
): boolean | null {
  const ref = input.baseline ?? input.previous?.value ?? null;
  switch (target.direction) {
    case 'increase':
      return ref === null ? null : actual > ref + EPS;
    case 'decrease':
      return ref === null ? null : actual < ref - EPS;
    case 'maintain': {
      if (ref === null) return null;
      if (withinTolerance(actual, ref, tol)) return true;
      return input.direction === 'higher' ? actual > ref : input.direction === 'lower' ? actual < ref : false;
    }
    case 'slower-increase':
    case 'slower-decrease': {
      // Compare the latest yearly change with the average yearly change from the baseline to last year.
      const prev = input.previous;
      if (!prev || input.baseline === null || prev.year <= input.baselineYear || input.year <= prev.year) return null;
      const earlier = (prev.value - input.baseline) / (prev.year - input.baselineYear);
      const recent = (actual - prev.value) / (input.year - prev.year);
      return target.direction === 'slower-increase' ? recent < earlier - EPS : recent > earlier + EPS;
    }
  }
}

export function evaluateStatus(input: StatusInput): StatusResult {
  const { target, actual } = input;
  const tol = input.tolerance ?? 0.05;
  const offTrack: Status = input.nature === 'binding' ? 'warning' : 'lagging';
  const atEnd = input.year >= input.targetYear;
  if (target === null || target.kind === 'unparsed') return { status: 'no-data', expected: null, distance: null };

  if (target.kind === 'trend') {
    if (actual === null) return { status: 'no-data', expected: null, distance: null };
    const holds = trendHolds(target, input, actual, tol);
    if (holds === null) return { status: 'no-data', expected: null, distance: null };
    return { status: holds ? (atEnd ? 'met' : 'on-track') : offTrack, expected: null, distance: null };
  }

  const goal = goalOf(target, input);
  if (goal === null) return { status: 'no-data', expected: null, distance: null };
  if (actual === null) return { status: 'no-data', expected: goal.expected, distance: null };

  // The final goal reached counts as met at any time; an annual change kept up only counts as on track.
  const finalMet =
    target.kind === 'annual-change'
      ? goal.sense > 0
        ? actual >= goal.final - EPS
        : goal.sense < 0
          ? actual <= goal.final + EPS
          : withinTolerance(actual, goal.final, tol)
      : satisfies(goal, actual, input, tol);
  if (finalMet) return { status: 'met', expected: goal.expected, distance: 0 };
  const distance = Math.abs(nearest(goal, actual) - actual);
  if (goal.onlyOnTrackBeforeEnd && !atEnd && satisfies(goal, actual, input, tol))
    return { status: 'on-track', expected: goal.expected, distance };
  if (atEnd || goal.expected === null) return { status: offTrack, expected: goal.expected, distance };
  // Before the target year: on track when at least as far along the path as expected.
  const ahead =
    goal.sense === 0 ? withinTolerance(actual, goal.expected, tol) : goal.sense * (actual - goal.expected) >= -EPS;
  // Passing a 左右 or range target (in a direction that is not better) is off track too.
  const overshoot = goal.sense !== 0 && goal.sense * (actual - goal.final) > EPS;
  return { status: ahead && !overshoot ? 'on-track' : offTrack, expected: goal.expected, distance };
}
