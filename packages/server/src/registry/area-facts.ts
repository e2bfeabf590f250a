// Resource and population aggregates per area and year, along the division tree valid in that year: what
// other contexts (the planning engine, the resource standards) read of the registry's yearly facts. The
// database does the heavy part — one pass over the yearly reports with a FILTER clause per institution
// filter, one over institutions for counts, one over population — and the rows, keyed by county (or by
// township when a township is asked about), are attributed to the areas of the tree valid in each year
// exactly as SummaryService does, so a renamed county keeps its history. Components are summed, never
// averaged: a caller recomputes a city's ratio from the sums of its counties.
import {
  type AreaTree,
  columnOf,
  coveringPrefix,
  INSTITUTION_CATEGORIES,
  type InstitutionFamily,
  type Ownership,
  type PopulationKey,
  populationOf,
  type ResourceKey,
  resolveRecorded,
} from '@weijian/core/registry';
import { isoTime as iso, laterTime as later } from '../platform/as-of.ts';
import type { Queryable } from '../platform/db.ts';

/** Which institutions a sum or count covers; a category code matches every code it prefixes (A5 → A511). */
export interface InstitutionFilter {
  family?: readonly InstitutionFamily[];
  category?: readonly string[];
  /** 1, 2 or 3 (一/二/三级); ungraded institutions never pass a grade filter. */
  minGrade?: 1 | 2 | 3;
  /** 'public' means government or other-public. */
  ownership?: readonly (Ownership | 'public')[];
}

/** One aggregate asked for, under the caller's `key` in the result. */
export type FactMeasure =
  | { key: string; sum: ResourceKey; where?: InstitutionFilter }
  | { key: string; count: 'institutions'; where?: InstitutionFilter }
  | { key: string; population: PopulationKey };

export interface AreaYearFacts {
  /** Values keyed by the measures' keys; null = not reported. */
  values: Record<string, number | null>;
  /** Latest update of any registry row that went into these values (ISO timestamp), null when none. */
  asOf: string | null;
}

/** Key of an area-year in the maps below. */
export const areaYearKey = (area: string, year: number) => `${area}:${year}`;

type ResourceRow = Record<string, unknown> & { code: string; year: number; asof: unknown };
type SumMeasure = Extract<FactMeasure, { sum: ResourceKey }>;
type CountMeasure = Extract<FactMeasure, { count: 'institutions' }>;
type PopulationMeasure = Extract<FactMeasure, { population: PopulationKey }>;

/**
 * First letters of the category codes of each institution family (A 医院, B–D 基层, E–O 专业公共卫生, P/Z 其他):
 * in WS 218 the family is fixed by the first letter, so a filter needs no lookup of the codes in use and
 * finer local codes (A511) still match.
 */
const FAMILY_LETTERS: ReadonlyMap<string, readonly string[]> = (() => {
  const byLetter = new Map<string, Set<string>>();
  for (const c of INSTITUTION_CATEGORIES) {
    const l = c.code.charAt(0);
    const set = byLetter.get(l) ?? new Set<string>();
    set.add(c.family);
    byLetter.set(l, set);
  }
  const out = new Map<string, string[]>();
  for (const [letter, families] of byLetter) {
    if (families.size !== 1) continue;
    const f = [...families][0]!;
    out.set(f, [...(out.get(f) ?? []), letter]);
  }
  return out;
})();

/** SQL condition (on alias i) for an institution filter. */
function whereSql(w: InstitutionFilter | undefined, bind: (v: unknown) => string): string {
  if (!w) return 'true';
  const parts: string[] = [];
  if (w.family?.length) {
    const letters = w.family.flatMap((f) => FAMILY_LETTERS.get(f) ?? []);
    parts.push(`left(i.category, 1) = any(${bind(letters)}::text[])`);
  }
  if (w.category?.length) parts.push(`i.category like any(${bind(w.category.map((c) => `${c}%`))}::text[])`);
  if (w.minGrade !== undefined) parts.push(`i.grade_level >= ${bind(w.minGrade)}`);
  if (w.ownership?.length) {
    const owns = new Set<string>();
    for (const o of w.ownership) {
      if (o === 'public') owns.add('government').add('other-public');
      else owns.add(o);
    }
    parts.push(`i.ownership = any(${bind([...owns])}::text[])`);
  }
  return parts.join(' and ') || 'true';
}

