// One data row of an uploaded sheet → the record of its kind, with every problem tied to the column the
// user sees. Only this row's own content is judged here; what needs the database (areas, institutions,
// scope, uniqueness) is the server's part.

import type { Bilingual } from '../../platform/text.ts';
import { POPULATION_FIELDS, type PopulationValues, RESOURCE_FIELDS, type ResourceValues } from '../fields.ts';
import { validatePopulationValues, validateResourceValues } from '../validate-facts.ts';
import type { InstitutionInput } from '../validate-institution.ts';
import { validateInstitution } from '../validate-institution.ts';
import type { ColumnSpec } from './columns.ts';
import { type Cell, isBlank, parseColumn } from './values.ts';

export interface RowIssue {
  /** Record key the problem concerns (e.g. `bedsOpen`); '' for the row as a whole. */
  key: string;
  message: Bilingual;
}

export interface MappedRow {
  /** Values of the columns present in the file (informational ones left out). */
  values: Record<string, unknown>;
  /** Keys of the columns present in the file. */
  present: ReadonlySet<string>;
  issues: RowIssue[];
}

/** True when every cell of the row is blank (such rows are skipped, not errors). */
export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every(isBlank);
}

/** Parses the cells of one row against the matched columns. */
export function mapRow(columns: readonly (ColumnSpec | null)[], cells: readonly Cell[]): MappedRow {
  const values: Record<string, unknown> = {};
  const present = new Set<string>();
  const issues: RowIssue[] = [];
  columns.forEach((spec, i) => {
    if (!spec || spec.informational) return;
    present.add(spec.key);
    const r = parseColumn(spec, cells[i]);
    if (r.ok) values[spec.key] = r.value;
    else issues.push({ key: spec.key, message: r.message });
  });
  return { values, present, issues };
}

export interface InstitutionImportRow {
  /** Existing institution to update; null for a new one. */
  id: number | null;
  input: InstitutionInput;
}

/**
 * The institution of a row. Columns missing from the file keep the stored value of an updated
 * institution (`existing`) and take the default of a new one.
 */
/** Cross-field rules of validateInstitution: an issue on the key also involves these fields. */
const RELATED: Record<string, string[]> = {
  forProfit: ['ownership'],
  lng: ['lat'],
  lat: ['lng'],
  gradeClass: ['gradeLevel'],
  closedOn: ['openedOn'],
};

export function institutionFromRow(
  row: MappedRow,
  existing: InstitutionInput | null,
): { record: InstitutionImportRow; issues: RowIssue[] } {
  const v = row.values;
  const pick = <K extends keyof InstitutionInput>(k: K, fallback: InstitutionInput[K]): InstitutionInput[K] =>
    row.present.has(k) ? ((v[k] ?? fallback) as InstitutionInput[K]) : existing ? existing[k] : fallback;
  const input: InstitutionInput = {
    name: pick('name', ''),
    uscc: pick('uscc', null),
    category: pick('category', ''),
    gradeLevel: pick('gradeLevel', null),
    gradeClass: pick('gradeClass', null),
    ownership: pick('ownership', 'government'),
    forProfit: pick('forProfit', false),
    areaCode: pick('areaCode', ''),
    lng: pick('lng', null),
    lat: pick('lat', null),
    openedOn: pick('openedOn', null),
    closedOn: pick('closedOn', null),
    networkId: existing ? existing.networkId : null,
  };
  const failed = new Set(row.issues.map((i) => i.key));
  // Judge the record only on fields that parsed (and the rules among them), so one typo is reported once.
  const issues = validateInstitution(input).filter(
    (i) => !failed.has(i.field) && !(RELATED[i.field] ?? []).some((k) => failed.has(k)),
  );
  return {
    record: { id: (v.id as number | null | undefined) ?? null, input },
    issues: [...row.issues, ...issues.map((i) => ({ key: i.field, message: i.message }))],
  };
}

export interface ResourceImportRow {
  institutionId: number | null;
  uscc: string | null;
  year: number;
  values: ResourceValues;
}

/** Yearly resources of a row: absent or blank fields are null (an import replaces the whole year). */
export function resourcesFromRow(row: MappedRow): { record: ResourceImportRow; issues: RowIssue[] } {
  const v = row.values;
  const values = Object.fromEntries(
    RESOURCE_FIELDS.map((f) => [f.key, (v[f.key] as number | null | undefined) ?? null]),
  ) as ResourceValues;
  const issues: RowIssue[] = [...row.issues];
  const institutionId = (v.institutionId as number | null | undefined) ?? null;
  const uscc = (v.uscc as string | null | undefined) ?? null;
  if (
    institutionId === null &&
    uscc === null &&
    !row.issues.some((i) => i.key === 'institutionId' || i.key === 'uscc')
  ) {
    issues.push({
      key: row.present.has('institutionId') ? 'institutionId' : 'uscc',
      message: {
        zh: '机构ID和统一社会信用代码至少填写一项',
        en: 'Give the institution ID or the unified social credit code',
      },
    });
  }
  // Fields that failed to parse are null here, so the rules judge only what was read.
  issues.push(...validateResourceValues(values).map((i) => ({ key: i.field, message: i.message })));
  return { record: { institutionId, uscc, year: (v.year as number) ?? 0, values }, issues };
}

export interface PopulationImportRow {
  areaCode: string;
  year: number;
  values: PopulationValues;
}

export function populationFromRow(row: MappedRow): { record: PopulationImportRow; issues: RowIssue[] } {
  const v = row.values;
  const values = Object.fromEntries(
    POPULATION_FIELDS.map((f) => [f.key, (v[f.key] as number | null | undefined) ?? null]),
  ) as PopulationValues;
  const issues: RowIssue[] = [...row.issues];
  issues.push(...validatePopulationValues(values).map((i) => ({ key: i.field, message: i.message })));
  return { record: { areaCode: (v.areaCode as string) ?? '', year: (v.year as number) ?? 0, values }, issues };
}
