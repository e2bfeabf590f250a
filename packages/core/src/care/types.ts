// The care context's vocabulary (基本公共卫生服务 and 家庭医生签约): the shapes shared by the rules in core, the
// server's storage and API, the NDJSON exchange and the web. Dates are ISO `YYYY-MM-DD` strings throughout.

/** Programmes of the 国家基本公共卫生服务规范（第三版） whose patients are enrolled and followed up. */
export const PROGRAMS = ['hypertension', 'diabetes', 'smd', 'tb', 'maternal', 'child'] as const;
export type Program = (typeof PROGRAMS)[number];

/** How a follow-up was made: only clinic and home visits are face to face (电话随访 is not). */
export const FOLLOWUP_MODES = ['clinic', 'home', 'phone'] as const;
export type FollowupMode = (typeof FOLLOWUP_MODES)[number];

/** 随访分类 of a chronic-disease follow-up. */
export const CLASSIFICATIONS = ['controlled', 'uncontrolled', 'adverse', 'complication'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Checks that are not programme follow-ups: the yearly 老年人健康体检, child checks, maternal visits. */
export const CHECK_TYPES = ['elderly-annual', 'child', 'prenatal', 'postpartum', 'postpartum-42'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

/** Why a clinician outside the record's keeper and contracted team opens a record (every opening is audited). */
export const OPENING_REASONS = ['treatment', 'referral', 'consultation'] as const;
export type OpeningReason = (typeof OPENING_REASONS)[number];

export type Sex = 'M' | 'F';

/** 常住 (lives here) and/or 户籍 (registered here). */
export const RESIDENCE_KINDS = ['resident', 'registered', 'both'] as const;
export type ResidenceKind = (typeof RESIDENCE_KINDS)[number];

/** A person of the county's person index, as the indicator rules see them. */
export interface CareResident {
  id: string;
  sex: Sex;
  birthDate: string;
  /** 12-digit village/community code (or a coarser area code when only that is known). */
  area: string;
  /** 建档 date of the health record; null when the person has no record yet. */
  established: string | null;
  deathDate: string | null;
  movedOut: string | null;
  /** Key-population flags entered by hand (残疾人, 贫困人口). */
  disabled?: boolean;
  poor?: boolean;
}

export interface CareEnrolment {
  resident: string;
  program: Program;
  start: string;
  end: string | null;
  /** Maternal care: last menstrual period (weeks of pregnancy) and delivery date. */
  lmp?: string | null;
  delivery?: string | null;
}

export interface CareFollowup {
  resident: string;
  program: Program;
  date: string;
  mode: FollowupMode;
  sbp: number | null;
  dbp: number | null;
  /** Fasting blood glucose, mmol/L. */
  fbg: number | null;
}

export interface CareCheck {
  resident: string;
  type: CheckType;
  date: string;
  complete: boolean;
}

export interface CareContract {
  resident: string;
  team: string;
  start: string;
  end: string;
}

/** Everything the indicator rules read: one county's (or one file's) records. */
export interface CareRecords {
  residents: readonly CareResident[];
  enrolments: readonly CareEnrolment[];
  followups: readonly CareFollowup[];
  checks: readonly CareCheck[];
  contracts: readonly CareContract[];
}

/** The catalogue codes the care context computes. */
export const CARE_INDICATOR_CODES = [
  'ehr-coverage',
  'family-doctor-signing',
  'family-doctor-signing-key',
  'hypertension-management',
  'diabetes-management',
  'smi-management',
  'elderly-health-management',
  'maternal-system-management',
  'child-u3-system-management',
  'child-0-6-health-management',
  'hypertension-bp-control',
  'diabetes-glucose-control',
  'smi-standard-management',
] as const;
export type CareIndicatorCode = (typeof CARE_INDICATOR_CODES)[number];

export interface CareIndicatorValue {
  code: CareIndicatorCode;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator × 100, null when the denominator is 0. */
  value: number | null;
}
