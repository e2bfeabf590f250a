// Resource configuration standards against the demo city and against small hand-built cases: violations
// with their gaps, a region's own numbers, scope, optimistic concurrency and the audit trail.
import { townshipKind } from '@weijian/core/planning/standards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

interface V {
  standard: string;
  areaCode: string;
  institutionId: number | null;
  name: string;
  actual: number;
  required: number | number[];
  gap: number;
  gapText: string;
}

describe.each(ENGINES)('standards on the demo city (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await makeApp(engine, {}, { demoScale: 1 });
    admin = await t.login('admin');
  }, 600_000);
  afterAll(() => t?.close());

  it('lists the standards with sources, and the ones the registry cannot measure', async () => {
    const r = await t.call(admin, 'GET', '/api/v1/standards');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as {
      code: string;
      status: string;
      params: Record<string, number>;
      source: { seed: string };
    }[];
    expect(items.find((i) => i.code === 'beds-per-1000')).toMatchObject({ params: { min: 7.5 }, status: 'active' });
    expect(items.find((i) => i.code === 'childcare-places-per-1000')?.status).toBe('needs-data');
    expect(items.every((i) => i.source.seed.length > 0)).toBe(true);
  });

  it('checks the city: area ratios per county, institutions, townships and villages, with gaps', async () => {
    const r = await t.call(admin, 'GET', '/api/v1/standards/check?area=4107&year=2024');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.area).toMatchObject({ code: '4107', name: '新乡市' });
    // The city and each county-level area are judged on the ratios.
    const beds = body.areaResults.filter((a: { standard: string }) => a.standard === 'beds-per-1000');
    expect(beds.length).toBeGreaterThan(10);
    expect(beds[0].areaCode).toBe('4107');
    // The city's beds per 1,000 agree with the area summary.
    const summary = (await t.call(admin, 'GET', '/api/v1/areas/4107/summary?year=2024')).json();
    expect(beds[0].actual).toBeCloseTo(summary.bedsPer1000, 2);
    const v = body.violations as V[];
    expect(v.length).toBe(body.summary.violations);
    // Every violation carries its actual value, the threshold and a gap in things to add or remove.
    for (const x of v) {
      expect(x.gap).not.toBe(0);
      expect(x.gapText).toMatch(/^(缺|超出) /);
    }
    const icu = v.filter((x) => x.standard === 'icu-bed-share');
    expect(icu.length).toBeGreaterThan(0);
    expect(icu[0]!.institutionId).toEqual(expect.any(Number));
    expect(icu[0]!.gapText).toMatch(/^缺 \d+ 张ICU床位$/);
    const byCode = Object.fromEntries(
      body.summary.byStandard.map((s: { code: string; status: string; checked: number }) => [s.code, s]),
    );
    expect(byCode['thc-per-township'].checked).toBeGreaterThan(50);
    expect(byCode['clinic-per-village'].checked).toBeGreaterThan(1000);
    expect(byCode['childcare-places-per-1000'].status).toBe('needs-data');
    expect(body.needsData.map((n: { code: string }) => n.code)).toContain('childcare-places-per-1000');
  });

  it('agrees with a direct count: the ICU violations are the 二级+ hospitals under 4%', async () => {
    const { rows } = await t.ctx.db.query<{ n: number }>(
      `select count(*)::int as n from institutions i join institution_resources r on r.institution_id = i.id and r.year = 2024
        where i.category like 'A%' and i.grade_level >= 2 and r.beds_open > 0 and r.beds_icu is not null
          and r.beds_icu::float / r.beds_open < 0.04 - 1e-9`,
    );
    const body = (await t.call(admin, 'GET', '/api/v1/standards/check?area=4107&year=2024')).json();
    expect(body.violations.filter((x: V) => x.standard === 'icu-bed-share').length).toBe(rows[0]!.n);
  });

  it('lets a county see its own county only', async () => {
    const hx = await t.login('huixian');
    const own = await t.call(hx, 'GET', '/api/v1/standards/check?year=2024');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().area.code).toBe('410782');
    expect(own.json().violations.every((x: V) => x.areaCode.startsWith('410782'))).toBe(true);
    expect((await t.call(hx, 'GET', '/api/v1/standards/check?area=4107&year=2024')).statusCode).toBe(403);
    expect((await t.call(await t.login('hospital'), 'GET', '/api/v1/standards/check?area=4107')).statusCode).toBe(403);
    // Editing: counties cannot, the city may set its own numbers, only an administrator the defaults.
    expect(
      (await t.call(hx, 'PUT', '/api/v1/standards/beds-per-1000', { region: '410782', params: { min: 6 } })).statusCode,
    ).toBe(403);
    const city = await t.login('city');
    expect(
      (await t.call(city, 'PUT', '/api/v1/standards/beds-per-1000', { version: 1, params: { min: 6 } })).statusCode,
    ).toBe(403);
  });

  it('applies a region’s own threshold, with optimistic concurrency and an audit entry', async () => {
    const city = await t.login('city');
    const before = (await t.call(admin, 'GET', '/api/v1/standards/check?area=4107&year=2024')).json();
    const bedsBefore = before.areaResults.find(
      (a: { standard: string; areaCode: string }) => a.standard === 'beds-per-1000' && a.areaCode === '4107',
    );
    const put = await t.call(city, 'PUT', '/api/v1/standards/beds-per-1000', {
      region: '4107',
      params: { min: 20 },
      note: '测试',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().regions[0]).toMatchObject({ regionCode: '4107', params: { min: 20 }, version: 1 });
    const after = (await t.call(admin, 'GET', '/api/v1/standards/check?area=4107&year=2024')).json();
    const v = after.violations.find((x: V) => x.standard === 'beds-per-1000' && x.areaCode === '4107') as V;
    expect(v.required).toBe(20);
    expect(v.actual).toBe(bedsBefore.actual);
    expect(v.gapText).toMatch(/^缺 [\d,]+ 张床位$/);
    // Counties inherit the city's numbers.
    expect(after.violations.filter((x: V) => x.standard === 'beds-per-1000').length).toBeGreaterThan(10);
    // A stale or missing version is refused.
    expect(
      (await t.call(city, 'PUT', '/api/v1/standards/beds-per-1000', { region: '4107', params: { min: 5 } })).statusCode,
    ).toBe(409);
    expect(
      (await t.call(city, 'PUT', '/api/v1/standards/beds-per-1000', { region: '4107', version: 7, params: { min: 5 } }))
        .statusCode,
    ).toBe(409);
    const removed = await t.call(city, 'PUT', '/api/v1/standards/beds-per-1000', {
      region: '4107',
      version: 1,
      remove: true,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().regions).toEqual([]);
    // Defaults, by an administrator.
    const list = (await t.call(admin, 'GET', '/api/v1/standards')).json().items;
    const icu = list.find((i: { code: string }) => i.code === 'icu-bed-share');
    const bad = await t.call(admin, 'PUT', '/api/v1/standards/icu-bed-share', {
      version: icu.version,
      params: { max: 3 },
    });
    expect(bad.statusCode).toBe(422);
    const ok = await t.call(admin, 'PUT', '/api/v1/standards/icu-bed-share', {
      version: icu.version,
      params: { min: 3 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ params: { min: 3 }, version: icu.version + 1 });
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=standard.update')).json();
    expect(log.total).toBe(3);
  });
});

describe.each(ENGINES)('standards on hand-built cases (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
  }, 600_000);
  afterAll(() => t?.close());

  const create = async (body: object) => {
    const r = await t.call(admin, 'POST', '/api/v1/institutions', {
      gradeLevel: null,
      gradeClass: null,
      ownership: 'government',
      forProfit: false,
      ...body,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };

  it('finds the gaps of one county exactly', async () => {
    // 辉县市 (410782): one 三级甲等 general hospital short of ICU beds and technicians, over its approved beds.
    const h = await create({
      name: '测试三甲医院',
      category: 'A1',
      gradeLevel: 3,
      gradeClass: '甲',
      areaCode: '410782001',
    });
    const put = await t.call(admin, 'PUT', `/api/v1/institutions/${h}/resources/2024`, {
      bedsApproved: 1000,
      bedsActual: 1200,
      bedsOpen: 1200,
      bedsIcu: 30,
      bedsIcuConvertible: 48,
      bedsEmergencyObs: 30,
      healthTechnicians: 1300,
      staffTotal: 1700,
      publicHealthDoctors: 1,
      ambulances: 4,
      ambulancesNegativePressure: 0,
      doctors: 400,
      nurses: 600,
    });
    expect(put.statusCode, put.body).toBe(200);
    const pop = await t.call(admin, 'PUT', '/api/v1/areas/410782001/population/2024', { resident: 200_000 });
    expect(pop.statusCode, pop.body).toBe(200);
    const r = await t.call(admin, 'GET', '/api/v1/standards/check?area=410782&year=2024');
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json().violations as V[];
    const of = (code: string) => v.find((x) => x.standard === code && x.institutionId === h);
    expect(of('icu-bed-share')).toMatchObject({ actual: 2.5, required: 4, gap: 18, gapText: '缺 18 张ICU床位' });
    expect(of('icu-convertible-share')).toBeUndefined();
    expect(of('open-beds-vs-approved')).toMatchObject({
      actual: 120,
      required: 110,
      gap: -100,
      gapText: '超出 100 张开放床位',
    });
    expect(of('emergency-observation-beds')).toBeUndefined();
    expect(of('bed-technician-3a')).toMatchObject({ required: 1.25, gap: 200, gapText: '缺 200 名卫生技术人员' });
    expect(of('health-technician-share')).toBeUndefined();
    expect(of('public-health-doctors')).toMatchObject({ actual: 1, gap: 1 });
    // Area: 1,200 beds for 200,000 residents = 6 per 1,000 → 300 beds short of 7.5.
    const beds = v.find((x) => x.standard === 'beds-per-1000' && x.areaCode === '410782');
    expect(beds).toMatchObject({ actual: 6, required: 7.5, gap: 300 });
    // 辉县市 is a county-level city: a township with people but no recorded street → rural, 1 per 50,000 = 4.
    const amb = r
      .json()
      .areaResults.find((x: V) => x.standard === 'ambulances-per-population' && x.areaCode === '410782');
    const kind = townshipKind((await t.ctx.services.registry.areas.tree()).get('410782001')?.name ?? '');
    expect(amb.required).toBe(kind === 'township' ? 4 : 7);
    expect(v.find((x) => x.standard === 'negative-pressure-ambulance-share')).toMatchObject({ actual: 0, gap: 1 });
    // Every township of 辉县市 lacks its government THC, and every administrative village its clinic.
    const thc = v.filter((x) => x.standard === 'thc-per-township');
    expect(thc.length).toBeGreaterThan(10);
    expect(thc[0]!.gapText).toBe('缺 1 所政府办乡镇卫生院');
  });

  it('counts a government THC for its township, not a private one', async () => {
    const before = (await t.call(admin, 'GET', '/api/v1/standards/check?area=410782&year=2024')).json();
    const gaps = (b: { violations: V[] }) =>
      b.violations.filter((x) => x.standard === 'thc-per-township').map((x) => x.areaCode);
    const town = gaps(before).find((c) => c !== '410782001')!;
    await create({ name: '测试民营卫生院', category: 'C22', areaCode: town, ownership: 'private' });
    expect(gaps((await t.call(admin, 'GET', '/api/v1/standards/check?area=410782&year=2024')).json())).toContain(town);
    await create({ name: '测试乡镇卫生院', category: 'C21', areaCode: town });
    expect(gaps((await t.call(admin, 'GET', '/api/v1/standards/check?area=410782&year=2024')).json())).not.toContain(
      town,
    );
  });
});
