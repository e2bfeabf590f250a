// What the resource-standard routes answer: the standards with their thresholds and the check report.
import { z } from 'zod';
import { BilingualText, pageOf } from '../platform/openapi-wire.ts';

const num = z.number().nullable();

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
