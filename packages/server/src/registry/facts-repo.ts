// Yearly facts (resources per institution, population per area) in SQL; columns derive from core's field lists.
import {
  columnOf,
  POPULATION_FIELDS,
  type PopulationValues,
  RESOURCE_FIELDS,
  type ResourceValues,
} from '@weijian/core/registry';
import type { Queryable } from '../platform/db.ts';

const select = (fields: readonly { key: string }[]) => fields.map((f) => `${columnOf(f.key)} as "${f.key}"`).join(', ');
export const RESOURCE_SELECT = select(RESOURCE_FIELDS);
export const POPULATION_SELECT = select(POPULATION_FIELDS);
const RESOURCE_COLS = RESOURCE_FIELDS.map((f) => columnOf(f.key));
const POPULATION_COLS = POPULATION_FIELDS.map((f) => columnOf(f.key));

export type ResourceRow = ResourceValues & { year: number; version: number; updatedAt: string };
export type PopulationRow = PopulationValues & { areaCode: string; year: number; version: number; updatedAt: string };

export async function resourcesOf(q: Queryable, institutionId: number, year?: number): Promise<ResourceRow[]> {
  const { rows } = await q.query<ResourceRow>(
    `select year::int as year, version, updated_at as "updatedAt", ${RESOURCE_SELECT}
       from institution_resources where institution_id = $1 and ($2::int is null or year = $2) order by year`,
    [institutionId, year ?? null],
  );
  return rows;
}

/**
 * Writes one yearly report. With `version` it updates only that version (optimistic concurrency) and
 * returns false on a stale one; without, it inserts or replaces (imports, which validated the whole file).
 */
export async function upsertResources(
  q: Queryable,
  countyCode: string,
  institutionId: number,
  year: number,
  values: Partial<ResourceValues>,
  version?: number,
): Promise<boolean> {
  const vals = RESOURCE_FIELDS.map((f) => values[f.key] ?? null);
  if (version !== undefined) {
    const { rows } = await q.query(
      `update institution_resources set ${RESOURCE_COLS.map((c, i) => `${c} = $${i + 4}`).join(', ')},
              version = version + 1, updated_at = now()
        where institution_id = $1 and year = $2 and version = $3 returning 1`,
      [institutionId, year, version, ...vals],
    );
    return rows.length === 1;
  }
  await q.query(
    `insert into institution_resources (county_code, institution_id, year, ${RESOURCE_COLS.join(', ')})
     values ($1, $2, $3, ${RESOURCE_COLS.map((_, i) => `$${i + 4}`).join(', ')})
     on conflict (county_code, institution_id, year) do update set
       ${RESOURCE_COLS.map((c) => `${c} = excluded.${c}`).join(', ')},
       version = institution_resources.version + 1, updated_at = now()`,
    [countyCode, institutionId, year, ...vals],
  );
  return true;
}

export async function populationOfArea(q: Queryable, areaCode: string, year?: number): Promise<PopulationRow[]> {
  const { rows } = await q.query<PopulationRow>(
    `select area_code as "areaCode", year::int as year, version, updated_at as "updatedAt", ${POPULATION_SELECT}
       from area_population where area_code = $1 and ($2::int is null or year = $2) order by year`,
    [areaCode, year ?? null],
  );
  return rows;
}

export async function upsertPopulation(
  q: Queryable,
  countyCode: string,
  areaCode: string,
  year: number,
  values: Partial<PopulationValues>,
  version?: number,
): Promise<boolean> {
  const vals = POPULATION_FIELDS.map((f) => values[f.key] ?? null);
  if (version !== undefined) {
    const { rows } = await q.query(
      `update area_population set ${POPULATION_COLS.map((c, i) => `${c} = $${i + 4}`).join(', ')},
              version = version + 1, updated_at = now()
        where area_code = $1 and year = $2 and version = $3 returning 1`,
      [areaCode, year, version, ...vals],
    );
    return rows.length === 1;
  }
  await q.query(
    `insert into area_population (county_code, area_code, year, ${POPULATION_COLS.join(', ')})
     values ($1, $2, $3, ${POPULATION_COLS.map((_, i) => `$${i + 4}`).join(', ')})
     on conflict (county_code, area_code, year) do update set
       ${POPULATION_COLS.map((c) => `${c} = excluded.${c}`).join(', ')},
       version = area_population.version + 1, updated_at = now()`,
    [countyCode, areaCode, year, ...vals],
  );
  return true;
}

/** Keeps an institution's yearly reports under its county after it moved (county code is in their key). */
export async function moveResourcesToCounty(q: Queryable, institutionId: number, countyCode: string): Promise<void> {
  await q.query('update institution_resources set county_code = $2 where institution_id = $1', [
    institutionId,
    countyCode,
  ]);
}

/** First and last year with any yearly report. */
export async function resourceYearSpan(q: Queryable): Promise<{ min: number | null; max: number | null }> {
  const { rows } = await q.query<{ min: number | null; max: number | null }>(
    'select min(year)::int as min, max(year)::int as max from institution_resources',
  );
  return rows[0] ?? { min: null, max: null };
}
