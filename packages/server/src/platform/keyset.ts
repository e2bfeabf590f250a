// Keyset pagination and capped counts for every list endpoint. An offset makes the database read and throw
// away every row before the page (the last page of 65,773 institutions read them all), and `count(*) over ()`
// reads every match on every page. Here a page starts after the sort key of the previous page's last row,
// which an index on the same terms finds directly, and the total counts at most CAP + 1 rows: exact when small,
// "10,000 or more" when large, and the response says which. The total is counted for the first page only and
// carried in the cursor to the following ones: paging on costs one index range scan per page, and every page
// of one listing shows the same total (the count as of its first page).
//
// The cursor is opaque to clients (base64url of JSON) but not trusted: it names the sort order it was made
// for and carries one value per sort term, each checked against the term's SQL type before it is bound, so a
// forged or stale cursor is a 422 naming `cursor`, never a failed cast (500) or a page of another order.
import { isCalendarDate, isMalformedText } from '@weijian/core/platform';
import type { Queryable } from './db.ts';
import { invalid } from './errors.ts';

/** The SQL type of a sort term: how its cursor value is checked and cast. */
export type KeyType = 'int' | 'bigint' | 'text' | 'date' | 'timestamptz';

/**
 * One term of an order. `expr` must never be NULL (wrap nullable columns in coalesce): a keyset comparison
 * with NULL is unknown, and the index serving the order is built on the same expression.
 */
export interface SortTerm {
  expr: string;
  type: KeyType;
  desc?: boolean;
}

/** An order with a name (carried in its cursors) whose terms end in a unique key, so every row has one place. */
export interface Keyset {
  name: string;
  terms: SortTerm[];
}

/** The same order reversed (a `-sort` request): every term flips, so an index serves it scanned backwards. */
export const reversed = (k: Keyset): Keyset => ({
  name: `-${k.name}`,
  terms: k.terms.map((t) => ({ ...t, desc: !t.desc })),
});

/** Beyond this many matches a list says "CAP or more" instead of counting the rest. */
export const COUNT_CAP = 10_000;

const INT4 = 2_147_483_647n;
const BIGINT = 9_223_372_036_854_775_807n;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;

function validValue(type: KeyType, v: unknown): v is string {
  if (typeof v !== 'string') return false;
  switch (type) {
    case 'int':
    case 'bigint': {
      if (!/^-?\d{1,19}$/.test(v)) return false;
      const n = BigInt(v);
      const max = type === 'int' ? INT4 : BIGINT;
      return n <= max && n >= -max - 1n;
    }
    case 'date':
      return v === 'infinity' || v === '-infinity' || isCalendarDate(v);
    case 'timestamptz': {
      const m = TIMESTAMP.exec(v);
      return !!m && isCalendarDate(m[1]!);
    }
    case 'text':
      return v.length <= 1000 && !v.includes('\u0000') && !isMalformedText(v);
  }
}

const badCursor = () =>
  invalid([
    {
      path: 'cursor',
      message: {
        zh: '翻页位置无效（可能来自其他排序或已被篡改），请从第一页重新开始',
        en: 'Invalid page cursor (made for another order, or altered): start again from the first page',
      },
    },
  ]);

export interface Count {
  total: number;
  totalExact: boolean;
}

/** What a cursor carries: the last row's sort key and the listing's count. */
export interface CursorContent {
  values: string[];
  count: Count;
}

