// The signal engine's reads of the data: one aggregate query per disease or stream and run (counts per area
// and day), the rows the fixed rules and the scan look at, and the reporting record of stream sources.
import {
  type Algorithm,
  dateOfDay,
  lookbackPeriods,
  type PeriodUnit,
  SCHOOL_OCCUPATIONS,
} from '@weijian/core/surveillance';
import type { Queryable } from '../platform/db.ts';

/** Counts of one area on one day (days since 1970-01-01). */
export interface CountRow {
  area: string;
  county: string;
  day: number;
  n: number;
}

/** `and county_code = any($n)` when a run is limited to some counties, else nothing. */
function countyFilter(params: unknown[], counties: string[] | undefined): string {
  if (!counties) return '';
  params.push(counties);
  return `and county_code = any($${params.length}::text[])`;
}

const areaColumn = (level: 'county' | 'township') => (level === 'county' ? 'county_code' : 'township_code');

/** The first onset of any stored card: periods before it are unknown, not zero. */
export async function caseDataStart(q: Queryable): Promise<string | null> {
  const { rows } = await q.query<{ d: string | null }>(
    `select to_char(min(onset_date), 'YYYY-MM-DD') as d from case_reports where not deleted`,
  );
  return rows[0]?.d ?? null;
}

/**
 * Cards of a disease per county or township and day between two dates; with `unit` 'week', per ISO week
 * (Monday to Sunday) instead, each row dated the week's Monday: a weekly detector's years of history come
 * back as a seventh of the rows, and groupSeries puts them in the same periods.
 */
export async function caseCounts(
  q: Queryable,
  disease: string,
  level: 'county' | 'township',
  from: string,
  to: string,
  counties?: string[],
  unit: PeriodUnit = 'day',
): Promise<CountRow[]> {
  const params: unknown[] = [disease, from, to];
  const countyCond = countyFilter(params, counties);
  const dayExpr = `(onset_date - date '1970-01-01')::int`;
  // Days since 1970-01-01 (a Thursday): week index floor((day + 3) / 7); its Monday is 7 × index − 3.
  const day = unit === 'week' ? `((${dayExpr} + 3) / 7) * 7 - 3` : dayExpr;
  const { rows } = await q.query<{ area: string; county: string; days: number[]; ns: number[] }>(
    `select area, min(county) as county, array_agg(day order by day) as days, array_agg(n order by day) as ns
         from (select ${areaColumn(level)} as area, min(county_code) as county, ${day} as day, count(*)::int as n
                 from case_reports
                where not deleted and disease_code = $1 and onset_date between $2::date and $3::date ${countyCond}
                group by 1, 3) d
        group by 1`,
    params,
  );
  return unpackCounts(rows);
}

/** Daily counts of a stream per county or township between two dates (summed over its sources). */
export async function streamCounts(
  q: Queryable,
  stream: string,
  level: 'county' | 'township',
  from: string,
  to: string,
  counties?: string[],
  areas?: string[],
): Promise<CountRow[]> {
  const params: unknown[] = [stream, from, to];
  const countyCond = countyFilter(params, counties);
  let areaCond = '';
  if (areas) {
    params.push(areas);
    areaCond = `and ${areaColumn(level)} = any($${params.length}::text[])`;
  }
  // One row per area with its days and counts as arrays: the embedded database returns rows one by one
  // (each a message to decode), and a township's weeks of daily rows cost about three times its one row.
  const { rows } = await q.query<{ area: string; county: string; days: number[]; ns: number[] }>(
    `select area, min(county) as county, array_agg(day order by day) as days, array_agg(n order by day) as ns
         from (select ${areaColumn(level)} as area, min(county_code) as county, (date - date '1970-01-01')::int as day,
                      sum(count)::int as n
                 from stream_counts where stream_code = $1 and date between $2::date and $3::date ${countyCond} ${areaCond}
                group by 1, 3) d
        group by 1`,
    params,
  );
  return unpackCounts(rows);
}

/** (area, days[], counts[]) rows back into one CountRow per area and day. */
function unpackCounts(rows: { area: string; county: string; days: number[]; ns: number[] }[]): CountRow[] {
  const out: CountRow[] = [];
  for (const r of rows) {
    for (let i = 0; i < r.days.length; i++) out.push({ area: r.area, county: r.county, day: r.days[i]!, n: r.ns[i]! });
  }
  return out;
}

/**
 * A stream's daily counts for a detector that looks back `need` reporting days before `fromDay` (days since
 * 1970-01-01) and whose answer depends on nothing older: first the recent weeks only, then, for the areas
 * whose sources reported on fewer days there (weekends, a school holiday, a source that was silent), the rest
 * of the `historyDays` window the full read covers. The detector sees the same last `need` reporting days as
 * from the full read, so it finds the same signals; the embedded database returns a fraction of the rows.
 */
export async function recentStreamCounts(
  q: Queryable,
  stream: string,
  level: 'county' | 'township',
  fromDay: number,
  to: string,
  need: number,
  historyDays: number,
  counties?: string[],
): Promise<CountRow[]> {
  // Five reporting days a week plus a week's break: most sources have `need` days within this.
  const recentDays = Math.min(historyDays, Math.ceil((need * 7) / 5) + 7);
  const recent = await streamCounts(q, stream, level, dateOfDay(fromDay - recentDays), to, counties);
  const before = new Map<string, number>();
  for (const r of recent) if (r.day < fromDay) before.set(r.area, (before.get(r.area) ?? 0) + 1);
  // Areas short of history here, and areas with no row at all (only older data could give them a baseline,
  // but an area with nothing in the evaluated days cannot alarm: left out, as the full read's detector skips it).
  const short = [...new Set(recent.map((r) => r.area))].filter((a) => (before.get(a) ?? 0) < need);
  if (!short.length || recentDays >= historyDays) return recent;
  const older = await streamCounts(
    q,
    stream,
    level,
    dateOfDay(fromDay - historyDays),
    dateOfDay(fromDay - recentDays - 1),
    counties,
    short,
  );
  return [...older, ...recent];
}