/** Resource columns area_fact_totals sums (migration 015); a column added later is read from the reports. */
export const TOTAL_COLUMNS: ReadonlySet<string> = new Set(
  `beds_approved beds_actual beds_open beds_icu beds_icu_convertible beds_pediatric beds_psychiatric beds_rehab
   beds_infectious beds_nursing beds_emergency_obs beds_hospice staff_total health_technicians doctors
   assistant_doctors nurses pharmacists technicians general_practitioners tcm_doctors public_health_staff
   public_health_doctors psychiatrists pediatricians village_doctors health_supervisors ambulances
   ambulances_negative_pressure large_equipment outpatient_visits discharges open_bed_days occupied_bed_days
   discharged_bed_days`.split(/\s+/),
);

/** The resource totals the resource standards are judged on, per county (see `countyResourceTotals`). */
const STANDARD_TOTALS_SQL = `
  sum(r.beds_actual) as beds, sum(r.doctors) as doctors, sum(r.tcm_doctors) as "tcmDoctors",
  sum(r.nurses) as nurses, sum(r.pharmacists) as pharmacists, sum(r.general_practitioners) as gps,
  coalesce(sum(r.staff_total) filter (where i.category like 'J%'), 0) as "cdcStaff",
  sum(r.health_supervisors) as "healthSupervisors",
  coalesce(sum(r.health_technicians) filter (where i.category like 'G%'), 0) as "mchStaff",
  sum(r.psychiatrists) as psychiatrists, sum(r.pediatricians) as pediatricians,
  sum(r.beds_psychiatric) as "bedsPsychiatric", sum(r.beds_rehab) as "bedsRehab", sum(r.beds_pediatric) as "bedsPediatric",
  coalesce(sum(r.beds_actual) filter (where i.category ~ '^A[234]' and i.ownership <> 'private'), 0) as "bedsPublicTcm",
  coalesce(sum(r.beds_actual) filter (where i.category like 'A%' and i.ownership = 'private'), 0) as "bedsPrivate",
  sum(r.ambulances) as ambulances, sum(r.ambulances_negative_pressure) as "ambulancesNegativePressure",
  sum(r.beds_actual) filter (where i.category ~ '^[BCD]') as "primaryBeds",
  sum(r.beds_nursing) filter (where i.category ~ '^[BCD]') as "primaryNursingBeds"`;

/** An institution's yearly return as the institution-level standards read it. */
export interface InstitutionReturnRow {
  id: number;
  name: string;
  areaCode: string;
  countyCode: string;
  category: string;
  gradeLevel: number | null;
  gradeClass: string | null;
  ownership: string;
  bedsApproved: number | null;
  bedsOpen: number | null;
  bedsIcu: number | null;
  bedsIcuConvertible: number | null;
  bedsEmergencyObs: number | null;
  healthTechnicians: number | null;
  staffTotal: number | null;
  publicHealthDoctors: number | null;
  publicHealthStaff: number | null;
}

export class AreaFactsService {
  /**
   * Whether counties and townships are read from the totals of migration 015; benchmarks switch it off to
   * measure the reports themselves (the path villages always take) in the same run.
   */
  useTotals = true;

  constructor(private readonly db: Queryable) {}

