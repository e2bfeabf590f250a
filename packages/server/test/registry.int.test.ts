// The registry API end to end on a real database: summaries across a division change, scope denials
// for every role, optimistic concurrency, validation errors and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

describe.each(ENGINES)('registry API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let huixianHospital: number;
  let changyuanHospital: number;

  const inst = (name: string, areaCode: string, extra: object = {}) => ({
    name,
    category: 'A1',
    gradeLevel: 2,
    gradeClass: '甲',
    ownership: 'government',
    forProfit: false,
    areaCode,
    ...extra,
  });

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    const a = await t.call(admin, 'POST', '/api/v1/institutions', inst('辉县市人民医院', '410782001'));
    expect(a.statusCode, a.body).toBe(201);
    huixianHospital = a.json().id;
    const b = await t.call(admin, 'POST', '/api/v1/institutions', inst('长垣市人民医院', '410783001'));
    expect(b.statusCode, b.body).toBe(201);
    changyuanHospital = b.json().id;
    for (const year of [2018, 2020]) {
      for (const [id, beds] of [
        [huixianHospital, 800],
        [changyuanHospital, 600],
      ] as const) {
        const r = await t.call(admin, 'PUT', `/api/v1/institutions/${id}/resources/${year}`, {
          bedsActual: beds + (year - 2018) * 10,
          doctors: 300,
          nurses: 350,
          healthTechnicians: 800,
          staffTotal: 900,
          generalPractitioners: 12,
        });
        expect(r.statusCode, r.body).toBe(200);
      }
      for (const [area, resident] of [
        ['410782001', 100_000],
        ['410783001', 120_000],
      ] as const) {
        const r = await t.call(admin, 'PUT', `/api/v1/areas/${area}/population/${year}`, { resident });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    for (const u of [
      { username: 'hx-user', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'cy-user', displayName: '长垣', role: 'county', scopeAreaCode: '410783' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '医院', role: 'institution', scopeInstitutionId: huixianHospital },
    ]) {
      const r = await t.call(admin, 'POST', '/api/v1/users', { ...u, password: STRONG });
      expect(r.statusCode, r.body).toBe(201);
    }
  });

  afterAll(() => t?.close());

  it('answers health without a session and 401 for the API', async () => {
    const health = await t.call(null, 'GET', '/api/health');
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-frame-options']).toBe('DENY');
    const r = await t.call(null, 'GET', '/api/v1/institutions');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('summarises an area from summed components and shows the change against last year', async () => {
    const r = await t.call(admin, 'GET', '/api/v1/areas/4107/summary?year=2020');
    const s = r.json();
    expect(s.population).toBe(220_000);
    expect(s.beds).toBe(820 + 620);
    expect(s.institutions).toBe(2);
    expect(s.bedsPer1000).toBeCloseTo((1440 / 220_000) * 1000, 10);
    expect(s.gpsPer10000).toBeCloseTo((24 / 220_000) * 10000, 10);
    // 2019 has no reports: the previous year shows the institutions but no beds (not reported ≠ 0).
    expect(s.previous.beds).toBeNull();
    expect(s.previous.institutions).toBe(2);
  });

  it('attributes 2018 facts to 长垣县 and 2020 facts to 长垣市 (division change)', async () => {
    const kids2018 = (await t.call(admin, 'GET', '/api/v1/areas/4107/children-summary?year=2018')).json().items;
    const kids2020 = (await t.call(admin, 'GET', '/api/v1/areas/4107/children-summary?year=2020')).json().items;
    const by = (items: { code: string }[], code: string) =>
      items.find((i) => i.code === code) as Record<string, number> | undefined;
    expect(by(kids2018, '410728')?.beds).toBe(600);
    expect(by(kids2018, '410783')).toBeUndefined();
    expect(by(kids2020, '410783')?.beds).toBe(620);
    expect(by(kids2020, '410728')).toBeUndefined();
    const series = (await t.call(admin, 'GET', '/api/v1/areas/410783/series?from=2018&to=2020')).json().items;
    expect(series.map((s: { beds: number | null }) => s.beds)).toEqual([600, null, 620]);
    expect(series[0].population).toBe(120_000);
  });

  it('keeps county users inside their county', async () => {
    const hx = await t.login('hx-user', STRONG);
    expect((await t.call(hx, 'GET', '/api/v1/areas/410782/summary?year=2020')).statusCode).toBe(200);
    expect((await t.call(hx, 'GET', '/api/v1/areas/410783/summary?year=2020')).statusCode).toBe(403);
    expect((await t.call(hx, 'GET', '/api/v1/areas/4107/summary?year=2020')).statusCode).toBe(403);
    const list = (await t.call(hx, 'GET', '/api/v1/institutions')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(huixianHospital);
    expect((await t.call(hx, 'GET', `/api/v1/institutions/${changyuanHospital}`)).statusCode).toBe(404);
    expect((await t.call(hx, 'GET', '/api/v1/institutions?area=410783')).statusCode).toBe(403);
    expect((await t.call(hx, 'GET', '/api/v1/institutions?area=4107')).json().total).toBe(1);
    const write = await t.call(hx, 'PUT', `/api/v1/institutions/${changyuanHospital}/resources/2021`, {
      bedsActual: 1,
    });
    expect(write.statusCode).toBe(404);
    const create = await t.call(hx, 'POST', '/api/v1/institutions', inst('越权医院', '410783001'));
    expect(create.statusCode).toBe(403);
    const pop = await t.call(hx, 'PUT', '/api/v1/areas/410783001/population/2021', { resident: 1 });
    expect(pop.statusCode).toBe(403);
  });

  it('lets the 长垣 user read its predecessor county’s history', async () => {
    const cy = await t.login('cy-user', STRONG);
    expect((await t.call(cy, 'GET', '/api/v1/areas/410728/summary?year=2018')).json().beds).toBe(600);
  });

  it('limits institution users to their institution', async () => {
    const hosp = await t.login('hosp', STRONG);
    expect((await t.call(hosp, 'GET', `/api/v1/institutions/${huixianHospital}/resources`)).json().total).toBe(2);
    expect((await t.call(hosp, 'GET', `/api/v1/institutions/${changyuanHospital}/resources`)).statusCode).toBe(404);
    expect((await t.call(hosp, 'GET', '/api/v1/areas/410782/summary?year=2020')).statusCode).toBe(403);
    expect((await t.call(hosp, 'GET', '/api/v1/institutions')).json().total).toBe(1);
    const ok = await t.call(hosp, 'PUT', `/api/v1/institutions/${huixianHospital}/resources/2021`, { bedsActual: 830 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.call(hosp, 'GET', '/api/v1/audit')).statusCode).toBe(403);
  });

  it('lets read-only users read but not write', async () => {
    const ro = await t.login('ro-user', STRONG);
    expect((await t.call(ro, 'GET', '/api/v1/areas/4107/summary?year=2020')).statusCode).toBe(200);
    const r = await t.call(ro, 'PUT', `/api/v1/institutions/${huixianHospital}/resources/2022`, { bedsActual: 1 });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });

  it('rejects a stale version with 409 and keeps the stored value', async () => {
    const rows = (await t.call(admin, 'GET', `/api/v1/institutions/${changyuanHospital}/resources`)).json().items;
    const v = rows.find((r: { year: number }) => r.year === 2020).version;
    const first = await t.call(admin, 'PUT', `/api/v1/institutions/${changyuanHospital}/resources/2020`, {
      bedsActual: 650,
      version: v,
    });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await t.call(admin, 'PUT', `/api/v1/institutions/${changyuanHospital}/resources/2020`, {
      bedsActual: 999,
      version: v,
    });
    expect(stale.statusCode).toBe(409);
    const after = (await t.call(admin, 'GET', `/api/v1/institutions/${changyuanHospital}/resources`)).json().items;
    expect(after.find((r: { year: number }) => r.year === 2020).bedsActual).toBe(650);
  });

  it('explains bad input per field in Chinese, or English on request, and writes nothing', async () => {
    const bad = await t.call(admin, 'PUT', `/api/v1/institutions/${huixianHospital}/resources/2023`, {
      bedsActual: -5,
      ambulances: 1,
    });
    expect(bad.statusCode).toBe(422);
    const e = bad.json().error;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details[0]).toMatchObject({ path: 'bedsActual', message: '实有床位必须是非负整数' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/institutions',
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: inst('坏代码医院', '410782001', { uscc: '91410782MA00000000' }),
    });
    expect(en.statusCode).toBe(422);
    expect(en.json().error.details[0].path).toBe('uscc');
    expect(en.json().error.details[0].message).toMatch(/Invalid unified social credit code/);
    const rows = (await t.call(admin, 'GET', `/api/v1/institutions/${huixianHospital}/resources`)).json().items;
    expect(rows.map((r: { year: number }) => r.year)).not.toContain(2023);
  });

  it('records writes and sign-ins in the audit log, readable by admins only', async () => {
    const log = (await t.call(admin, 'GET', '/api/v1/audit?limit=500')).json();
    const actions = new Set(log.items.map((i: { action: string }) => i.action));
    for (const a of ['login', 'institution.create', 'resources.save', 'population.save', 'user.create'])
      expect(actions).toContain(a);
    const save = log.items.find(
      (i: { action: string; entityId: string; before: unknown }) =>
        i.action === 'resources.save' && i.entityId === `${changyuanHospital}/2020` && i.before,
    );
    expect(save.username).toBe('admin');
    expect(save.before.bedsActual).toBeDefined();
  });

  it('lists networks within the caller’s scope only', async () => {
    const created = await t.ctx.db.query<{ id: number }>(
      `insert into networks (county_code, name, type, lead_institution_id) values
         ('410782', '辉县市医共体', 'county-medical-community', $1), ('410783', '长垣市医共体', 'county-medical-community', $2)
       returning id`,
      [huixianHospital, changyuanHospital],
    );
    expect(created.rows).toHaveLength(2);
    const names = async (cookie: string, url = '/api/v1/networks') =>
      (await t.call(cookie, 'GET', url)).json().items.map((n: { name: string }) => n.name);
    expect(await names(admin)).toEqual(['辉县市医共体', '长垣市医共体']);
    const hx = await t.login('hx-user', STRONG);
    expect(await names(hx)).toEqual(['辉县市医共体']);
    expect((await t.call(hx, 'GET', '/api/v1/networks?area=410783')).statusCode).toBe(403);
    await t.ctx.db.query('update institutions set network_id = $1 where id = $2', [
      created.rows[0]!.id,
      huixianHospital,
    ]);
    expect(await names(await t.login('hosp', STRONG))).toEqual(['辉县市医共体']);
  });

  it('keeps network membership and an institution’s own identity out of the wrong hands', async () => {
    const { rows } = await t.ctx.db.query<{ id: number }>("select id from networks where name = '长垣市医共体'");
    const changyuanNetwork = rows[0]!.id;
    const hx = await t.login('hx-user', STRONG);
    const own = (await t.call(admin, 'GET', `/api/v1/institutions/${huixianHospital}`)).json();
    const body = (patch: object) => ({
      ...inst(own.name, own.areaCode),
      networkId: own.networkId,
      version: own.version,
      ...patch,
    });
    const join = await t.call(
      hx,
      'PUT',
      `/api/v1/institutions/${huixianHospital}`,
      body({ networkId: changyuanNetwork }),
    );
    expect(join.statusCode).toBe(403);
    const hosp = await t.login('hosp', STRONG);
    const regrade = await t.call(hosp, 'PUT', `/api/v1/institutions/${huixianHospital}`, body({ gradeLevel: 3 }));
    expect(regrade.statusCode).toBe(403);
    const rename = await t.call(
      hosp,
      'PUT',
      `/api/v1/institutions/${huixianHospital}`,
      body({ name: '辉县市人民医院（新院区）' }),
    );
    expect(rename.statusCode, rename.body).toBe(200);
  });

  it('answers malformed input with 4xx, never 500', async () => {
    expect((await t.call(admin, 'GET', '/api/v1/institutions/99999999999')).statusCode).toBe(400);
    const bad = await t.call(
      admin,
      'POST',
      '/api/v1/institutions',
      inst('日期错误医院', '410782001', { openedOn: '2020-02-30' }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe('openedOn');
    const user = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'ghost-user',
      displayName: '无机构',
      role: 'institution',
      scopeInstitutionId: 999999,
      password: STRONG,
    });
    expect(user.statusCode).toBe(422);
    const retired = await t.call(admin, 'PUT', '/api/v1/areas/410728/population/2024', { resident: 100 });
    expect(retired.statusCode).toBe(422);
  });

  it('requires a session however the path is spelled', async () => {
    expect((await t.call(null, 'GET', '/api/%761/users')).statusCode).toBe(401);
    expect((await t.call(null, 'POST', '/api/%761/auth/logout')).statusCode).toBe(401);
  });

  it('throttles repeated failed sign-ins', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.call(null, 'POST', '/api/v1/auth/login', { username: 'hx-user', password: 'wrong' })).statusCode,
      ).toBe(401);
    }
    const r = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'hx-user', password: STRONG });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.message).toContain('登录失败次数过多');
    // A forged X-Forwarded-For does not reset the count (no trusted proxy configured)…
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': '9.9.9.9' },
      payload: { username: 'hx-user', password: STRONG },
    });
    expect(forged.statusCode).toBe(429);
    // …and the failures of one address do not lock the account for everyone else.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.2.3',
      payload: { username: 'hx-user', password: STRONG },
    });
    expect(elsewhere.statusCode).toBe(200);
    // Sign-in answers the user as GET /auth/me does: the shell shows the scope's name without asking again.
    expect(elsewhere.json().user).toMatchObject({ username: 'hx-user', role: 'county', scopeAreaName: '辉县市' });
  });
});
