// What each standard measures: the numerator and denominator taken from an area's summed components or
// from one institution's yearly return. Sums are made by the server (SQL); this file only names them, so
// a rule's arithmetic can be read and tested without a database.
import type { ResourceValues } from '../../registry/fields.ts';
import type { Applicability, MeasureValue } from './types.ts';

/** Summed facts of one area and year. Null = not reported (never treated as 0). */
export interface AreaComponents {
  population: number | null;
  /** Residents aged 0–14 (denominator of the paediatric standards). */
  children: number | null;
  /** Residents of streets (urban) and of towns/townships (rural), when township figures exist. */
  urban: number | null;
  rural: number | null;
  beds: number | null;
  doctors: number | null;
  tcmDoctors: number | null;
  nurses: number | null;
  pharmacists: number | null;
  gps: number | null;
  cdcStaff: number | null;
  healthSupervisors: number | null;
  mchStaff: number | null;
  psychiatrists: number | null;
  pediatricians: number | null;
  bedsPsychiatric: number | null;
  bedsRehab: number | null;
  bedsPediatric: number | null;
  bedsPublicTcm: number | null;
  bedsPrivate: number | null;
  ambulances: number | null;
  ambulancesNegativePressure: number | null;
  primaryBeds: number | null;
  primaryNursingBeds: number | null;
}

export const AREA_COMPONENT_KEYS = [
  'population',
  'children',
  'urban',
  'rural',
  'beds',
  'doctors',
  'tcmDoctors',
  'nurses',
  'pharmacists',
  'gps',
  'cdcStaff',
  'healthSupervisors',
  'mchStaff',
  'psychiatrists',
  'pediatricians',
  'bedsPsychiatric',
  'bedsRehab',
  'bedsPediatric',
  'bedsPublicTcm',
  'bedsPrivate',
  'ambulances',
  'ambulancesNegativePressure',
  'primaryBeds',
  'primaryNursingBeds',
] as const satisfies readonly (keyof AreaComponents)[];

export const emptyComponents = (): AreaComponents =>
  Object.fromEntries(AREA_COMPONENT_KEYS.map((k) => [k, null])) as unknown as AreaComponents;

/** Numerator and denominator of an area-level measure. */
export function areaMeasure(measure: string, c: AreaComponents): MeasureValue {
  const perResident = (n: number | null): MeasureValue => ({ numerator: n, denominator: c.population });
  switch (measure) {
    case 'bedsPediatric':
    case 'pediatricians':
      return { numerator: c[measure], denominator: c.children };
    case 'ambulancesNegativePressure':
      return { numerator: c.ambulancesNegativePressure, denominator: c.ambulances };
    case 'primaryNursingBeds':
      return { numerator: c.primaryNursingBeds, denominator: c.primaryBeds };
    case 'ambulances':
      return { numerator: c.ambulances, denominator: null, population: c.population, urban: c.urban, rural: c.rural };
    default: {
      const k = measure as keyof AreaComponents;
      return perResident(k in c ? c[k] : null);
    }
  }
}

type Resources = Partial<ResourceValues>;
const v = (x: number | null | undefined) => (x === undefined ? null : x);

/** Numerator and denominator of an institution-level measure. */
export function institutionMeasure(measure: string, r: Resources): MeasureValue {
  switch (measure) {
    case 'icuShare':
      return { numerator: v(r.bedsIcu), denominator: v(r.bedsOpen) };
    case 'icuConvertibleShare':
      return { numerator: v(r.bedsIcuConvertible), denominator: v(r.bedsOpen) };
    case 'openVsApproved':
      return { numerator: v(r.bedsOpen), denominator: v(r.bedsApproved) };
    case 'emergencyObsShare':
      return { numerator: v(r.bedsEmergencyObs), denominator: v(r.bedsOpen) };
    case 'techniciansPerBed':
      return { numerator: v(r.healthTechnicians), denominator: v(r.bedsOpen) };
    case 'publicHealthDoctors':
      return { numerator: v(r.publicHealthDoctors), denominator: 1 };
    case 'publicHealthStaffShare':
      return { numerator: v(r.publicHealthStaff), denominator: v(r.healthTechnicians) };
    case 'healthTechnicianShare':
      return { numerator: v(r.healthTechnicians), denominator: v(r.staffTotal) };
    default:
      return { numerator: null, denominator: null };
  }
}

export interface InstitutionFacts {
  category: string;
  gradeLevel: number | null;
  gradeClass: string | null;
  ownership: string;
}

/** Whether an institution-level rule applies: category prefix, then grade (hospitals only) and ownership. */
export function applies(a: Applicability, i: InstitutionFacts): boolean {
  const prefix = a.categories.find((p) => i.category.startsWith(p));
  if (prefix === undefined) return false;
  const hospital = i.category.startsWith('A');
  if (hospital) {
    if (a.minGradeLevel !== undefined && (i.gradeLevel ?? 0) < a.minGradeLevel) return false;
    if (a.gradeLevel !== undefined && i.gradeLevel !== a.gradeLevel) return false;
    if (a.gradeClass !== undefined && i.gradeClass !== a.gradeClass) return false;
  }
  if (a.ownership && !a.ownership.includes(i.ownership as never)) return false;
  return true;
}

/** Street (街道) or township (乡/镇) by its name, as the division names are written. */
export function townshipKind(name: string): 'street' | 'township' | 'other' {
  if (/(街道|街道办事处|办事处)$/.test(name)) return 'street';
  if (/[乡镇]$/.test(name)) return 'township';
  return 'other';
}

/** Administrative village (村委会): a rural urban–rural code (2xx), else a name that says 村委会/村民委员会. */
export function isAdministrativeVillage(v: { name: string; urbanRural: string | null }): boolean {
  if (v.urbanRural) return v.urbanRural.startsWith('2');
  return /村委会|村民委员会/.test(v.name);
}
