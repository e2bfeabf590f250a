// Shapes of the planning endpoints (packages/server/src/planning/*-routes.ts, docs/api.md). The Target union
// is the wire format of issue 3 §3; the web keeps its own copy so the bundle never pulls in core's catalogue.

export const UNITS = ['%', '‰', '1/10万', '岁', '天', '张', '人', '个', '所', '公里', '分钟', '元', '百分点'] as const;
export type Unit = (typeof UNITS)[number];

export type ThresholdOp = '>=' | '>' | '<=' | '<' | '=';
export const THRESHOLD_OPS: ThresholdOp[] = ['>=', '>', '<=', '<', '='];
export type TrendDirection = 'increase' | 'decrease' | 'maintain' | 'slower-increase' | 'slower-decrease';
export const TREND_DIRECTIONS: TrendDirection[] = [
  'increase',
  'decrease',
  'maintain',
  'slower-increase',
  'slower-decrease',
];

export type Target =
  | { kind: 'threshold'; op: ThresholdOp; value: number; unit: Unit | null; text?: string }
  | { kind: 'approx'; value: number; unit: Unit | null; text?: string }
  | { kind: 'range'; min: number; max: number; unit: Unit | null; text?: string }
  | { kind: 'trend'; direction: TrendDirection; text?: string }
  | { kind: 'annual-change'; delta: number; unit: Unit | null; text?: string }
  | { kind: 'relative'; delta: number; unit: Unit | null; base: number; text?: string }
  | { kind: 'unparsed'; text?: string };
export type TargetKind = Target['kind'];
export const TARGET_KINDS: TargetKind[] = [
  'threshold',
  'approx',
  'range',
  'trend',
  'annual-change',
  'relative',
  'unparsed',
];

export type Nature = 'expected' | 'binding';
export type Direction = 'higher' | 'lower' | 'neutral';
export type Status = 'met' | 'on-track' | 'lagging' | 'warning' | 'no-data';
export const STATUSES: Status[] = ['met', 'on-track', 'lagging', 'warning', 'no-data'];

export interface Bilingual {
  zh: string;
  en: string;
}

export interface PlanSummary {
  id: number;
  regionCode: string;
  regionName: string | null;
  countyCode: string | null;
  name: string;
  periodStart: number;
  periodEnd: number;
  baselineYear: number;
  status: 'draft' | 'active' | 'archived';
  currentVersion: number;
  version: number;
  synthetic: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  indicatorCount: number;
}

export interface PlanIndicator {
  seq: number;
  domain: string | null;
  name: string;
  catalogueCode: string | null;
  matchConfidence: number | null;
  unit: string | null;
  baselineText: string;
  baseline: number | null;
  target: Target | null;
  targetText: string;
  targetSource: 'parsed' | 'manual';
  nature: Nature | null;
  direction: Direction;
  areaTargets: { areaCode: string; target: Target | null; baseline: number | null }[];
}

export interface PlanVersion {
  version: number;
  note: string | null;
  sourceFile: string | null;
  createdBy: string | null;
  createdAt: string;
  indicatorCount: number;
}

export interface PlanDetail extends PlanSummary {
  shownVersion: number;
  indicators: PlanIndicator[];
  versions: PlanVersion[];
  defaultArea: string;
}

export interface Provenance {
  value: number | null;
  kind: 'computed' | 'reported';
  source: string;
  asOf: string | null;
  components: Record<string, number | null>;
  aggregated?: boolean;
  note?: string | null;
  updatedBy?: string | null;
  /** Module indicators: the module and whether it has data for this area-year (else a value may be reported). */
  module?: { name: string; hasData: boolean };
  /** Module indicators: a reported value the computed one takes precedence over. */
  overridden?: { value: number; source: string; asOf: string | null } | null;
}

