// What the planning routes answer: the indicator catalogue, plans and their versions, live evaluations,
// reported values and the plan-table import preview (standards-wire.ts and tasks-wire.ts hold the rest).
import type { ReportedSource as ReportedSourceT } from '@weijian/core/planning';
import { z } from 'zod';
import { BilingualText, cursorPageOf, pageOf } from '../platform/openapi-wire.ts';
import { VALUE_SOURCES } from './indicator-values-repo.ts';
import { TargetSchema } from './plan-schemas.ts';

// The request schema of a target (issue 3 §3) is also what the API answers; named once for both.
if (!z.globalRegistry.has(TargetSchema)) z.globalRegistry.add(TargetSchema, { id: 'Target' });
const Target = TargetSchema;
const num = z.number().nullable();
const Nature = z.enum(['expected', 'binding']);
const Direction = z.enum(['higher', 'lower', 'neutral']);
const Status = z.enum(['met', 'on-track', 'lagging', 'warning', 'no-data']);

// --- catalogue --------------------------------------------------------------------------------------------

const InstitutionWhere = z
  .object({
    family: z.array(z.string()).readonly().optional(),
    category: z.array(z.string()).readonly().optional(),
    minGrade: z.number().optional(),
    ownership: z.array(z.string()).readonly().optional(),
  })
  .meta({ id: 'InstitutionWhere' });

export const Component = z
  .union([
    z.object({ sum: z.string(), where: InstitutionWhere.optional() }),
    z.object({ count: z.literal('institutions'), where: InstitutionWhere.optional() }),
    z.object({ population: z.string() }),
    z.object({ reported: z.string() }),
    z.object({ module: z.string(), measure: z.string() }),
  ])
  .meta({ id: 'Component' });

type ExprT = z.infer<typeof Component> | { readonly add: readonly ExprT[] };
export const Expr: z.ZodType<ExprT> = z
  .union([
    Component,
    z.object({
      get add() {
        return z.array(Expr).readonly();
      },
    }),
  ])
  .meta({ id: 'Expr' });

// Where a reported value usually comes from (core's ReportedSource): the source a value entry starts with.
// The catalogue route's return type catches a source core adds; `satisfies` catches one it drops.
const ReportedSource = z.enum([
  'statistical-yearbook',
  'survey',
  'vital-statistics',
  'administrative',
] as const satisfies readonly ReportedSourceT[]);

const IndicatorSource = z
  .union([
    z.object({
      kind: z.literal('formula'),
      numerator: Expr,
      denominator: Expr.nullable(),
      multiplier: z.number(),
      note: BilingualText.optional(),
    }),
    z.object({
      kind: z.literal('reported'),
      defaultSource: ReportedSource,
      futureSource: z.string().optional(),
      note: BilingualText.optional(),
    }),
    z.object({
      kind: z.literal('module'),
      module: z.string(),
      numerator: Expr,
      denominator: Expr.nullable(),
      multiplier: z.number(),
      defaultSource: ReportedSource,
      note: BilingualText.optional(),
    }),
  ])
  .meta({ id: 'IndicatorSource' });

export const CatalogueIndicator = z
  .object({
    code: z.string(),
    zh: z.string(),
    en: z.string(),
    aliases: z.array(z.string()).readonly(),
    unit: z.string().nullable(),
    multiplier: z.number(),
    direction: Direction,
    domain: z.string(),
    decimals: z.number(),
    source: IndicatorSource,
    components: z.array(Component),
  })
  .meta({ id: 'CatalogueIndicator' });
export const CatalogueList = pageOf(CatalogueIndicator);

/** A value with where it came from: computed from facts (with components) or reported. */
export const Provenance = z
  .object({
    value: num,
    kind: z.enum(['computed', 'reported']),
    source: z.string(),
    asOf: z.string().nullable(),
    components: z.record(z.string(), num),
    aggregated: z.boolean().optional(),
    note: z.string().nullable().optional(),
    updatedBy: z.string().nullable().optional(),
    module: z.object({ name: z.string(), hasData: z.boolean() }).optional(),
    overridden: z.object({ value: z.number(), source: z.string(), asOf: z.string().nullable() }).nullable().optional(),
  })
  .meta({ id: 'Provenance' });

export const IndicatorSeries = z.object({
  indicator: CatalogueIndicator,
  area: z.string(),
  total: z.number(),
  items: z.array(Provenance.extend({ year: z.number() })),
});

// --- plans ------------------------------------------------------------------------------------------------

const planFields = {
  id: z.number(),
  regionCode: z.string(),
  countyCode: z.string().nullable(),
  name: z.string(),
  periodStart: z.number(),
  periodEnd: z.number(),
  baselineYear: z.number(),
  status: z.enum(['draft', 'active', 'archived']),
  currentVersion: z.number(),
  version: z.number(),
  synthetic: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  indicatorCount: z.number(),
};

export const PlanSummary = z.object({ ...planFields, regionName: z.string().nullable() }).meta({ id: 'PlanSummary' });
export const PlanList = cursorPageOf(PlanSummary);

export const PlanIndicator = z
  .object({
    seq: z.number(),
    domain: z.string().nullable(),
    name: z.string(),
    catalogueCode: z.string().nullable(),
    matchConfidence: num,
    unit: z.string().nullable(),
    baselineText: z.string(),
    baseline: num,
    target: Target.nullable(),
    targetText: z.string(),
    targetSource: z.enum(['parsed', 'manual']),
    nature: Nature.nullable(),
    direction: Direction,
    areaTargets: z.array(z.object({ areaCode: z.string(), target: Target.nullable(), baseline: num })),
  })
  .meta({ id: 'PlanIndicator' });

