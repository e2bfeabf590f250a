// Shapes of the /api/v1/care endpoints as the server's schemas declare them (server/src/care/*-wire.ts).
// Written out by hand while those routes were still being built; to be named from the generated wire
// contract (../platform/wire.ts) like the other contexts' types once `npm run wire` includes them.
import type { CheckType, Classification, FollowupMode, OpeningReason, Program } from '@weijian/core/care';

export type { CheckType, Classification, FollowupMode, OpeningReason, Program };

export interface Bilingual {
  zh: string;
  en: string;
}

export interface CursorPageOf<T> {
  items: T[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

export type Basis = 'keeper' | 'team' | 'area' | 'admin' | OpeningReason;

/** A resident as lists show them: identifiers masked; `standing` null when a reason must be stated to open it. */
export interface ResidentListItem {
  id: number;
  countyCode: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaCode: string;
  idMasked: string | null;
  phoneMasked: string | null;
  established: string | null;
  keeperInstitutionId: number | null;
  keeperName: string | null;
  deathDate: string | null;
  movedOut: string | null;
  standing: Basis | null;
}

export interface Condition {
  icd10: string;
  name: string | null;
  diagnosed: string | null;
}

export interface Enrolment {
  id: number;
  program: Program;
  start: string;
  end: string | null;
  institutionId: number | null;
  doctorUserId: number | null;
}

export interface Followup {
  id: number;
  program: Program;
  date: string;
  mode: FollowupMode;
  sbp: number | null;
  dbp: number | null;
  fbg: number | null;
  medication: string | null;
  classification: string | null;
  nextDue: string | null;
  urgent: boolean;
  referralSuggested: boolean;
  institutionId: number | null;
}

export interface Check {
  id: number;
  type: CheckType;
  date: string;
  complete: boolean;
  institutionId: number | null;
}

export interface RecordContract {
  id: number;
  teamId: number;
  teamName: string;
  teamCode: string;
  leadName: string;
  institutionId: number;
  start: string;
  end: string;
  cancelled: boolean;
}

export interface Timeline {
  conditions: Condition[];
  enrolments: Enrolment[];
  followups: Followup[];
  checks: Check[];
  contracts: RecordContract[];
}

export interface ResidentRecord {
  id: number;
  countyCode: string;
  externalId: string | null;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaCode: string;
  areaName: string | null;
  townshipCode: string;
  household: string | null;
  residence: 'resident' | 'registered' | 'both';
  /** Decrypted for the keeper, the team, the administrator and a stated reason; else null. */
  idNumber: string | null;
  idMasked: string | null;
  phone: string | null;
  phoneMasked: string | null;
  established: string | null;
  keeperInstitutionId: number | null;
  keeperName: string | null;
  deathDate: string | null;
  movedOut: string | null;
  mergedInto: number | null;
  disabled: boolean;
  poor: boolean;
  history: string | null;
  allergies: string | null;
  updatedAt: string;
}

/** GET /care/residents/{id}: the record, its timeline and what the caller may do with it. */
export interface ResidentDetail {
  record: ResidentRecord;
  timeline: Timeline;
  access: { basis: Basis; write: boolean; manage: boolean };
}

export interface Opening {
  id: number;
  openedAt: string;
  username: string;
  institutionId: number | null;
  institutionName: string | null;
  basis: Basis;
}

/** GET /care/me: the resident's own record, timeline and who opened the record. */
export interface CareMe {
  record: ResidentRecord;
  timeline: Timeline;
  openings: Opening[];
}

/** The resident form's body (POST /care/residents; PUT takes any subset). */
export interface ResidentBody {
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  area: string;
  idNumber?: string | null;
  phone?: string | null;
  household?: string | null;
  residence?: 'resident' | 'registered' | 'both';
  established?: string | null;
  deathDate?: string | null;
  movedOut?: string | null;
  disabled?: boolean;
  poor?: boolean;
  history?: string | null;
  allergies?: string | null;
}

/** POST /care/followups/assess and POST /care/followups. */
export interface FollowupBody {
  residentId: number;
  program: Program;
  date: string;
  mode: FollowupMode;
  sbp: number | null;
  dbp: number | null;
  fbg: number | null;
  medication?: string | null;
  classification?: Classification | null;
  note?: string | null;
}

export interface Assessment {
  classification: Classification;
  nextDue: string;
  urgent: boolean;
  referralSuggested: boolean;
  reasons: Bilingual[];
}

export interface FollowupSaved extends Assessment {
  id: number;
  residentId: number;
  program: Program;
}

export interface CheckBody {
  residentId: number;
  type: CheckType;
  date: string;
  complete: boolean;
  note?: string | null;
}

export type WorkProgram = Program | 'elderly';

/** One line of a work list: a follow-up or check due (or overdue) for a resident. */
export interface WorkItem {
  residentId: number;
  name: string;
  sex: string;
  age: number;
  areaCode: string;
  villageName: string | null;
  idMasked: string | null;
  phoneMasked: string | null;
  kind: 'followup' | 'check';
  program: Program | null;
  checkType: CheckType | null;
  lastDate: string | null;
  dueDate: string;
  overdueDays: number;
  urgent: boolean;
  doctorUserId: number | null;
}

export interface WorkPage extends CursorPageOf<WorkItem> {
  asOf: string;
  due: number;
  overdue: number;
}

export type Duty = 'doctor' | 'nurse' | 'public-health' | 'village-doctor' | 'other';

export interface TeamMember {
  seq: number;
  name: string;
  userId: number | null;
  duty: Duty;
}

export interface Team {
  id: number;
  countyCode: string;
  code: string;
  institutionId: number;
  institutionName: string | null;
  name: string;
  leadName: string;
  leadUserId: number | null;
  closed: boolean;
  members: TeamMember[];
}

export interface ServicePackage {
  id: number;
  countyCode: string;
  code: string;
  name: string;
  feeYuan: number | null;
  description: string | null;
}

export interface Contract {
  id: number;
  countyCode: string;
  residentId: number;
  residentName: string;
  teamId: number;
  teamName: string;
  packageId: number | null;
  packageName: string | null;
  start: string;
  end: string;
  renewedFrom: number | null;
  cancelled: boolean;
  active: boolean;
}

export interface ListOf<T> {
  total: number;
  items: T[];
}

/** One care indicator of an area-year with its definition; `source` null: no care records for it. */
export interface IndicatorFigure {
  code: string;
  zh: string;
  en: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  source: 'care' | null;
  denominatorSource: 'care' | 'registry';
  definition: Bilingual;
  asOf: string | null;
}

export interface IndicatorList {
  area: string;
  name: string | null;
  year: number;
  indicators: IndicatorFigure[];
}

export interface IndicatorMapArea {
  code: string;
  name: string;
  level: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  source: 'care' | null;
  /** Where the area is, when the server can place it (no township/village boundaries exist offline). */
  lng?: number | null;
  lat?: number | null;
}

export interface IndicatorMap {
  area: string;
  year: number;
  code: string;
  zh: string;
  en: string;
  definition: Bilingual;
  areas: IndicatorMapArea[];
}
