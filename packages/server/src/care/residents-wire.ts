// What the residents routes take and answer: the person index (masked lists, the audited full record with its
// timeline), openings of a record, and a resident's own view (/care/me).
import { CHECK_TYPES, FOLLOWUP_MODES, OPENING_REASONS, PROGRAMS, RESIDENCE_KINDS } from '@weijian/core/care';
import { z } from 'zod';
import { IsoDate, Str } from '../platform/input.ts';
import { cursorPageOf, textOneOf } from '../platform/openapi-wire.ts';

const Sex = z.enum(['M', 'F']);
const NullableDate = IsoDate.nullish();

/** A new record (POST /care/residents); on PUT every field is optional and only those sent change. */
export const ResidentInput = z
  .object({
    name: Str(50).describe('姓名'),
    sex: Sex,
    birthDate: IsoDate,
    area: z
      .string()
      .regex(/^\d{12}$/)
      .describe('12-digit village/community code (统计用区划代码) within the caller’s scope'),
    idNumber: Str(18).nullish().describe('身份证号 (GB 11643); sex and birth date must agree with it'),
    phone: Str(20).nullish(),
    household: Str(100).nullish().describe('户主 or household number'),
    residence: z.enum(RESIDENCE_KINDS).optional().describe('常住 resident / 户籍 registered / both'),
    established: NullableDate.describe('建档 date; default today when a keeper is known'),
    keeperInstitutionId: z
      .number()
      .int()
      .positive()
      .max(2147483647)
      .nullish()
      .describe('the institution keeping the record; an institution user’s own by default'),
    externalId: Str(64).nullish().describe('the id a source system gave the person (unique per county)'),
    deathDate: NullableDate,
    movedOut: NullableDate,
    disabled: z.boolean().optional(),
    poor: z.boolean().optional(),
    history: Str(2000).nullish().describe('past history (既往史, 家族史)'),
    allergies: Str(500).nullish(),
  })
  .meta({ id: 'CareResidentInput' });
export const ResidentEdit = ResidentInput.partial().meta({ id: 'CareResidentEdit' });

const basis = textOneOf(['keeper', 'team', 'area', 'admin', ...OPENING_REASONS]);

/** A row of a list: identifiers masked; `standing` null when the caller must state a reason to open it. */
export const ResidentListItem = z
  .object({
    id: z.number(),
    countyCode: z.string(),
    name: z.string().describe('masked (family name only) when the caller has no standing on the record'),
    sex: Sex,
    birthDate: z.string(),
    areaCode: z.string(),
    idMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    established: z.string().nullable(),
    keeperInstitutionId: z.number().nullable(),
    keeperName: z.string().nullable(),
    deathDate: z.string().nullable(),
    movedOut: z.string().nullable(),
    standing: basis.nullable().describe('keeper/team/area/admin; null: open with ?reason=…'),
  })
  .meta({ id: 'CareResidentListItem' });
export const ResidentList = cursorPageOf(ResidentListItem).meta({ id: 'CareResidentList' });

export const Condition = z
  .object({ icd10: z.string(), name: z.string().nullable(), diagnosed: z.string().nullable() })
  .meta({ id: 'CareCondition' });
export const ConditionInput = z.object({
  icd10: Str(10).describe('ICD-10 code: a letter, two digits and optionally a point and 1–2 digits (I10, E11.9)'),
  name: Str(100).nullish(),
  diagnosed: NullableDate,
});

const Enrolment = z.object({
  id: z.number(),
  program: textOneOf(PROGRAMS),
  start: z.string(),
  end: z.string().nullable(),
  institutionId: z.number().nullable(),
  doctorUserId: z.number().nullable(),
});
const Followup = z.object({
  id: z.number(),
  program: textOneOf(PROGRAMS),
  date: z.string(),
  mode: textOneOf(FOLLOWUP_MODES),
  sbp: z.number().nullable(),
  dbp: z.number().nullable(),
  fbg: z.number().nullable(),
  medication: z.string().nullable(),
  classification: z.string().nullable(),
  nextDue: z.string().nullable(),
  urgent: z.boolean(),
  referralSuggested: z.boolean(),
  institutionId: z.number().nullable(),
});
const Check = z.object({
  id: z.number(),
  type: textOneOf(CHECK_TYPES),
  date: z.string(),
  complete: z.boolean(),
  institutionId: z.number().nullable(),
});
const Contract = z.object({
  id: z.number(),
  teamId: z.number(),
  teamName: z.string(),
  teamCode: z.string(),
  leadName: z.string(),
  institutionId: z.number(),
  start: z.string(),
  end: z.string(),
  cancelled: z.boolean(),
});

/** The record's content per the 基本公卫规范 as a timeline: conditions, programmes, visits, checks, contracts. */
export const Timeline = z
  .object({
    conditions: z.array(Condition),
    enrolments: z.array(Enrolment),
    followups: z.array(Followup),
    checks: z.array(Check),
    contracts: z.array(Contract),
  })
  .meta({ id: 'CareTimeline' });

export const ResidentRecord = z
  .object({
    id: z.number(),
    countyCode: z.string(),
    externalId: z.string().nullable(),
    name: z.string(),
    sex: Sex,
    birthDate: z.string(),
    areaCode: z.string(),
    areaName: z.string().nullable(),
    townshipCode: z.string(),
    household: z.string().nullable(),
    residence: textOneOf(RESIDENCE_KINDS),
    idNumber: z.string().nullable().describe('decrypted for the keeper, team, admin and a stated reason; else null'),
    idMasked: z.string().nullable(),
    phone: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    established: z.string().nullable(),
    keeperInstitutionId: z.number().nullable(),
    keeperName: z.string().nullable(),
    deathDate: z.string().nullable(),
    movedOut: z.string().nullable(),
    mergedInto: z.number().nullable(),
    disabled: z.boolean(),
    poor: z.boolean(),
    history: z.string().nullable(),
    allergies: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CareResidentRecord' });

/** GET /care/residents/{id}: the record, its timeline and what the caller may do with it. */
export const ResidentDetail = z
  .object({
    record: ResidentRecord,
    timeline: Timeline,
    access: z.object({ basis, write: z.boolean(), manage: z.boolean() }),
  })
  .meta({ id: 'CareResidentDetail' });

export const Opening = z
  .object({
    id: z.number(),
    openedAt: z.string(),
    username: z.string(),
    institutionId: z.number().nullable(),
    institutionName: z.string().nullable(),
    basis,
  })
  .meta({ id: 'CareRecordOpening' });
export const OpeningList = cursorPageOf(Opening).meta({ id: 'CareRecordOpeningList' });

/** GET /care/me: a resident's own record, contracts, programmes, visits and who opened the record. */
export const CareMe = z
  .object({
    record: ResidentRecord,
    timeline: Timeline,
    openings: z.array(Opening).describe('newest first, the latest 200'),
  })
  .meta({ id: 'CareMe' });

export const MergeInput = z.object({ into: z.number().int().positive().describe('the surviving record') });
