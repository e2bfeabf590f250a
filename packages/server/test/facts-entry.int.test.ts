// No silent clamping on the yearly facts: an out-of-range or contradictory figure is a 422 naming the field by
// its label, and nothing is written. A county total below what its townships record is refused; one above the
// sum of all of them is saved with a warning, shown again whenever the record is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const csv = (rows: (string | number)[][]) => Buffer.from(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);

describe.each(ENGINES)('entering facts (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let hospital: number;
  const population = (code: string, year: number) => `/api/v1/areas/${code}/population/${year}`;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    const r = await t.call(admin, 'POST', '/api/v1/institutions', {
      name: '辉县市人民医院',
      category: 'A1',
      gradeLevel: 2,
      gradeClass: '甲',
      ownership: 'government',
      forProfit: false,
      areaCode: '410782001',
    });
    expect(r.statusCode, r.body).toBe(201);
    hospital = r.json().id;
  });
  afterAll(() => t?.close());

  it('refuses negative beds naming 实有床位, and saves nothing', async () => {
    const r = await t.call(admin, 'PUT', `/api/v1/institutions/${hospital}/resources/2022`, {
      bedsActual: -5,
      bedsIcu: 2,
    });
    expect(r.statusCode, r.body).toBe(422);
    const details = r.json().error.details;
    expect(details).toEqual([{ path: 'bedsActual', message: '实有床位必须是非负整数' }]);
    expect((await t.call(admin, 'GET', `/api/v1/institutions/${hospital}/resources`)).json().total).toBe(0);
  });

  it('refuses −100 males on a county naming 男性, and saves nothing', async () => {
    const r = await t.call(admin, 'PUT', population('410782', 2022), { male: -100 });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.details).toEqual([{ path: 'male', message: '男性必须是非负整数' }]);
    expect((await t.call(admin, 'GET', population('410782', 2022))).json().version).toBeNull();
  });

  it('refuses a county total below what its townships record, and a township that tips the sum over it', async () => {
    for (const [code, male] of [
      ['410782001', 30_000],
      ['410782002', 20_000],
    ] as const) {
      const r = await t.call(admin, 'PUT', population(code, 2022), { male });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().warnings).toEqual([]);
    }
    const zero = await t.call(admin, 'PUT', population('410782', 2022), { male: 0 });
    expect(zero.statusCode, zero.body).toBe(422);
    expect(zero.json().error.details).toEqual([{ path: 'male', message: '男性（0）小于下级区划已填报之和（50,000）' }]);
    expect((await t.call(admin, 'GET', population('410782', 2022))).json().version).toBeNull();

    // Above the townships recorded so far: normal while 20 of 22 record nothing.
    const total = await t.call(admin, 'PUT', population('410782', 2022), { male: 60_000 });
    expect(total.statusCode, total.body).toBe(200);
    expect(total.json().warnings).toEqual([]);

    const tips = await t.call(admin, 'PUT', population('410782103', 2022), { male: 15_000 });
    expect(tips.statusCode, tips.body).toBe(422);
    expect(tips.json().error.details[0]).toEqual({
      path: 'male',
      message: '男性：辉县市各下级区划之和将为 65,000，超过辉县市已填报的总数（60,000）；请先修改辉县市的总数',
    });
    expect((await t.call(admin, 'GET', population('410782103', 2022))).json().version).toBeNull();
  });

  it('checks an imported file as a whole: a county row below its townships (stored or in the file) is refused', async () => {
    const upload = (rows: (string | number)[][]) => {
      const m = multipart('人口.csv', csv(rows));
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/import/population',
        headers: { cookie: admin, ...m.headers },
        payload: m.payload,
      });
    };
    const header = ['区划代码', '年份', '男性'];
    // 2022: 城关街道 30,000 and 410782002 20,000 are stored; the county row says 40,000.
    const below = await upload([header, ['410782', 2022, 40_000], ['410782101', 2022, 5_000]]);
    expect(below.statusCode, below.body).toBe(422);
    expect(below.json().error.details).toEqual([
      expect.objectContaining({ row: 2, column: '男性', message: '男性（40,000）小于下级区划已填报之和（55,000）' }),
    ]);
    expect((await t.call(admin, 'GET', population('410782101', 2022))).json().version).toBeNull();
    // A township that tips the stored county total (60,000) over is refused on its own row.
    const tips = await upload([header, ['410782101', 2022, 9_000], ['410782102', 2022, 2_000]]);
    expect(tips.statusCode, tips.body).toBe(422);
    expect(tips.json().error.details.map((d: { row: number }) => d.row)).toEqual([2]);
    expect(tips.json().error.details[0].message).toContain('超过辉县市已填报的总数（60,000）');
    // County and townships that agree import together.
    const ok = await upload([header, ['410782', 2022, 70_000], ['410782101', 2022, 9_000]]);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('saves a total above the sum of all its townships with a warning, shown again on reading', async () => {
    const townships = (await t.call(admin, 'GET', '/api/v1/areas/410782?year=2023')).json();
    const codes: string[] = (townships.children ?? []).map((c: { code: string }) => c.code);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      const r = await t.call(admin, 'PUT', population(code, 2023), { resident: 1000 });
      expect(r.statusCode, r.body).toBe(200);
    }
    const sum = (1000 * codes.length).toLocaleString('en-US');
    const r = await t.call(admin, 'PUT', population('410782', 2023), { resident: 1000 * codes.length + 500 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().warnings).toEqual([
      {
        path: 'resident',
        message: `常住人口：辉县市的总数（${(1000 * codes.length + 500).toLocaleString('en-US')}）大于全部下级区划之和（${sum}），请核对`,
      },
    ]);
    const en = await t.app.inject({
      method: 'GET',
      url: population('410782', 2023),
      headers: { cookie: admin, 'accept-language': 'en' },
    });
    expect(en.json().warnings[0].message).toMatch(/^Resident population: the total of 辉县市 \(410782\)/);
    // Equal to the sum: nothing to flag.
    const equal = await t.call(admin, 'PUT', population('410782', 2023), {
      resident: 1000 * codes.length,
      version: r.json().version,
    });
    expect(equal.statusCode, equal.body).toBe(200);
    expect(equal.json().warnings).toEqual([]);
  });
});
