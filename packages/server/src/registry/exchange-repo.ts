// The reads of bulk exchange in SQL: what an import is checked against, and the rows an export writes out
// (narrowed by the caller's scope here, like every institution list).
import type { Principal } from '@weijian/core/identity';
import type { Queryable } from '../platform/db.ts';
import type { OutCell } from '../platform/file-decoding.ts';
import { POPULATION_SELECT, RESOURCE_SELECT } from './facts-repo.ts';
import { INSTITUTION_COLUMNS, type InstitutionRow, scopeCondition } from './institutions-repo.ts';

/** An institution as a yearly-report row names it (by id or by credit code). */
export interface InstitutionRef {
  id: number;
  uscc: string | null;
  name: string;
  areaCode: string;
  countyCode: string;
}

export async function institutionsByIds(q: Queryable, ids: readonly number[]): Promise<InstitutionRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<InstitutionRow>(
    `select ${INSTITUTION_COLUMNS} from institutions i left join networks n on n.id = i.network_id where i.id = any($1::int[])`,
    [[...ids]],
  );
  return rows;
}

/** Which institution holds each of these credit codes (whoever can see it: the code is unique). */
export async function usccHolders(q: Queryable, usccs: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await q.query<{ id: number; uscc: string }>(
    'select id, uscc from institutions where uscc = any($1::text[])',
    [[...usccs]],
  );
  return new Map(rows.map((t) => [t.uscc, t.id]));
}

export async function institutionRefs(
  q: Queryable,
  ids: readonly number[],
  usccs: readonly string[],
): Promise<InstitutionRef[]> {
  const { rows } = await q.query<InstitutionRef>(
    `select id, uscc, name, area_code as "areaCode", county_code as "countyCode" from institutions
      where id = any($1::int[]) or uscc = any($2::text[])`,
    [[...ids], [...usccs]],
  );
  return rows;
}

/** 'institutionId/year' of the stored yearly reports of these institutions. */
export async function storedResourceKeys(q: Queryable, institutionIds: readonly number[]): Promise<Set<string>> {
  if (institutionIds.length === 0) return new Set();
  const { rows } = await q.query<{ k: string }>(
    `select institution_id || '/' || year as k from institution_resources where institution_id = any($1::int[])`,
    [[...institutionIds]],
  );
  return new Set(rows.map((r) => r.k));
}

/** 'areaCode/year' of the stored population rows of these areas. */
export async function storedPopulationKeys(q: Queryable, areaCodes: readonly string[]): Promise<Set<string>> {
  if (areaCodes.length === 0) return new Set();
  const { rows } = await q.query<{ k: string }>(
    `select area_code || '/' || year as k from area_population where area_code = any($1::text[])`,
    [[...areaCodes]],
  );
  return new Set(rows.map((r) => r.k));
}

/** Institutions within `p`'s scope, under `area`, open at some time in `year` when given. */
export async function exportedInstitutions(
  q: Queryable,
  p: Principal,
  area: string | null,
  year: number | undefined,
): Promise<InstitutionRow[]> {
  const params: unknown[] = [];
  const where = [scopeCondition(p, params)];
  if (area) {
    params.push(`${area}%`);
    where.push(`i.area_code like $${params.length}`);
  }
  if (year) {
    params.push(`${year}-12-31`, `${year}-01-01`);
    where.push(
      `(i.opened_on is null or i.opened_on <= $${params.length - 1}::date) and (i.closed_on is null or i.closed_on >= $${params.length}::date)`,
    );
  }
  const { rows } = await q.query<InstitutionRow>(
    `select ${INSTITUTION_COLUMNS} from institutions i left join networks n on n.id = i.network_id
      where ${where.join(' and ')} order by i.area_code, i.id`,
    params,
  );
  return rows;
}

/** Yearly reports of the institutions within `p`'s scope, under `area`, of `year` when given. */
export async function exportedResources(
  q: Queryable,
  p: Principal,
  area: string | null,
  year: number | undefined,
): Promise<Record<string, OutCell>[]> {
  const params: unknown[] = [];
  const where = [scopeCondition(p, params)];
  if (area) {
    params.push(`${area}%`);
    where.push(`i.area_code like $${params.length}`);
  }
  if (year) {
    params.push(year);
    where.push(`r.year = $${params.length}`);
  }
  const { rows } = await q.query<Record<string, OutCell>>(
    `select r.institution_id as "institutionId", i.uscc, i.name, r.year::int as year, ${RESOURCE_SELECT.replace(/(^|, )(\w+) as/g, '$1r.$2 as')}
       from institution_resources r join institutions i on i.id = r.institution_id
      where ${where.join(' and ')} order by i.area_code, i.id, r.year`,
    params,
  );
  return rows;
}

/** Population rows under `area`, of `year` when given (the caller filters them by scope, year by year). */
export async function exportedPopulation(
  q: Queryable,
  area: string | null,
  year: number | undefined,
): Promise<(Record<string, OutCell> & { areaCode: string; year: number })[]> {
  const params: unknown[] = [];
  const where = ['true'];
  if (area) {
    params.push(`${area}%`);
    where.push(`area_code like $${params.length}`);
  }
  if (year) {
    params.push(year);
    where.push(`year = $${params.length}`);
  }
  const { rows } = await q.query<Record<string, OutCell> & { areaCode: string; year: number }>(
    `select area_code as "areaCode", year::int as year, ${POPULATION_SELECT} from area_population
      where ${where.join(' and ')} order by area_code, year`,
    params,
  );
  return rows;
}
