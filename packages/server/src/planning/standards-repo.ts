// Standards in SQL: the numbers in force (defaults copied from core at first use, then edited) and each
// region's own numbers.
import { STANDARDS } from '@weijian/core/planning/standards';
import type { Db, Queryable } from '../platform/db.ts';

export interface StandardRow {
  code: string;
  params: Record<string, number>;
  enabled: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface RegionParamsRow {
  code: string;
  regionCode: string;
  params: Record<string, number>;
  note: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

const TS = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const seeded = new WeakMap<Db, Promise<void>>();

/** Copies definitions missing from the table (new standards in an upgrade); edited numbers are kept. */
export function ensureStandards(db: Db): Promise<void> {
  let p = seeded.get(db);
  if (!p) {
    p = db
      .query(
        `insert into standards (code, params)
         select * from unnest($1::text[], $2::jsonb[]) on conflict (code) do nothing`,
        [STANDARDS.map((s) => s.code), STANDARDS.map((s) => JSON.stringify(s.params))],
      )
      .then(() => undefined);
    p.catch(() => seeded.delete(db));
    seeded.set(db, p);
  }
  return p;
}

export async function listStandardRows(q: Queryable): Promise<{ rows: StandardRow[]; regions: RegionParamsRow[] }> {
  const [a, b] = await Promise.all([
    q.query<StandardRow>(
      `select code, params, enabled, version, updated_by as "updatedBy", ${TS('updated_at')} as "updatedAt"
         from standards order by code`,
    ),
    q.query<RegionParamsRow>(
      `select code, region_code as "regionCode", params, note, version, updated_by as "updatedBy",
              ${TS('updated_at')} as "updatedAt"
         from standard_params order by code, region_code`,
    ),
  ]);
  return { rows: a.rows, regions: b.rows };
}

export async function updateStandardRow(
  q: Queryable,
  code: string,
  version: number,
  change: { params: Record<string, number>; enabled: boolean },
  user: string,
): Promise<boolean> {
  const { rows } = await q.query(
    `update standards set params = $3, enabled = $4, version = version + 1, updated_by = $5, updated_at = now()
      where code = $1 and version = $2 returning 1`,
    [code, version, JSON.stringify(change.params), change.enabled, user],
  );
  return rows.length === 1;
}

/** Inserts a region's numbers (version null: must not exist yet) or updates them at `version`. */
export async function putRegionParams(
  q: Queryable,
  code: string,
  region: string,
  version: number | null,
  params: Record<string, number>,
  note: string | null,
  user: string,
): Promise<boolean> {
  if (version === null) {
    const { rows } = await q.query(
      `insert into standard_params (code, region_code, params, note, updated_by) values ($1, $2, $3, $4, $5)
       on conflict (code, region_code) do nothing returning 1`,
      [code, region, JSON.stringify(params), note, user],
    );
    return rows.length === 1;
  }
  const { rows } = await q.query(
    `update standard_params set params = $4, note = $5, version = version + 1, updated_by = $6, updated_at = now()
      where code = $1 and region_code = $2 and version = $3 returning 1`,
    [code, region, version, JSON.stringify(params), note, user],
  );
  return rows.length === 1;
}

export async function deleteRegionParams(
  q: Queryable,
  code: string,
  region: string,
  version: number,
): Promise<boolean> {
  const { rows } = await q.query(
    'delete from standard_params where code = $1 and region_code = $2 and version = $3 returning 1',
    [code, region, version],
  );
  return rows.length === 1;
}
