// Shapes of the planning endpoints, named from the generated wire contract (../wire/api.ts via
// platform/wire.ts) so a server schema change breaks this typecheck instead of the pages. What stays
// hand-written here is the web's own: the constant lists forms and filters iterate over, each checked
// against the wire union it mirrors (the web keeps its own copy so the bundle never pulls in core).
import type { BodyOf, ItemOf, Wire } from '../platform/wire.ts';

/**
 * The identity on a list that must name every member of the wire union `U`, each once at most: a member
 * the server adds or drops fails typecheck here (the intersection names the missing members).
 */
const everyOf =
  <U extends string>() =>
  <const L extends readonly U[]>(
    list: L & ([Exclude<U, L[number]>] extends [never] ? unknown : { missing: Exclude<U, L[number]> }),
  ) =>
    list;

// --- targets (issue 3 §3) ---------------------------------------------------------------------------------

/** A target as the API answers it. */
export type Target = Wire<'Target'>;
/** A target as the API takes it (PUT …/target, POST /plans). */
export type TargetInput = Wire<'TargetInput'>;
export type TargetKind = Target['kind'];
export type Unit = NonNullable<Extract<Target, { unit: unknown }>['unit']>;
export type ThresholdOp = Extract<Target, { kind: 'threshold' }>['op'];
export type TrendDirection = Extract<Target, { kind: 'trend' }>['direction'];

export const UNITS = everyOf<Unit>()([
  '%',
  '‰',
  '1/10万',
  '岁',
  '天',
  '张',
  '人',
  '个',
  '所',
  '公里',
  '分钟',
  '元',
  '百分点',
]);
export const THRESHOLD_OPS = everyOf<ThresholdOp>()(['>=', '>', '<=', '<', '=']);
export const TREND_DIRECTIONS = everyOf<TrendDirection>()([
  'increase',
  'decrease',
  'maintain',
  'slower-increase',
  'slower-decrease',
]);
export const TARGET_KINDS = everyOf<TargetKind>()([
  'threshold',
  'approx',
  'range',
  'trend',
  'annual-change',
  'relative',
  'unparsed',
]);

// --- plans and their evaluation ---------------------------------------------------------------------------

export type Nature = NonNullable<Wire<'PlanIndicator'>['nature']>;
export type Direction = Wire<'PlanIndicator'>['direction'];
export type Status = Wire<'EvaluationItem'>['status'];
export const STATUSES = everyOf<Status>()(['met', 'on-track', 'lagging', 'warning', 'no-data']);

export type PlanSummary = Wire<'PlanSummary'>;
export type PlanIndicator = Wire<'PlanIndicator'>;
export type PlanVersion = Wire<'PlanVersion'>;
/** A plan as written or revised (POST /plans, POST /plans/{id}/versions, PUT …/target). */
export type Plan = Wire<'Plan'>;
/** GET /plans/{id}: a plan with the area its dashboard opens on. */
export type PlanDetail = Wire<'PlanDetail'>;

export type Provenance = Wire<'Provenance'>;
export type EvaluationItem = Wire<'EvaluationItem'>;
export type StatusCounts = Wire<'StatusCounts'>;
export type Evaluation = Wire<'Evaluation'>;
export type SeriesResponse = Wire<'IndicatorEvaluationSeries'>;
export type AreaEvaluationItem = Wire<'AreaEvaluationItem'>;
export type ByAreaResponse = Wire<'ByArea'>;

// --- the indicator catalogue and reported values ----------------------------------------------------------

export type InstitutionWhere = Wire<'InstitutionWhere'>;
/** A leaf of a catalogue formula. */
export type Component = Wire<'Component'>;
export type Expr = Wire<'Expr'>;
export type IndicatorSource = Wire<'IndicatorSource'>;
export type CatalogueIndicator = Wire<'CatalogueIndicator'>;
export type IndicatorValue = Wire<'IndicatorValue'>;

/** PUT /indicator-values. */
export type ValueEdit = BodyOf<'/api/v1/indicator-values', 'put'>;
export type ValueSource = NonNullable<ValueEdit['source']>;
export const VALUE_SOURCES = everyOf<ValueSource>()([
  'statistical-yearbook',
  'survey',
  'vital-statistics',
  'administrative',
  'import',
  'manual',
]);

// --- plan import ------------------------------------------------------------------------------------------

export type MatchCandidate = Wire<'MatchCandidate'>;
export type PreviewIssue = Wire<'PreviewIssue'>;
export type PreviewRow = Wire<'PreviewRow'>;
export type Preview = Wire<'Preview'>;

/** The body of POST /plans. */
export type PlanInput = BodyOf<'/api/v1/plans', 'post'>;
/** One row of POST /plans `indicators`. */
export type IndicatorInput = ItemOf<PlanInput['indicators']>;
/** PUT /plans/{id}/indicators/{seq}/target. */
export type TargetEditBody = BodyOf<'/api/v1/plans/{id}/indicators/{seq}/target', 'put'>;

// --- resource configuration standards (GET /standards, GET /standards/check, PUT /standards/{code}) -------

export type StandardRegionParams = Wire<'StandardRegionParams'>;
export type StandardItem = Wire<'StandardItem'>;
export type StandardEdit = BodyOf<'/api/v1/standards/{code}', 'put'>;
export type Violation = Wire<'Violation'>;
export type StandardSummary = Wire<'StandardSummary'>;
export type CheckReport = Wire<'CheckReport'>;

// --- key tasks and major projects (GET /plans/{id}/tasks, PUT /tasks/{id}, POST /tasks/{id}/updates) ------

export type TaskState = Wire<'PlanTask'>['state'];
export type TaskStatus = Wire<'PlanTask'>['status'];
export const TASK_STATUSES = everyOf<TaskStatus>()(['not-started', 'in-progress', 'lagging', 'done', 'paused']);
export const TASK_STATES = everyOf<TaskState>()(['not-started', 'in-progress', 'done', 'paused']);

export type TaskMilestone = Wire<'TaskMilestone'>;
export type TaskDeliverable = Wire<'TaskDeliverable'>;
export type PlanTask = Wire<'PlanTask'>;
export type TaskList = Wire<'TaskList'>;
export type TaskUpdate = Wire<'TaskUpdate'>;
export type TaskDetail = Wire<'TaskDetail'>;
/** POST /tasks/{id}/updates. */
export type TaskProgressEdit = BodyOf<'/api/v1/tasks/{id}/updates', 'post'>;
/** POST /plans/{id}/tasks/import: the parsed tasks (dry run) or those appended. */
export type TaskImportResult = Wire<'TaskImportResult'>;
export type TaskImportInput = BodyOf<'/api/v1/plans/{id}/tasks/import', 'post'>;
