// Detector settings as the settings form sends them: every bad parameter reported at once by its label, and a
// preview of the last year's alarms of a proposed setting over an area's series, scope-checked and not saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const PASSWORD = 'Kq7#zT2m-weijian';
const HX = '410782001'; // a township of 辉县市

describe.each(ENGINES)('detector settings (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let xinxiang: string;
  let zhengzhou: string;
  let county: string;
  const preview = (cookie: string, body: Record<string, unknown>) =>
    t.call(cookie, 'POST', '/api/v1/surveillance/detector-preview', body);

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    for (const u of [
      { username: 'ds-xx', role: 'city', scopeAreaCode: '4107' },
      { username: 'ds-zz', role: 'city', scopeAreaCode: '4101' },
      { username: 'ds-hx', role: 'county', scopeAreaCode: '410782' },
    ]) {
      const r = await t.call(admin, 'POST', '/api/v1/users', { ...u, displayName: u.username, password: PASSWORD });
      expect(r.statusCode, r.body).toBe(201);
    }
    xinxiang = await t.login('ds-xx', PASSWORD);
    zhengzhou = await t.login('ds-zz', PASSWORD);
    county = await t.login('ds-hx', PASSWORD);
    const s = await t.call(admin, 'POST', '/api/v1/surveillance/streams', {
      code: 'preview-fever',
      nameZh: '试算发热',
      nameEn: 'Preview fever',
    });
    expect(s.statusCode, s.body).toBe(201);
    // Sixty reported days, one to sixty days ago.
    const rows = [];
    for (let d = 60; d >= 1; d--)
      rows.push({ stream: 'preview-fever', sourceName: '辉县站', areaCode: HX, date: daysAgo(d), count: 3 + (d % 3) });
    expect((await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows })).statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  it('refuses every bad parameter at once, each named by its label', async () => {
    const cur = (await t.call(admin, 'GET', '/api/v1/surveillance/streams'))
      .json()
      .items.find((x: { code: string }) => x.code === 'preview-fever');
    const r = await t.call(admin, 'PUT', '/api/v1/surveillance/streams/preview-fever', {
      version: cur.version,
      algorithm: 'ears-c2',
      params: { baseline: 2, alpha: 0, minSigma: -1, baselin: 7 },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details.map((d: { path: string; message: string }) => [d.path, d.message])).toEqual([
      ['params.baseline', '基线期数（baseline）应为整数（≥ 3，≤ 365）'],
      ['params.alpha', '显著性水平 alpha（alpha）应为数值（> 0，≤ 1）'],
      ['params.minSigma', '标准差下限（minSigma）应为数值（≥ 0，≤ 1000）'],
      ['params.baselin', 'EARS C2没有参数“baselin”（可用：baseline, alpha, minSigma）'],
    ]);
    // A rule between parameters is the detector's, named as on the form too.
    const glr = await t.call(admin, 'PUT', '/api/v1/surveillance/streams/preview-fever', {
      version: cur.version,
      algorithm: 'glrnb',
      params: { Mtilde: 5, M: 3 },
    });
    expect(glr.statusCode).toBe(422);
    expect(glr.json().error.details[0].message).toBe('回看期数 M（M）：params.M 必须为 -1 或 ≥ Mtilde');
  });

  it('previews a setting over the last year of the area, next to the one in force, saving nothing', async () => {
    const before = (await t.call(admin, 'GET', '/api/v1/surveillance/streams'))
      .json()
      .items.find((x: { code: string }) => x.code === 'preview-fever');
    // A fixed threshold of 1 alarms on every reported day; of 1000, on none.
    const every = await preview(xinxiang, {
      subject: 'preview-fever',
      algorithm: 'fixed',
      params: { threshold: 1 },
      area: '410782',
    });
    expect(every.statusCode, every.body).toBe(200);
    expect(every.json()).toMatchObject({ area: '410782', unit: 'day', alarms: 60, error: null });
    expect(every.json().counties).toEqual([
      { code: '410782', name: '辉县市', alarms: 60, current: expect.any(Number) },
    ]);
    expect(every.json().periods).toHaveLength(364);
    const none = await preview(xinxiang, { subject: 'preview-fever', algorithm: 'fixed', params: { threshold: 1000 } });
    expect(none.statusCode, none.body).toBe(200);
    // The city user's default area is their city: every county of it.
    expect(none.json().area).toBe('4107');
    expect(none.json().alarms).toBe(0);
    expect(none.json().counties.length).toBeGreaterThan(5);
    const after = (await t.call(admin, 'GET', '/api/v1/surveillance/streams'))
      .json()
      .items.find((x: { code: string }) => x.code === 'preview-fever');
    expect(after).toEqual(before);
  });

  it('is refused outside the city, to county users, and with bad parameters (all of them)', async () => {
    const body = { subject: 'preview-fever', algorithm: 'ears-c2', params: {}, area: '410782' };
    expect((await preview(zhengzhou, body)).statusCode).toBe(403);
    expect((await preview(county, body)).statusCode).toBe(403);
    expect((await preview(admin, { ...body, subject: 'nope' })).statusCode).toBe(404);
    const bad = await preview(admin, { ...body, params: { baseline: 1, alpha: 2 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['params.baseline', 'params.alpha']);
    // An impossible day is the request schema's (400, as every malformed field), a real but far one the preview's.
    const badDay = await preview(admin, { ...body, to: '2024-02-30' });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.details[0].path).toBe('to');
    const farDay = await preview(admin, { ...body, to: '1990-01-01' });
    expect(farDay.statusCode).toBe(422);
    expect(farDay.json().error.details[0].path).toBe('to');
    const noArea = await preview(admin, { ...body, area: undefined });
    expect(noArea.statusCode).toBe(422);
    expect(noArea.json().error.details[0].path).toBe('area');
  });
});