  /**
   * Every measure for every area in `areas` and year in [from, to], keyed by `areaYearKey`. Counts are null
   * for an area without any registered institution (an area the registry does not cover has unknown counts,
   * not zero).
   */
  async aggregate(
    tree: AreaTree,
    measures: readonly FactMeasure[],
    areas: readonly string[],
    from: number,
    to: number,
  ): Promise<Map<string, AreaYearFacts>> {
    const db = this.db;
    const sums = measures.filter((c): c is SumMeasure => 'sum' in c);
    const counts = measures.filter((c): c is CountMeasure => 'count' in c);
    const pops = measures.filter((c): c is PopulationMeasure => 'population' in c);
    const targets = new Set(areas);
    const fine = areas.some((a) => (tree.get(a)?.level ?? 0) >= 4);
    const like = `${coveringPrefix(tree, areas)}%`;

    // Counties and townships read the totals the triggers of migration 015 keep (area_fact_totals,
    // area_institution_counts: a few rows per township, year and institution kind); villages, and a resource
    // column the totals lack, read the reports and institutions themselves.
    const villages = !this.useTotals || areas.some((a) => (tree.get(a)?.level ?? 0) >= 5);
    const totals = !villages && sums.every((c) => TOTAL_COLUMNS.has(columnOf(c.sum)));

    const resourceQuery = async () => {
      if (sums.length === 0) return [];
      const params: unknown[] = [from, to, like];
      const bind = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const cols = sums.map((c, n) => {
        const cond = whereSql(c.where, bind);
        return `sum(${totals ? 'i' : 'r'}.${columnOf(c.sum)})${cond === 'true' ? '' : ` filter (where ${cond})`} as c${n}`;
      });
      if (totals) {
        // The totals carry the institution attributes the filters test, under the names whereSql uses (alias i).
        const { rows } = await db.query<ResourceRow>(
          `select ${fine ? 'i.township_code' : 'i.county_code'} as code, i.year::int as year, max(i.last_change) as asof,
                  ${cols.join(', ')}
             from area_fact_totals i
            where i.year between $1 and $2 and i.county_code like $3
            group by 1, 2`,
          params,
        );
        return rows;
      }
      const join = fine || sums.some((c) => c.where);
      const { rows } = await db.query<ResourceRow>(
        `select ${fine ? 'i.area_code' : 'r.county_code'} as code, r.year::int as year, max(r.updated_at) as asof,
                ${cols.join(', ')}
           from institution_resources r ${join ? 'join institutions i on i.id = r.institution_id' : ''}
          where r.year between $1 and $2 and r.county_code like $3
          group by 1, 2`,
        params,
      );
      return rows;
    };

    // Counts are of the few institutions a filter selects; whether an area has any institution at all (else
    // its counts are unknown, not zero) is asked separately, without expanding every institution over the years.
    const countQuery = async () => {
      if (counts.length === 0) return { rows: [], present: [] };
      const params: unknown[] = [from, to, like];
      const bind = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const conds = counts.map((c) => whereSql(c.where, bind));
      if (!villages) {
        const keyCol = fine ? 'i.township_code' : 'i.county_code';
        const cols = conds.map((cond, n) => `coalesce(sum(i.institutions) filter (where ${cond}), 0)::int as c${n}`);
        const [{ rows }, { rows: present }] = await Promise.all([
          db.query<ResourceRow>(
            `select ${keyCol} as code, y::int as year, max(i.last_change) as asof, ${cols.join(', ')}
               from area_institution_counts i, generate_series($1::int, $2::int) as y
              where i.county_code like $3 and (${conds.join(' or ')})
                and i.opened_year <= y and i.closed_year > y
              group by 1, 2`,
            params,
          ),
          db.query<{ code: string }>(
            `select distinct ${keyCol} as code from area_institution_counts i where i.county_code like $1`,
            [like],
          ),
        ]);
        return { rows, present: present.map((r) => r.code) };
      }
      const cols = conds.map((cond, n) => `count(*) filter (where ${cond})::int as c${n}`);
      const [{ rows }, { rows: present }] = await Promise.all([
        db.query<ResourceRow>(
          `select i.area_code as code, y::int as year, max(i.updated_at) as asof, ${cols.join(', ')}
             from institutions i, generate_series($1::int, $2::int) as y
            where i.county_code like $3 and (${conds.join(' or ')})
              and (i.opened_on is null or i.opened_on <= make_date(y, 12, 31))
              and (i.closed_on is null or i.closed_on > make_date(y, 12, 31))
            group by 1, 2`,
          params,
        ),
        db.query<{ code: string }>(
          'select distinct i.area_code as code from institutions i where i.county_code like $1',
          [like],
        ),
      ]);
      return { rows, present: present.map((r) => r.code) };
    };

    const fields = [...new Set(pops.map((p) => p.population))];
    const populationQuery = async () => {
      if (pops.length === 0) return [];
      const { rows } = await db.query<Record<string, unknown> & { code: string; year: number; asof: unknown }>(
        `select area_code as code, year::int as year, updated_at as asof,
                ${fields.map((f) => `${columnOf(f)} as "${f}"`).join(', ')}
           from area_population where year between $1 and $2 and county_code like $3`,
        [from, to, like],
      );
      return rows;
    };

    const [resRows, countRows, popRows] = await Promise.all([resourceQuery(), countQuery(), populationQuery()]);

    const out = new Map<string, AreaYearFacts>();
    for (let year = from; year <= to; year++) {
      const acc = new Map<string, AreaYearFacts>();
      for (const a of areas) {
        const values: Record<string, number | null> = {};
        for (const c of measures) values[c.key] = null;
        acc.set(a, { values, asOf: null });
      }
      const slotsOf = (code: string) =>
        tree
          .bucketsIn(code, year, targets)
          .map((b) => acc.get(b))
          .filter((slot) => slot !== undefined);
      for (const row of resRows) {
        if (row.year !== year) continue;
        for (const slot of slotsOf(row.code)) {
          slot.asOf = later(slot.asOf, iso(row.asof));
          for (const [n, c] of sums.entries()) {
            const v = row[`c${n}`];
            if (v === null || v === undefined) continue;
            slot.values[c.key] = (slot.values[c.key] ?? 0) + Number(v);
          }
        }
      }
      if (counts.length) {
        for (const code of countRows.present) {
          for (const slot of slotsOf(code)) for (const c of counts) slot.values[c.key] ??= 0;
        }
      }
      for (const row of countRows.rows) {
        if (row.year !== year) continue;
        for (const slot of slotsOf(row.code)) {
          slot.asOf = later(slot.asOf, iso(row.asof));
          for (const [n, c] of counts.entries()) {
            slot.values[c.key] = (slot.values[c.key] ?? 0) + Number(row[`c${n}`] ?? 0);
          }
        }
      }
      if (pops.length) {
        const yearRows = popRows.filter((r) => r.year === year);
        for (const field of fields) {
          const recorded = resolveRecorded(
            tree,
            year,
            yearRows.map((r) => ({ areaCode: r.code, value: r[field] === null ? null : Number(r[field]) })),
          );
          const memo = new Map<string, number | null>();
          const keys = pops.filter((p) => p.population === field).map((p) => p.key);
          for (const a of areas) {
            const resolved = tree.resolveIn(a, year) ?? a;
            const v = populationOf(tree, year, recorded, resolved, memo);
            for (const key of keys) acc.get(a)!.values[key] = v;
          }
        }
        for (const row of yearRows) {
          for (const slot of slotsOf(row.code)) slot.asOf = later(slot.asOf, iso(row.asof));
        }
      }
      for (const [a, slot] of acc) {
        out.set(areaYearKey(a, year), { values: slot.values, asOf: slot.asOf });
      }
    }
    return out;
  }

