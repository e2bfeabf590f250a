// Streams, their daily counts and their sources' reporting record in SQL.
import type { Principal } from '@weijian/core/identity';
import type { Db, Queryable } from '../platform/db.ts';
import { cappedCount, type Keyset, pageQuery, pageResult } from '../platform/keyset.ts';
import type { StreamDefinition } from './engine-model.ts';
import { BUILTIN_STREAMS, type StreamSettings } from './streams-catalogue.ts';

/** A stream's columns as the API gives them. */
const STREAM_COLUMNS = `code, name_zh as "nameZh", name_en as "nameEn", kind, unit, algorithm, params,
  area_level as "areaLevel", silent_days as "silentDays", syndrome, enabled, builtin, version`;

/** A stream as the API gives it. */
export type StreamRow = StreamSettings & { code: string; kind: string; builtin: boolean; version: number };

export async function seedStreams(db: Pick<Db, 'query'>): Promise<void> {
  const S = BUILTIN_STREAMS;
  await db.query(
    `insert into streams (code, name_zh, name_en, kind, unit, algorithm, params, silent_days, syndrome, builtin)
     select c, z, e, k, u, 'ears-c2', p, s, y, true
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::smallint[], $8::text[])
            as t(c, z, e, k, u, p, s, y)
     on conflict (code) do nothing`,
    [
      S.map((s) => s.code),
      S.map((s) => s.zh),
      S.map((s) => s.en),
      S.map((s) => s.kind),
      S.map((s) => s.unit),
      S.map((s) => JSON.stringify(s.params)),
      S.map((s) => s.silentDays),
      S.map((s) => s.syndrome),
    ],
  );
}

export interface PreparedCount {
  countyCode: string;
  streamCode: string;
  sourceKey: string;
  institutionId: number | null;
  sourceName: string;
  areaCode: string;
  townshipCode: string;
  date: string;
  count: number;
  denominator: number | null;
}

/**
 * Stores counts (a source's day sent again replaces its count) and brings their sources' first and last days
 * and number of report days up to date; returns the (county, stream, source) keys touched.
 */
export async function storeCounts(q: Queryable, P: PreparedCount[]): Promise<string[][]> {
  await q.query(
    `insert into stream_counts (county_code, stream_code, source_key, township_code, date, count, denominator)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::int[], $7::int[])
     on conflict (county_code, stream_code, source_key, date)
     do update set count = excluded.count, denominator = excluded.denominator,
                   township_code = excluded.township_code, updated_at = now()`,
    [
      P.map((x) => x.countyCode),
      P.map((x) => x.streamCode),
      P.map((x) => x.sourceKey),
      P.map((x) => x.townshipCode),
      P.map((x) => x.date),
      P.map((x) => x.count),
      P.map((x) => x.denominator),
    ],
  );
  await q.query(
    `insert into stream_sources (county_code, stream_code, source_key, institution_id, source_name, area_code,
       township_code, first_date, last_date)
     select county_code, stream_code, source_key, min(institution_id), min(source_name), min(area_code), min(township_code),
            min(date), max(date)
       from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::date[])
            as u(county_code, stream_code, source_key, institution_id, source_name, area_code, township_code, date)
      group by county_code, stream_code, source_key
     on conflict (county_code, stream_code, source_key) do update
       set first_date = least(stream_sources.first_date, excluded.first_date),
           last_date = greatest(stream_sources.last_date, excluded.last_date),
           source_name = excluded.source_name, area_code = excluded.area_code, township_code = excluded.township_code`,
    [
      P.map((x) => x.countyCode),
      P.map((x) => x.streamCode),
      P.map((x) => x.sourceKey),
      P.map((x) => x.institutionId),
      P.map((x) => x.sourceName),
      P.map((x) => x.areaCode),
      P.map((x) => x.townshipCode),
      P.map((x) => x.date),
    ],
  );
  const keys = [...new Set(P.map((x) => `${x.countyCode}|${x.streamCode}|${x.sourceKey}`))].map((k) => k.split('|'));
  await q.query(
    `update stream_sources s set report_days = (select count(*) from stream_counts c
        where c.county_code = s.county_code and c.stream_code = s.stream_code and c.source_key = s.source_key)
      from unnest($1::text[], $2::text[], $3::text[]) as k(county_code, stream_code, source_key)
     where s.county_code = k.county_code and s.stream_code = k.stream_code and s.source_key = k.source_key`,
    [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.slice().map((k) => k.slice(2).join('|'))],
  );
  return keys;
}

export async function streamStates(q: Queryable) {
  const { rows } = await q.query<{ code: string; enabled: boolean }>('select code, enabled from streams');
  return rows;
}

/** The streams as the engine reads them. */
export async function streamDefinitions(q: Queryable): Promise<StreamDefinition[]> {
  const { rows } = await q.query<StreamDefinition>(
    `select code, name_zh as "nameZh", name_en as "nameEn", kind, algorithm, params, area_level as "areaLevel",
              silent_days as "silentDays", syndrome, enabled from streams order by code`,
  );
  return rows;
}

