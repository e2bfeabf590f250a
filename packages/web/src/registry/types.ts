// Shapes of the registry endpoints, named from the generated wire contract (../platform/wire.ts), and the
// web's own lists of the measures it shows.
import type { ItemOf, QueryOf, ResponseOf, Wire } from '../platform/wire.ts';

/** An area in a list (children, ancestors). */
export type AreaRef = Wire<'AreaRef'>;

/** GET /areas/{code}: an area with its ancestors and children in the year asked. */
export type Area = Wire<'Area'>;

/** The totals the dashboard shows; typed against the summary schema so a renamed measure fails typecheck. */
export const SUMMARY_TOTALS = [
  'population',
  'institutions',
  'beds',
  'doctors',
  'nurses',
  'pharmacists',
  'generalPractitioners',
  'healthTechnicians',
  'tcmDoctors',
  'publicHealthStaff',
] as const satisfies readonly (keyof Wire<'Summary'>)[];

export const SUMMARY_RATIOS = [
  'bedsPer1000',
  'doctorsPer1000',
  'nursesPer1000',
  'pharmacistsPer1000',
  'gpsPer10000',
  'tcmDoctorsPer1000',
  'publicHealthStaffPer1000',
  'healthTechniciansPer1000',
] as const satisfies readonly (keyof Wire<'Summary'>)[];

export type SummaryTotal = (typeof SUMMARY_TOTALS)[number];
export type SummaryRatio = (typeof SUMMARY_RATIOS)[number];

export type SummaryValues = Pick<Wire<'Summary'>, SummaryTotal | SummaryRatio>;

/** GET /areas/{code}/summary and each child of /children-summary: a year's figures with the previous year's. */
export type Summary = Wire<'SummaryWithPrevious'>;

/** GET /areas/{code}/boundaries: GeoJSON of the area's children. */
export type GeoJsonCollection = Wire<'GeoJsonCollection'>;

/** GET /institutions/{id}: an institution with its area path and alliance. */
export type Institution = Wire<'InstitutionDetail'>;

/** One row of GET /institutions. */
export type InstitutionListItem = Wire<'InstitutionListItem'>;

export type InstitutionPage = ResponseOf<'/api/v1/institutions'>;

/** The filters and page GET /institutions takes. */
export type InstitutionFilter = QueryOf<'/api/v1/institutions'>;

export type Ownership = NonNullable<InstitutionFilter['ownership']>;

/** GET /networks: a 医共体 / 城市医疗集团 with its lead. */
export type Network = Wire<'Network'>;

/** One year of an institution's resources (GET /institutions/{id}/resources). */
export type ResourceRow = ItemOf<ResponseOf<'/api/v1/institutions/{id}/resources'>['items']>;

/** GET /areas/{code}/population/{year}: version null when nothing is recorded yet. */
export type PopulationRow = Wire<'PopulationRow'>;

/** POST /import/{kind}: what a checked or written file answers. */
export type ImportResult = Wire<'ImportResult'>;

/**
 * The value of one fact field (a key from /meta's resourceFields or populationFields) in a row; fields are
 * listed by /meta at run time, so they are read by name, and anything but a number counts as not reported.
 */
export function factValue(row: ResourceRow | PopulationRow, key: string): number | null {
  const values: Partial<Record<string, unknown>> = row;
  const value = values[key];
  return typeof value === 'number' ? value : null;
}
