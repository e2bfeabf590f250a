// What the surveillance routes take and answer. Report cards and detector requests are checked field by
// field by core (checkCaseReport, validateDetectRequest) with bilingual 422s, so their schemas document the
// fields (`checkedBy`) and leave the checking to it instead of answering zod's generic messages.
import { ALGORITHMS, CLASSIFICATIONS } from '@weijian/core/surveillance';
import { z } from 'zod';
import { BilingualText, cursorPageOf, Timestamp, textOneOf } from '../platform/openapi-wire.ts';
import { STREAM_KINDS } from './streams-catalogue.ts';

/** Any value at run time; `json` is what the OpenAPI document says the field is (core checks it). */
const checkedBy = (json: Record<string, unknown>) => z.unknown().optional().meta(json);
const text = (maxLength: number) => checkedBy({ type: 'string', maxLength });
const nullableText = (maxLength: number) => checkedBy({ type: 'string', maxLength, nullable: true });
const date = checkedBy({ type: 'string', format: 'date' });
const num = z.number().nullable();

/** Detector parameters (names per algorithm, e.g. farrington's b, w, alpha, limit54), checked by running it. */
export const DetectorParams = z
  .record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.array(z.number()), z.null()]))
  .meta({ id: 'DetectorParams' });

/** 传染病报告卡 as submitted (POST /surveillance/cases, NDJSON lines, file rows). */
export const CaseCardInput = z
  .looseObject({
    clientReportId: text(64),
    institutionId: checkedBy({ type: 'integer', minimum: 1 }),
    diseaseCode: text(16),
    classification: checkedBy({ type: 'string', enum: [...CLASSIFICATIONS] }),
    patientName: text(50),
    parentName: nullableText(50),
    citizenId: nullableText(18),
    sex: checkedBy({ type: 'string', enum: ['male', 'female'], description: 'from the ID number when given' }),
    birthDate: checkedBy({ type: 'string', format: 'date', nullable: true }),
    ageYears: checkedBy({ type: 'integer', nullable: true, description: 'when the birth date is unknown' }),
    phone: nullableText(20),
    workplace: nullableText(100),
    occupation: text(20),
    addressCode: checkedBy({ type: 'string', pattern: '^\\d{9}(\\d{3})?$' }),
    addressText: nullableText(200),
    onsetDate: date,
    diagnosisAt: checkedBy({ type: 'string', description: 'date-time (China time when no offset)' }),
    reportedAt: checkedBy({ type: 'string', description: 'date-time; default now' }),
    deathDate: checkedBy({ type: 'string', format: 'date', nullable: true }),
    doctorName: text(50),
    remarks: nullableText(500),
  })
  .meta({ id: 'CaseCardInput' });

/** A 订正: the fields to change, the version as read and the reason. */
export const CaseCorrection = CaseCardInput.extend({
  version: z.number().int().positive().max(2147483647).optional(),
  reason: text(500),
}).meta({ id: 'CaseCorrection' });

/** One row of daily counts (POST /surveillance/stream-counts), checked row by row by the streams service. */
export const StreamCountInput = z
  .looseObject({
    stream: text(40),
    institutionId: checkedBy({ type: 'integer', minimum: 1, description: 'or sourceName + areaCode' }),
    sourceName: text(100),
    areaCode: checkedBy({ type: 'string', pattern: '^\\d{6,12}$' }),
    date,
    count: checkedBy({ type: 'integer', minimum: 0 }),
    denominator: checkedBy({ type: 'integer', minimum: 0, nullable: true }),
  })
  .meta({ id: 'StreamCountInput' });

/** POST /surveillance/detect (the same request as `weijian detect`). */
export const DetectRequest = z
  .looseObject({
    algorithm: checkedBy({ type: 'string', enum: [...ALGORITHMS] }),
    frequency: checkedBy({ type: 'integer', enum: [52, 12, 365] }),
    observed: checkedBy({ type: 'array', items: { type: 'number', nullable: true } }),
    population: checkedBy({ type: 'array', items: { type: 'number' } }),
    range: checkedBy({
      type: 'array',
      items: { type: 'integer' },
      minItems: 2,
      maxItems: 2,
      description: '[from, to], 0-based inclusive',
    }),
    params: checkedBy({ type: 'object', additionalProperties: true }),
  })
  .meta({ id: 'DetectRequest' });