/** Which of these codes name a stream. */
export async function knownStreamCodes(q: Queryable, codes: string[]): Promise<Set<string>> {
  const { rows } = await q.query<{ code: string }>(`select code from streams where code = any($1::text[])`, [codes]);
  return new Set(rows.map((r) => r.code));
}

export async function listStreams(q: Queryable) {
  const { rows } = await q.query<StreamRow>(`select ${STREAM_COLUMNS} from streams order by builtin desc, code`);
  return rows;
}

export async function streamRow(q: Queryable, code: string): Promise<StreamRow | null> {
  const { rows } = await q.query<StreamRow>(`select ${STREAM_COLUMNS} from streams where code = $1`, [code]);
  return rows[0] ?? null;
}

/** Writes a stream's settings under optimistic concurrency; null when the version is stale. */
export async function updateStream(
  q: Queryable,
  code: string,
  version: number,
  next: StreamSettings,
): Promise<StreamRow | null> {
  const { rows } = await q.query<StreamRow>(
    `update streams set name_zh = $3, name_en = $4, unit = $5, algorithm = $6, params = $7, area_level = $8,
                silent_days = $9, syndrome = $10, enabled = $11, version = version + 1, updated_at = now()
          where code = $1 and version = $2 returning ${STREAM_COLUMNS}`,
    [
      code,
      version,
      next.nameZh,
      next.nameEn,
      next.unit,
      next.algorithm,
      JSON.stringify(next.params),
      next.areaLevel,
      next.silentDays,
      next.syndrome || code,
      next.enabled,
    ],
  );
  return rows[0] ?? null;
}

export async function insertStream(
  q: Queryable,
  s: {
    code: string;
    nameZh: string;
    nameEn: string;
    kind: string;
    unit: string;
    algorithm: string;
    params: Record<string, unknown>;
    areaLevel: string;
    silentDays: number;
    syndrome?: string;
  },
): Promise<void> {
  await q.query(
    `insert into streams (code, name_zh, name_en, kind, unit, algorithm, params, area_level, silent_days, syndrome)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      s.code,
      s.nameZh,
      s.nameEn,
      s.kind,
      s.unit,
      s.algorithm,
      JSON.stringify(s.params),
      s.areaLevel,
      s.silentDays,
      s.syndrome || s.code,
    ],
  );
}

/**
 * Most overdue first (the earliest last report; whatever the as-of date, the order is the same), then by stream
 * and name; the key breaks ties (surveillance/migrations/017_list_indexes.sql serves it).
 */
const SOURCE_ORDER: Keyset = {
  name: 'overdue',
  terms: [
    { expr: 's.last_date', type: 'date' },
    { expr: 's.stream_code', type: 'text' },
    { expr: 's.source_name', type: 'text' },
    { expr: 's.county_code', type: 'text' },
    { expr: 's.source_key', type: 'text' },
  ],
};

/**
 * A page of stream sources within `p`'s area, most overdue as of a date first, after the cursor, with their
 * stream's settings; with the capped count.
 */
export async function sourceStatusRows(
  q: Queryable,
  p: Principal,
  f: { stream?: string; area?: string; asOf: string; limit: number; cursor?: string },
) {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (p.role !== 'admin') where.push(`s.area_code like ${bind(`${p.scopeAreaCode ?? '\u0000'}%`)}`);
  if (f.stream) where.push(`s.stream_code = ${bind(f.stream)}`);
  if (f.area) where.push(`s.area_code like ${bind(`${f.area}%`)}`);
  const countOf = [
    `select 1 from stream_sources s ${where.length ? `where ${where.join(' and ')}` : ''}`,
    [...params],
  ] as const;
  const page = pageQuery(SOURCE_ORDER, f.cursor, f.limit, bind);
  if (page.after) where.push(page.after);
  const asOfParam = bind(f.asOf);
  const query = q.query<{
    countyCode: string;
    streamCode: string;
    streamName: string;
    sourceKey: string;
    sourceName: string;
    institutionId: number | null;
    areaCode: string;
    townshipCode: string;
    firstDate: string;
    lastDate: string;
    reportDays: number;
    silentDays: number;
    daysSince: number;
  }>(
    `select s.county_code as "countyCode", s.stream_code as "streamCode", t.name_zh as "streamName", s.source_key as "sourceKey",
            s.source_name as "sourceName", s.institution_id as "institutionId", s.area_code as "areaCode",
            s.township_code as "townshipCode", to_char(s.first_date, 'YYYY-MM-DD') as "firstDate",
            to_char(s.last_date, 'YYYY-MM-DD') as "lastDate", s.report_days as "reportDays", t.silent_days as "silentDays",
            (${asOfParam}::date - s.last_date) as "daysSince", ${page.keyColumns}
       from stream_sources s join streams t on t.code = s.stream_code
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by ${page.orderBy}
      limit ${bind(page.fetch)}`,
    params,
  );
  const [{ rows }, count] = await Promise.all([query, page.carried ?? cappedCount(q, ...countOf)]);
  return pageResult(SOURCE_ORDER, rows, f.limit, count);
}
