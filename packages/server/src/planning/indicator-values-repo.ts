// Reported indicator values (indicator_values) in SQL: one value per indicator, area and year, with where
// it came from. Writes use optimistic concurrency like the registry's yearly facts.
import type { Queryable } from '../platform/db.ts';
import { type Count, cappedCount, type Keyset, pageQuery, pageResult } from '../platform/keyset.ts';

export const VALUE_SOURCES = [
  'statistical-yearbook',
  'survey',
  'vital-statistics',
  'administrative',
  'import',
  'manual',
] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

export interface IndicatorValueRow {
  countyCode: string;
  areaCode: string;
  indicator: string;
  year: number;
  value: number;
  source: ValueSource;
  note: string | null;
  synthetic: boolean;
  updatedBy: string | null;
  version: number;
  updatedAt: string;
}

const COLUMNS = `county_code as "countyCode", area_code as "areaCode", indicator_code as indicator, year::int as year,
  value, source, note, synthetic, updated_by as "updatedBy", version,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;

/** Values of `indicators` in [from, to] for areas whose code starts with `prefix`. */
export async function valuesUnder(
  q: Queryable,
  indicators: readonly string[],
  prefix: string,
  from: number,
  to: number,
): Promise<IndicatorValueRow[]> {
  if (indicators.length === 0) return [];
  const { rows } = await q.query<IndicatorValueRow>(
    `select ${COLUMNS} from indicator_values
      where indicator_code = any($1::text[]) and year between $2 and $3 and area_code like $4`,
    [indicators, from, to, `${prefix}%`],
  );
  return rows;
}

export interface ValueFilter {
  indicator?: string;
  area?: string;
  /** Include the areas below `area`. */
  subtree?: boolean;
  from?: number;
  to?: number;
  limit: number;
  /** Where the page starts (the previous page's `nextCursor`). */
  cursor?: string;
}

/** By indicator, area and year (planning/migrations/018_list_indexes.sql serves it). */
const VALUE_ORDER: Keyset = {
  name: 'indicator',
  terms: [
    { expr: 'indicator_code', type: 'text' },
    { expr: 'area_code', type: 'text' },
    { expr: 'year', type: 'int' },
  ],
};

export async function listValues(
  q: Queryable,
  f: ValueFilter,
): Promise<Count & { nextCursor: string | null; items: IndicatorValueRow[] }> {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = ['true'];
  if (f.indicator) where.push(`indicator_code = ${bind(f.indicator)}`);
  if (f.area) where.push(f.subtree ? `area_code like ${bind(`${f.area}%`)}` : `area_code = ${bind(f.area)}`);
  if (f.from !== undefined) where.push(`year >= ${bind(f.from)}`);
  if (f.to !== undefined) where.push(`year <= ${bind(f.to)}`);
  const countOf = [`select 1 from indicator_values where ${where.join(' and ')}`, [...params]] as const;
  const page = pageQuery(VALUE_ORDER, f.cursor, f.limit, bind);
  if (page.after) where.push(page.after);
  const [{ rows }, count] = await Promise.all([
    q.query<IndicatorValueRow>(
      `select ${COLUMNS}, ${page.keyColumns} from indicator_values where ${where.join(' and ')}
        order by ${page.orderBy} limit ${bind(page.fetch)}`,
      params,
    ),
    page.carried ?? cappedCount(q, ...countOf),
  ]);
  return pageResult(VALUE_ORDER, rows, f.limit, count);
}

export async function getValue(
  q: Queryable,
  indicator: string,
  area: string,
  year: number,
): Promise<IndicatorValueRow | null> {
  const { rows } = await q.query<IndicatorValueRow>(
    `select ${COLUMNS} from indicator_values where indicator_code = $1 and area_code = $2 and year = $3`,
    [indicator, area, year],
  );
  return rows[0] ?? null;
}

export interface ValueInput {
  countyCode: string;
  areaCode: string;
  indicator: string;
  year: number;
  value: number;
  source: ValueSource;
  note: string | null;
  updatedBy: string | null;
  synthetic?: boolean;
}

/**
 * Inserts or updates one value. With `version` it updates only that version and returns false on a stale
 * one; without, it inserts (callers check first that no value exists, or are bulk loaders).
 */
export async function upsertValue(q: Queryable, v: ValueInput, version?: number): Promise<boolean> {
  if (version !== undefined) {
    const { rows } = await q.query(
      `update indicator_values set value = $5, source = $6, note = $7, updated_by = $8, version = version + 1,
              updated_at = now()
        where county_code = $1 and area_code = $2 and indicator_code = $3 and year = $4 and version = $9
        returning 1`,
      [v.countyCode, v.areaCode, v.indicator, v.year, v.value, v.source, v.note, v.updatedBy, version],
    );
    return rows.length === 1;
  }
  await q.query(
    `insert into indicator_values (county_code, area_code, indicator_code, year, value, source, note, updated_by, synthetic)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (county_code, area_code, indicator_code, year) do update set value = excluded.value,
       source = excluded.source, note = excluded.note, updated_by = excluded.updated_by,
       version = indicator_values.version + 1, updated_at = now()`,
    [v.countyCode, v.areaCode, v.indicator, v.year, v.value, v.source, v.note, v.updatedBy, v.synthetic ?? false],
  );
  return true;
}

export async function deleteValue(q: Queryable, area: string, indicator: string, year: number, version: number) {
  const { rows } = await q.query(
    `delete from indicator_values where area_code = $1 and indicator_code = $2 and year = $3 and version = $4
     returning 1`,
    [area, indicator, year, version],
  );
  return rows.length === 1;
}

/** The latest year any value was reported for an area whose code starts with `prefix`; null when none. */
export async function latestValueYear(q: Queryable, prefix: string): Promise<number | null> {
  const { rows } = await q.query<{ y: number | null }>(
    'select max(year)::int as y from indicator_values where area_code like $1',
    [`${prefix}%`],
  );
  return rows[0]?.y ?? null;
}
