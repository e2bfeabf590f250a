// What the planning routes answer: the indicator catalogue, plans and their versions, live evaluations,
// reported values, the plan-table import preview, resource standards and their check, and plan tasks.
import type { ReportedSource as ReportedSourceT } from '@weijian/core/planning';
import { z } from 'zod';
import { BilingualText, looselyTyped, pageOf, textOneOf } from '../platform/openapi-wire.ts';
import { VALUE_SOURCES } from './indicator-values-repo.ts';
import { TargetSchema } from './plan-schemas.ts';
import { TaskInput } from './tasks-schemas.ts';

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
export const PlanList = pageOf(PlanSummary);

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
export const IndicatorValueList = pageOf(IndicatorValue);

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

// --- resource standards -----------------------------------------------------------------------------------

const Params = z.record(z.string(), z.number());
const scope = z.enum(['area', 'institution']);

export const StandardRegionParams = z
  .object({
    regionCode: z.string(),
    regionName: z.string().nullable(),
    params: Params,
    note: z.string().nullable().optional(),
    version: z.number(),
    updatedBy: z.string().nullable().optional(),
    updatedAt: z.string().nullable().optional(),
  })
  .meta({ id: 'StandardRegionParams' });

export const StandardItem = z
  .object({
    code: z.string(),
    zh: z.string(),
    en: z.string(),
    scope,
    level: z.string().optional(),
    appliesTo: z
      .object({
        categories: z.array(z.string()).readonly(),
        minGradeLevel: z.number().optional(),
        gradeLevel: z.number().optional(),
      })
      .optional(),
    kind: z.enum(['rate', 'count', 'ambulances']),
    measure: z.string(),
    per: z.number(),
    unit: z.string(),
    comparator: z.enum(['>=', '<=', 'between']),
    params: Params,
    defaults: Params,
    gapUnit: BilingualText,
    source: z.object({ seed: z.string(), quote: z.string() }),
    status: z.enum(['active', 'needs-data']),
    note: BilingualText.optional(),
    enabled: z.boolean(),
    version: z.number(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
    regions: z.array(StandardRegionParams),
  })
  .meta({ id: 'StandardItem' });
export const StandardList = pageOf(StandardItem);

export const StandardUpdated = z.object({
  code: z.string(),
  params: Params,
  enabled: z.boolean(),
  version: z.number(),
  regions: z.array(StandardRegionParams.omit({ regionName: true }).extend({ code: z.string() })),
});

const violationFields = {
  standard: z.string(),
  standardName: z.string(),
  scope,
  areaCode: z.string(),
  areaName: z.string(),
  countyCode: z.string().nullable(),
  name: z.string(),
  actual: num,
  required: z.union([z.number(), z.tuple([z.number(), z.number()]), z.null()]),
  unit: z.string(),
  gap: num,
  gapText: z.string().nullable(),
};

export const Violation = z
  .object({ ...violationFields, institutionId: z.number().nullable() })
  .meta({ id: 'Violation' });

export const StandardSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    scope,
    level: z.string().nullable(),
    unit: z.string(),
    comparator: z.string(),
    params: Params,
    paramsRegion: z.string().nullable(),
    checked: z.number(),
    violations: z.number(),
    noData: z.number(),
    status: z.enum(['ok', 'violated', 'no-data', 'needs-data', 'disabled']),
  })
  .meta({ id: 'StandardSummary' });

export const CheckReport = z
  .object({
    area: z.object({ code: z.string(), name: z.string(), level: z.number() }),
    year: z.number(),
    summary: z.object({
      standards: z.number(),
      active: z.number(),
      violated: z.number(),
      ok: z.number(),
      needsData: z.number(),
      violations: z.number(),
      byStandard: z.array(StandardSummary),
    }),
    violations: z.array(Violation),
    areaResults: z.array(z.object({ ...violationFields, status: z.string() })),
    needsData: z.array(z.object({ code: z.string(), name: z.string(), note: z.string().nullable() })),
  })
  .meta({ id: 'CheckReport' });

// --- tasks ------------------------------------------------------------------------------------------------

const TaskState = z.enum(['not-started', 'in-progress', 'done', 'paused']);
const TaskStatus = z.enum(['not-started', 'in-progress', 'lagging', 'done', 'paused']);

export const TaskMilestone = z
  .object({ title: z.string(), due: z.string(), done: z.string().nullable() })
  .meta({ id: 'TaskMilestone' });

export const TaskDeliverable = z
  .object({
    quantity: z.number(),
    quantityMin: z.number().optional(),
    unit: z.string(),
    what: z.string(),
    text: z.string(),
    achieved: num.optional(),
  })
  .meta({ id: 'TaskDeliverable' });

export const PlanTask = z
  .object({
    id: z.number(),
    planId: z.number(),
    kind: z.enum(['task', 'project']),
    seq: z.number(),
    number: z.string().nullable(),
    section: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    leadDepartment: z.string().nullable(),
    departments: z.array(z.string()),
    areaCode: z.string().nullable(),
    countyCode: z.string().nullable(),
    startDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    state: TaskState,
    progress: z.number(),
    milestones: z.array(TaskMilestone),
    deliverables: z.array(TaskDeliverable),
    budget: num,
    synthetic: z.boolean(),
    version: z.number(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: TaskStatus,
    statusLabel: BilingualText,
    overdueMilestones: z.array(TaskMilestone),
    asOf: z.string(),
  })
  .meta({ id: 'PlanTask' });

export const TaskList = z
  .object({
    total: z.number(),
    counts: z.object({
      'not-started': z.number(),
      'in-progress': z.number(),
      lagging: z.number(),
      done: z.number(),
      paused: z.number(),
    }),
    items: z.array(PlanTask),
  })
  .meta({ id: 'TaskList' });

export const TaskUpdate = z
  .object({
    id: z.number(),
    at: z.string(),
    username: z.string().nullable(),
    progress: num,
    state: textOneOf(TaskState.options).nullable(),
    note: z.string(),
  })
  .meta({ id: 'TaskUpdate' });

export const TaskDetail = PlanTask.extend({ updates: z.array(TaskUpdate) }).meta({ id: 'TaskDetail' });

const TaskSection = z.object({ number: z.string(), title: z.string(), intro: z.string() });

/** POST /plans/{id}/tasks/import: the parsed tasks (dry run) or those appended. */
export const TaskImportResult = looselyTyped(
  z
    .union([
      z.object({
        dryRun: z.literal(true),
        sections: z.array(TaskSection),
        total: z.number(),
        items: z.array(TaskInput),
      }),
      z.object({
        dryRun: z.literal(false),
        sections: z.array(TaskSection),
        total: z.number(),
        items: z.array(PlanTask),
      }),
    ])
    .meta({ id: 'TaskImportResult' }),
);
