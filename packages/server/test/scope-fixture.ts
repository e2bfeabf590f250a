// Shared by the authorization matrix and the malformed-request property test: the demo city at a small scale,
// every demo role signed in, and the records each role's in-scope and out-of-scope requests aim at (found in
// the loaded data, not hard-coded ids, so the demo's generator may change).
import type { Engine, TestApp } from './helpers.ts';
import { makeApp } from './helpers.ts';

export const ROLES = ['anonymous', 'admin', 'city', 'huixian', 'changyuan', 'hospital', 'viewer'] as const;
export type RoleName = (typeof ROLES)[number];

/** One place's records: an area, an institution, a card, an event, a plan and a task, each in that place. */
export interface Place {
  area: string;
  institution: number;
  /** A network of the place (the hospital user's: its institution's) and that network's lead. */
  network: number | null;
  networkLead: number | null;
  case: number | null;
  event: number | null;
  plan: number | null;
  task: number | null;
}

export interface ScopeFixture {
  t: TestApp;
  cookies: Record<RoleName, string | null>;
  /** 辉县市 (410782), 长垣市 (410783), the hospital user's institution, and a city outside 新乡 (4101 郑州). */
  huixian: Place;
  changyuan: Place;
  hospital: Place;
  outside: Place;
  /** Codes of the catalogues, read through the API: a disease, a stream, an indicator, a standard. */
  codes: { disease: string; stream: string; indicator: string; standard: string };
}

export async function loadScopeFixture(engine: Engine): Promise<ScopeFixture> {
  const t = await makeApp(engine, {}, { demoScale: 0.05 });
  const cookies = { anonymous: null } as Record<RoleName, string | null>;
  for (const r of ROLES) if (r !== 'anonymous') cookies[r] = await t.login(r);
  const one = async <T>(sql: string, params: unknown[]): Promise<T | null> => {
    const { rows } = await t.ctx.db.query<{ v: T }>(sql, params);
    return rows[0]?.v ?? null;
  };
  const leadOf = (network: number | null) =>
    network === null ? null : one<number>('select lead_institution_id as v from networks where id = $1', [network]);
  const placeIn = async (county: string): Promise<Place> => ({
    area: county,
    institution: (await one<number>('select id as v from institutions where county_code = $1 order by id limit 1', [
      county,
    ]))!,
    ...(await (async () => {
      const network = await one<number>('select id as v from networks where county_code = $1 order by id limit 1', [
        county,
      ]);
      return { network, networkLead: await leadOf(network) };
    })()),
    case: await one<number>(
      `select c.id::int as v from case_reports c join institutions i on i.id = c.institution_id
        where c.county_code = $1 and i.county_code = $1 and not c.deleted order by c.id limit 1`,
      [county],
    ),
    event: await one<number>(
      'select id::int as v from surveillance_events where county_code = $1 order by id limit 1',
      [county],
    ),
    plan: await one<number>('select id as v from plans where region_code = $1 order by id limit 1', [county]),
    task: await one<number>(
      'select t.id as v from plan_tasks t join plans p on p.id = t.plan_id where p.region_code = $1 order by t.id limit 1',
      [county],
    ),
  });
  const hospitalId = (await one<number>(
    `select scope_institution_id as v from users where username = 'hospital'`,
    [],
  ))!;
  const hospitalCounty = (await one<string>('select county_code as v from institutions where id = $1', [hospitalId]))!;
  const hospital = {
    ...(await placeIn(hospitalCounty)),
    institution: hospitalId,
    ...(await (async () => {
      const network = await one<number>('select network_id as v from institutions where id = $1', [hospitalId]);
      return { network, networkLead: await leadOf(network) };
    })()),
    case: await one<number>(
      'select id::int as v from case_reports where institution_id = $1 and not deleted order by id limit 1',
      [hospitalId],
    ),
  };
  const first = async (url: string, key = 'code') => {
    const r = await t.call(cookies.admin, 'GET', url);
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    const body = r.json() as { items?: Record<string, string>[] } | Record<string, string>[];
    return (Array.isArray(body) ? body : body.items!)[0]![key]!;
  };
  const codes = {
    disease: await first('/api/v1/surveillance/diseases'),
    stream: await first('/api/v1/surveillance/streams'),
    indicator: await first('/api/v1/indicators'),
    standard: await first('/api/v1/standards'),
  };
  return {
    t,
    cookies,
    codes,
    huixian: await placeIn('410782'),
    changyuan: await placeIn('410783'),
    hospital,
    outside: {
      ...(await placeIn('410102')),
      plan: await one<number>(`select id as v from plans where region_code not like '41%' order by id limit 1`, []),
    },
  };
}