  /**
   * A value that changes with every write to the facts of the counties under `prefix` (reports, institutions,
   * population) and to the division tree, kept by the triggers of migration 015: cached results are keyed on
   * it. Read from the database, so a write through another app server counts too.
   */
  async version(prefix: string): Promise<string> {
    const { rows } = await this.db.query<{ v: number | null }>(
      `select sum(changes) as v from area_fact_versions where county_code like $1 or county_code = ''`,
      [`${prefix}%`],
    );
    return String(rows[0]?.v ?? 0);
  }

  /**
   * Resource totals of the yearly reports of `year` per county whose code starts with `prefix`: beds and
   * staff by kind, with the family splits the resource standards use (CDC staff, MCH technicians, public TCM
   * and private hospital beds, primary-care beds). One pass over the reports.
   */
  async countyResourceTotals(year: number, prefix: string) {
    const { rows } = await this.db.query<Record<string, number | null> & { code: string }>(
      `select r.county_code as code, ${STANDARD_TOTALS_SQL}
         from institution_resources r join institutions i on i.id = r.institution_id
        where r.year = $1 and r.county_code like $2
        group by 1`,
      [year, `${prefix}%`],
    );
    return rows;
  }

  /** Recorded residents and children (0–14, null when no band is recorded) of `year`, per area under `prefix`. */
  async populationRows(year: number, prefix: string) {
    const { rows } = await this.db.query<{ code: string; resident: number | null; children: number | null }>(
      `select area_code as code, resident,
              case when age0_to2 is null and age3_to6 is null and age7_to14 is null then null
                   else coalesce(age0_to2, 0) + coalesce(age3_to6, 0) + coalesce(age7_to14, 0) end as children
         from area_population where year = $1 and county_code like $2`,
      [year, `${prefix}%`],
    );
    return rows;
  }

