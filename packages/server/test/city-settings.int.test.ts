// Detector settings per city (issue 12, section 6): a city administrator changes its own city's disease and
// stream settings (an override), never the platform default the other cities run on; the fields every city
// shares stay the administrator's (403 naming them); the engine and the charts run each county on its city's
// settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const PASSWORD = 'Kq7#zT2m-weijian';

interface DiseaseRow {
  code: string;
  nameZh: string;
  clusterCases: number | null;
  algorithm: string;
  params: Record<string, unknown>;
  version: number;
}
interface StreamRow {
  code: string;
  algorithm: string;
  params: Record<string, unknown>;
  silentDays: number;
  version: number;
}

describe.each(ENGINES)('detector settings per city (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let xinxiang: string; // city 4107
  let zhengzhou: string; // city 4101
  let county: string;

  const disease = async (cookie: string, code: string) =>
    ((await t.call(cookie, 'GET', '/api/v1/surveillance/diseases')).json().items as DiseaseRow[]).find(
      (d) => d.code === code,
    )!;
  const stream = async (cookie: string, code: string) =>
    ((await t.call(cookie, 'GET', '/api/v1/surveillance/streams')).json().items as StreamRow[]).find(
      (s) => s.code === code,
    )!;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    for (const u of [
      { username: 'xx-city', role: 'city', scopeAreaCode: '4107' },
      { username: 'zz-city', role: 'city', scopeAreaCode: '4101' },
      { username: 'hx-county', role: 'county', scopeAreaCode: '410782' },
    ]) {
      const r = await t.call(admin, 'POST', '/api/v1/users', { ...u, displayName: u.username, password: PASSWORD });
      expect(r.statusCode, r.body).toBe(201);
    }
    xinxiang = await t.login('xx-city', PASSWORD);
    zhengzhou = await t.login('zz-city', PASSWORD);
    county = await t.login('hx-county', PASSWORD);
  });
  afterAll(() => t?.close());

  it('a city changes its own city’s disease settings; the default and the other cities keep theirs', async () => {
    const before = await disease(admin, 'B06');
    const mine = await disease(xinxiang, 'B06');
    expect(mine.version).toBe(before.version);
    const r = await t.call(xinxiang, 'PUT', '/api/v1/surveillance/diseases/B06', {
      version: mine.version,
      clusterCases: 7,
      nameZh: mine.nameZh, // the form sends the shared fields unchanged: allowed
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ code: 'B06', clusterCases: 7 });
    expect((await disease(xinxiang, 'B06')).clusterCases).toBe(7);
    expect((await disease(county, 'B06')).clusterCases).toBe(7); // the city's counties see the city's settings
    expect((await disease(admin, 'B06')).clusterCases).toBe(before.clusterCases);
    expect((await disease(zhengzhou, 'B06')).clusterCases).toBe(before.clusterCases);
    const stored = await t.ctx.db.query('select cluster_cases as c from disease_settings where code = $1', ['B06']);
    expect(stored.rows[0]).toEqual({ c: before.clusterCases });
  });

  it('refuses a city’s change of a field every city shares (403 naming it), and a stale version (409)', async () => {
    const mine = await disease(xinxiang, 'B06');
    const shared = await t.call(xinxiang, 'PUT', '/api/v1/surveillance/diseases/B06', {
      version: mine.version,
      nameZh: '改名',
    });
    expect(shared.statusCode, shared.body).toBe(403);
    expect(shared.json().error.message).toContain('nameZh');
    const stale = await t.call(xinxiang, 'PUT', '/api/v1/surveillance/diseases/B06', {
      version: mine.version - 1,
      clusterCases: 9,
    });
    expect(stale.statusCode).toBe(409);
    expect((await disease(xinxiang, 'B06')).clusterCases).toBe(7);
  });

  it('only the administrator changes the platform default; a county changes nothing', async () => {
    const def = await disease(admin, 'B06');
    expect(
      (await t.call(county, 'PUT', '/api/v1/surveillance/diseases/B06', { version: def.version, clusterCases: 3 }))
        .statusCode,
    ).toBe(403);
    const r = await t.call(admin, 'PUT', '/api/v1/surveillance/diseases/B06', {
      version: def.version,
      clusterCases: 11,
      nameZh: `${def.nameZh}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await disease(zhengzhou, 'B06')).clusterCases).toBe(11); // no override: follows the default
    expect((await disease(xinxiang, 'B06')).clusterCases).toBe(7); // its own value stays
  });

  it('a city’s own local disease is monitored in that city only', async () => {
    const r = await t.call(xinxiang, 'POST', '/api/v1/surveillance/diseases', {
      code: 'X98',
      nameZh: '本地监测病',
      nameEn: 'Local disease',
      class: 'local',
      deadlineHours: 24,
      immediate: false,
      algorithm: 'ears-c2',
      areaLevel: 'county',
      frequency: 'week',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ code: 'X98', enabled: true });
    expect((await disease(xinxiang, 'X98')) as unknown).toMatchObject({ enabled: true });
    expect((await disease(zhengzhou, 'X98')) as unknown).toMatchObject({ enabled: false });
    expect((await disease(admin, 'X98')) as unknown).toMatchObject({ enabled: false });
  });

  it('a city’s stream settings are its own, and detection runs each county on its city’s settings', async () => {
    const code = 'fever-clinic';
    const def = await stream(admin, code);
    const r = await t.call(xinxiang, 'PUT', `/api/v1/surveillance/streams/${code}`, {
      version: def.version,
      algorithm: 'fixed',
      params: { threshold: 3, window: 1 },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ algorithm: 'fixed' });
    expect((await stream(admin, code)).algorithm).toBe(def.algorithm);
    expect((await stream(zhengzhou, code)).algorithm).toBe(def.algorithm);
    expect((await stream(county, code)).algorithm).toBe('fixed');
    // The same counts in a county of each city: only 新乡's county is judged by the fixed threshold.
    const rows = [];
    for (let d = 20; d >= 1; d--) {
      for (const areaCode of ['410782101', '410102001']) {
        rows.push({ stream: code, sourceName: '矩阵诊室', areaCode, date: daysAgo(d), count: d === 1 ? 40 : 5 });
      }
    }
    const post = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts?detect=false', { rows });
    expect(post.statusCode, post.body).toBe(200);
    const run = await t.call(admin, 'POST', '/api/v1/surveillance/run', {
      from: daysAgo(20),
      to: daysAgo(1),
      streams: [code],
    });
    expect(run.statusCode, run.body).toBe(200);
    const { rows: signals } = await t.ctx.db.query<{ county: string; algorithm: string }>(
      `select distinct county_code as county, algorithm from signals where subject = $1 order by 1, 2`,
      [code],
    );
    expect(signals.filter((s) => s.county === '410782').map((s) => s.algorithm)).toEqual(['fixed']);
    expect(signals.filter((s) => s.county === '410102').map((s) => s.algorithm)).not.toContain('fixed');
    // The chart of an area shows the detector its city runs.
    const chart = async (area: string) =>
      (await t.call(admin, 'GET', `/api/v1/surveillance/series?subject=${code}&area=${area}&to=${daysAgo(1)}`)).json()
        .algorithm;
    expect(await chart('410782')).toBe('fixed');
    expect(await chart('410102')).toBe(def.algorithm);
  });
});