export const PlanVersion = z
  .object({
    version: z.number(),
    note: z.string().nullable(),
    sourceFile: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    indicatorCount: z.number(),
  })
  .meta({ id: 'PlanVersion' });
export const PlanVersionList = pageOf(PlanVersion);

/** A plan as written or revised (POST /plans, POST /plans/{id}/versions, PUT …/target). */
export const Plan = z
  .object({
    ...planFields,
    regionName: z.string(),
    shownVersion: z.number(),
    indicators: z.array(PlanIndicator),
    versions: z.array(PlanVersion),
  })
  .meta({ id: 'Plan' });

/** GET /plans/{id}: the plan with the area its dashboard opens on for the caller. */
export const PlanDetail = Plan.extend({ defaultArea: z.string() }).meta({ id: 'PlanDetail' });

// --- evaluation -------------------------------------------------------------------------------------------

export const EvaluationItem = z
  .object({
    seq: z.number(),
    domain: z.string().nullable(),
    name: z.string(),
    catalogueCode: z.string().nullable(),
    catalogueName: z.string().nullable(),
    unit: z.string().nullable(),
    decimals: z.number(),
    nature: Nature.nullable(),
    direction: Direction,
    baselineText: z.string(),
    baseline: num,
    baselineSource: z.string().nullable().optional(),
    targetText: z.string(),
    target: Target.nullable(),
    targetDisplay: BilingualText,
    targetSource: z.enum(['parsed', 'manual']),
    areaTarget: z.boolean(),
    year: z.number(),
    actual: Provenance.nullable(),
    expected: num,
    status: Status,
    statusLabel: BilingualText,
    distance: num,
  })
  .meta({ id: 'EvaluationItem' });

const StatusCounts = z
  .object({ met: z.number(), 'on-track': z.number(), lagging: z.number(), warning: z.number(), 'no-data': z.number() })
  .meta({ id: 'StatusCounts' });

export const Evaluation = z
  .object({
    plan: z.object({
      id: z.number(),
      name: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      periodStart: z.number(),
      periodEnd: z.number(),
      baselineYear: z.number(),
      currentVersion: z.number(),
    }),
    area: z.object({ code: z.string(), name: z.string(), level: z.number() }),
    year: z.number(),
    asOf: z.string().nullable(),
    evaluatedAt: z.string(),
    counts: StatusCounts,
    total: z.number(),
    items: z.array(EvaluationItem),
  })
  .meta({ id: 'Evaluation' });

export const IndicatorEvaluationSeries = z
  .object({ area: z.string(), asOf: z.string().nullable(), total: z.number(), items: z.array(EvaluationItem) })
  .meta({ id: 'IndicatorEvaluationSeries' });

export const AreaEvaluationItem = EvaluationItem.extend({
  areaCode: z.string(),
  areaName: z.string(),
  areaLevel: z.number(),
}).meta({ id: 'AreaEvaluationItem' });

export const ByArea = z
  .object({
    year: z.number(),
    asOf: z.string().nullable(),
    area: AreaEvaluationItem,
    counts: StatusCounts,
    total: z.number(),
    items: z.array(AreaEvaluationItem),
  })
  .meta({ id: 'ByArea' });

// --- reported values --------------------------------------------------------------------------------------

export const IndicatorValue = z
  .object({
    countyCode: z.string(),
    areaCode: z.string(),
    indicator: z.string(),
    year: z.number(),
    value: z.number(),
    // The table's check constraint admits only these; the web sends the same set back on edit.
    source: z.enum(VALUE_SOURCES),
    note: z.string().nullable(),
    synthetic: z.boolean(),
    updatedBy: z.string().nullable(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'IndicatorValue' });
export const IndicatorValueList = cursorPageOf(IndicatorValue);

/** PUT /indicator-values: the row after the edit, or the key with value null once deleted. */
export const IndicatorValuePut = z.union([
  IndicatorValue,
  z.object({ indicator: z.string(), areaCode: z.string(), year: z.number(), value: z.null() }),
]);

// --- import preview ---------------------------------------------------------------------------------------

const PreviewIssue = z
  .object({ row: z.number(), column: z.string().nullable(), columnRole: z.string().nullable(), message: BilingualText })
  .meta({ id: 'PreviewIssue' });

const MatchCandidate = z
  .object({ code: z.string(), zh: z.string(), confidence: z.number(), matched: z.string() })
  .meta({ id: 'MatchCandidate' });

export const PreviewRow = z
  .object({
    row: z.number(),
    seq: z.string().nullable(),
    domain: z.string().nullable(),
    name: z.string(),
    unit: z.string().nullable(),
    baselineText: z.string(),
    baseline: num,
    targetText: z.string(),
    target: Target.nullable(),
    targetDisplay: BilingualText,
    targetState: z.enum(['ok', 'none', 'unparsed']),
    nature: Nature.nullable(),
    direction: Direction.nullable(),
    catalogueCode: z.string().nullable(),
    matchConfidence: num,
    candidates: z.array(MatchCandidate),
    issues: z.array(PreviewIssue),
  })
  .meta({ id: 'PreviewRow' });

export const Preview = z
  .object({
    filename: z.string().nullable(),
    format: z.string(),
    table: z.string().nullable(),
    header: z.object({
      row: z.number(),
      baselineYear: num,
      targetYear: num,
      columns: z.record(z.string(), z.string()),
    }),
    plan: z.object({ baselineYear: num, periodStart: num, periodEnd: num }),
    rows: z.array(PreviewRow),
    errors: z.array(PreviewIssue),
    summary: z.object({
      rows: z.number(),
      targetsUnderstood: z.number(),
      targetsUnparsed: z.number(),
      noTarget: z.number(),
      linked: z.number(),
    }),
  })
  .meta({ id: 'Preview' });