/** The sort-key values and count a cursor carries, checked against the order it must have been made for. */
export function decodeCursor(keyset: Keyset, cursor: string): CursorContent {
  if (cursor.length > 4000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { s, k, t, e } = (parsed ?? {}) as { s?: unknown; k?: unknown; t?: unknown; e?: unknown };
  if (s !== keyset.name || !Array.isArray(k) || k.length !== keyset.terms.length) throw badCursor();
  if (!keyset.terms.every((term, i) => validValue(term.type, k[i]))) throw badCursor();
  if (!Number.isInteger(t) || (t as number) < 0 || (t as number) > COUNT_CAP || typeof e !== 'boolean') {
    throw badCursor();
  }
  return { values: k as string[], count: { total: t as number, totalExact: e } };
}

export function encodeCursor(keyset: Keyset, values: string[], count: Count): string {
  const body = { s: keyset.name, k: values, t: count.total, e: count.totalExact };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** A term's value as text that casts back to exactly the stored value (timestamps to the microsecond, in UTC). */
function keyText(t: SortTerm): string {
  return t.type === 'timestamptz'
    ? `to_char((${t.expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : `(${t.expr})::text`;
}

const sqlType = (t: KeyType) => (t === 'int' ? 'integer' : t);

/**
 * The condition "after the cursor's row" in the keyset's order. When every term runs the same way it is one
 * row comparison, which PostgreSQL turns into an index range start; mixed directions expand to
 * `a > x or (a = x and (b < y or …))`, led by `a >= x` so the first term still bounds the index scan.
 */
export function afterCondition(keyset: Keyset, values: string[], bind: (v: unknown) => string): string {
  const terms = keyset.terms;
  const vals = terms.map((t, i) => `${bind(values[i])}::${sqlType(t.type)}`);
  const desc = terms[0]!.desc ?? false;
  if (terms.every((t) => (t.desc ?? false) === desc)) {
    return `(${terms.map((t) => t.expr).join(', ')}) ${desc ? '<' : '>'} (${vals.join(', ')})`;
  }
  let cond = '';
  for (let i = terms.length - 1; i >= 0; i--) {
    const t = terms[i]!;
    const strict = `${t.expr} ${t.desc ? '<' : '>'} ${vals[i]}`;
    cond = cond ? `(${strict} or (${t.expr} = ${vals[i]} and ${cond}))` : strict;
  }
  return `${terms[0]!.expr} ${desc ? '<=' : '>='} ${vals[0]} and ${cond}`;
}

export interface PageQuery {
  /** Condition to add to the WHERE clause (null on the first page). */
  after: string | null;
  /** The count the cursor carried from the first page (null on the first page: count it). */
  carried: Count | null;
  /** The ORDER BY list. */
  orderBy: string;
  /** Extra select-list entries carrying the sort key of each row (`"_k0"`, …). */
  keyColumns: string;
  /** Rows to fetch: one more than the page, to know whether another page follows. */
  fetch: number;
}

/** Plans one page: decodes the cursor (422 when invalid) and returns the SQL parts. */
export function pageQuery(
  keyset: Keyset,
  cursor: string | undefined,
  limit: number,
  bind: (v: unknown) => string,
): PageQuery {
  const from = cursor ? decodeCursor(keyset, cursor) : null;
  return {
    after: from ? afterCondition(keyset, from.values, bind) : null,
    carried: from?.count ?? null,
    orderBy: keyset.terms.map((t) => `${t.expr} ${t.desc ? 'desc' : 'asc'}`).join(', '),
    keyColumns: keyset.terms.map((t, i) => `${keyText(t)} as "_k${i}"`).join(', '),
    fetch: limit + 1,
  };
}

/** The page: its rows without their key columns, the count, and the cursor of the next page (null at the end). */
export function pageResult<T extends object>(
  keyset: Keyset,
  rows: T[],
  limit: number,
  count: Count,
): Count & { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const strip = (r: T) => {
    const out = { ...r } as Record<string, unknown>;
    for (let i = 0; i < keyset.terms.length; i++) delete out[`_k${i}`];
    return out as T;
  };
  const last = page.at(-1) as Record<string, unknown> | undefined;
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    const values = keyset.terms.map((_, i) => last[`_k${i}`]);
    if (values.some((v) => typeof v !== 'string')) throw new Error(`keyset ${keyset.name}: a sort key is NULL`);
    nextCursor = encodeCursor(keyset, values as string[], count);
  }
  return { ...count, items: page.map(strip), nextCursor };
}

/**
 * The count of a whole table when the planner's statistics put it far above the cap (twice over, so that stale
 * statistics cannot plausibly turn "10,000 or more" false): "cap or more" without reading a row. Null when
 * the statistics say less or nothing (never analysed): count then.
 */
export async function countFromStatistics(q: Queryable, table: string, cap = COUNT_CAP): Promise<Count | null> {
  const { rows } = await q.query<{ n: number | null }>(
    'select reltuples::float8 as n from pg_class where oid = to_regclass($1)',
    [table],
  );
  const n = rows[0]?.n ?? -1;
  return n > 2 * cap ? { total: cap, totalExact: false } : null;
}

/** How many rows `select 1 from … where …` yields, counting at most `cap + 1` of them. */
export async function cappedCount(
  q: Queryable,
  selectOne: string,
  params: readonly unknown[],
  cap = COUNT_CAP,
): Promise<Count> {
  const { rows } = await q.query<{ n: number }>(
    `select count(*)::int as n from (${selectOne} limit ${cap + 1}) capped`,
    [...params],
  );
  const n = rows[0]?.n ?? 0;
  return n > cap ? { total: cap, totalExact: false } : { total: n, totalExact: true };
}

/**
 * One page of `select <columns> from <from> where <where>` in the keyset's order after the cursor, with the
 * capped count (counted on the first page, carried by the cursor after). `params` are the where's; the page
 * binds its own after them.
 */
export async function keysetPage<T extends object>(
  q: Queryable,
  keyset: Keyset,
  spec: { columns: string; from: string; where: string[]; params: unknown[]; limit: number; cursor?: string },
) {
  const { columns, from, where, params, limit, cursor } = spec;
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const countOf = [`select 1 from ${from} where ${where.join(' and ')}`, [...params]] as const;
  const page = pageQuery(keyset, cursor, limit, bind);
  const cond = page.after ? [...where, page.after] : where;
  const [{ rows }, count] = await Promise.all([
    q.query<T>(
      `select ${columns}, ${page.keyColumns} from ${from}
        where ${cond.join(' and ')} order by ${page.orderBy} limit ${bind(page.fetch)}`,
      params,
    ),
    page.carried ?? cappedCount(q, ...countOf),
  ]);
  return pageResult(keyset, rows, limit, count);
}
