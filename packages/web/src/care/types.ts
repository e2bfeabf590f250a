// Shapes of the /api/v1/care endpoints. Until the server's routes land these mirror the contract of issue 15
// (CARE-CONTRACT.md); they are then named from the generated wire contract like the other contexts' types.
import type { CheckType, Classification, FollowupMode, OpeningReason, Program } from '@weijian/core/care';

export type { CheckType, Classification, FollowupMode, OpeningReason, Program };

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

/** A resident as lists show them: identifiers masked. */
export interface ResidentListItem {
  id: number;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idMasked: string | null;
  phoneMasked: string | null;
  areaCode: string;
  areaName?: string | null;
  established: string | null;
  keeperInstitutionId?: number | null;
  keeperName?: string | null;
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
  doctorUserId?: number | null;
  institutionId?: number | null;
}

export interface Followup {
  id: number;
  program: Program;
  date: string;
  mode: FollowupMode;
  sbp: number | null;
  dbp: number | null;
  fbg: number | null;
  medication?: string | null;
  classification: Classification | null;
  nextDue: string | null;
  urgent: boolean;
  referralSuggested: boolean;
  note?: string | null;
}

export interface Check {
  id: number;
  type: CheckType;
  date: string;
  complete: boolean;
  note?: string | null;
}

export interface Contract {
  id: number;
  residentId?: number;
  residentName?: string | null;
  teamId: number;
  teamName?: string | null;
  packageId?: number | null;
  packageName?: string | null;
  start: string;
  end: string;
  renewedFrom?: number | null;
  cancelled?: boolean;
}

export interface Opening {
  id?: number;
  username: string;
  displayName?: string | null;
  institutionName?: string | null;
  basis: 'keeper' | 'team' | 'area' | 'treatment' | 'referral' | 'consultation';
  openedAt: string;
}

/** GET /care/residents/{id}: the record with its timeline (identifiers unmasked only where the reader may). */
export interface ResidentRecord extends ResidentListItem {
  idNumber?: string | null;
  phone?: string | null;
  household?: string | null;
  residence?: 'resident' | 'registered' | 'both';
  deathDate: string | null;
  movedOut: string | null;
  disabled?: boolean;
  poor?: boolean;
  history?: string | null;
  allergies?: string | null;
  conditions: Condition[];
  enrolments: Enrolment[];
  followups: Followup[];
  checks: Check[];
  contracts: Contract[];
  /** Whether the reader may write (keeper or contracted team). */
  canWrite?: boolean;
  keyFlags?: string[];
}

/** The resident form's body (POST /care/residents, PUT /care/residents/{id}). */
export interface ResidentBody {
  name: string;
  idNumber?: string;
  phone?: string;
  sex: 'M' | 'F';
  birthDate: string;
  areaCode: string;
  household?: string;
  residence?: 'resident' | 'registered' | 'both';
  established?: string;
  deathDate?: string;
  movedOut?: string;
  disabled?: boolean;
  poor?: boolean;
  history?: string;
  allergies?: string;
}

/** POST /care/followups/assess and POST /care/followups: the readings of one follow-up. */
export interface FollowupBody {
  resident: number;
  program: Program;
  date: string;
  mode: FollowupMode;
  sbp: number | null;
  dbp: number | null;
  fbg: number | null;
  medication?: string;
  classification?: Classification;
  note?: string;
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
}

export interface CheckBody {
  resident: number;
  type: CheckType;
  date: string;
  complete: boolean;
  note?: string;
}

export type WorkStatus = 'due' | 'overdue' | 'all';

/** One line of a work list: a follow-up or check due (or overdue) for a resident. */
export interface WorkItem {
  residentId: number;
  name: string;
  sex: 'M' | 'F';
  age?: number | null;
  idMasked?: string | null;
  /** A programme's follow-up, or a check. */
  kind: 'followup' | 'check';
  program?: Program | null;
  checkType?: CheckType | null;
  dueDate: string;
  overdueDays?: number | null;
  lastDate?: string | null;
  lastSbp?: number | null;
  lastDbp?: number | null;
  lastFbg?: number | null;
  lastMedication?: string | null;
  doctorName?: string | null;
  teamName?: string | null;
  institutionName?: string | null;
  areaName?: string | null;
}

export interface TeamMember {
  seq?: number;
  name: string;
  userId?: number | null;
  duty: 'doctor' | 'nurse' | 'public-health' | 'village-doctor' | 'other';
}

export interface Team {
  id: number;
  code: string;
  institutionId: number;
  institutionName?: string | null;
  name: string;
  leadName: string;
  leadUserId?: number | null;
  closed?: boolean;
  members?: TeamMember[];
  contracts?: number;
}

export interface ServicePackage {
  id: number;
  code: string;
  name: string;
  feeYuan?: number | null;
  description?: string | null;
}

export interface IndicatorItem {
  code: string;
  name?: Bilingual;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** computed from the records, or the value reported for the area-year. */
  source: 'computed' | 'reported' | 'none' | string;
  definition?: Bilingual;
}

export interface IndicatorList {
  area: string;
  year: number;
  items: IndicatorItem[];
}

export interface IndicatorMapItem {
  code: string;
  name: string;
  level?: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lng?: number | null;
  lat?: number | null;
}

export interface IndicatorMap {
  area: string;
  year: number;
  code: string;
  items: IndicatorMapItem[];
}

/** GET /care/me: the resident's own view. */
export interface MyRecord {
  resident: ResidentRecord;
  contracts: Contract[];
  followups: Followup[];
  openings: Opening[];
}
