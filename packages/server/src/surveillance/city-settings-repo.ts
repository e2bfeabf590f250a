// City overrides of detector settings in SQL (migration 012): one row per city × disease or stream, holding
// only the fields the city set.
import type { Queryable } from '../platform/db.ts';

export type SettingKind = 'disease' | 'stream';

export interface CityOverride {
  cityCode: string;
  kind: SettingKind;
  code: string;
  settings: Record<string, unknown>;
  version: number;
}

const COLUMNS = `city_code as "cityCode", kind, code, settings, version`;

export async function allOverrides(q: Queryable): Promise<CityOverride[]> {
  const { rows } = await q.query<CityOverride>(
    `select ${COLUMNS} from city_detector_settings order by city_code, kind, code`,
  );
  return rows;
}

export async function overrideRow(
  q: Queryable,
  city: string,
  kind: SettingKind,
  code: string,
): Promise<CityOverride | null> {
  const { rows } = await q.query<CityOverride>(
    `select ${COLUMNS} from city_detector_settings where city_code = $1 and kind = $2 and code = $3 for update`,
    [city, kind, code],
  );
  return rows[0] ?? null;
}

/** The city's first override of this setting; false when another request created it meanwhile. */
export async function insertOverride(
  q: Queryable,
  o: { city: string; kind: SettingKind; code: string; settings: Record<string, unknown>; version: number },
): Promise<boolean> {
  const { rows } = await q.query(
    `insert into city_detector_settings (city_code, kind, code, settings, version) values ($1, $2, $3, $4, $5)
     on conflict do nothing returning code`,
    [o.city, o.kind, o.code, JSON.stringify(o.settings), o.version],
  );
  return rows.length > 0;
}

/** Replaces the city's override under optimistic concurrency; false when the version is stale. */
export async function updateOverride(
  q: Queryable,
  o: { city: string; kind: SettingKind; code: string; settings: Record<string, unknown>; version: number },
): Promise<boolean> {
  const { rows } = await q.query(
    `update city_detector_settings set settings = $4, version = version + 1, updated_at = now()
      where city_code = $1 and kind = $2 and code = $3 and version = $5 returning code`,
    [o.city, o.kind, o.code, JSON.stringify(o.settings), o.version],
  );
  return rows.length > 0;
}

/** The counties that hold cards or stream sources: what an all-counties detection run covers. */
export async function countiesWithData(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ c: string }>(
    `select county_code as c from case_reports union select county_code as c from stream_sources order by 1`,
  );
  return rows.map((r) => r.c);
}
