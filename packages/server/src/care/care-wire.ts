// What the care programme routes take and answer (teams, packages, contracts, enrolments, follow-ups, checks,
// work lists). Other care slices add their own `*-wire.ts`; these are the shapes several of them share.
import { CHECK_TYPES, CLASSIFICATIONS, FOLLOWUP_MODES, PROGRAMS } from '@weijian/core/care';
import { z } from 'zod';
import { IdNumber, IsoDate, Str } from '../platform/input.ts';
import { BilingualText, cursorPageOf, textOneOf } from '../platform/openapi-wire.ts';

const date = z.string().meta({ format: 'date' });
/** A date of a care record: a calendar date between 1900 and 2100 (renewals add a day; the columns are dates). */
const CareDate = IsoDate.refine((d) => d >= '1900-01-01' && d <= '2100-12-31', {
  params: { zh: '日期必须在 1900-01-01 至 2100-12-31 之间', en: 'must be between 1900-01-01 and 2100-12-31' },
});
const nullableDate = date.nullable();
/** Row ids of the care tables are bigint identities (safe integers), not int4. */
const RowId = z.number().int().positive();

export const TEAM_DUTIES = ['doctor', 'nurse', 'public-health', 'village-doctor', 'other'] as const;

export const TeamMemberInput = z.object({
  name: Str(50).min(1),
  userId: IdNumber.nullable().optional(),
  duty: z.enum(TEAM_DUTIES).default('doctor'),
});

export const TeamInput = z
  .object({
    institutionId: IdNumber,
    code: Str(40).min(1),
    name: Str(100).min(1),
    leadName: Str(50).min(1),
    leadUserId: IdNumber.nullable().optional(),
    members: z.array(TeamMemberInput).max(50).default([]),
  })
  .meta({ id: 'CareTeamNew' });

export const TeamEdit = z
  .object({
    name: Str(100).min(1).optional(),
    leadName: Str(50).min(1).optional(),
    leadUserId: IdNumber.nullable().optional(),
    closed: z.boolean().optional(),
    members: z.array(TeamMemberInput).max(50).optional(),
  })
  .meta({ id: 'CareTeamEdit' });

export const TeamMember = z.object({
  seq: z.number().int(),
  name: z.string(),
  userId: z.number().int().nullable(),
  duty: textOneOf(TEAM_DUTIES),
});

export const Team = z
  .object({
    id: RowId,
    countyCode: z.string(),
    code: z.string(),
    institutionId: z.number().int(),
    institutionName: z.string().nullable(),
    name: z.string(),
    leadName: z.string(),
    leadUserId: z.number().int().nullable(),
    closed: z.boolean(),
    members: z.array(TeamMember),
  })
  .meta({ id: 'CareTeam' });
export const TeamList = z.object({ total: z.number(), items: z.array(Team) }).meta({ id: 'CareTeamList' });

export const PackageInput = z
  .object({
    countyCode: z.string().regex(/^\d{6}$/),
    code: Str(40).min(1),
    name: Str(100).min(1),
    feeYuan: z.number().min(0).max(1_000_000).nullable().optional(),
    description: Str(2000).nullable().optional(),
  })
  .meta({ id: 'CarePackageNew' });

export const Package = z
  .object({
    id: RowId,
    countyCode: z.string(),
    code: z.string(),
    name: z.string(),
    feeYuan: z.number().nullable(),
    description: z.string().nullable(),
  })
  .meta({ id: 'CarePackage' });
export const PackageList = z.object({ total: z.number(), items: z.array(Package) }).meta({ id: 'CarePackageList' });

export const ContractInput = z
  .object({
    residentId: RowId,
    teamId: RowId,
    packageId: RowId.nullable().optional(),
    start: CareDate,
    end: CareDate,
  })
  .meta({ id: 'CareContractNew' });

export const ContractRenewal = z
  .object({ start: CareDate.optional(), end: CareDate, packageId: RowId.nullable().optional() })
  .meta({ id: 'CareContractRenewal' });

export const Contract = z
  .object({
    id: RowId,
    countyCode: z.string(),
    residentId: RowId,
    residentName: z.string(),
    teamId: RowId,
    teamName: z.string(),
    packageId: RowId.nullable(),
    packageName: z.string().nullable(),
    start: date,
    end: date,
    renewedFrom: RowId.nullable(),
    cancelled: z.boolean(),
    /** Covers today and not cancelled. */
    active: z.boolean(),
  })
  .meta({ id: 'CareContract' });
export const ContractList = z.object({ total: z.number(), items: z.array(Contract) }).meta({ id: 'CareContractList' });

