// Institutions in SQL. Every query is narrowed by the caller's scope here, so no route can forget it.

import type { Principal } from '@weijian/core/identity';
import type { InstitutionInput } from '@weijian/core/registry';
import type { Queryable } from '../platform/db.ts';

export interface InstitutionRow extends InstitutionInput {
  id: number;
  countyCode: string;
  networkName: string | null;
  networkType: string | null;
  isNetworkLead: boolean;
  synthetic: boolean;
  version: number;
  updatedAt: string;
}

export const INSTITUTION_COLUMNS = `i.id, i.county_code as "countyCode", i.area_code as "areaCode", i.name, i.uscc,
  i.category, i.grade_level as "gradeLevel", i.grade_class as "gradeClass", i.ownership, i.for_profit as "forProfit",
  i.lng, i.lat, to_char(i.opened_on, 'YYYY-MM-DD') as "openedOn", to_char(i.closed_on, 'YYYY-MM-DD') as "closedOn",
  i.network_id as "networkId", n.name as "networkName", n.type as "networkType",
  coalesce(n.lead_institution_id = i.id, false) as "isNetworkLead", i.synthetic, i.version, i.updated_at as "updatedAt"`;

export interface ListFilter {
  area?: string;
  category?: string;
  gradeLevel?: number;
  gradeClass?: string;
  ownership?: string;
  q?: string;
  network?: number;
  sort: string;
  limit: number;
  offset: number;
}

// Each sort as [expression, ascending] terms; a leading '-' in the request flips every term.
const SORTS: Record<string, [string, boolean][]> = {
  name: [['i.name', true]],
  category: [
    ['i.category', true],
    ['i.area_code', true],
  ],
  grade: [
    ['i.grade_level', false],
    ['i.grade_class', true],
    ['i.area_code', true],
  ],
  area: [
    ['i.area_code', true],
    ['i.category', true],
  ],
  opened: [['i.opened_on', true]],
  id: [['i.id', true]],
};

function orderBy(sort: string): string {
  const flip = sort.startsWith('-');
  const terms = SORTS[sort.replace(/^-/, '')] ?? SORTS.area!;
  return [...terms, ['i.id', true] as [string, boolean]]
    .map(([expr, asc]) => `${expr} ${asc !== flip ? 'asc nulls last' : 'desc nulls first'}`)
    .join(', ');
}

/** SQL condition and parameters restricting institutions to what `p` may see. */
export function scopeCondition(p: Principal, params: unknown[]): string {
  if (p.role === 'admin') return 'true';
  if (p.role === 'institution') {
    params.push(p.scopeInstitutionId);
    return `i.id = $${params.length}`;
  }
  params.push(`${p.scopeAreaCode ?? '\u0000'}%`);
  return `i.area_code like $${params.length}`;
}

export async function listInstitutions(q: Queryable, p: Principal, f: ListFilter) {
  const params: unknown[] = [];
  const where = [scopeCondition(p, params)];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.area) where.push(`i.area_code like ${bind(`${f.area}%`)}`);
  if (f.category) where.push(`i.category like ${bind(`${f.category}%`)}`);
  if (f.gradeLevel) where.push(`i.grade_level = ${bind(f.gradeLevel)}`);
  if (f.gradeClass) where.push(`i.grade_class = ${bind(f.gradeClass)}`);
  if (f.ownership) where.push(`i.ownership = ${bind(f.ownership)}`);
  if (f.network) where.push(`i.network_id = ${bind(f.network)}`);
  if (f.q) where.push(`(i.name like ${bind(`%${f.q}%`)} or i.uscc = ${bind(f.q.toUpperCase())})`);
  const cond = where.join(' and ');
  // One statement: the page and the total from the same scan.
  const { rows } = await q.query<InstitutionRow & { total: number }>(
    `select ${INSTITUTION_COLUMNS}, count(*) over ()::int as total
       from institutions i left join networks n on n.id = i.network_id
      where ${cond} order by ${orderBy(f.sort)}
      limit ${bind(f.limit)} offset ${bind(f.offset)}`,
    params,
  );
  if (rows.length === 0 && f.offset > 0) {
    const { rows: c } = await q.query<{ n: number }>(
      `select count(*)::int as n from institutions i where ${cond}`,
      params.slice(0, -2),
    );
    return { total: c[0]?.n ?? 0, items: [] };
  }
  const total = rows[0]?.total ?? 0;
  return { total, items: rows.map(({ total: _t, ...r }) => r as InstitutionRow) };
}

