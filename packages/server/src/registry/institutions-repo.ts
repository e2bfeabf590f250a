// Institutions in SQL. Every query is narrowed by the caller's scope here, so no route can forget it.

import type { Principal } from '@weijian/core/identity';
import type { InstitutionInput } from '@weijian/core/registry';
import type { Queryable } from '../platform/db.ts';
import {
  cappedCount,
  countFromStatistics,
  type Keyset,
  pageQuery,
  pageResult,
  reversed,
  type SortTerm,
} from '../platform/keyset.ts';

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
  /** Where the page starts (the previous page's `nextCursor`); none for the first page. */
  cursor?: string;
}

// Each sort as terms that are never NULL, ending in the unique id: the keyset's place of a row. Every one is
// served by an index on the same expressions (registry/migrations/016_list_indexes.sql); a leading '-' in the
// request flips every term, which the same index serves scanned backwards. The grade sort puts 三级 first
// and ungraded last, and 甲 乙 丙 in that order (text order would put 丙 first).
const GRADE_RANK = "(case i.grade_class when '甲' then 1 when '乙' then 2 when '丙' then 3 else 4 end)";
const ID: SortTerm = { expr: 'i.id', type: 'int' };
const SORTS: Record<string, Keyset> = {
  name: { name: 'name', terms: [{ expr: 'i.name', type: 'text' }, ID] },
  category: {
    name: 'category',
    terms: [{ expr: 'i.category', type: 'text' }, { expr: 'i.area_code', type: 'text' }, ID],
  },
  grade: {
    name: 'grade',
    terms: [
      { expr: '(-coalesce(i.grade_level, 0))', type: 'int' },
      { expr: GRADE_RANK, type: 'int' },
      { expr: 'i.area_code', type: 'text' },
      ID,
    ],
  },
  area: {
    name: 'area',
    terms: [{ expr: 'i.area_code', type: 'text' }, { expr: 'i.category', type: 'text' }, ID],
  },
  opened: { name: 'opened', terms: [{ expr: "coalesce(i.opened_on, 'infinity'::date)", type: 'date' }, ID] },
  id: { name: 'id', terms: [ID] },
};

function keysetOf(sort: string): Keyset {
  const base = SORTS[sort.replace(/^-/, '')] ?? SORTS.area!;
  return sort.startsWith('-') ? reversed(base) : base;
}

/**
 * Rows whose code starts with `prefix`. A digit prefix (every area code) is written as the range `4107` ≤ code
 * < `4108`, which a btree index serves under any collation (PostgreSQL turns LIKE into a range only under C)
 * and which the planner estimates once (LIKE and its derived range together were counted twice, the estimate
 * fell tenfold and a page was fetched by sorting the whole area instead of reading the index in order).
 */
export function codePrefix(column: string, prefix: string, bind: (v: unknown) => string): string {
  const digits = prefix.replace(/9+$/, '');
  if (!/^\d+$/.test(prefix)) return `${column} like ${bind(`${prefix}%`)}`;
  if (!digits) return `${column} >= ${bind(prefix)}`; // 9, 99, …: every digit code from there on starts so
  const next = digits.slice(0, -1) + String(Number(digits.at(-1)) + 1);
  return `(${column} >= ${bind(prefix)} and ${column} < ${bind(next)})`;
}

/** SQL condition and parameters restricting institutions to what `p` may see. */
export function scopeCondition(p: Principal, params: unknown[]): string {
  if (p.role === 'admin') return 'true';
  if (p.role === 'institution') {
    params.push(p.scopeInstitutionId);
    return `i.id = $${params.length}`;
  }
  if (!p.scopeAreaCode) return 'false';
  return codePrefix('i.area_code', p.scopeAreaCode, (v) => {
    params.push(v);
    return `$${params.length}`;
  });
}

/**
 * A page of the institutions `p` may see matching the filter, in the requested order, after the cursor; with
 * the count of all matches (exact up to COUNT_CAP, then capped and said so).
 */
export async function listInstitutions(q: Queryable, p: Principal, f: ListFilter) {
  const params: unknown[] = [];
  const where = [scopeCondition(p, params)];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.area) where.push(codePrefix('i.area_code', f.area, bind));
  if (f.category) where.push(`i.category like ${bind(`${f.category}%`)}`);
  // Written as the grade order's leading term, so that order's index finds the (few) institutions of a grade.
  if (f.gradeLevel) where.push(`(-coalesce(i.grade_level, 0)) = ${bind(-f.gradeLevel)}`);
  if (f.gradeClass) where.push(`i.grade_class = ${bind(f.gradeClass)}`);
  if (f.ownership) where.push(`i.ownership = ${bind(f.ownership)}`);
  if (f.network) where.push(`i.network_id = ${bind(f.network)}`);
  if (f.q) where.push(`(i.name like ${bind(`%${f.q}%`)} or i.uscc = ${bind(f.q.toUpperCase())})`);
  const countOf = [`select 1 from institutions i where ${where.join(' and ')}`, [...params]] as const;
  const whole = where.length === 1 && where[0] === 'true';
  const keyset = keysetOf(f.sort);
  const page = pageQuery(keyset, f.cursor, f.limit, bind);
  if (page.after) where.push(page.after);
  const [{ rows }, count] = await Promise.all([
    q.query<InstitutionRow>(
      `select ${INSTITUTION_COLUMNS}, ${page.keyColumns}
       from institutions i left join networks n on n.id = i.network_id
      where ${where.join(' and ')} order by ${page.orderBy}
      limit ${bind(page.fetch)}`,
      params,
    ),
    page.carried ?? countMatches(q, whole, countOf),
  ]);
  return pageResult(keyset, rows, f.limit, count);
}

/** The count of the list: from the statistics when nothing narrows it (an administrator's whole list). */
async function countMatches(q: Queryable, whole: boolean, countOf: readonly [string, readonly unknown[]]) {
  return (whole ? await countFromStatistics(q, 'institutions') : null) ?? cappedCount(q, ...countOf);
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
