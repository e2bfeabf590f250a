// Plan monitoring end to end on a real database: import previews from every reader (CSV, XLSX, DOCX, pasted
// text), saving confirmed rows, revisions, hand-structured targets, live evaluation against registry facts
// and reported values, scope denials and all-or-nothing validation.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

// The fixture of shared/fixtures/plans, copied beside the demo loader.
const LIANZHOU = fs.readFileSync(path.resolve(import.meta.dirname, '../src/planning/fixtures/lianzhou-2021-2025.csv'));

// A table from the same family as the fixtures that the parser has never seen: other header words, a title
// row, group cells left blank, full-width digits and symbols, no unit column for some rows (unit in the
// target), every kind of target.
const UNSEEN = [
  ['某县“十四五”卫生健康发展主要指标', '', '', '', '', '', ''],
  ['指标类别', '序号', '指标', '计量单位', '基期值', '目标值', '属性'],
  ['一、健康水平', '１', '人均期望寿命', '岁', '７８．２', '比2020年提高1岁', '预期性'],
  ['', '２', '孕产妇死亡率', '1/10万', '１２．５', '≤１０', '约束性'],
  ['', '３', '婴儿死亡率', '‰', '4.1', '＜５', '约束性'],
  ['二、健康生活', '４', '居民健康素养水平', '％', '２２', '≥２８％', '预期性'],
  ['', '５', '15岁及以上人群吸烟率', '%', '24.5', '持续下降', '预期性'],
  ['', '６', '儿童青少年近视率', '%', '52', '每年降低0.5个百分点', '预期性'],
  ['三、健康服务', '７', '每千人口床位数', '张', '5.8', '6.5张左右', '预期性'],
  ['', '８', '每千人口执业（助理）医师数', '人', '2.4', '不低于2.8', '预期性'],
  ['', '９', '每万人口全科医生数', '人', '2.1', '3.5', '约束性'],
  ['', '10', '县域内就诊率', '%', '85', '达到90%以上', '约束性'],
  ['', '11', '病床使用率', '%', '88', '85%～93%', '预期性'],
  ['', '12', '每万常住人口救护车数', '', '0.2', '稳步提高', '预期性'],
  ['四、健康保障', '13', '个人卫生支出占卫生总费用比例', '%', '28.5', '27%左右', '约束性'],
  ['', '14', '甲乙类法定传染病报告发病率', '1/10万', '180', '上升趋势减缓', '预期性'],
  ['', '15', '三级公立医院数量', '所', '0', '1个', '预期性'],
  ['注：带★为约束性指标', '', '', '', '', '', ''],
];

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要指标');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A minimal DOCX with the table; blank group cells are Word's vertical merge continuations. */
async function docxOf(rows: string[][]): Promise<Buffer> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const tr = rows
    .map((r, n) => {
      const cells = r.map((c, k) => {
        const merge = k === 0 && n > 2 && c === '' ? '<w:tcPr><w:vMerge/></w:tcPr>' : '';
        return `<w:tc>${merge}<w:p><w:r><w:t xml:space="preserve">${esc(c)}</w:t></w:r></w:p></w:tc>`;
      });
      return `<w:tr>${cells.join('')}</w:tr>`;
    })
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>附表</w:t></w:r></w:p><w:tbl>${tr}</w:tbl></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

interface PreviewRowJson {
  row: number;
  name: string;
  domain: string | null;
  nature: string | null;
  target: { kind: string } | null;
  targetState: string;
  catalogueCode: string | null;
  matchConfidence: number | null;
  baseline: number | null;
  baselineText: string;
  targetText: string;
  unit: string | null;
}