  /** Yearly returns of `year` of 二级+ hospitals, CHCs and THCs whose area code starts with `prefix`. */
  async institutionReturns(year: number, prefix: string): Promise<InstitutionReturnRow[]> {
    const { rows } = await this.db.query<InstitutionReturnRow>(
      `select i.id, i.name, i.area_code as "areaCode", i.county_code as "countyCode", i.category,
              i.grade_level as "gradeLevel", i.grade_class as "gradeClass", i.ownership,
              r.beds_approved as "bedsApproved", r.beds_open as "bedsOpen", r.beds_icu as "bedsIcu",
              r.beds_icu_convertible as "bedsIcuConvertible", r.beds_emergency_obs as "bedsEmergencyObs",
              r.health_technicians as "healthTechnicians", r.staff_total as "staffTotal",
              r.public_health_doctors as "publicHealthDoctors", r.public_health_staff as "publicHealthStaff"
         from institutions i join institution_resources r on r.institution_id = i.id and r.year = $1
        where i.area_code like $2
          and ((i.category like 'A%' and i.grade_level >= 2) or i.category in ('B1', 'C1') or i.category like 'C2%')
        order by i.county_code, i.id`,
      [year, `${prefix}%`],
    );
    return rows;
  }

  /**
   * Institutions open at the end of `year` per area, category and ownership under `prefix`: THCs (C2…),
   * CHCs (B1), street health centres (C1) and village clinics (D6).
   */
  async primaryCareCounts(year: number, prefix: string) {
    const { rows } = await this.db.query<{ areaCode: string; category: string; ownership: string; n: number }>(
      `select area_code as "areaCode", category, ownership, count(*)::int as n from institutions
        where area_code like $1 and (category like 'C2%' or category in ('B1', 'C1', 'D6'))
          and (opened_on is null or opened_on <= make_date($2, 12, 31))
          and (closed_on is null or closed_on > make_date($2, 12, 31))
        group by 1, 2, 3`,
      [`${prefix}%`, year],
    );
    return rows;
  }

  /** Recorded residents of `year` per area under `prefix`. */
  async residentRows(year: number, prefix: string) {
    const { rows } = await this.db.query<{ code: string; resident: number | null }>(
      'select area_code as code, resident from area_population where year = $1 and county_code like $2',
      [year, `${prefix}%`],
    );
    return rows;
  }
}
