// The registry's part of the synthetic demo city produced by core's deterministic generator: real division
// codes and boundaries (villages loaded when missing), synthetic networks, institutions, yearly resources
// and population for 2016–2025, and the 'demo' setting the UI reads.
import { type DemoAreaInput, generateDemoCity } from '@weijian/core/demo';
import { columnOf, POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import { audit } from '../platform/audit.ts';
import type { Queryable } from '../platform/db.ts';
import type { DemoSeedOptions } from '../platform/module.ts';
import { loadVillages, villageCount } from './areas-seed.ts';
import { currentYear } from './areas-service.ts';
import { boundariesOf } from './boundaries.ts';
import type { RegistryServices } from './services.ts';
import { writeSetting } from './settings-repo.ts';

const FROM_YEAR = 2016;
const TO_YEAR = 2025;

/** Removes the demo city's synthetic registry data (after the other modules removed what refers to it). */
export async function clearRegistryDemo(s: RegistryServices, o: DemoSeedOptions): Promise<void> {
  const city = `${o.city}%`;
  await s.db.tx(async (q) => {
    await q.query(
      'delete from institution_resources where institution_id in (select id from institutions where synthetic)',
    );
    await q.query('update networks set lead_institution_id = null where county_code like $1', [city]);
    await q.query('delete from institutions where synthetic');
    await q.query(
      `delete from networks where county_code like $1 and not exists (select 1 from institutions i where i.network_id = networks.id)`,
      [city],
    );
    await q.query('delete from area_population where county_code like $1', [city]);
  });
}

export async function seedRegistryDemo(
  s: RegistryServices,
  o: DemoSeedOptions,
): Promise<{ institutions: number; resources: number; population: number }> {
  if ((await villageCount(s.db, o.city)) === 0) await loadVillages(s.db, o.city);
  s.areas.invalidate();
  const tree = await s.areas.tree();

  // County centroids come from the shipped boundaries (feature property cp), so institutions sit where the map draws them.
  const centroids = new Map<string, [number, number]>();
  const geo = (await boundariesOf(s, o.city)) as {
    features: { properties: { code: string; cp?: [number, number] } }[];
  } | null;
  for (const f of geo?.features ?? []) if (f.properties.cp) centroids.set(f.properties.code, f.properties.cp);

  const year = currentYear();
  const inputs: DemoAreaInput[] = [];
  for (const county of tree.childrenIn(o.city, year)) {
    const cp = centroids.get(county.code);
    inputs.push({
      code: county.code,
      name: county.name,
      level: 3,
      parentCode: o.city,
      urbanRural: null,
      lng: cp?.[0],
      lat: cp?.[1],
    });
    for (const t of tree.childrenIn(county.code, year)) {
      inputs.push({ code: t.code, name: t.name, level: 4, parentCode: county.code, urbanRural: null });
      for (const v of tree.childrenIn(t.code, year)) {
        const rec = v as typeof v & { urbanRural?: string | null };
        inputs.push({ code: v.code, name: v.name, level: 5, parentCode: t.code, urbanRural: rec.urbanRural ?? null });
      }
    }
  }
  const city = generateDemoCity(inputs, { seed: o.seed, scale: o.scale, fromYear: FROM_YEAR, toYear: TO_YEAR });

  await s.db.tx(async (q) => {
    const networkIds = new Map<string, number>();
    for (const n of city.networks) {
      const { rows } = await q.query<{ id: number }>(
        'insert into networks (county_code, name, type) values ($1, $2, $3) returning id',
        [n.countyCode, n.name, n.type],
      );
      networkIds.set(n.key, rows[0]!.id);
    }
    // Ids are drawn from the identity sequence up front so resources can reference them in one bulk insert.
    const { rows: idRows } = await q.query<{ id: number }>(
      `select nextval(pg_get_serial_sequence('institutions', 'id'))::int as id from generate_series(1, $1)`,
      [city.institutions.length],
    );
    const ids = new Map(city.institutions.map((inst, i) => [inst.key, idRows[i]!.id]));
    const I = city.institutions;
    await bulk(q, 'institutions', { overriding: true }, [
      ['id', 'int', I.map((i) => ids.get(i.key))],
      ['county_code', 'text', I.map((i) => i.countyCode)],
      ['area_code', 'text', I.map((i) => i.areaCode)],
      ['name', 'text', I.map((i) => i.name)],
      ['uscc', 'text', I.map((i) => i.uscc)],
      ['category', 'text', I.map((i) => i.category)],
      ['grade_level', 'smallint', I.map((i) => i.gradeLevel)],
      ['grade_class', 'text', I.map((i) => i.gradeClass)],
      ['ownership', 'text', I.map((i) => i.ownership)],
      ['for_profit', 'boolean', I.map((i) => i.forProfit)],
      ['lng', 'float8', I.map((i) => i.lng)],
      ['lat', 'float8', I.map((i) => i.lat)],
      ['opened_on', 'date', I.map((i) => i.openedOn)],
      ['closed_on', 'date', I.map((i) => i.closedOn)],
      ['network_id', 'int', I.map((i) => (i.networkKey ? (networkIds.get(i.networkKey) ?? null) : null))],
      ['synthetic', 'boolean', I.map(() => true)],
    ]);
    for (const n of city.networks) {
      await q.query('update networks set lead_institution_id = $2 where id = $1', [
        networkIds.get(n.key),
        ids.get(n.leadKey),
      ]);
    }
    const county = new Map(I.map((i) => [i.key, i.countyCode]));
    const R = city.resources;
    await bulk(q, 'institution_resources', {}, [
      ['county_code', 'text', R.map((r) => county.get(r.institutionKey))],
      ['institution_id', 'int', R.map((r) => ids.get(r.institutionKey))],
      ['year', 'smallint', R.map((r) => r.year)],
      ...RESOURCE_FIELDS.map(
        (f) => [columnOf(f.key), f.group === 'service' ? 'int8' : 'int', R.map((r) => r.values[f.key])] as Column,
      ),
    ]);
    const P = city.population;
    await bulk(q, 'area_population', {}, [
      ['county_code', 'text', P.map((p) => tree.get(p.areaCode)?.parentCode ?? p.areaCode.slice(0, 6))],
      ['area_code', 'text', P.map((p) => p.areaCode)],
      ['year', 'smallint', P.map((p) => p.year)],
      ...POPULATION_FIELDS.map((f) => [columnOf(f.key), 'int', P.map((p) => p.values[f.key])] as Column),
    ]);
    await audit(
      q,
      { principal: null, username: 'weijian demo', ip: null },
      {
        action: 'demo.reset',
        entity: 'demo',
        areaCode: o.city,
        after: {
          seed: o.seed,
          scale: o.scale,
          institutions: city.institutions.length,
          resources: city.resources.length,
        },
      },
    );
    await writeSetting(q, 'demo', {
      cityCode: o.city,
      fromYear: FROM_YEAR,
      toYear: TO_YEAR,
      seed: o.seed,
      scale: o.scale,
    });
  });
  // Fresh bulk-loaded tables: set hint bits and statistics now rather than on the first user's queries.
  for (const table of ['institutions', 'institution_resources', 'area_population', 'areas']) {
    await s.db.exec(`vacuum analyze ${table}`);
  }
  return {
    institutions: city.institutions.length,
    resources: city.resources.length,
    population: city.population.length,
  };
}

type Column = [string, string, unknown[]];

async function bulk(q: Queryable, table: string, opts: { overriding?: boolean }, columns: Column[]) {
  const n = columns[0]![2].length;
  const CHUNK = 5000;
  for (let start = 0; start < n; start += CHUNK) {
    const params = columns.map(([, , values]) => values.slice(start, start + CHUNK));
    await q.query(
      `insert into ${table} (${columns.map((c) => c[0]).join(', ')}) ${opts.overriding ? 'overriding system value' : ''}
       select * from unnest(${columns.map((c, i) => `$${i + 1}::${c[1]}[]`).join(', ')})`,
      params,
    );
  }
}
