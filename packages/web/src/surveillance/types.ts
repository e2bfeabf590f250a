// Shapes of the /api/v1/surveillance endpoints (packages/server/src/surveillance/*-routes.ts).

export interface Bilingual {
  zh: string;
  en: string;
}

export type EventState = 'pending' | 'verifying' | 'excluded' | 'suspected' | 'investigating' | 'confirmed' | 'closed';
export type RiskLevel = 1 | 2 | 3 | 4;
export type SignalSource = 'case' | 'fixed' | 'cluster' | 'stream' | 'silent' | 'scan';
export type EvidenceCategory =
  | 'case-report'
  | 'school'
  | 'fever-clinic'
  | 'intestinal-clinic'
  | 'pharmacy'
  | 'custom'
  | 'data-quality';

export interface Trigger {
  category: EvidenceCategory;
  subject: string;
  subjectName: string;
  areaName: string;
  date: string;
  observed: number;
  upperbound: number | null;
  algorithm: string;
  strength: number;
}

export interface SurvEvent {
  id: number;
  countyCode: string;
  countyName: string;
  areaCode: string;
  areaName: string;
  areaLevel: 'county' | 'township';
  firstDate: string;
  lastDate: string;
  riskScore: number;
  riskLevel: RiskLevel;
  riskLabel?: Bilingual;
  explanation: Bilingual & { triggers: Trigger[] };
  state: EventState | 'merged';
  stateLabel?: Bilingual;
  mergedInto: number | null;
  assigneeId: number | null;
  assigneeName: string | null;
  verifyDeadline: string;
  verifiedAt: string | null;
  closedAt: string | null;
  emergencyLevel: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  signalCount: number;
}

export interface Signal {
  id: number;
  countyCode: string;
  countyName: string;
  areaCode: string;
  areaName: string;
  areaLevel: 'county' | 'township';
  source: SignalSource;
  category: EvidenceCategory;
  subject: string;
  place: string;
  /** A cluster's place: a school (工作单位) or a village, and its name. */
  placeKind?: 'school' | 'village' | null;
  placeName?: string | null;
  frequency: 'day' | 'week';
  periodStart: string;
  periodEnd: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  algorithm: string;
  params: Record<string, unknown>;
  detail: Record<string, unknown> | null;
  immediate: boolean;
  eventId: number | null;
  createdAt: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  username: string | null;
  action: 'created' | 'transition' | 'assign' | 'note' | string;
  fromState: EventState | null;
  toState: EventState | null;
  note: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * Where one of the event's townships is (no township boundaries are shipped): its own coordinates
 * (`source: 'area'`), the centroid of its registered institutions (`'institutions'`), or unknown (null).
 */
export interface TownshipPoint {
  code: string;
  name: string;
  lng: number | null;
  lat: number | null;
  source: 'area' | 'institutions' | null;
  institutions: number | null;
}

export interface EventDetail extends SurvEvent {
  signals: Signal[];
  history: HistoryEntry[];
  townships: TownshipPoint[];
}

/** GET /surveillance/events/{id}/assignees: users the event may be assigned to. */
export interface Assignee {
  id: number;
  username: string;
  displayName: string;
  role: 'admin' | 'city' | 'county';
}

export interface Kpis {
  area: string | null;
  from: string;
  to: string;
  events: number;
  verified: number;
  timeliness: number | null;
  medianResponseHours: number | null;
  signals: number;
  counties: number;
  weeks: number;
  signalsPerCountyWeek: number | null;
  confirmed: number;
  ppv: number | null;
  byState: Record<string, number>;
}

export interface Series {
  subject: string;
  areaCode: string;
  unit: 'day' | 'week';
  algorithm: string;
  params: Record<string, unknown>;
  periodStart: string[];
  observed: (number | null)[];
  expected: (number | null)[];
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
  error: Bilingual | null;
}

export type DiseaseClass = 'A' | 'B' | 'B-A' | 'C' | 'local';

export interface Disease {
  code: string;
  nameZh: string;
  nameEn: string;
  icd10: string | null;
  class: DiseaseClass;
  deadlineHours: number;
  immediate: boolean;
  clusterCases: number | null;
  clusterDays: number | null;
  algorithm: string;
  params: Record<string, unknown>;
  areaLevel: 'county' | 'township';
  frequency: 'day' | 'week';
  enabled: boolean;
  builtin: boolean;
  version: number;
}

export interface Stream {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  unit: string;
  algorithm: string;
  params: Record<string, unknown>;
  areaLevel: 'county' | 'township';
  silentDays: number;
  enabled: boolean;
  builtin: boolean;
  version: number;
}

export interface StreamSource {
  countyCode: string;
  streamCode: string;
  streamName: string;
  sourceKey: string;
  sourceName: string;
  institutionId: number | null;
  areaCode: string;
  areaName: string | null;
  townshipCode: string;
  firstDate: string;
  lastDate: string;
  reportDays: number;
  silentDays: number;
  daysSince: number;
  cadenceDays: number;
  status: 'ok' | 'late' | 'silent';
}

export type Classification = 'suspected' | 'clinical' | 'confirmed' | 'carrier';

export interface CaseListItem {
  id: number;
  countyCode: string;
  townshipCode: string;
  addressCode: string;
  institutionId: number;
  institutionName: string | null;
  clientReportId: string;
  diseaseCode: string;
  diseaseName: string | null;
  classification: Classification;
  patientName: string;
  citizenIdMasked: string | null;
  phoneMasked: string | null;
  sex: 'male' | 'female';
  birthDate: string | null;
  ageYears: number | null;
  occupation: string;
  workplace: string | null;
  onsetDate: string;
  diagnosisAt: string;
  reportedAt: string;
  reportDelayMinutes: number;
  timely: boolean;
  duplicateOf: number | null;
  deleted: boolean;
  doctorName: string;
  synthetic: boolean;
  version: number;
}

export interface CaseDetail extends CaseListItem {
  parentName: string | null;
  addressText: string | null;
  deathDate: string | null;
  remarks: string | null;
  createdAt: string;
  updatedAt: string;
  /** Full identifiers: only for roles allowed to see them, null otherwise. */
  citizenId: string | null;
  phone: string | null;
  identityMasked: boolean;
}

export interface CaseHistoryEntry {
  version: number;
  action: 'correct' | 'delete' | string;
  reason: string;
  changedAt: string;
  username: string | null;
  before: Record<string, unknown>;
}

export interface CaseSubmitResult {
  id?: number;
  status: 'created' | 'exists';
  duplicateOf: number | null;
  signals: number;
  events: number;
  /** Events the card's signals belong to (created or joined) that the user may open. */
  eventIds?: number[];
}

export interface EvaluationRow {
  algorithm: string;
  scenario: string;
  outbreaks: number;
  detected: number;
  sensitivity: number | null;
  falseAlarmRate: number | null;
  ppv: number | null;
  meanTimeToDetection: number | null;
  undecided: number;
  alarms: number;
  ms: number;
  error?: Bilingual;
}

export interface EvaluationResult {
  seed: number;
  series: number;
  weeks: number;
  evaluationWeeks: number;
  scenarios: { name: string; theta: number; phi: number }[];
  rows: EvaluationRow[];
}

export interface Simulation {
  scenario: string;
  seed: number;
  observed: number[];
  baseline: number[];
  outbreakCases: number[];
  outbreaks: { start: number; end: number; cases: number }[];
  evaluationRange: [number, number];
}

export interface Page<T> {
  total: number;
  items: T[];
}
