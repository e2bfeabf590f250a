// What the registry publishes about institutions (and the townships they sit in) to other contexts: look-ups
// by id and by area, township centroids for maps and the space-time scan, and the demo's reads. Every call
// answers many codes or ids at once, so a caller's bulk path stays one query per batch. Nobody else reads the
// institutions, areas or area_population tables.
import { columnOf, type ResourceKey } from '@weijian/core/registry';
import type { Db } from '../platform/db.ts';

/** An institution as other contexts see it. */
export interface DirectoryInstitution {
  id: number;
  name: string;
  areaCode: string;
  countyCode: string;
  category: string;
}

export interface Point {
  lng: number;
  lat: number;
}

/** A township's recorded population of one year (nulls where not recorded). */
export interface TownshipPopulation {
  code: string;
  countyCode: string;
  resident: number | null;
  age0To2: number | null;
  age3To6: number | null;
  age7To14: number | null;
  age15To59: number | null;
  age60To64: number | null;
  age65Plus: number | null;
  male: number | null;
}

/** An institution with its position (the access context's facilities). */
export interface LocatedInstitution extends DirectoryInstitution, Point {}

const COLUMNS = `id, name, area_code as "areaCode", county_code as "countyCode", category`;

export class InstitutionDirectory {
  constructor(private readonly db: Db) {}

