// Loads the synthetic demo city (新乡市, 4107) produced by core's deterministic generator: real division
// codes and boundaries, synthetic institutions, resources and population for 2016–2025.
import { type DemoAreaInput, generateDemoCity } from '@weijian/core/demo';
import { chinaYear } from '@weijian/core/platform';
import { columnOf, POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import type { App } from '../app.ts';
import { insertUser } from '../identity/users-repo.ts';
import { loadDemoPlans } from '../planning/demo-plans.ts';
import { loadDemoTasks } from '../planning/tasks-demo.ts';
import { audit } from '../platform/audit.ts';
import { DEMO_ADMIN_PASSWORD } from '../platform/config.ts';
import type { Queryable } from '../platform/db.ts';
import { loadVillages } from '../registry/areas-seed.ts';
import { boundariesOf } from '../registry/boundaries.ts';
import {
  clearSurveillanceDemo,
  loadSurveillanceDemo,
  type SurveillanceDemoResult,
} from '../surveillance/demo-loader.ts';

export const DEMO_CITY = '4107';

export interface DemoOptions {
  scale?: number;
  seed?: number;
}

export interface DemoResult {
  institutions: number;
  resources: number;
  population: number;
  surveillance?: SurveillanceDemoResult;
  ms: number;
}

/** Creates the demo city unless the database already holds institutions (ours or a real registry's). */
export async function ensureDemo(ctx: App, opts: DemoOptions): Promise<DemoResult | null> {
  const { rows } = await ctx.db.query<{ n: number }>('select count(*)::int as n from institutions');
  if ((rows[0]?.n ?? 0) > 0) return null;
  return resetDemo(ctx, opts);
}

export async function resetDemo(ctx: App, opts: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const scale = opts.scale ?? 1;
  const seed = opts.seed ?? 20201231;
  if (!(scale > 0 && scale <= 100)) throw new Error('--scale must be between 0 and 100');
  const { rows: villageCount } = await ctx.db.query<{ n: number }>(
    `select count(*)::int as n from areas where level = 5 and code like $1`,
    [`${DEMO_CITY}%`],
  );
  if ((villageCount[0]?.n ?? 0) === 0) await loadVillages(ctx.db, DEMO_CITY);
  ctx.services.registry.areas.invalidate();
  const tree = await ctx.services.registry.areas.tree();

  // County centroids come from the shipped boundaries (feature property cp), so institutions sit where the map draws them.
  const centroids = new Map<string, [number, number]>();
  const geo = (await boundariesOf(ctx.services.registry, DEMO_CITY)) as {
    features: { properties: { code: string; cp?: [number, number] } }[];
  } | null;
  for (const f of geo?.features ?? []) if (f.properties.cp) centroids.set(f.properties.code, f.properties.cp);

  const year = chinaYear();
  const inputs: DemoAreaInput[] = [];
  for (const county of tree.childrenIn(DEMO_CITY, year)) {
    const cp = centroids.get(county.code);
    inputs.push({
      code: county.code,
      name: county.name,
      level: 3,
      parentCode: DEMO_CITY,
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
  const city = generateDemoCity(inputs, { seed, scale, fromYear: 2016, toYear: 2025 });

  await ctx.db.tx(async (q) => {
    await clearDemo(q);
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
        areaCode: DEMO_CITY,
        after: { seed, scale, institutions: city.institutions.length, resources: city.resources.length },
      },
    );
    await q.query(
      `insert into settings (key, value) values ('demo', $1) on conflict (key) do update set value = excluded.value`,
      [JSON.stringify({ cityCode: DEMO_CITY, fromYear: 2016, toYear: 2025, seed, scale })],
    );
    await ensureDemoUsers(
      q,
      ctx,
      I.find((i) => i.gradeLevel === 3) ? ids.get(I.find((i) => i.gradeLevel === 3)!.key)! : idRows[0]!.id,
    );
  });
  // Case reports, streams, signals and events (before plans: plan indicators may read surveillance figures).
  const surveillance = await loadSurveillanceDemo(ctx.services.surveillance, { cityCode: DEMO_CITY, seed });
  await loadDemoPlans(ctx.services.planning, seed);
  const { rows: demoPlan } = await ctx.db.query<{ id: number }>(
    'select id from plans where synthetic and region_code = $1 order by id limit 1',
    [DEMO_CITY],
  );
  if (demoPlan[0]) await loadDemoTasks(ctx.services.planning, demoPlan[0].id);
  // Fresh bulk-loaded tables: set hint bits and statistics now rather than on the first user's queries.
  for (const table of ['institutions', 'institution_resources', 'area_population', 'areas']) {
    await ctx.db.exec(`vacuum analyze ${table}`);
  }
  return {
    institutions: city.institutions.length,
    resources: city.resources.length,
    population: city.population.length,
    surveillance,
    ms: Date.now() - started,
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

async function clearDemo(q: Queryable) {
  await clearSurveillanceDemo(q, DEMO_CITY);
  await q.query(
    `delete from institution_resources where institution_id in (select id from institutions where synthetic)`,
  );
  // Users bound to a synthetic institution cannot outlive it (the scope is a foreign key and an
  // institution user must have one): they go with it, and the demo user is created again below.
  const bound = `select id from users where scope_institution_id in (select id from institutions where synthetic)`;
  await q.query(`delete from sessions where user_id in (${bound})`);
  await q.query(`delete from users where id in (${bound})`);
  await q.query(`update networks set lead_institution_id = null where county_code like $1`, [`${DEMO_CITY}%`]);
  await q.query(`delete from institutions where synthetic`);
  await q.query(
    `delete from networks where county_code like $1 and not exists (select 1 from institutions i where i.network_id = networks.id)`,
    [`${DEMO_CITY}%`],
  );
  await q.query(`delete from area_population where county_code like $1`, [`${DEMO_CITY}%`]);
}

/** One user per role, so the scopes can be tried in the demo (all with the demo password). */
async function ensureDemoUsers(q: Queryable, ctx: App, institutionId: number) {
  if (ctx.config.mode !== 'demo') return;
  const password = ctx.config.adminPassword ?? DEMO_ADMIN_PASSWORD;
  const users = [
    { username: 'city', displayName: '新乡市卫健委', role: 'city' as const, scopeAreaCode: DEMO_CITY },
    { username: 'huixian', displayName: '辉县市卫健局', role: 'county' as const, scopeAreaCode: '410782' },
    { username: 'changyuan', displayName: '长垣市卫健委', role: 'county' as const, scopeAreaCode: '410783' },
    {
      username: 'hospital',
      displayName: '机构填报员',
      role: 'institution' as const,
      scopeInstitutionId: institutionId,
    },
    { username: 'viewer', displayName: '只读用户', role: 'readonly' as const, scopeAreaCode: DEMO_CITY },
  ];
  for (const u of users) {
    const { rows } = await q.query<{ id: number }>('select id from users where username = $1', [u.username]);
    if (rows[0]) {
      await q.query('update users set active = true where id = $1', [rows[0].id]);
    } else {
      await insertUser(q, { ...u, password });
    }
  }
}