export const DetectionResult = z
  .object({ upperbound: z.array(num), alarm: z.array(z.boolean().nullable()), expected: z.array(num) })
  .meta({ id: 'DetectionResult' });

// --- cases ------------------------------------------------------------------------------------------------

// Bulk lines' problems in the caller's language (the service's bilingual messages, picked by the route).
const ErrorDetailText = z.object({
  path: z.string(),
  message: z.unknown().meta({ type: 'string' }),
  row: z.number().optional(),
  column: z.string().optional(),
});

export const CaseSubmitResult = z
  .object({
    id: z.number().optional(),
    status: z.enum(['created', 'exists']),
    duplicateOf: z.number().nullable(),
    signals: z.number(),
    events: z.number(),
    eventIds: z.array(z.number()),
  })
  .meta({ id: 'CaseSubmitResult' });

export const CaseBulkResult = z
  .object({
    total: z.number(),
    created: z.number(),
    existing: z.number(),
    rejected: z.number(),
    duplicates: z.number(),
    signals: z.number(),
    results: z.array(
      z.object({
        line: z.number(),
        status: z.enum(['created', 'exists', 'rejected']),
        id: z.number().optional(),
        duplicateOf: z.number().nullable().optional(),
        errors: z.array(ErrorDetailText).optional(),
      }),
    ),
  })
  .meta({ id: 'CaseBulkResult' });

export const CaseImportResult = z
  .object({
    total: z.number(),
    created: z.number(),
    existing: z.number(),
    duplicates: z.number(),
    signals: z.number(),
  })
  .meta({ id: 'CaseImportResult' });

const caseListFields = {
  id: z.number(),
  countyCode: z.string(),
  townshipCode: z.string(),
  addressCode: z.string(),
  institutionId: z.number(),
  institutionName: z.string().nullable(),
  clientReportId: z.string(),
  diseaseCode: z.string(),
  diseaseName: z.string().nullable(),
  classification: textOneOf(CLASSIFICATIONS),
  patientName: z.string(),
  citizenIdMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  sex: textOneOf(['male', 'female']),
  birthDate: z.string().nullable(),
  ageYears: z.number().nullable(),
  occupation: z.string(),
  workplace: z.string().nullable(),
  onsetDate: z.string(),
  diagnosisAt: Timestamp,
  reportedAt: Timestamp,
  reportDelayMinutes: z.number(),
  timely: z.boolean(),
  duplicateOf: z.number().nullable(),
  deleted: z.boolean(),
  doctorName: z.string(),
  synthetic: z.boolean(),
  version: z.number(),
};

export const CaseListItem = z.object(caseListFields).meta({ id: 'CaseListItem' });
export const CaseList = cursorPageOf(CaseListItem);

export const CaseDetail = z
  .object({
    ...caseListFields,
    parentName: z.string().nullable(),
    addressText: z.string().nullable(),
    deathDate: z.string().nullable(),
    remarks: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    citizenId: z.string().nullable().describe('full identifiers: only for holders of the identifier right'),
    phone: z.string().nullable(),
    identityMasked: z
      .boolean()
      .describe(
        'true: the masked card (ID: last character; phone: last four digits; no birth date; address to the township; parent name, detailed address, workplace and remarks withheld)',
      ),
    mayChange: z.boolean().describe('whether the caller owns the card (write scope over the reporting institution)'),
    addressName: z
      .string()
      .nullable()
      .describe('现住址 in words: the township, or township and village, of addressCode (null: not in the tree)'),
  })
  .meta({ id: 'CaseDetail' });