describe.each(ENGINES)('planning API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hospitals: Record<string, number>;
  let lianzhouPlan: number;
  let cityPlan: number;
  let changyuanPlan: number;

  const preview = async (cookie: string, filename: string, body: Buffer) => {
    const m = multipart(filename, body);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/plans/import/preview',
      headers: { cookie, ...m.headers },
      payload: m.payload,
    });
  };
  /** The rows of a preview as POST /plans takes them, the proposed links confirmed. */
  const confirm = (rows: PreviewRowJson[]) =>
    rows.map((r) => ({
      domain: r.domain,
      name: r.name,
      unit: r.unit,
      baselineText: r.baselineText,
      baseline: r.baseline,
      targetText: r.targetText,
      target: r.target,
      nature: r.nature,
      catalogueCode: r.catalogueCode,
      matchConfidence: r.matchConfidence,
    }));

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    hospitals = {};
    for (const [key, area] of [
      ['huixian', '410782001'],
      ['changyuan', '410783001'],
    ] as const) {
      const r = await t.call(admin, 'POST', '/api/v1/institutions', {
        name: `${key}人民医院`,
        category: 'A1',
        gradeLevel: 3,
        gradeClass: '甲',
        ownership: 'government',
        forProfit: false,
        areaCode: area,
      });
      expect(r.statusCode, r.body).toBe(201);
      hospitals[key] = r.json().id;
      for (const year of [2020, 2023]) {
        const res = await t.call(admin, 'PUT', `/api/v1/institutions/${r.json().id}/resources/${year}`, {
          bedsActual: year === 2020 ? 500 : 650,
          doctors: 200,
          nurses: 260,
        });
        expect(res.statusCode, res.body).toBe(200);
        const pop = await t.call(admin, 'PUT', `/api/v1/areas/${area}/population/${year}`, { resident: 100_000 });
        expect(pop.statusCode, pop.body).toBe(200);
      }
    }
    for (const u of [
      { username: 'hx-user', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'cy-user', displayName: '长垣', role: 'county', scopeAreaCode: '410783' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '医院', role: 'institution', scopeInstitutionId: hospitals.huixian },
    ]) {
      const r = await t.call(admin, 'POST', '/api/v1/users', { ...u, password: STRONG });
      expect(r.statusCode, r.body).toBe(201);
    }
  });

  afterAll(() => t?.close());

  it('imports 连州’s table end to end: preview → confirm → evaluation 2020–2024', async () => {
    const p = await preview(admin, 'lianzhou-2021-2025.csv', LIANZHOU);
    expect(p.statusCode, p.body).toBe(200);
    const pv = p.json();
    expect(pv.format).toBe('csv');
    expect(pv.plan).toEqual({ baselineYear: 2020, periodStart: 2021, periodEnd: 2025 });
    expect(pv.summary).toMatchObject({ rows: 19, targetsUnderstood: 19, targetsUnparsed: 0, linked: 19 });
    expect(pv.rows[0]).toMatchObject({
      row: 2,
      name: '孕产妇死亡率',
      catalogueCode: 'maternal-mortality',
      target: { kind: 'threshold', op: '<', value: 8, unit: '1/10万', text: '＜8' },
    });
    expect(pv.rows[0].candidates.length).toBeGreaterThan(0);
    // Nothing was saved by the preview.
    expect((await t.call(admin, 'GET', '/api/v1/plans')).json().total).toBe(0);

    const created = await t.call(admin, 'POST', '/api/v1/plans', {
      regionCode: '441882',
      name: '连州市卫生健康事业发展“十四五”规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      sourceFile: 'lianzhou-2021-2025.csv',
      indicators: confirm(pv.rows),
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    lianzhouPlan = plan.id;
    expect(plan).toMatchObject({ regionCode: '441882', regionName: '连州市', currentVersion: 1, countyCode: '441882' });
    expect(plan.indicators).toHaveLength(19);
    expect(plan.indicators[8]).toMatchObject({ catalogueCode: 'beds-per-1000', baseline: 6.22, direction: 'higher' });

    // Reported values for two indicators; the rest have none yet.
    for (const [year, mmr, lit] of [
      [2021, 25, 19],
      [2022, 18, 22],
      [2023, 12, 24.5],
      [2024, 7.5, 27],
    ] as const) {
      for (const [indicator, value] of [
        ['maternal-mortality', mmr],
        ['health-literacy', lit],
      ] as const) {
        const r = await t.call(admin, 'PUT', '/api/v1/indicator-values', { indicator, area: '441882', year, value });
        expect(r.statusCode, r.body).toBe(200);
      }
    }
    const statuses: Record<number, string[]> = {};
    for (let year = 2020; year <= 2024; year++) {
      const e = await t.call(admin, 'GET', `/api/v1/plans/${plan.id}/evaluation?year=${year}`);
      expect(e.statusCode, e.body).toBe(200);
      const ev = e.json();
      expect(ev.area.code).toBe('441882');
      expect(ev.total).toBe(19);
      expect(Object.values(ev.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(19);
      statuses[year] = ev.items.map((i: { status: string }) => i.status);
      if (year === 2024) {
        const mmr = ev.items[0];
        expect(mmr.actual).toMatchObject({ value: 7.5, kind: 'reported', source: 'vital-statistics' });
        expect(mmr.actual.asOf).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(mmr.status).toBe('met');
        const lit = ev.items[4];
        // 17.89 → 30 over 2021–2025: 27.58 expected in 2024, 27 is behind.
        expect(lit.expected).toBeCloseTo(17.89 + (30 - 17.89) * 0.8, 6);
        expect(lit.status).toBe('lagging');
        expect(lit.distance).toBeCloseTo(3, 6);
        // No registry data for 连州: computed indicators have no data, never zero.
        expect(ev.items[8]).toMatchObject({ status: 'no-data', actual: { kind: 'computed', value: null } });
      }
    }
    expect(statuses[2022]).toContain('on-track');
    expect(statuses[2024]).toContain('met');
    expect(statuses[2024]).toContain('no-data');

    const series = await t.call(admin, 'GET', `/api/v1/plans/${plan.id}/indicators/1/series?from=2020&to=2024`);
    expect(series.statusCode, series.body).toBe(200);
    expect(series.json().items.map((i: { actual: { value: number | null } }) => i.actual.value)).toEqual([
      null,
      25,
      18,
      12,
      7.5,
    ]);
  });

  it('imports a never-seen table of the same family with every target understood (TSV, XLSX, DOCX)', async () => {
    const tsv = UNSEEN.map((r) => r.join('\t')).join('\n');
    const fromText = await t.call(admin, 'POST', '/api/v1/plans/import/preview', { text: tsv });
    expect(fromText.statusCode, fromText.body).toBe(200);
    const fromXlsx = await preview(admin, 'unseen.xlsx', await xlsxOf(UNSEEN));
    expect(fromXlsx.statusCode, fromXlsx.body).toBe(200);
    const fromDocx = await preview(admin, 'unseen.docx', await docxOf(UNSEEN));
    expect(fromDocx.statusCode, fromDocx.body).toBe(200);
    expect(fromXlsx.json().format).toBe('xlsx');
    expect(fromDocx.json().format).toBe('docx');

    for (const res of [fromText, fromXlsx, fromDocx]) {
      const pv = res.json();
      expect(pv.summary, res.body).toMatchObject({ rows: 15, targetsUnderstood: 15, targetsUnparsed: 0 });
      expect(pv.errors).toEqual([]);
      expect(pv.header.columns).toMatchObject({ domain: '指标类别', name: '指标', target: '目标值', nature: '属性' });
      const rows = pv.rows as PreviewRowJson[];
      expect(rows.map((r) => r.domain)).toEqual([
        ...Array(3).fill('健康水平'),
        ...Array(3).fill('健康生活'),
        ...Array(6).fill('健康服务'),
        ...Array(3).fill('健康保障'),
      ]);
      expect(rows.map((r) => r.target?.kind)).toEqual([
        'relative',
        'threshold',
        'threshold',
        'threshold',
        'trend',
        'annual-change',
        'approx',
        'threshold',
        'threshold',
        'threshold',
        'range',
        'trend',
        'approx',
        'trend',
        'threshold',
      ]);
      expect(rows[1]).toMatchObject({ baseline: 12.5, nature: 'binding', catalogueCode: 'maternal-mortality' });
      expect(rows[3]!.target).toMatchObject({ op: '>=', value: 28, unit: '%' });
      expect(rows[10]!.target).toMatchObject({ min: 85, max: 93, unit: '%' });
      expect(rows[0]!.catalogueCode).toBe('life-expectancy');
      expect(rows[6]!.catalogueCode).toBe('beds-per-1000');
      expect(rows[14]!.target).toMatchObject({ kind: 'threshold', value: 1, unit: '个' });
    }
  });

  it('reports row/column errors for bad input and saves nothing', async () => {
    const bad = [
      ['领域', '指标名称', '单位', '2020年', '2025年', '指标性质'],
      ['健康水平', '人均预期寿命', '岁', '七十八', '≥79', '预期性'],
      ['健康水平', '婴儿死亡率', '‰', '3.2', '保持较低水平', '必须性'],
    ];
    const p = await t.call(admin, 'POST', '/api/v1/plans/import/preview', {
      text: bad.map((r) => r.join('\t')).join('\n'),
    });
    expect(p.statusCode, p.body).toBe(200);
    const errors = p.json().errors as { row: number; column: string; columnRole: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: '2020年', columnRole: 'baseline' }),
        expect.objectContaining({ row: 3, column: '2025年', columnRole: 'target' }),
        expect.objectContaining({ row: 3, column: '指标性质', columnRole: 'nature' }),
      ]),
    );
    expect(p.json().rows[1].targetState).toBe('unparsed');

    const noHeader = await t.call(admin, 'POST', '/api/v1/plans/import/preview', { text: 'a\tb\n1\t2' });
    expect(noHeader.statusCode).toBe(422);
    expect(noHeader.json().error.details[0]).toMatchObject({ path: 'file', row: 1 });
    const notOffice = await preview(admin, 'plan.xlsx', Buffer.from('not a workbook'));
    expect(notOffice.statusCode).toBe(422);

    const before = (await t.call(admin, 'GET', '/api/v1/plans')).json().total;
    const r = await t.call(admin, 'POST', '/api/v1/plans', {
      regionCode: '4107',
      name: '坏规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [
        { name: '人均预期寿命', targetText: '≥79', catalogueCode: 'life-expectancy' },
        { name: '未知指标', targetText: '≥1', catalogueCode: 'no-such-indicator' },
        { name: '坏目标', target: { kind: 'threshold', op: '>=', value: 'x' } },
      ],
    });
    expect(r.statusCode).toBe(400);
    const r2 = await t.call(admin, 'POST', '/api/v1/plans', {
      regionCode: '4107',
      name: '坏规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2022,
      indicators: [
        { name: '人均预期寿命', targetText: '≥79', catalogueCode: 'life-expectancy' },
        { name: '未知指标', targetText: '≥1', catalogueCode: 'no-such-indicator' },
      ],
    });
    expect(r2.statusCode).toBe(422);
    const paths = r2.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['baselineYear', 'indicators.1.catalogueCode']));
    expect(r2.json().error.details.find((d: { path: string }) => d.path === 'indicators.1.catalogueCode').row).toBe(2);
    expect((await t.call(admin, 'GET', '/api/v1/plans')).json().total).toBe(before);
  });

  it('creates the city plan and a county plan, revises with history, structures a target by hand', async () => {
    const city = await t.call(admin, 'POST', '/api/v1/plans', {
      regionCode: '410700',
      name: '新乡市“十四五”规划（测试）',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [
        {
          domain: '健康服务',
          name: '每千常住人口医疗卫生机构床位数',
          unit: '张',
          baselineText: '5.0',
          baseline: 5,
          targetText: '7.4',
          catalogueCode: 'beds-per-1000',
          nature: 'expected',
        },
        {
          domain: '健康水平',
          name: '人均预期寿命',
          unit: '岁',
          baseline: 76.7,
          targetText: '比“十三五”末提高1岁',
          catalogueCode: 'life-expectancy',
        },
        {
          domain: '健康水平',
          name: '孕产妇死亡率',
          unit: '1/10万',
          baseline: 3.81,
          targetText: '继续保持较低',
          catalogueCode: 'maternal-mortality',
          nature: 'binding',
        },
      ],
    });
    expect(city.statusCode, city.body).toBe(201);
    cityPlan = city.json().id;
    expect(city.json().regionCode).toBe('4107');
    expect(city.json().indicators[2].target).toEqual({ kind: 'unparsed', text: '继续保持较低' });

    const cy = await t.call(admin, 'POST', '/api/v1/plans', {
      regionCode: '410783',
      name: '长垣市规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [{ name: '每千人口床位数', targetText: '≥7', catalogueCode: 'beds-per-1000' }],
    });
    expect(cy.statusCode, cy.body).toBe(201);
    changyuanPlan = cy.json().id;

    // Structure the unparsed target by hand; a stale version is refused.
    const stale = await t.call(admin, 'PUT', `/api/v1/plans/${cityPlan}/indicators/3/target`, {
      version: 99,
      target: { kind: 'trend', direction: 'maintain' },
    });
    expect(stale.statusCode).toBe(409);
    const put = await t.call(admin, 'PUT', `/api/v1/plans/${cityPlan}/indicators/3/target`, {
      version: 1,
      target: { kind: 'trend', direction: 'maintain' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().indicators[2]).toMatchObject({
      target: { kind: 'trend', direction: 'maintain', text: '继续保持较低' },
      targetSource: 'manual',
    });
    // A county's own target for the bed ratio.
    const county = await t.call(admin, 'PUT', `/api/v1/plans/${cityPlan}/indicators/1/target`, {
      version: 2,
      area: '410782',
      target: { kind: 'threshold', op: '>=', value: 6.8, unit: '张' },
    });
    expect(county.statusCode, county.body).toBe(200);
    expect(county.json().indicators[0].areaTargets).toEqual([
      {
        areaCode: '410782',
        target: { kind: 'threshold', op: '>=', value: 6.8, unit: '张', text: '7.4' },
        baseline: null,
      },
    ]);

    const rev = await t.call(admin, 'POST', `/api/v1/plans/${cityPlan}/versions`, {
      version: 3,
      note: '中期调整',
      indicators: [
        {
          domain: '健康服务',
          name: '每千常住人口医疗卫生机构床位数',
          unit: '张',
          baseline: 5,
          targetText: '7.8',
          catalogueCode: 'beds-per-1000',
          // County targets belong to a version: the revision restates 辉县's.
          areaTargets: [{ areaCode: '410782', target: { kind: 'threshold', op: '>=', value: 6.8, unit: '张' } }],
        },
        {
          domain: '健康水平',
          name: '人均预期寿命',
          unit: '岁',
          baseline: 76.7,
          targetText: '比“十三五”末提高1岁',
          catalogueCode: 'life-expectancy',
        },
        {
          domain: '健康水平',
          name: '孕产妇死亡率',
          unit: '1/10万',
          baseline: 3.81,
          targetText: '≤5',
          catalogueCode: 'maternal-mortality',
          nature: 'binding',
        },
      ],
    });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json()).toMatchObject({ currentVersion: 2, version: 4 });
    expect(rev.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v1 = (await t.call(admin, 'GET', `/api/v1/plans/${cityPlan}?version=1`)).json();
    expect(v1.indicators[0].targetText).toBe('7.4');
    expect(v1.indicators[0].areaTargets).toHaveLength(1);
    const audit = (await t.call(admin, 'GET', '/api/v1/audit?action=plan.revise')).json();
    expect(audit.items.length).toBeGreaterThan(0);
  });

  it('evaluates formula indicators from the registry and reflects an edited fact or value at once', async () => {
    const url = `/api/v1/plans/${cityPlan}/evaluation?year=2023`;
    const first = (await t.call(admin, 'GET', url)).json();
    const beds = first.items[0];
    // (650 + 650) beds ÷ 200,000 residents × 1,000: recomputed from summed components.
    expect(beds.actual).toMatchObject({ kind: 'computed', source: 'registry', value: 6.5 });
    expect(beds.actual.components).toMatchObject({ 'sum:bedsActual': 1300, 'population:resident': 200_000 });
    expect(beds.expected).toBeCloseTo(5 + (7.8 - 5) * 0.6, 6);
    expect(beds.status).toBe('lagging');

    // One institution's yearly report edited: the next evaluation has the new value.
    const res = (await t.call(admin, 'GET', `/api/v1/institutions/${hospitals.huixian}/resources`)).json();
    const r2023 = res.items.find((i: { year: number }) => i.year === 2023);
    const edit = await t.call(admin, 'PUT', `/api/v1/institutions/${hospitals.huixian}/resources/2023`, {
      ...Object.fromEntries(Object.entries(r2023).filter(([k]) => !['year', 'updatedAt'].includes(k))),
      bedsActual: 850,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const second = (await t.call(admin, 'GET', url)).json();
    expect(second.items[0].actual.value).toBeCloseTo(7.5, 10);
    expect(second.items[0].status).toBe('on-track');
    expect(second.items[0].actual.asOf >= beds.actual.asOf).toBe(true);

    // A reported value entered, then corrected with its version.
    const put = await t.call(admin, 'PUT', '/api/v1/indicator-values', {
      indicator: 'life-expectancy',
      area: '4107',
      year: 2023,
      value: 77.2,
      source: 'statistical-yearbook',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await t.call(admin, 'GET', url)).json().items[1].actual).toMatchObject({
      value: 77.2,
      kind: 'reported',
      source: 'statistical-yearbook',
    });
    const dup = await t.call(admin, 'PUT', '/api/v1/indicator-values', {
      indicator: 'life-expectancy',
      area: '4107',
      year: 2023,
      value: 77.9,
    });
    expect(dup.statusCode).toBe(409);
    const fix = await t.call(admin, 'PUT', '/api/v1/indicator-values', {
      indicator: 'life-expectancy',
      area: '4107',
      year: 2023,
      value: 77.9,
      version: put.json().version,
    });
    expect(fix.statusCode, fix.body).toBe(200);
    const third = (await t.call(admin, 'GET', url)).json();
    expect(third.items[1].actual.value).toBe(77.9);
    expect(third.items[1].status).toBe('met');
    // Computed indicators cannot be reported.
    const computed = await t.call(admin, 'PUT', '/api/v1/indicator-values', {
      indicator: 'beds-per-1000',
      area: '4107',
      year: 2023,
      value: 9,
    });
    expect(computed.statusCode).toBe(422);

    // Every county: the county target override applies to 辉县; 长垣 is judged from its own 2020 value.
    const by = await t.call(admin, 'GET', `/api/v1/plans/${cityPlan}/indicators/1/by-area?year=2023`);
    expect(by.statusCode, by.body).toBe(200);
    const items = by.json().items as {
      areaCode: string;
      actual: { value: number | null };
      areaTarget: boolean;
      status: string;
      baseline: number | null;
    }[];
    const hx = items.find((i) => i.areaCode === '410782')!;
    const cy = items.find((i) => i.areaCode === '410783')!;
    expect(hx.areaTarget).toBe(true);
    expect(hx.baseline).toBeCloseTo(5, 10);
    expect(hx.actual.value).toBeCloseTo(8.5, 10);
    expect(hx.status).toBe('met');
    expect(cy.actual.value).toBeCloseTo(6.5, 10);
    expect(cy.baseline).toBeCloseTo(5, 10);
    expect(items.find((i) => i.areaCode === '410781')!.status).toBe('no-data');
    expect(by.json().area.areaCode).toBe('4107');

    // Catalogue values with provenance for any area and years.
    const vals = await t.call(admin, 'GET', '/api/v1/indicators/beds-per-1000/values?area=410783&from=2019&to=2023');
    expect(vals.json().items.map((i: { value: number | null }) => i.value)).toEqual([null, 5, null, null, 6.5]);
  });

  it('keeps plans inside the caller’s scope', async () => {
    const hx = await t.login('hx-user', STRONG);
    const ro = await t.login('ro-user', STRONG);
    const hosp = await t.login('hosp', STRONG);
    // 辉县 sees the city plan it works under, not 长垣's or 连州's.
    const list = (await t.call(hx, 'GET', '/api/v1/plans')).json();
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([cityPlan]);
    expect((await t.call(hx, 'GET', `/api/v1/plans/${changyuanPlan}`)).statusCode).toBe(403);
    expect((await t.call(hx, 'GET', `/api/v1/plans/${changyuanPlan}/evaluation`)).statusCode).toBe(403);
    expect((await t.call(hx, 'GET', `/api/v1/plans/${lianzhouPlan}`)).statusCode).toBe(403);
    const ev = await t.call(hx, 'GET', `/api/v1/plans/${cityPlan}/evaluation?year=2023`);
    expect(ev.statusCode, ev.body).toBe(200);
    expect(ev.json().area.code).toBe('410782');
    expect((await t.call(hx, 'GET', `/api/v1/plans/${cityPlan}/evaluation?area=4107`)).statusCode).toBe(403);
    expect((await t.call(hx, 'GET', `/api/v1/plans/${cityPlan}/evaluation?area=410783`)).statusCode).toBe(403);
    // Writes: not the city plan, not another county.
    const edit = await t.call(hx, 'PUT', `/api/v1/plans/${cityPlan}/indicators/1/target`, {
      version: 4,
      target: null,
    });
    expect(edit.statusCode).toBe(403);
    const create = await t.call(hx, 'POST', '/api/v1/plans', {
      regionCode: '410783',
      name: '越权',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [{ name: 'x', targetText: '≥1' }],
    });
    expect(create.statusCode).toBe(403);
    const value = await t.call(hx, 'PUT', '/api/v1/indicator-values', {
      indicator: 'life-expectancy',
      area: '410783',
      year: 2023,
      value: 70,
    });
    expect(value.statusCode).toBe(403);
    const own = await t.call(hx, 'PUT', '/api/v1/indicator-values', {
      indicator: 'life-expectancy',
      area: '410782',
      year: 2023,
      value: 77,
    });
    expect(own.statusCode, own.body).toBe(200);
    // Read-only users read but never write.
    expect((await t.call(ro, 'GET', `/api/v1/plans/${cityPlan}/evaluation`)).statusCode).toBe(200);
    const roWrite = await t.call(ro, 'PUT', '/api/v1/indicator-values', {
      indicator: 'life-expectancy',
      area: '410782',
      year: 2022,
      value: 77,
    });
    expect(roWrite.statusCode).toBe(403);
    const roRevise = await t.call(ro, 'POST', `/api/v1/plans/${cityPlan}/versions`, {
      version: 4,
      indicators: [{ name: 'x', targetText: '≥1' }],
    });
    expect(roRevise.statusCode).toBe(403);
    // Institution users see no plans.
    expect((await t.call(hosp, 'GET', '/api/v1/plans')).json().total).toBe(0);
    expect((await t.call(hosp, 'GET', `/api/v1/plans/${cityPlan}`)).statusCode).toBe(403);
    expect((await t.call(null, 'GET', '/api/v1/plans')).statusCode).toBe(401);
  });
});
