// Request schemas of the planning API. The Target schema is the wire format of issue 3 §3; `text` may be
// omitted when a person structures a target by hand (the indicator's original text is kept).
import { boundsOf, implausible, indicatorByCode, normaliseUnit, UNITS, type Unit } from '@weijian/core/planning';
import { z } from 'zod';
import type { ErrorDetail } from '../platform/errors.ts';
import { AreaCode, Num, Version, Year, YearNumber } from '../platform/input.ts';
import { VALUE_SOURCES } from './indicator-values-repo.ts';

export { AreaCode, Year };

const UnitSchema = z.enum(UNITS).nullable();
const Text = z.string().max(500).optional();

export const TargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('threshold'),
    op: z.enum(['>=', '>', '<=', '<', '=']),
    value: Num,
    unit: UnitSchema,
    text: Text,
  }),
  z.object({ kind: z.literal('approx'), value: Num, unit: UnitSchema, text: Text }),
  z.object({ kind: z.literal('range'), min: Num, max: Num, unit: UnitSchema, text: Text }),
  z.object({
    kind: z.literal('trend'),
    direction: z.enum(['increase', 'decrease', 'maintain', 'slower-increase', 'slower-decrease']),
    text: Text,
  }),
  z.object({ kind: z.literal('annual-change'), delta: Num, unit: UnitSchema, text: Text }),
  z.object({
    kind: z.literal('relative'),
    delta: Num,
    unit: UnitSchema,
    base: YearNumber,
    text: Text,
  }),
  z.object({ kind: z.literal('unparsed'), text: Text }),
]);
export type TargetInput = z.infer<typeof TargetSchema>;

export const Nature = z.enum(['expected', 'binding']);
export const Direction = z.enum(['higher', 'lower', 'neutral']);

export const IndicatorInput = z.object({
  domain: z.string().max(100).nullable().optional(),
  name: z.string().trim().min(1).max(300),
  unit: z.string().max(40).nullable().optional(),
  baselineText: z.string().max(200).optional(),
  baseline: Num.nullable().optional(),
  targetText: z.string().max(500).optional(),
  /** Omitted: parsed from targetText. null: no target (—). */
  target: TargetSchema.nullable().optional(),
  nature: Nature.nullable().optional(),
  direction: Direction.optional(),
  /** The catalogue indicator a person confirmed; null leaves the row unlinked. */
  catalogueCode: z.string().max(80).nullable().optional(),
  matchConfidence: z.number().min(0).max(1).nullable().optional(),
  /** County-level targets where a county differs from the plan. */
  areaTargets: z
    .array(z.object({ areaCode: AreaCode, target: TargetSchema.nullable(), baseline: Num.nullable().optional() }))
    .max(200)
    .optional(),
});
export type IndicatorInputT = z.infer<typeof IndicatorInput>;

export const PlanInput = z.object({
  regionCode: AreaCode,
  name: z.string().trim().min(1).max(200),
  periodStart: Year,
  periodEnd: Year,
  baselineYear: Year,
  status: z.enum(['draft', 'active', 'archived']).optional(),
  note: z.string().max(1000).optional(),
  sourceFile: z.string().max(300).optional(),
  indicators: z.array(IndicatorInput).min(1).max(500),
});
export type PlanInputT = z.infer<typeof PlanInput>;

export const VersionInput = z.object({
  /** The plan's `version` as read (optimistic concurrency). */
  version: Version,
  note: z.string().max(1000).optional(),
  sourceFile: z.string().max(300).optional(),
  indicators: z.array(IndicatorInput).min(1).max(500),
});

export const TargetEdit = z.object({
  version: Version,
  target: TargetSchema.nullable(),
  /** Set a county-level target for this area instead of the plan's own. */
  area: AreaCode.optional(),
  baseline: Num.nullable().optional(),
});

export const ValueSource = z.enum(VALUE_SOURCES);
export const ValueEdit = z.object({
  indicator: z.string().min(1).max(80),
  area: AreaCode,
  year: YearNumber,
  /** null deletes the value. */
  value: Num.nullable(),
  source: ValueSource.optional(),
  note: z.string().max(500).nullable().optional(),
  version: Version.optional(),
});

// --- plausibility ------------------------------------------------------------------------------------------

const implausibleAt = (path: string, value: number, code: string | null, unit: Unit | null): ErrorDetail[] => {
  const def = code ? indicatorByCode(code) : undefined;
  // A catalogue indicator's own bounds apply only when the value is in the indicator's unit.
  const bounds = boundsOf({
    code: def && (unit === null || unit === def.unit) ? def.code : null,
    unit: unit ?? def?.unit ?? null,
  });
  const why = implausible(value, bounds);
  return why ? [{ path, message: why }] : [];
};

/** An absolute target's values (threshold, approx, range) against the plausible range of their unit. */
function targetProblems(path: string, t: TargetInput | null | undefined, code: string | null, unit: Unit | null) {
  if (!t) return [];
  const u = 'unit' in t ? (t.unit ?? unit) : unit;
  if (t.kind === 'threshold' || t.kind === 'approx') return implausibleAt(`${path}.value`, t.value, code, u);
  if (t.kind === 'range')
    return [...implausibleAt(`${path}.min`, t.min, code, u), ...implausibleAt(`${path}.max`, t.max, code, u)];
  return [];
}

/**
 * Baselines and absolute targets of a plan's indicators outside what their unit allows (−1 years of life
 * expectancy, 850 %): 422 details naming each (`indicators.3.baseline`). Changes (deltas) are not bounded here.
 */
export function planValueProblems(indicators: readonly IndicatorInputT[], prefix = 'indicators'): ErrorDetail[] {
  return indicators.flatMap((ind, i) => {
    const code = ind.catalogueCode ?? null;
    const unit = normaliseUnit(ind.unit) ?? (code ? (indicatorByCode(code)?.unit ?? null) : null);
    const at = `${prefix}.${i}`;
    return [
      ...(typeof ind.baseline === 'number' ? implausibleAt(`${at}.baseline`, ind.baseline, code, unit) : []),
      ...targetProblems(`${at}.target`, ind.target, code, unit),
      ...(ind.areaTargets ?? []).flatMap((a, j) => [
        ...(typeof a.baseline === 'number'
          ? implausibleAt(`${at}.areaTargets.${j}.baseline`, a.baseline, code, unit)
          : []),
        ...targetProblems(`${at}.areaTargets.${j}.target`, a.target, code, unit),
      ]),
    ];
  });
}

/** A reported value against its catalogue indicator's plausible range (an unknown code is the service's 404). */
export const reportedValueProblems = (indicator: string, value: number | null): ErrorDetail[] =>
  value === null || !indicatorByCode(indicator) ? [] : implausibleAt('value', value, indicator, null);

/**
 * A hand-edited target against the bounds of the unit it states (the route does not know the indicator; the
 * plan's own indicator unit is the service's to apply).
 */
export const targetEditProblems = (target: TargetInput | null): ErrorDetail[] =>
  targetProblems('target', target, null, null);