/** Daily counts of one county (6 digits) or township, of a disease's cards or a stream's reports. */
export async function areaCounts(
  q: Queryable,
  kind: 'case' | 'stream',
  subject: string,
  areaCode: string,
  from: string,
  to: string,
): Promise<CountRow[]> {
  const areaCol = areaCode.length === 6 ? 'county_code' : 'township_code';
  const sql =
    kind === 'case'
      ? `select $4::text as area, min(county_code) as county, (onset_date - date '1970-01-01')::int as day, count(*)::int as n
           from case_reports where not deleted and disease_code = $1 and ${areaCol} = $4
            and onset_date between $2::date and $3::date group by 3`
      : `select $4::text as area, min(county_code) as county, (date - date '1970-01-01')::int as day, sum(count)::int as n
           from stream_counts where stream_code = $1 and ${areaCol} = $4 and date between $2::date and $3::date group by 3`;
  const { rows } = await q.query<CountRow>(sql, [subject, from, to, areaCode]);
  return rows;
}

/** Cards (not duplicates) of a disease per county, township and day since `first`, for the space-time scan. */
export async function scanCounts(q: Queryable, disease: string, first: string, asOf: string, counties?: string[]) {
  const params: unknown[] = [disease, first, asOf];
  const countyCond = countyFilter(params, counties);
  const { rows } = await q.query<{ county: string; township: string; day: number; n: number }>(
    `select county_code as county, township_code as township, (onset_date - $2::date)::int as day, count(*)::int as n
         from case_reports
        where not deleted and duplicate_of is null and disease_code = $1 and onset_date between $2::date and $3::date
              ${countyCond}
        group by 1, 2, 3`,
    params,
  );
  return rows;
}

/** Cards of a disease per county and onset day, with their ids (single-case signals). */
export async function casesPerCountyDay(q: Queryable, disease: string, from: string, to: string, counties?: string[]) {
  const params: unknown[] = [disease, from, to];
  const countyCond = countyFilter(params, counties);
  const { rows } = await q.query<{ county: string; day: string; n: number; ids: number[] }>(
    `select county_code as county, to_char(onset_date, 'YYYY-MM-DD') as day, count(*)::int as n, array_agg(id order by id) as ids
         from case_reports where not deleted and disease_code = $1 and onset_date between $2::date and $3::date ${countyCond}
        group by 1, 2`,
    params,
  );
  return rows;
}

/**
 * Cards of a disease with the place a cluster is counted in: the school (students, children, staff with a
 * workplace) or else the village of the address; null where neither is known.
 */
export async function casePlaces(q: Queryable, disease: string, from: string, to: string, counties?: string[]) {
  const params: unknown[] = [disease, from, to, [...SCHOOL_OCCUPATIONS]];
  const countyCond = countyFilter(params, counties);
  const { rows } = await q.query<{ place: string; county: string; township: string; day: number; id: number }>(
    `select case when occupation = any($4::text[]) and workplace is not null then 'school:' || workplace
                   when length(address_code) = 12 then 'village:' || address_code end as place,
              county_code as county, township_code as township, (onset_date - date '1970-01-01')::int as day, id
         from case_reports
        where not deleted and disease_code = $1 and onset_date between $2::date and $3::date ${countyCond}
        order by day, id`,
    params,
  );
  return rows;
}

/** Stream sources whose last report is before `asOf`, with their first day and number of report days. */
export async function sourcesQuietSince(q: Queryable, asOf: string, counties?: string[]) {
  const params: unknown[] = [asOf];
  const countyCond = countyFilter(params, counties);
  const { rows } = await q.query<{
    county: string;
    township: string;
    stream: string;
    key: string;
    name: string;
    first: number;
    last: number;
    days: number;
  }>(
    `select county_code as county, township_code as township, stream_code as stream, source_key as key, source_name as name,
              (first_date - date '1970-01-01')::int as first, (last_date - date '1970-01-01')::int as last, report_days as days
         from stream_sources where last_date < $1::date ${countyCond}`,
    params,
  );
  return rows;
}

/** Per-area series of period counts from (area, day, n) rows; null before `firstKnown` or where absent (streams). */
export function groupSeries(
  rows: CountRow[],
  unit: PeriodUnit,
  startIdx: number,
  toIdx: number,
  firstKnown: number | null,
): Map<string, { county: string; values: (number | null)[] }> {
  const len = toIdx - startIdx + 1;
  const out = new Map<string, { county: string; values: (number | null)[] }>();
  for (const r of rows) {
    let s = out.get(r.area);
    if (!s) {
      const values: (number | null)[] = new Array(len);
      for (let i = 0; i < len; i++) values[i] = firstKnown === null || startIdx + i < firstKnown ? null : 0;
      s = { county: r.county, values };
      out.set(r.area, s);
    }
    const idx = (unit === 'day' ? r.day : Math.floor((r.day + 3) / 7)) - startIdx;
    if (idx >= 0 && idx < len) s.values[idx] = (s.values[idx] ?? 0) + r.n;
  }
  return out;
}

/**
 * Calendar days of stream history to read before the first evaluated day. Streams are evaluated over the
 * days a source reported, so a school's weekends and holidays must not eat the detector's baseline: read
 * twice the baseline plus a quarter, which spans a summer holiday, whatever the size of the increment.
 */
export function streamHistoryDays(algorithm: Algorithm, params: Record<string, unknown>): number {
  return 2 * lookbackPeriods(algorithm, params, 365) + 90;
}
