// Bulk writes of a checked import plan: multi-row `insert … select * from unnest(…)` statements in chunks,
// never one query per row, all on the caller's transaction.
import { columnOf, POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import type { Queryable } from '../platform/db.ts';
import type { InstitutionWrite, Plan, PopulationWrite, ResourceWrite } from './exchange-check.ts';

const CHUNK = 5000;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Writes the plan; returns the affected ids (institution ids, `id/year`, `area/year`). `present` holds the
 * fact keys that were columns of the file: a yearly report or population row updated from a file that
 * lacks a column keeps its stored value there (only a blank cell in a present column clears a value).
 */
export async function writePlan(q: Queryable, plan: Plan, present: ReadonlySet<string>): Promise<(string | number)[]> {
  if (plan.kind === 'institutions') return writeInstitutions(q, plan.rows);
  if (plan.kind === 'resources') return writeResources(q, plan.rows, present);
  return writePopulation(q, plan.rows, present);
}

/** The stored rows an import is about to overwrite, for the audit entry's `before`. */
export async function snapshotBefore(q: Queryable, plan: Plan): Promise<unknown[]> {
  if (plan.kind === 'institutions') {
    const ids = plan.rows.filter((w) => w.id !== null).map((w) => w.id);
    if (!ids.length) return [];
    return (await q.query('select * from institutions where id = any($1::int[]) order by id', [ids])).rows;
  }
  if (plan.kind === 'resources') {
    return (
      await q.query(
        `select r.* from institution_resources r
           join unnest($1::int[], $2::smallint[]) as k(id, y) on r.institution_id = k.id and r.year = k.y
          order by r.institution_id, r.year`,
        [plan.rows.map((w) => w.institutionId), plan.rows.map((w) => w.year)],
      )
    ).rows;
  }
  return (
    await q.query(
      `select p.* from area_population p
         join unnest($1::text[], $2::smallint[]) as k(a, y) on p.area_code = k.a and p.year = k.y
        order by p.area_code, p.year`,
      [plan.rows.map((w) => w.areaCode), plan.rows.map((w) => w.year)],
    )
  ).rows;
}

/** `col = excluded.col` for columns in the file, `col = table.col` (kept) for the others. */
const setClause = (table: string, fields: readonly { key: string }[], present: ReadonlySet<string>) =>
  fields
    .map((f) => {
      const c = columnOf(f.key);
      return `${c} = ${present.has(f.key) ? `excluded.${c}` : `${table}.${c}`}`;
    })
    .join(', ');

const INST_COLS: [col: string, type: string, get: (w: InstitutionWrite) => unknown][] = [
  ['county_code', 'text', (w) => w.countyCode],
  ['area_code', 'text', (w) => w.input.areaCode],
  ['name', 'text', (w) => w.input.name],
  ['uscc', 'text', (w) => w.input.uscc],
  ['category', 'text', (w) => w.input.category],
  ['grade_level', 'smallint', (w) => w.input.gradeLevel],
  ['grade_class', 'text', (w) => w.input.gradeClass],
  ['ownership', 'text', (w) => w.input.ownership],
  ['for_profit', 'boolean', (w) => w.input.forProfit],
  ['lng', 'float8', (w) => w.input.lng],
  ['lat', 'float8', (w) => w.input.lat],
  ['opened_on', 'date', (w) => w.input.openedOn],
  ['closed_on', 'date', (w) => w.input.closedOn],
  ['network_id', 'int', (w) => w.input.networkId],
];

async function writeInstitutions(q: Queryable, rows: InstitutionWrite[]): Promise<number[]> {
  const fresh = rows.filter((w) => w.id === null);
  const changed = rows.filter((w) => w.id !== null);
  const unnest = (offset: number) => INST_COLS.map(([, t], i) => `$${i + offset}::${t}[]`).join(', ');
  const arrays = (part: InstitutionWrite[]) => INST_COLS.map(([, , get]) => part.map(get));
  // Ids come from the identity sequence first, so each new row knows its id without relying on the
  // order of RETURNING.
  const ids: number[] = [];
  if (fresh.length) {
    const { rows: seq } = await q.query<{ id: number }>(
      `select nextval(pg_get_serial_sequence('institutions', 'id'))::int as id from generate_series(1, $1::int)`,
      [fresh.length],
    );
    fresh.forEach((w, i) => {
      w.id = seq[i]!.id;
    });
  }
  for (const part of chunks(fresh)) {
    await q.query(
      `insert into institutions (id, ${INST_COLS.map(([c]) => c).join(', ')}) overriding system value
       select * from unnest($1::int[], ${unnest(2)})`,
      [part.map((w) => w.id), ...arrays(part)],
    );
  }
  for (const part of chunks(changed)) {
    await q.query(
      `update institutions i set ${INST_COLS.map(([c]) => `${c} = u.${c}`).join(', ')}, version = i.version + 1, updated_at = now()
         from unnest($1::int[], ${unnest(2)}) as u(id, ${INST_COLS.map(([c]) => c).join(', ')})
        where i.id = u.id`,
      [part.map((w) => w.id), ...arrays(part)],
    );
    // Yearly resources follow an institution that moved county (they carry the county as their key).
    await q.query(
      `update institution_resources r set county_code = u.county_code
         from unnest($1::int[], $2::text[]) as u(id, county_code)
        where r.institution_id = u.id and r.county_code <> u.county_code`,
      [part.map((w) => w.id), part.map((w) => w.countyCode)],
    );
  }
  for (const w of rows) ids.push(w.id!);
  return ids;
}

const RES_COLS = RESOURCE_FIELDS.map((f) => columnOf(f.key));
const POP_COLS = POPULATION_FIELDS.map((f) => columnOf(f.key));
// Counts travel as bigint arrays; integer columns take them by assignment cast (values were checked ≤ 2e9).
const countArrays = (n: number, offset: number) =>
  Array.from({ length: n }, (_, i) => `$${i + offset}::bigint[]`).join(', ');

async function writeResources(q: Queryable, rows: ResourceWrite[], present: ReadonlySet<string>): Promise<string[]> {
  for (const part of chunks(rows)) {
    await q.query(
      `insert into institution_resources (county_code, institution_id, year, ${RES_COLS.join(', ')})
       select * from unnest($1::text[], $2::int[], $3::smallint[], ${countArrays(RES_COLS.length, 4)})
       on conflict (county_code, institution_id, year) do update set
         ${setClause('institution_resources', RESOURCE_FIELDS, present)},
         version = institution_resources.version + 1, updated_at = now()`,
      [
        part.map((w) => w.countyCode),
        part.map((w) => w.institutionId),
        part.map((w) => w.year),
        ...RESOURCE_FIELDS.map((f) => part.map((w) => w.values[f.key])),
      ],
    );
  }
  return rows.map((w) => `${w.institutionId}/${w.year}`);
}

async function writePopulation(q: Queryable, rows: PopulationWrite[], present: ReadonlySet<string>): Promise<string[]> {
  for (const part of chunks(rows)) {
    await q.query(
      `insert into area_population (county_code, area_code, year, ${POP_COLS.join(', ')})
       select * from unnest($1::text[], $2::text[], $3::smallint[], ${countArrays(POP_COLS.length, 4)})
       on conflict (county_code, area_code, year) do update set
         ${setClause('area_population', POPULATION_FIELDS, present)},
         version = area_population.version + 1, updated_at = now()`,
      [
        part.map((w) => w.countyCode),
        part.map((w) => w.areaCode),
        part.map((w) => w.year),
        ...POPULATION_FIELDS.map((f) => part.map((w) => w.values[f.key])),
      ],
    );
  }
  return rows.map((w) => `${w.areaCode}/${w.year}`);
}