export const EnrolmentInput = z
  .object({
    program: z.enum(PROGRAMS),
    start: CareDate,
    institutionId: IdNumber.nullable().optional(),
    doctorUserId: IdNumber.nullable().optional(),
    lmp: CareDate.nullable().optional(),
    deliveryDate: CareDate.nullable().optional(),
  })
  .meta({ id: 'CareEnrolmentNew' });

export const EnrolmentEdit = z
  .object({
    end: CareDate.nullable().optional(),
    doctorUserId: IdNumber.nullable().optional(),
    institutionId: IdNumber.nullable().optional(),
    deliveryDate: CareDate.nullable().optional(),
  })
  .meta({ id: 'CareEnrolmentEdit' });

export const Enrolment = z
  .object({
    id: RowId,
    countyCode: z.string(),
    residentId: RowId,
    program: textOneOf(PROGRAMS),
    start: date,
    end: nullableDate,
    institutionId: z.number().int().nullable(),
    doctorUserId: z.number().int().nullable(),
    lmp: nullableDate,
    deliveryDate: nullableDate,
  })
  .meta({ id: 'CareEnrolment' });

export const KeyFlag = z
  .string()
  .meta({ id: 'CareKeyFlag', description: 'a key-population flag (core keyPopulation)' });

export const EnrolmentList = z
  .object({ total: z.number(), items: z.array(Enrolment), keyFlags: z.array(KeyFlag) })
  .meta({ id: 'CareEnrolmentList' });

/** A follow-up as the form sends it; the rules fill in what is not given (classification) and what follows. */
export const FollowupInput = z
  .object({
    residentId: RowId,
    program: z.enum(PROGRAMS),
    date: CareDate,
    mode: z.enum(FOLLOWUP_MODES).default('clinic'),
    sbp: z.number().int().min(40).max(300).nullable().optional(),
    dbp: z.number().int().min(20).max(200).nullable().optional(),
    // numeric(4, 1) between 0 and 50 exclusive: bounds that survive the rounding to one decimal.
    fbg: z.number().min(0.1).max(49.9).nullable().optional(),
    weightKg: z.number().gt(0).lt(500).nullable().optional(),
    heightCm: z.number().gt(20).lt(260).nullable().optional(),
    medication: Str(500).nullable().optional(),
    classification: z.enum(CLASSIFICATIONS).nullable().optional(),
    note: Str(1000).nullable().optional(),
  })
  .meta({ id: 'CareFollowupForm' });

export const FollowupAssessment = z
  .object({
    classification: textOneOf(CLASSIFICATIONS),
    nextDue: date,
    urgent: z.boolean(),
    referralSuggested: z.boolean(),
    reasons: z.array(BilingualText),
  })
  .meta({ id: 'CareFollowupAssessment' });

export const FollowupSaved = FollowupAssessment.extend({
  id: RowId,
  residentId: RowId,
  program: textOneOf(PROGRAMS),
}).meta({ id: 'CareFollowupSaved' });

export const CheckInput = z
  .object({
    residentId: RowId,
    type: z.enum(CHECK_TYPES),
    date: CareDate,
    complete: z.boolean().default(true),
    note: Str(1000).nullable().optional(),
  })
  .meta({ id: 'CareCheckForm' });

export const CheckSaved = z
  .object({ id: RowId, residentId: RowId, type: textOneOf(CHECK_TYPES), date, complete: z.boolean() })
  .meta({ id: 'CareCheckSaved' });

export const WORKLIST_KINDS = ['followup', 'check'] as const;
export const WORKLIST_STATUSES = ['due', 'overdue', 'all'] as const;
export const WORKLIST_SORTS = ['due', 'name', 'village'] as const;

export const WorklistRow = z
  .object({
    residentId: RowId,
    name: z.string(),
    sex: z.string(),
    age: z.number().int(),
    areaCode: z.string(),
    villageName: z.string().nullable(),
    idMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    kind: textOneOf(WORKLIST_KINDS),
    /** The programme (kind followup) whose form opens, or the check type (kind check). */
    program: textOneOf(PROGRAMS).nullable(),
    checkType: textOneOf(CHECK_TYPES).nullable(),
    lastDate: nullableDate,
    dueDate: date,
    overdueDays: z.number().int(),
    urgent: z.boolean(),
    doctorUserId: z.number().int().nullable(),
  })
  .meta({ id: 'CareWorklistRow' });

export const Worklist = cursorPageOf(WorklistRow)
  .extend({ asOf: date, due: z.number().int(), overdue: z.number().int() })
  .meta({ id: 'CareWorklist' });