  /** Institutions by id (unknown ids are absent from the map). */
  async byIds(ids: readonly number[]): Promise<Map<number, DirectoryInstitution>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const { rows } = await this.db.query<DirectoryInstitution>(
      `select ${COLUMNS} from institutions where id = any($1::int[])`,
      [unique],
    );
    return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
  }

  /** Ids of the institutions whose registered area lies under an area code (a code prefix). */
  async idsWithin(areaCode: string): Promise<number[]> {
    const { rows } = await this.db.query<{ id: number }>(`select id from institutions where area_code like $1`, [
      `${areaCode}%`,
    ]);
    return rows.map((r) => Number(r.id));
  }

  /** Institutions of the counties under an area code whose category starts with one of the prefixes, by id. */
  async inCountiesOf(areaCode: string, categoryPrefixes: readonly string[]): Promise<DirectoryInstitution[]> {
    const { rows } = await this.db.query<DirectoryInstitution>(
      `select ${COLUMNS} from institutions
        where county_code like $1 and category like any($2::text[]) order by id`,
      [`${areaCode}%`, categoryPrefixes.map((p) => `${p}%`)],
    );
    return rows;
  }

  /** Open synthetic (demo) institutions of a county whose category starts with one of the prefixes, by id. */
  async openDemoIn(countyCode: string, categoryPrefixes: readonly string[]): Promise<DirectoryInstitution[]> {
    const { rows } = await this.db.query<DirectoryInstitution>(
      `select ${COLUMNS} from institutions
        where county_code = $1 and synthetic and closed_on is null and category like any($2::text[]) order by id`,
      [countyCode, categoryPrefixes.map((p) => `${p}%`)],
    );
    return rows;
  }

  /**
   * Recorded 常住人口 of `year` of the townships under `prefix`, with the age bands and males (the care demo
   * spreads its residents over them). Null where a figure is not recorded.
   */
  async townshipPopulation(prefix: string, year: number): Promise<TownshipPopulation[]> {
    const { rows } = await this.db.query<TownshipPopulation>(
      `select area_code as code, county_code as "countyCode", resident::float8 as resident,
              age0_to2::float8 as "age0To2", age3_to6::float8 as "age3To6", age7_to14::float8 as "age7To14",
              age15_to59::float8 as "age15To59", age60_to64::float8 as "age60To64", age65_plus::float8 as "age65Plus",
              male::float8 as male
         from area_population where county_code like $1 and year = $2 and length(area_code) = 9 order by 1`,
      [`${prefix}%`, year],
    );
    return rows;
  }

  /** Ids of synthetic (demo) institutions. */
  async syntheticIds(): Promise<number[]> {
    const { rows } = await this.db.query<{ id: number }>(`select id from institutions where synthetic`);
    return rows.map((r) => Number(r.id));
  }

  /**
   * Township centroids of the given counties: the township's own coordinates (areas.lng/lat), else the mean
   * position of its institutions; townships with neither are absent.
   */
  async townshipCentroids(counties: readonly string[]): Promise<Map<string, Point>> {
    const { rows } = await this.db.query<{ code: string; lng: number | null; lat: number | null }>(
      `select a.code, coalesce(a.lng, i.lng) as lng, coalesce(a.lat, i.lat) as lat
         from areas a
         left join (select left(area_code, 9) as township, avg(lng) as lng, avg(lat) as lat
                      from institutions where county_code = any($1::text[]) and lng is not null and lat is not null
                     group by 1) i on i.township = a.code
        where a.level = 4 and a.county_code = any($1::text[])`,
      [[...counties]],
    );
    const out = new Map<string, Point>();
    for (const r of rows)
      if (r.lng !== null && r.lat !== null) out.set(r.code, { lng: Number(r.lng), lat: Number(r.lat) });
    return out;
  }

  /** The mean position and number of the located institutions in each of these townships (9-digit codes). */
  async institutionCentroids(townships: readonly string[]): Promise<Map<string, Point & { n: number }>> {
    if (!townships.length) return new Map();
    const { rows } = await this.db.query<{ code: string; lng: number; lat: number; n: number }>(
      `select substr(area_code, 1, 9) as code, avg(lng)::float8 as lng, avg(lat)::float8 as lat, count(*)::int as n
             from institutions
            where substr(area_code, 1, 9) = any($1::text[]) and lng is not null and lat is not null
            group by 1`,
      [[...townships]],
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** Each township's (9-digit) latest recorded resident population under an area code. */
  async townshipResidents(areaCode: string): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ code: string; resident: number }>(
      `select distinct on (area_code) area_code as code, resident from area_population
      where area_code like $1 and length(area_code) = 9 and resident is not null order by area_code, year desc`,
      [`${areaCode}%`],
    );
    return new Map(rows.map((r) => [r.code, r.resident]));
  }

  /**
   * Located institutions under an area code open at the end of `year` (opened on or before 31 December, not
   * closed by then), optionally only those whose category starts with one of the prefixes.
   */
  async located(areaCode: string, year: number, categoryPrefixes?: readonly string[]): Promise<LocatedInstitution[]> {
    const { rows } = await this.db.query<LocatedInstitution>(
      `select ${COLUMNS}, lng::float8 as lng, lat::float8 as lat from institutions
        where area_code like $1 and lng is not null and lat is not null
          and (opened_on is null or opened_on <= make_date($2, 12, 31))
          and (closed_on is null or closed_on > make_date($2, 12, 31))
          and ($3::text[] is null or category like any($3::text[]))
        order by id`,
      [`${areaCode}%`, year, categoryPrefixes?.length ? categoryPrefixes.map((p) => `${p}%`) : null],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** One resource of each institution as reported in its latest yearly report up to `year` (absent: none reported). */
  async latestResource(ids: readonly number[], key: ResourceKey, year: number): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const column = columnOf(key);
    const { rows } = await this.db.query<{ id: number; v: number }>(
      `select distinct on (institution_id) institution_id as id, ${column}::float8 as v from institution_resources
        where institution_id = any($1::int[]) and year <= $2 and ${column} is not null
        order by institution_id, year desc`,
      [[...new Set(ids)], year],
    );
    return new Map(rows.map((r) => [Number(r.id), Number(r.v)]));
  }

  /** Each township's and village's (9- and 12-digit) latest recorded resident population up to `year` under an area code. */
  async localResidents(areaCode: string, year: number): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ code: string; resident: number }>(
      `select distinct on (area_code) area_code as code, resident from area_population
        where county_code like $3 and area_code like $1 and length(area_code) in (9, 12) and resident is not null
          and year <= $2
        order by area_code, year desc`,
      [`${areaCode}%`, year, `${areaCode.slice(0, 6)}%`],
    );
    return new Map(rows.map((r) => [r.code, Number(r.resident)]));
  }
}