export interface EvaluationItem {
  seq: number;
  domain: string | null;
  name: string;
  catalogueCode: string | null;
  catalogueName: string | null;
  unit: string | null;
  decimals: number;
  nature: Nature | null;
  direction: Direction;
  baselineText: string;
  baseline: number | null;
  baselineSource?: string | null;
  targetText: string;
  target: Target | null;
  targetDisplay: Bilingual;
  targetSource: 'parsed' | 'manual';
  areaTarget: boolean;
  year: number;
  actual: Provenance | null;
  expected: number | null;
  status: Status;
  statusLabel: Bilingual;
  distance: number | null;
}

export type StatusCounts = Record<Status, number>;

export interface Evaluation {
  plan: {
    id: number;
    name: string;
    regionCode: string;
    regionName: string;
    periodStart: number;
    periodEnd: number;
    baselineYear: number;
    currentVersion: number;
  };
  area: { code: string; name: string; level: number | string };
  year: number;
  asOf: string | null;
  evaluatedAt: string;
  counts: StatusCounts;
  total: number;
  items: EvaluationItem[];
}

export interface SeriesResponse {
  area: string;
  asOf: string | null;
  total: number;
  items: EvaluationItem[];
}

export type AreaEvaluationItem = EvaluationItem & { areaCode: string; areaName: string; areaLevel: number | string };

export interface ByAreaResponse {
  year: number;
  asOf: string | null;
  area: AreaEvaluationItem;
  counts: StatusCounts;
  total: number;
  items: AreaEvaluationItem[];
}

/** A leaf of a catalogue formula. */
export interface InstitutionWhere {
  family?: string[];
  category?: string[];
  minGrade?: number;
  ownership?: string[];
}
export type Component =
  | { sum: string; where?: InstitutionWhere }
  | { count: 'institutions'; where?: InstitutionWhere }
  | { population: string }
  | { reported: string }
  | { module: string; measure: string };
export type Expr = Component | { add: Expr[] };

export type IndicatorSource =
  | { kind: 'formula'; numerator: Expr; denominator: Expr | null; multiplier: number; note?: Bilingual }
  | { kind: 'reported'; defaultSource: string; futureSource?: string; note?: Bilingual }
  | {
      kind: 'module';
      module: string;
      numerator: Expr;
      denominator: Expr | null;
      multiplier: number;
      defaultSource: string;
      note?: Bilingual;
    };

export interface CatalogueIndicator {
  code: string;
  zh: string;
  en: string;
  aliases: string[];
  unit: string | null;
  multiplier: number;
  direction: Direction;
  domain: string;
  decimals: number;
  source: IndicatorSource;
  components: Component[];
}

export interface IndicatorValue {
  countyCode: string;
  areaCode: string;
  indicator: string;
  year: number;
  value: number;
  source: string;
  note: string | null;
  synthetic: boolean;
  updatedBy: string | null;
  version: number;
  updatedAt: string;
}

export const VALUE_SOURCES = [
  'statistical-yearbook',
  'survey',
  'vital-statistics',
  'administrative',
  'import',
  'manual',
] as const;

export interface MatchCandidate {
  code: string;
  zh: string;
  confidence: number;
  matched: string;
}

export interface PreviewIssue {
  row: number;
  column: string | null;
  columnRole: string | null;
  message: Bilingual;
}

export interface PreviewRow {
  row: number;
  seq: string | null;
  domain: string | null;
  name: string;
  unit: string | null;
  baselineText: string;
  baseline: number | null;
  targetText: string;
  target: Target | null;
  targetDisplay: Bilingual;
  targetState: 'ok' | 'none' | 'unparsed';
  nature: Nature | null;
  direction: Direction | null;
  catalogueCode: string | null;
  matchConfidence: number | null;
  candidates: MatchCandidate[];
  issues: PreviewIssue[];
}

export interface Preview {
  filename: string | null;
  format: string;
  table: string | null;
  header: { row: number; baselineYear: number | null; targetYear: number | null; columns: Record<string, string> };
  plan: { baselineYear: number | null; periodStart: number | null; periodEnd: number | null };
  rows: PreviewRow[];
  errors: PreviewIssue[];
  summary: { rows: number; targetsUnderstood: number; targetsUnparsed: number; noTarget: number; linked: number };
}