export async function getInstitution(
  q: Queryable,
  id: number,
): Promise<(InstitutionRow & { networkLeadId: number | null; networkLeadName: string | null }) | null> {
  // The lead of a 城市医疗集团 may sit in another county; its name is public, so the detail shows it.
  const { rows } = await q.query<InstitutionRow & { networkLeadId: number | null; networkLeadName: string | null }>(
    `select ${INSTITUTION_COLUMNS}, n.lead_institution_id as "networkLeadId",
            (select li.name from institutions li where li.id = n.lead_institution_id) as "networkLeadName"
       from institutions i left join networks n on n.id = i.network_id where i.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

const WRITE_COLUMNS = [
  ['name', 'name'],
  ['uscc', 'uscc'],
  ['category', 'category'],
  ['gradeLevel', 'grade_level'],
  ['gradeClass', 'grade_class'],
  ['ownership', 'ownership'],
  ['forProfit', 'for_profit'],
  ['areaCode', 'area_code'],
  ['lng', 'lng'],
  ['lat', 'lat'],
  ['openedOn', 'opened_on'],
  ['closedOn', 'closed_on'],
  ['networkId', 'network_id'],
] as const;

export async function insertInstitution(
  q: Queryable,
  countyCode: string,
  i: InstitutionInput,
  synthetic = false,
): Promise<number> {
  const cols = WRITE_COLUMNS.map(([, c]) => c);
  const values = WRITE_COLUMNS.map(([k]) => i[k]);
  const { rows } = await q.query<{ id: number }>(
    `insert into institutions (county_code, synthetic, ${cols.join(', ')})
     values ($1, $2, ${cols.map((_, n) => `$${n + 3}`).join(', ')}) returning id`,
    [countyCode, synthetic, ...values],
  );
  return rows[0]!.id;
}

/** Updates when `version` still matches; returns false when someone else changed it first. */
export async function updateInstitution(
  q: Queryable,
  id: number,
  countyCode: string,
  i: InstitutionInput,
  version: number,
): Promise<boolean> {
  const sets = WRITE_COLUMNS.map(([, c], n) => `${c} = $${n + 4}`);
  const { rows } = await q.query(
    `update institutions set county_code = $3, ${sets.join(', ')}, version = version + 1, updated_at = now()
      where id = $1 and version = $2 returning id`,
    [id, version, countyCode, ...WRITE_COLUMNS.map(([k]) => i[k])],
  );
  return rows.length === 1;
}

/** The institution holding a 统一社会信用代码 (unique), if any. */
export async function institutionIdByUscc(q: Queryable, uscc: string): Promise<number | null> {
  const { rows } = await q.query<{ id: number }>('select id from institutions where uscc = $1', [uscc]);
  return rows[0]?.id ?? null;
}

export async function institutionExists(q: Queryable, id: number): Promise<boolean> {
  const { rows } = await q.query('select 1 from institutions where id = $1', [id]);
  return rows.length > 0;
}

export async function countInstitutions(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number }>('select count(*)::int as n from institutions');
  return rows[0]?.n ?? 0;
}

/** The city (4 digits) holding most institutions. */
export async function busiestCity(q: Queryable): Promise<string | null> {
  const { rows } = await q.query<{ code: string }>(
    'select substr(county_code, 1, 4) as code from institutions group by 1 order by count(*) desc limit 1',
  );
  return rows[0]?.code ?? null;
}

export async function syntheticInstitutionIds(q: Queryable): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>('select id from institutions where synthetic order by id');
  return rows.map((r) => r.id);
}

/** The demo's showcase institution: the first synthetic 三级 hospital, else the first synthetic institution. */
export async function firstSyntheticInstitution(q: Queryable): Promise<number | null> {
  const { rows } = await q.query<{ id: number }>(
    'select id from institutions where synthetic order by (grade_level is not distinct from 3) desc, id limit 1',
  );
  return rows[0]?.id ?? null;
}
