// 甲乙类法定传染病报告发病率 in plan monitoring is computed from the surveillance module's case reports: a plan
// with the indicator is evaluated, case reports are posted through the surveillance API and the next
// evaluation (evaluation, series, by-area, catalogue values, the XLSX report) has the new value at once.
// Precedence: where surveillance has data for the area-year its value is used (a reported value is shown as
// overridden and cannot be entered any more); before that (history before the system existed, or a year the
// county joined part-way) the reported value is used; with neither there is no value, never 0. A county has
// data for a year when reports of the year's cases were made from its January on.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenId, createInstitution } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const CY = '410783001'; // a township of 长垣市
const CODE = 'notifiable-disease-incidence';
const CASES = 'module:surveillance/notifiable-cases';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;

interface Actual {
  value: number | null;
  kind: string;
  source: string;
  asOf: string | null;
  components: Record<string, number | null>;
  module?: { name: string; hasData: boolean };
  overridden?: { value: number; source: string } | null;
}

describe.each(ENGINES)('甲乙类法定传染病报告发病率 from surveillance on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hxHospital: number;
  let cyHospital: number;
  let countyPlan: number;
  let cityPlan: number;
  let seq = 0;
  let firstCitizenId = '';

  /** A card of 乙型病毒性肝炎 (乙类, confirmed) in 辉县, by default with onset in January 2024, reported that day. */
  const card = (over: Record<string, unknown> = {}) => {
    seq++;
    const onset = (over.onsetDate as string | undefined) ?? '2024-01-10';
    return {
      clientReportId: `PS-${seq}`,
      institutionId: hxHospital,
      diseaseCode: 'B0302',
      classification: 'confirmed',
      patientName: '王小明',
      citizenId: citizenId(100 + seq),
      occupation: '农民',
      addressCode: HX,
      onsetDate: onset,
      diagnosisAt: `${onset} 10:00`,
      reportedAt: `${onset} 12:00`,
      doctorName: '李医生',
      ...over,
    };
  };
  const post = async (c: Record<string, unknown>) => {
    const r = await t.call(admin, 'POST', '/api/v1/surveillance/cases?detect=false', c);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: number; duplicateOf: number | null };
  };
  const evaluation = async (plan: number, year: number) => {
    const r = await t.call(admin, 'GET', `/api/v1/plans/${plan}/evaluation?year=${year}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().items[0] as { actual: Actual; status: string; expected: number | null };
  };
  const putValue = (year: number, value: number | null, version?: number) =>
    t.call(admin, 'PUT', '/api/v1/indicator-values', {
      indicator: CODE,
      area: '410782',
      year,
      value,
      ...(version === undefined ? {} : { version }),
    });

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    hxHospital = await createInstitution(t, admin, '辉县市人民医院', HX);
    cyHospital = await createInstitution(t, admin, '长垣市人民医院', CY);
    for (const [area, years, resident] of [
      [HX, [2023, 2024, 2025], 100_000],
      [CY, [2024], 50_000],
    ] as const) {
      for (const year of years) {
        const r = await t.call(admin, 'PUT', `/api/v1/areas/${area}/population/${year}`, { resident });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    const indicator = {
      domain: '健康水平',
      name: '甲乙类法定传染病报告发病率',
      unit: '1/10万',
      baselineText: '200',
      baseline: 200,
      targetText: '≤150',
      catalogueCode: CODE,
      nature: 'expected',
    };
    for (const regionCode of ['410782', '4107']) {
      const r = await t.call(admin, 'POST', '/api/v1/plans', {
        regionCode,
        name: `${regionCode} 规划`,
        periodStart: 2021,
        periodEnd: 2025,
        baselineYear: 2020,
        indicators: [indicator],
      });
      expect(r.statusCode, r.body).toBe(201);
      if (regionCode === '410782') countyPlan = r.json().id;
      else cityPlan = r.json().id;
    }
  });
  afterAll(() => t?.close());

  it('is a module indicator in the catalogue', async () => {
    const cat = (await t.call(admin, 'GET', '/api/v1/indicators')).json();
    const def = cat.items.find((d: { code: string }) => d.code === CODE);
    expect(def.source).toMatchObject({ kind: 'module', module: 'surveillance', defaultSource: 'administrative' });
    expect(def.components).toEqual([
      { module: 'surveillance', measure: 'notifiable-cases' },
      { population: 'resident' },
      { reported: CODE },
    ]);
  });

  it('uses reported values before surveillance has data, then the computed value at once', async () => {
    // No case reports yet: no data (not 0), and values may be reported for any year.
    const empty = await evaluation(countyPlan, 2024);
    expect(empty.status).toBe('no-data');
    expect(empty.actual).toMatchObject({
      value: null,
      kind: 'reported',
      module: { name: 'surveillance', hasData: false },
    });
    expect((await putValue(2023, 180)).statusCode).toBe(200);
    const v2024 = await putValue(2024, 170);
    expect(v2024.statusCode, v2024.body).toBe(200);
    const reported = await evaluation(countyPlan, 2024);
    expect(reported.actual).toMatchObject({ value: 170, kind: 'reported', source: 'administrative' });
    // 200 → 150 over 2020–2025: 160 expected in 2024, 170 is behind.
    expect(reported.expected).toBeCloseTo(160, 6);
    expect(reported.status).toBe('lagging');

    // A report made in March 2023 does not make 2023 known: the county joined part-way through the year.
    await post(card({ classification: 'suspected', onsetDate: '2023-03-01' }));
    expect((await evaluation(countyPlan, 2023)).actual).toMatchObject({ value: 180, kind: 'reported' });

    // One case report of January 2024 in 辉县: 2024 is now computed from surveillance, 170 overridden.
    const first = card();
    firstCitizenId = first.citizenId;
    await post(first);
    const computed = await evaluation(countyPlan, 2024);
    expect(computed.actual).toMatchObject({
      value: 1,
      kind: 'computed',
      source: 'surveillance',
      components: { [CASES]: 1, 'population:resident': 100_000 },
      module: { name: 'surveillance', hasData: true },
      overridden: { value: 170, source: 'administrative' },
    });
    expect(computed.actual.asOf).toMatch(ISO);
    expect(computed.status).toBe('met');
    // 2023 predates surveillance data in 辉县: the reported value still applies.
    expect((await evaluation(countyPlan, 2023)).actual).toMatchObject({
      value: 180,
      kind: 'reported',
      module: { name: 'surveillance', hasData: false },
    });

    // A computed year cannot be entered; a history year can; the overridden value can be deleted.
    const refused = await putValue(2024, 160, v2024.json().version);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].path).toBe('year');
    const fixed = await putValue(2023, 185, 1);
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await evaluation(countyPlan, 2023)).actual.value).toBe(185);
    const removed = await putValue(2024, null, v2024.json().version);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await evaluation(countyPlan, 2024)).actual).toMatchObject({ value: 1, overridden: null });
  });

  it('counts class A/B clinical and confirmed cases only, without deleted reports and duplicates', async () => {
    const before = (await evaluation(countyPlan, 2024)).actual;
    const second = await post(card({ classification: 'clinical', onsetDate: '2024-06-01' }));
    const after = (await evaluation(countyPlan, 2024)).actual;
    expect(after.value).toBe(2);
    expect(after.asOf! >= before.asOf!).toBe(true);
    await post(card({ classification: 'suspected', onsetDate: '2024-06-02' }));
    await post(card({ diseaseCode: 'C01', onsetDate: '2024-06-03' })); // 丙类
    const dup = await post(card({ citizenId: firstCitizenId, onsetDate: '2024-01-12' }));
    expect(dup.duplicateOf).not.toBeNull();
    // Elsewhere: 长垣 does not count for 辉县.
    await post(card({ institutionId: cyHospital, addressCode: CY }));
    expect((await evaluation(countyPlan, 2024)).actual.value).toBe(2);

    const del = await t.call(admin, 'DELETE', `/api/v1/surveillance/cases/${second.id}`, {
      version: 1,
      reason: '误报',
    });
    expect(del.statusCode, del.body).toBe(200);
    const deleted = (await evaluation(countyPlan, 2024)).actual;
    expect(deleted).toMatchObject({ value: 1, components: { [CASES]: 1 } });
    expect(deleted.asOf! >= after.asOf!).toBe(true);
  });

  it('a city sums its counties’ cases over their population; series, by-area and catalogue values agree', async () => {
    // 2024: 辉县 1 case / 100,000, 长垣 1 case / 50,000 → 4107: 2 / 150,000 × 100,000.
    const city = await evaluation(cityPlan, 2024);
    expect(city.actual.kind).toBe('computed');
    expect(city.actual.components).toEqual({ [CASES]: 2, 'population:resident': 150_000 });
    expect(city.actual.value).toBeCloseTo((2 / 150_000) * 100_000, 10);

    const by = await t.call(admin, 'GET', `/api/v1/plans/${cityPlan}/indicators/1/by-area?year=2024`);
    expect(by.statusCode, by.body).toBe(200);
    const rows = by.json().items as { areaCode: string; actual: Actual; status: string }[];
    expect(by.json().area.actual.value).toBeCloseTo((2 / 150_000) * 100_000, 10);
    expect(rows.find((r) => r.areaCode === '410782')!.actual).toMatchObject({ value: 1, kind: 'computed' });
    expect(rows.find((r) => r.areaCode === '410783')!.actual).toMatchObject({ value: 2, kind: 'computed' });
    // A county with no case report in 2024 has no surveillance data: no value (not 0).
    const other = rows.find((r) => r.areaCode === '410781')!;
    expect(other.actual).toMatchObject({ value: null, module: { hasData: false } });
    expect(other.status).toBe('no-data');

    // Townships of 辉县 (evaluated by the county): the county's year is known, so a township without cases
    // counts 0 cases; its value needs its own population.
    const towns = await t.call(admin, 'GET', `/api/v1/plans/${countyPlan}/indicators/1/by-area?year=2024`);
    const hx = (towns.json().items as { areaCode: string; actual: Actual }[]).find((r) => r.areaCode === HX)!;
    expect(hx.actual).toMatchObject({ value: 1, kind: 'computed', components: { [CASES]: 1 } });
    const quiet = (towns.json().items as { areaCode: string; actual: Actual }[]).find(
      (r) => r.areaCode === '410782002',
    )!;
    expect(quiet.actual).toMatchObject({
      value: null,
      kind: 'computed',
      components: { [CASES]: 0, 'population:resident': null },
    });

    const series = await t.call(admin, 'GET', `/api/v1/plans/${countyPlan}/indicators/1/series?from=2021&to=2025`);
    expect(series.statusCode, series.body).toBe(200);
    const items = series.json().items as { actual: Actual }[];
    expect(items.map((i) => i.actual.value)).toEqual([null, null, 185, 1, null]);
    expect(items.map((i) => i.actual.kind)).toEqual(['reported', 'reported', 'reported', 'computed', 'reported']);

    const vals = await t.call(admin, 'GET', `/api/v1/indicators/${CODE}/values?area=4107&from=2023&to=2024`);
    expect(vals.json().items.map((i: Actual) => [i.kind, i.source])).toEqual([
      ['reported', 'administrative'],
      ['computed', 'surveillance'],
    ]);
  });

  it('a year is known from its January reports on; late reports count once it is', async () => {
    // Onset at the end of 2025, reported in January 2026: no report of 辉县's 2025 cases made in January 2025.
    await post(card({ onsetDate: '2025-12-30', diagnosisAt: '2026-01-02 09:00', reportedAt: '2026-01-02 10:00' }));
    expect((await evaluation(countyPlan, 2025)).actual).toMatchObject({
      value: null,
      module: { hasData: false },
    });
    // Once a case of January 2025 is reported that month, 2025 is computed and counts both.
    await post(card({ onsetDate: '2025-01-05' }));
    expect((await evaluation(countyPlan, 2025)).actual).toMatchObject({
      value: 2,
      kind: 'computed',
      components: { [CASES]: 2 },
    });
  });

  it('the annual report shows the computed value and names surveillance among the sources', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${countyPlan}/reports/annual?format=xlsx&year=2024`,
      headers: { cookie: admin },
    });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('主要指标监测表')!.getRow(2).getCell(8).value).toBe(1);
    const sources: string[] = [];
    wb.getWorksheet('数据来源')!.eachRow((row) => {
      sources.push(row.values!.toString());
    });
    expect(sources.join('\n')).toContain('传染病监测');
  });
});