/** One row of POST /plans `indicators`. */
export interface IndicatorInput {
  domain?: string | null;
  name: string;
  unit?: string | null;
  baselineText?: string;
  baseline?: number | null;
  targetText?: string;
  target?: Target | null;
  nature?: Nature | null;
  direction?: Direction;
  catalogueCode?: string | null;
  matchConfidence?: number | null;
}

export interface PlanInput {
  regionCode: string;
  name: string;
  periodStart: number;
  periodEnd: number;
  baselineYear: number;
  note?: string;
  sourceFile?: string;
  indicators: IndicatorInput[];
}

// Resource configuration standards (GET /standards, GET /standards/check, PUT /standards/{code}).

export interface StandardRegionParams {
  regionCode: string;
  regionName: string | null;
  params: Record<string, number>;
  note?: string | null;
  version: number;
  updatedBy?: string | null;
  updatedAt?: string | null;
}

export interface StandardItem {
  code: string;
  zh: string;
  en: string;
  scope: 'area' | 'institution';
  level?: string;
  kind: 'rate' | 'count' | 'ambulances';
  measure: string;
  per: number;
  unit: string;
  comparator: '>=' | '<=' | 'between';
  params: Record<string, number>;
  defaults: Record<string, number>;
  gapUnit: Bilingual;
  source: { seed: string; quote: string };
  status: 'active' | 'needs-data';
  note?: Bilingual;
  enabled: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
  regions: StandardRegionParams[];
}

export interface Violation {
  standard: string;
  standardName: string;
  scope: 'area' | 'institution';
  areaCode: string;
  areaName: string;
  countyCode: string | null;
  institutionId: number | null;
  name: string;
  actual: number | null;
  required: number | [number, number] | null;
  unit: string;
  gap: number | null;
  gapText: string | null;
}

export interface StandardSummary {
  code: string;
  name: string;
  scope: 'area' | 'institution';
  level: string | null;
  unit: string;
  comparator: string;
  params: Record<string, number>;
  paramsRegion: string | null;
  checked: number;
  violations: number;
  noData: number;
  status: 'ok' | 'violated' | 'no-data' | 'needs-data' | 'disabled';
}

export interface CheckReport {
  area: { code: string; name: string; level: number };
  year: number;
  summary: {
    standards: number;
    active: number;
    violated: number;
    ok: number;
    needsData: number;
    violations: number;
    byStandard: StandardSummary[];
  };
  violations: Violation[];
  areaResults: (Omit<Violation, 'institutionId'> & { status: string })[];
  needsData: { code: string; name: string; note: string | null }[];
}

// Key tasks and major projects (GET /plans/{id}/tasks, PUT /tasks/{id}, POST /tasks/{id}/updates).

export type TaskState = 'not-started' | 'in-progress' | 'done' | 'paused';
export type TaskStatus = TaskState | 'lagging';
export const TASK_STATUSES: TaskStatus[] = ['not-started', 'in-progress', 'lagging', 'done', 'paused'];
export const TASK_STATES: TaskState[] = ['not-started', 'in-progress', 'done', 'paused'];

export interface TaskMilestone {
  title: string;
  due: string;
  done: string | null;
}

export interface TaskDeliverable {
  quantity: number;
  quantityMin?: number;
  unit: string;
  what: string;
  text: string;
  achieved?: number | null;
}

export interface PlanTask {
  id: number;
  planId: number;
  kind: 'task' | 'project';
  seq: number;
  number: string | null;
  section: string | null;
  title: string;
  description: string | null;
  leadDepartment: string | null;
  departments: string[];
  areaCode: string | null;
  countyCode: string | null;
  startDate: string | null;
  dueDate: string | null;
  state: TaskState;
  progress: number;
  milestones: TaskMilestone[];
  deliverables: TaskDeliverable[];
  budget: number | null;
  synthetic: boolean;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  status: TaskStatus;
  statusLabel: Bilingual;
  overdueMilestones: TaskMilestone[];
  asOf: string;
}

export interface TaskList {
  total: number;
  counts: Record<TaskStatus, number>;
  items: PlanTask[];
}
