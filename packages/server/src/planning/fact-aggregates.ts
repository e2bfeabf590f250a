// Registry facts aggregated into the components of catalogue formulas, per area and year. The database does
// the heavy part (one pass over the yearly reports with a FILTER clause per institution filter, one over
// institutions for counts, one over population); the rows, keyed by county (or by township when a township
// is asked about), are then attributed to the areas of the tree valid in each year exactly as
// SummaryService does, so a renamed county keeps its history. Components are summed, never averaged: the
// ratio of a city is recomputed from the sums of its counties.
import { type Component, componentKey, type InstitutionWhere, type OwnershipFilter } from '@weijian/core/planning';
import {
  type AreaTree,
  columnOf,
  coveringPrefix,
  INSTITUTION_CATEGORIES,
  populationOf,
  resolveRecorded,
} from '@weijian/core/registry';
import { isoTime as iso, laterTime as later } from '../platform/as-of.ts';
import type { Queryable } from '../platform/db.ts';

export interface AreaYearComponents {
  /** Component values keyed by componentKey(); null = not reported. */
  values: Record<string, number | null>;
  /** Latest update of any registry row that went into these values (ISO timestamp), null when none. */
  asOf: string | null;
}

/** Key of an area-year in the maps below. */
export const areaYearKey = (area: string, year: number) => `${area}:${year}`;

type SumComponent = Extract<Component, { sum: string }>;
type CountComponent = Extract<Component, { count: string }>;
type PopulationComponent = Extract<Component, { population: string }>;

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
function whereSql(w: InstitutionWhere | undefined, bind: (v: unknown) => string): string {
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
    for (const o of w.ownership as readonly OwnershipFilter[]) {
      if (o === 'public') owns.add('government').add('other-public');
      else owns.add(o);
    }
    parts.push(`i.ownership = any(${bind([...owns])}::text[])`);
  }
  return parts.join(' and ') || 'true';
}

/**
 * The first of `targets` at or above `code` in `year`; a target that did not exist in `year` (长垣市 before
 * 2019) collects the facts of its predecessor, so a series for today's area is continuous.
 */

/**
 * Component values of every area in `areas` for every year in [from, to]. Counts are null for an area
 * without any registered institution (an area the registry does not cover has unknown counts, not zero).
 */
export async function aggregateFacts(
  db: Queryable,
  tree: AreaTree,
  components: readonly Component[],
  areas: readonly string[],
  from: number,
  to: number,
): Promise<Map<string, AreaYearComponents>> {
  const sums = components.filter((c): c is SumComponent => 'sum' in c);
  const counts = components.filter((c): c is CountComponent => 'count' in c);
  const pops = components.filter((c): c is PopulationComponent => 'population' in c);
  const targets = new Set(areas);
  const fine = areas.some((a) => (tree.get(a)?.level ?? 0) >= 4);
  const like = `${coveringPrefix(tree, areas)}%`;

  const resourceQuery = async () => {
    if (sums.length === 0) return [];
    const params: unknown[] = [from, to, like];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const join = fine || sums.some((c) => c.where);
    const cols = sums.map((c, n) => {
      const cond = whereSql(c.where, bind);
      return `sum(r.${columnOf(c.sum)})${cond === 'true' ? '' : ` filter (where ${cond})`} as c${n}`;
    });
    const { rows } = await db.query<Record<string, unknown> & { code: string; year: number; asof: unknown }>(
      `select ${fine ? 'i.area_code' : 'r.county_code'} as code, r.year::int as year, max(r.updated_at) as asof,
              ${cols.join(', ')}
         from institution_resources r ${join ? 'join institutions i on i.id = r.institution_id' : ''}
        where r.year between $1 and $2 and r.county_code like $3
        group by 1, 2`,
      params,
    );
    return rows;
  };

  // Counts are of the few institutions a filter selects; whether an area has any institution at all (else its
  // counts are unknown, not zero) is asked separately, without expanding every institution over the years.
  const countQuery = async () => {
    if (counts.length === 0) return { rows: [], present: [] };
    const params: unknown[] = [from, to, like];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const conds = counts.map((c) => whereSql(c.where, bind));
    const cols = conds.map((cond, n) => `count(*) filter (where ${cond})::int as c${n}`);
    const keyCol = fine ? 'i.area_code' : 'i.county_code';
    const [{ rows }, { rows: present }] = await Promise.all([
      db.query<Record<string, unknown> & { code: string; year: number }>(
        `select ${keyCol} as code, y::int as year, max(i.updated_at) as asof, ${cols.join(', ')}
           from institutions i, generate_series($1::int, $2::int) as y
          where i.county_code like $3 and (${conds.join(' or ')})
            and (i.opened_on is null or i.opened_on <= make_date(y, 12, 31))
            and (i.closed_on is null or i.closed_on > make_date(y, 12, 31))
          group by 1, 2`,
        params,
      ),
      db.query<{ code: string }>(`select distinct ${keyCol} as code from institutions i where i.county_code like $1`, [
        like,
      ]),
    ]);
    return { rows, present: present.map((r) => r.code) };
  };

  const populationQuery = async () => {
    if (pops.length === 0) return [];
    const fields = [...new Set(pops.map((p) => p.population))];
    const { rows } = await db.query<Record<string, unknown> & { code: string; year: number; asof: unknown }>(
      `select area_code as code, year::int as year, updated_at as asof,
              ${fields.map((f) => `${columnOf(f)} as "${f}"`).join(', ')}
         from area_population where year between $1 and $2 and county_code like $3`,
      [from, to, like],
    );
    return rows;
  };

  const [resRows, countRows, popRows] = await Promise.all([resourceQuery(), countQuery(), populationQuery()]);

  const out = new Map<string, AreaYearComponents>();
  for (let year = from; year <= to; year++) {
    const acc = new Map<string, AreaYearComponents>();
    for (const a of areas) {
      const values: Record<string, number | null> = {};
      for (const c of components) if (!('reported' in c)) values[componentKey(c)] = null;
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
          const key = componentKey(c);
          slot.values[key] = (slot.values[key] ?? 0) + Number(v);
        }
      }
    }
    if (counts.length) {
      for (const code of countRows.present) {
        for (const slot of slotsOf(code)) for (const c of counts) slot.values[componentKey(c)] ??= 0;
      }
    }
    for (const row of countRows.rows) {
      if (row.year !== year) continue;
      for (const slot of slotsOf(row.code)) {
        slot.asOf = later(slot.asOf, iso(row.asof));
        for (const [n, c] of counts.entries()) {
          const key = componentKey(c);
          slot.values[key] = (slot.values[key] ?? 0) + Number(row[`c${n}`] ?? 0);
        }
      }
    }
    if (pops.length) {
      const yearRows = popRows.filter((r) => r.year === year);
      for (const field of new Set(pops.map((p) => p.population))) {
        const recorded = resolveRecorded(
          tree,
          year,
          yearRows.map((r) => ({ areaCode: r.code, value: r[field] === null ? null : Number(r[field]) })),
        );
        const memo = new Map<string, number | null>();
        for (const a of areas) {
          const resolved = tree.resolveIn(a, year) ?? a;
          acc.get(a)!.values[`population:${field}`] = populationOf(tree, year, recorded, resolved, memo);
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
