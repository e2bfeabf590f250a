// The access routes against callers and input that should not get through: scenarios naming a plan (read
// through planning's own service: another county's plan, an unknown plan, a plan of another region), the
// institution map layer beyond the registry list's page of 500, and hostile parameters (areas out of scope or
// unknown, absurd minutes, NUL bytes, oversized bodies) → clear 4xx naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, createUsers, multipart, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const LAT = 35.4;
const road = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { speed_kmh: 60 },
      geometry: {
        type: 'LineString',
        coordinates: [
          [113.7, LAT],
          [113.9, LAT],
        ],
      },
    },
  ],
};
/** Clinics written straight into the registry (beyond the list's page of 500). */
const BULK = 620;

describe.each(ENGINES)('access scope and hostile input on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let county: string;
  let otherCounty: string;
  let T = '';
  let ownPlan = 0;
  let otherPlan = 0;
  let result: Record<string, unknown> = {};

  const plan = async (regionCode: string, name: string) => {
    const r = await t.call(admin, 'POST', '/api/v1/plans', {
      regionCode,
      name,
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [{ name: '15分钟覆盖' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    T = (
      await t.ctx.db.query<{ code: string }>(
        `select code from areas where parent_code = '410782' and valid_to is null order by code limit 1`,
      )
    ).rows[0]!.code;
    await createInstitution(t, admin, '辉县市测试医院', T, { lng: 113.7, lat: LAT });
    await createInstitution(t, admin, '测试急救站', T, { category: 'E1', lng: 113.8, lat: LAT });
    // Before any access request (the city's places are cached per registry version, which SQL does not move).
    await t.ctx.db.query(
      `insert into institutions (county_code, area_code, name, category, ownership, lng, lat)
       select '410782', $1, '批量诊所' || g, 'D11', 'private', 113.7 + g * 0.0003, $2
         from generate_series(1, ${BULK}) g`,
      [T, LAT],
    );
    await createUsers(t, admin, [
      { username: 'hx-county', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'cy-county', displayName: '长垣', role: 'county', scopeAreaCode: '410783' },
    ]);
    county = await t.login('hx-county', STRONG);
    otherCounty = await t.login('cy-county', STRONG);
    const m = multipart('roads.geojson', Buffer.from(JSON.stringify(road)));
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/access/networks?city=4107',
      headers: { ...m.headers, cookie: admin },
      payload: m.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    ownPlan = await plan('410782', '辉县市卫生规划');
    otherPlan = await plan('410783', '长垣市卫生规划');
    const p = await t.call(county, 'POST', '/api/v1/access/placement', {
      area: '410782',
      model: 'mclp',
      sites: 1,
      minutes: 15,
    });
    expect(p.statusCode, p.body).toBe(200);
    result = p.json();
  });

  afterAll(() => t?.close());

  const field = (r: { json(): { error: { details: { path: string }[] } } }) =>
    r.json().error.details.map((d) => d.path);

  it('saves a scenario next to a plan of its area only: other county’s plan 403, unknown or other region 422', async () => {
    const body = { area: '410782', name: '补一处', params: { minutes: 15 }, result };
    const foreign = await t.call(county, 'POST', '/api/v1/access/scenarios', { ...body, planId: otherPlan });
    expect(foreign.statusCode, foreign.body).toBe(403);
    const unknown = await t.call(county, 'POST', '/api/v1/access/scenarios', { ...body, planId: 999_999 });
    expect(unknown.statusCode, unknown.body).toBe(422);
    expect(field(unknown)).toEqual(['planId']);
    expect(unknown.json().error.details[0].message).toMatch(/999999/);
    // The administrator reads every plan, but 长垣's plan is not about 辉县.
    const elsewhere = await t.call(admin, 'POST', '/api/v1/access/scenarios', { ...body, planId: otherPlan });
    expect(elsewhere.statusCode, elsewhere.body).toBe(422);
    expect(field(elsewhere)).toEqual(['planId']);
    const ok = await t.call(county, 'POST', '/api/v1/access/scenarios', { ...body, planId: ownPlan });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().planId).toBe(ownPlan);
    const list = await t.call(county, 'GET', `/api/v1/access/scenarios?area=410782&planId=${ownPlan}`);
    expect(list.json().items.map((s: { name: string }) => s.name)).toEqual(['补一处']);
    expect((await t.call(county, 'GET', `/api/v1/access/scenarios?area=410782&planId=${otherPlan}`)).statusCode).toBe(
      403,
    );
    expect((await t.call(county, 'GET', '/api/v1/access/scenarios?area=410782&planId=999999')).statusCode).toBe(422);
  });

  it('deletes a scenario for its area’s writers only: another county 404, read-only 403, audited', async () => {
    const body = { area: '410782', name: '待删方案', params: { minutes: 15 }, result };
    const made = await t.call(county, 'POST', '/api/v1/access/scenarios', body);
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    await createUsers(t, admin, [
      { username: 'hx-viewer', displayName: '辉县只读', role: 'readonly', scopeAreaCode: '410782' },
    ]);
    const viewer = await t.login('hx-viewer', STRONG);
    expect((await t.call(otherCounty, 'DELETE', `/api/v1/access/scenarios/${id}`)).statusCode).toBe(404);
    expect((await t.call(viewer, 'DELETE', `/api/v1/access/scenarios/${id}`)).statusCode).toBe(403);
    expect((await t.call(county, 'DELETE', '/api/v1/access/scenarios/0')).statusCode).toBe(400);
    expect((await t.call(county, 'DELETE', '/api/v1/access/scenarios/2147483647')).statusCode).toBe(404);
    const del = await t.call(county, 'DELETE', `/api/v1/access/scenarios/${id}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await t.call(county, 'DELETE', `/api/v1/access/scenarios/${id}`)).statusCode).toBe(404);
    const names = (await t.call(county, 'GET', '/api/v1/access/scenarios?area=410782'))
      .json()
      .items.map((x: { name: string }) => x.name);
    expect(names).not.toContain('待删方案');
    const { rows } = await t.ctx.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'access.scenario.delete' and entity_id = $1`,
      [String(id)],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('serves every institution of the area to the map layer, beyond the list’s 500', async () => {
    const r = await t.call(county, 'GET', '/api/v1/access/institutions?area=410782');
    expect(r.statusCode, r.body).toBe(200);
    const layer = r.json();
    // The hospital and every bulk clinic (medical A–D); the CDC centre E1 is not a medical institution.
    expect(layer.total).toBe(BULK + 1);
    expect(layer.items).toHaveLength(BULK + 1);
    expect(layer.items[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      category: expect.any(String),
      areaCode: T,
      lng: expect.any(Number),
      lat: LAT,
    });
    const e = (await t.call(county, 'GET', '/api/v1/access/institutions?area=410782&categories=E')).json();
    expect(e.items.map((i: { name: string }) => i.name)).toEqual(['测试急救站']);
    expect((await t.call(otherCounty, 'GET', '/api/v1/access/institutions?area=410782')).statusCode).toBe(403);
    expect((await t.call(county, 'GET', '/api/v1/access/institutions?area=410783')).statusCode).toBe(403);
  });

  it('refuses hostile parameters with a 4xx naming the field', async () => {
    for (const minutes of ['-5', '0', '1e9', 'abc', 'Infinity']) {
      const r = await t.call(county, 'GET', `/api/v1/access/coverage?area=410782&minutes=${minutes}`);
      expect(r.statusCode, `${minutes}: ${r.body}`).toBe(400);
      expect(r.body).toContain('minutes');
    }
    for (const minutes of ['0', '1000', '-1', '1,2,3,4,5,6,7']) {
      const r = await t.call(county, 'GET', `/api/v1/access/isochrone?institution=1&minutes=${minutes}`);
      expect(r.statusCode, `${minutes}: ${r.body}`).toBe(400);
    }
    const fca = await t.call(county, 'GET', '/api/v1/access/fca?area=410782&minutes=1e9');
    expect(fca.statusCode, fca.body).toBe(400);
    const place = await t.call(county, 'POST', '/api/v1/access/placement', {
      area: '410782',
      model: 'mclp',
      sites: 1,
      minutes: -15,
    });
    expect(place.statusCode, place.body).toBe(400);
    // Areas: unknown 404, another county 403, not a code 400.
    expect((await t.call(county, 'GET', '/api/v1/access/coverage?area=419999')).statusCode).toBe(404);
    expect((await t.call(county, 'GET', '/api/v1/access/coverage?area=410783')).statusCode).toBe(403);
    expect((await t.call(county, 'GET', '/api/v1/access/coverage?area=4107%25')).statusCode).toBe(400);
    expect((await t.call(county, 'GET', '/api/v1/access/coverage?categories=A;B')).statusCode).toBe(400);
    // NUL bytes in a scenario's name and deep in its params: 400 naming the field.
    const nul = await t.call(county, 'POST', '/api/v1/access/scenarios', {
      area: '410782',
      name: 'a\u0000b',
      params: { note: 'x\u0000' },
      result,
    });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.body).toMatch(/name|params/);
    // A scenario of megabytes (under the server's 20 MB body limit) is no placement: 422 naming the part.
    const huge = await t.call(county, 'POST', '/api/v1/access/scenarios', {
      area: '410782',
      name: '巨大',
      params: { minutes: 15 },
      result: { ...result, padding: 'x'.repeat(2_000_000) },
    });
    expect(huge.statusCode, huge.body).toBe(422);
    expect(field(huge)).toEqual(['result']);
    const many = await t.call(county, 'POST', '/api/v1/access/travel-times', {
      area: '410782',
      origins: Array.from({ length: 1001 }, () => ({ lng: 113.8, lat: LAT })),
      destinations: [{ lng: 113.8, lat: LAT }],
    });
    expect(many.statusCode, many.body).toBe(400);
  });
});