export const CaseHistoryEntry = z
  .object({
    version: z.number(),
    action: z.string(),
    reason: z.string(),
    changedAt: Timestamp,
    username: z.string().nullable(),
    before: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CaseHistoryEntry' });
export const CaseHistory = z.object({ items: z.array(CaseHistoryEntry) });

export const CaseCorrected = z.object({ id: z.number(), version: z.number() });
export const CaseDeleted = z.object({ id: z.number(), version: z.number(), deleted: z.boolean() });

// --- streams ----------------------------------------------------------------------------------------------

export const StreamCountsResult = z
  .object({
    rows: z.number(),
    sources: z.number(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    signals: z.number(),
  })
  .meta({ id: 'StreamCountsResult' });

export const StreamSource = z
  .object({
    countyCode: z.string(),
    streamCode: z.string(),
    streamName: z.string(),
    sourceKey: z.string(),
    sourceName: z.string(),
    institutionId: z.number().nullable(),
    areaCode: z.string(),
    areaName: z.string().nullable(),
    townshipCode: z.string(),
    firstDate: z.string(),
    lastDate: z.string(),
    reportDays: z.number(),
    silentDays: z.number(),
    daysSince: z.number(),
    cadenceDays: z.number(),
    status: textOneOf(['ok', 'late', 'silent']),
  })
  .meta({ id: 'StreamSource' });
export const StreamSourceList = cursorPageOf(StreamSource).extend({ asOf: z.string() });

// --- settings ---------------------------------------------------------------------------------------------

const detector = {
  algorithm: z.enum(ALGORITHMS),
  params: z.record(z.string(), z.unknown()),

  areaLevel: textOneOf(['county', 'township']),
};

export const Disease = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    icd10: z.string().nullable(),
    class: z.enum(['A', 'B', 'B-A', 'C', 'local']),
    deadlineHours: z.number(),
    immediate: z.boolean(),
    clusterCases: z.number().nullable(),
    clusterDays: z.number().nullable(),
    ...detector,
    frequency: z.enum(['day', 'week']),
    syndrome: z.string(),
    enabled: z.boolean(),
    builtin: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'Disease' });
export const DiseaseCatalogue = z.object({
  items: z.array(Disease),
  classes: z.record(z.string(), BilingualText),
});

export const Stream = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    kind: textOneOf(STREAM_KINDS),
    unit: z.string(),
    ...detector,
    silentDays: z.number(),
    syndrome: z.string().optional().describe('fusion group; a new stream without one fuses under its own code'),
    enabled: z.boolean(),
    builtin: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'Stream' });
export const StreamList = z.object({ items: z.array(Stream) });

// --- analysis ---------------------------------------------------------------------------------------------

export const EvaluationRow = z
  .object({
    algorithm: z.string(),
    scenario: z.string(),
    outbreaks: z.number(),
    detected: z.number(),
    sensitivity: num,
    falseAlarmRate: num,
    ppv: num,
    meanTimeToDetection: num,
    undecided: z.number(),
    alarms: z.number(),
    ms: z.number(),
    error: BilingualText.optional(),
  })
  .meta({ id: 'EvaluationRow' });

export const EvaluationResult = z
  .object({
    seed: z.number(),
    series: z.number(),
    weeks: z.number(),
    evaluationWeeks: z.number(),
    scenarios: z.array(z.object({ name: z.string(), theta: z.number(), phi: z.number() })),
    rows: z.array(EvaluationRow),
  })
  .meta({ id: 'EvaluationResult' });

export const Simulation = z
  .object({
    scenario: z.string(),
    seed: z.number(),
    frequency: z.number(),
    observed: z.array(z.number()),
    baseline: z.array(z.number()),
    outbreakCases: z.array(z.number()),
    outbreaks: z.array(z.object({ start: z.number(), end: z.number(), cases: z.number() })),
    evaluationRange: z.tuple([z.number(), z.number()]),
  })
  .meta({ id: 'Simulation' });

export const NotifiableIncidence = z
  .object({
    areaCode: z.string(),
    year: z.number(),
    cases: z.number(),
    population: num,
    per100k: num,
  })
  .meta({ id: 'NotifiableIncidence' });
