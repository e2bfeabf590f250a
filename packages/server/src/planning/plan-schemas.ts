// Request schemas of the planning API. The Target schema is the wire format of issue 3 §3; `text` may be
// omitted when a person structures a target by hand (the indicator's original text is kept).
import { UNITS } from '@weijian/core/planning';
import { z } from 'zod';
import { VALUE_SOURCES } from './indicator-values-repo.ts';

export const Year = z.coerce.number().int().min(1949).max(2100);
export const AreaCode = z.string().regex(/^\d{2,12}$/);
const Unit = z.enum(UNITS).nullable();
const Num = z.number().finite();
const Text = z.string().max(500).optional();

export const TargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('threshold'),
    op: z.enum(['>=', '>', '<=', '<', '=']),
    value: Num,
    unit: Unit,
    text: Text,
  }),
  z.object({ kind: z.literal('approx'), value: Num, unit: Unit, text: Text }),
  z.object({ kind: z.literal('range'), min: Num, max: Num, unit: Unit, text: Text }),
  z.object({
    kind: z.literal('trend'),
    direction: z.enum(['increase', 'decrease', 'maintain', 'slower-increase', 'slower-decrease']),
    text: Text,
  }),
  z.object({ kind: z.literal('annual-change'), delta: Num, unit: Unit, text: Text }),
  z.object({
    kind: z.literal('relative'),
    delta: Num,
    unit: Unit,
    base: z.number().int().min(1949).max(2100),
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
  version: z.number().int().positive(),
  note: z.string().max(1000).optional(),
  sourceFile: z.string().max(300).optional(),
  indicators: z.array(IndicatorInput).min(1).max(500),
});

export const TargetEdit = z.object({
  version: z.number().int().positive(),
  target: TargetSchema.nullable(),
  /** Set a county-level target for this area instead of the plan's own. */
  area: AreaCode.optional(),
  baseline: Num.nullable().optional(),
});

export const ValueSource = z.enum(VALUE_SOURCES);
export const ValueEdit = z.object({
  indicator: z.string().min(1).max(80),
  area: AreaCode,
  year: z.number().int().min(1949).max(2100),
  /** null deletes the value. */
  value: Num.nullable(),
  source: ValueSource.optional(),
  note: z.string().max(500).nullable().optional(),
  version: z.number().int().positive().optional(),
});
