// Bulk import and export end to end: templates, all-or-nothing imports with row/column errors, scope,
// export → import round trips, and the speed of a 10,000-row import — on PGlite and PostgreSQL.
import { orgCodeCheckChar, RESOURCE_FIELDS, usccCheckChar } from '@weijian/core/registry';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

/** A valid USCC of a public institution (12…) registered in `area`, numbered `n`. */
function uscc(area: string, n: number): string {
  const org8 = String(40000000 + n).padStart(8, '0');
  const first17 = `12${area}${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

const csv = (rows: (string | number | null)[][]) =>
  Buffer.from(
    `${rows.map((r) => r.map((v) => (v === null ? '' : /[,"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\r\n')}\r\n`,
  );

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Detail {
  path: string;
  row: number;
  column: string;
  message: string;
}

describe.each(ENGINES)('import and export on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hx: string;
  let hosp: string;
  const NAMES = { hx: '辉县市人民医院', cy: '长垣市人民医院', clinic: '辉县市某诊所' } as const;
  const ids = {} as Record<keyof typeof NAMES, number>;

  const upload = async (
    cookie: string,
    kind: string,
    filename: string,
    body: Buffer,
    opts: { dryRun?: boolean; lang?: string } = {},
  ) => {
    const m = multipart(filename, body);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/import/${kind}${opts.dryRun ? '?dryRun=true' : ''}`,
      headers: { cookie, ...m.headers, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
      payload: m.payload,
    });
  };
  const download = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const count = async (table: string) =>
    (await t.ctx.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
  const resources = async (id: number) =>
    (await t.call(admin, 'GET', `/api/v1/institutions/${id}/resources`)).json().items as Record<string, number>[];

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    const r = await upload(
      admin,
      'institutions',
      'institutions.csv',
      csv([
        [
          '机构名称',
          '统一社会信用代码',
          '机构类别代码',
          '级别',
          '等次',
          '举办主体',
          '营利性',
          '所在区划代码',
          '经度',
          '纬度',
          '成立日期',
          '撤销日期',
        ],
        [
          '辉县市人民医院',
          uscc('410782', 1),
          'A1',
          '二级',
          '甲',
          '政府办',
          '否',
          '410782001',
          113.8,
          35.46,
          '1950-05-01',
          null,
        ],
        [
          '长垣市人民医院',
          uscc('410783', 2),
          'A1',
          '三级',
          '乙',
          '政府办',
          '非营利',
          '410783001',
          114.67,
          35.2,
          '1951/3/1',
          null,
        ],
        ['辉县市某诊所', null, 'D21', null, null, '社会办', '营利', '410782002', null, null, null, null],
      ]),
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ kind: 'institutions', dryRun: false, rows: 3, inserted: 3, updated: 0 });
    const list = (await t.call(admin, 'GET', '/api/v1/institutions?sort=id')).json().items as {
      id: number;
      name: string;
    }[];
    for (const [k, name] of Object.entries(NAMES)) ids[k as keyof typeof NAMES] = list.find((i) => i.name === name)!.id;
    for (const u of [
      { username: 'hx-user', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '医院', role: 'institution', scopeInstitutionId: ids.hx },
    ]) {
      const c = await t.call(admin, 'POST', '/api/v1/users', { ...u, password: STRONG });
      expect(c.statusCode, c.body).toBe(201);
    }
    hx = await t.login('hx-user', STRONG);
    hosp = await t.login('hosp', STRONG);
  });

  afterAll(() => t?.close());

  it('imported institutions with every column read', async () => {
    const inst = (await t.call(admin, 'GET', `/api/v1/institutions/${ids.cy}`)).json();
    expect(inst).toMatchObject({
      gradeLevel: 3,
      gradeClass: '乙',
      ownership: 'government',
      forProfit: false,
      areaCode: '410783001',
      countyCode: '410783',
      lng: 114.67,
      openedOn: '1951-03-01',
      closedOn: null,
    });
    const clinic = (await t.call(admin, 'GET', `/api/v1/institutions/${ids.clinic}`)).json();
    expect(clinic).toMatchObject({
      category: 'D21',
      ownership: 'private',
      forProfit: true,
      gradeLevel: null,
      uscc: null,
    });
  });

  it('serves templates in XLSX (with 说明) and CSV (with BOM) under RFC 5987 names', async () => {
    const x = await download(admin, '/api/v1/import/templates/resources?format=xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('机构年度资源导入模板.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['机构年度资源', '说明']);
    const headers = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['机构ID', '统一社会信用代码', '年份']);
    expect(headers).toContain('实际开放床位');
    const c = await download(admin, '/api/v1/import/templates/population?format=csv');
    expect(c.headers['content-type']).toContain('text/csv');
    expect([...c.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(c.rawPayload.toString('utf8')).toContain('区划代码,年份,常住人口');
    // The filled-in template imports.
    const filled = Buffer.concat([
      c.rawPayload,
      Buffer.from(`410782001,2020,${[100000, 98000].join(',')}${','.repeat(10)}\r\n`),
    ]);
    const r = await upload(admin, 'population', '人口.csv', filled);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ inserted: 1, updated: 0 });
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=import.population')).json();
    expect(log.items.find((i: { action: string }) => i.action === 'import.population').after.file).toBe('人口.csv');
    expect((await t.call(null, 'GET', '/api/v1/import/templates/resources')).statusCode).toBe(401);
    const paths = Object.keys((await t.call(null, 'GET', '/api/openapi.json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/import/{kind}', '/api/v1/import/templates/{kind}', '/api/v1/export/{kind}']),
    );
  });

  it('imports yearly resources from XLSX by ID or credit code, dry run first', async () => {
    const file = await xlsx([
      [
        '机构ID',
        '统一社会信用代码',
        '年份',
        '实有床位',
        '实际开放床位',
        '卫生技术人员',
        '执业（助理）医师',
        '注册护士',
        '总诊疗人次',
      ],
      [ids.hx, null, 2019, 800, 780, 900, 300, 350, 1_200_000],
      [ids.hx, null, 2020, 820, 800, 920, 310, 360, 1_300_000],
      [null, uscc('410783', 2), 2020, 600, 600, 700, 250, 280, 900_000],
    ]);
    const dry = await upload(admin, 'resources', 'res.xlsx', file, { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ kind: 'resources', dryRun: true, rows: 3, inserted: 3, updated: 0 });
    expect(await count('institution_resources')).toBe(0);
    const r = await upload(admin, 'resources', 'res.xlsx', file);
    expect(r.json()).toEqual({ kind: 'resources', dryRun: false, rows: 3, inserted: 3, updated: 0 });
    const hxRows = await resources(ids.hx);
    expect(hxRows.map((x) => [x.year, x.bedsActual, x.outpatientVisits, x.pharmacists])).toEqual([
      [2019, 800, 1_200_000, null],
      [2020, 820, 1_300_000, null],
    ]);
    const summary = (await t.call(admin, 'GET', '/api/v1/areas/4107/summary?year=2020')).json();
    expect(summary.beds).toBe(1420);
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=import.resources')).json();
    const entry = log.items.find((i: { action: string }) => i.action === 'import.resources');
    expect(entry.after).toMatchObject({ file: 'res.xlsx', rows: 3, inserted: 3, updated: 0 });
    expect(entry.after.ids).toContain(`${ids.hx}/2020`);
  });

  it('rejects a file with one bad row (422, row and column) and writes nothing', async () => {
    const before = await resources(ids.hx);
    const total = await count('institution_resources');
    const audits = await count('audit_log');
    const file = csv([
      ['机构ID', '年份', '实有床位', '实际开放床位'],
      [ids.hx, 2020, 999, 900], // would overwrite the stored 2020 report
      [ids.hx, 2021, 830, 820],
      [ids.cy, 2021, 610, -5],
    ]);
    const r = await upload(admin, 'resources', 'bad.csv', file);
    expect(r.statusCode).toBe(422);
    const e = r.json().error;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toContain('未导入任何数据');
    expect(e.details).toEqual([
      { path: 'rows[4].bedsOpen', row: 4, column: '实际开放床位', message: '实际开放床位必须是非负整数' },
    ]);
    expect(await count('institution_resources')).toBe(total);
    expect(await count('audit_log')).toBe(audits);
    expect(await resources(ids.hx)).toEqual(before);
    const en = await upload(admin, 'resources', 'bad.csv', file, { lang: 'en' });
    expect(en.json().error.details[0].message).toBe('Open beds must be a non-negative whole number');
    expect(en.json().error.message).toContain('nothing was imported');
  });

  it('names bad institution rows: invalid credit code, unknown area, duplicates, unknown category', async () => {
    const total = await count('institutions');
    const good = uscc('410782', 9);
    const badCode = `${uscc('410782', 10).slice(0, 17)}${uscc('410782', 10)[17] === '0' ? '1' : '0'}`;
    const r = await upload(
      admin,
      'institutions',
      'inst.csv',
      csv([
        ['机构名称', '统一社会信用代码', '机构类别代码', '举办主体', '所在区划代码'],
        ['新医院甲', good, 'A1', '政府办', '410782001'],
        ['新医院乙', badCode, 'A1', '政府办', '410782001'],
        ['新医院丙', null, 'A1', '政府办', '419999'],
        ['新医院丁', good, 'A1', '政府办', '410782001'],
        ['新医院戊', uscc('410783', 2), 'Q1', '政府办', '410782001'],
      ]),
    );
    expect(r.statusCode).toBe(422);
    const d = r.json().error.details as Detail[];
    const brief = d.map((x) => [x.row, x.column]);
    expect(brief).toEqual([
      [3, '统一社会信用代码'],
      [4, '所在区划代码'],
      [5, '统一社会信用代码'],
      [6, '统一社会信用代码'],
      [6, '机构类别代码'],
    ]);
    expect(d[0]!.message).toContain('统一社会信用代码无效');
    expect(d[1]!.message).toContain('419999');
    expect(d[2]!.message).toContain('与第 2 行重复');
    expect(d[3]!.message).toContain(`已被机构 #${ids.cy} 使用`);
    expect(await count('institutions')).toBe(total);
  });

  it('names unknown and missing columns', async () => {
    const r = await upload(
      admin,
      'resources',
      'cols.csv',
      csv([
        ['机构ID', '年份', '床位数', '实有床位'],
        [1, 2020, 1, 1],
      ]),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual([
      { path: 'columns[2]', row: 1, column: '床位数', message: '无法识别的列“床位数”，请使用模板中的列名' },
    ]);
    const m = await upload(admin, 'population', 'cols.csv', csv([['常住人口'], [1]]));
    expect((m.json().error.details as Detail[]).map((x) => x.column)).toEqual(['区划代码', '年份']);
  });

  it('keeps a county user inside the county and institution users to their own resources', async () => {
    const pop = await upload(
      hx,
      'population',
      'p.csv',
      csv([
        ['区划代码', '年份', '常住人口'],
        ['410782001', 2021, 1000],
        ['410783001', 2021, 1000],
      ]),
    );
    expect(pop.statusCode).toBe(422);
    expect(pop.json().error.details).toEqual([
      { path: 'rows[3].areaCode', row: 3, column: '区划代码', message: expect.stringContaining('不在您的管辖范围内') },
    ]);
    const inst = await upload(
      hx,
      'institutions',
      'i.csv',
      csv([
        ['机构名称', '机构类别代码', '举办主体', '所在区划代码'],
        ['越权医院', 'A1', '政府办', '410783001'],
      ]),
    );
    expect(inst.statusCode).toBe(422);
    expect(inst.json().error.details[0]).toMatchObject({ row: 2, column: '所在区划代码' });
    const res = await upload(
      hx,
      'resources',
      'r.csv',
      csv([
        ['机构ID', '年份', '实有床位'],
        [ids.cy, 2022, 1],
      ]),
    );
    expect(res.json().error.details[0]).toMatchObject({
      row: 2,
      column: '机构ID',
      message: expect.stringContaining('不在您的管辖范围内'),
    });
    expect((await upload(hosp, 'institutions', 'i.csv', csv([['机构名称'], ['x']]))).statusCode).toBe(403);
    const own = await upload(
      hosp,
      'resources',
      'r.csv',
      csv([
        ['机构ID', '年份', '实有床位'],
        [ids.hx, 2022, 830],
      ]),
    );
    expect(own.statusCode, own.body).toBe(200);
    const other = await upload(
      hosp,
      'resources',
      'r.csv',
      csv([
        ['机构ID', '年份', '实有床位'],
        [ids.clinic, 2022, 1],
      ]),
    );
    expect(other.statusCode).toBe(422);
    const ro = await t.login('ro-user', STRONG);
    expect(
      (
        await upload(
          ro,
          'resources',
          'r.csv',
          csv([
            ['机构ID', '年份'],
            [1, 2022],
          ]),
        )
      ).statusCode,
    ).toBe(403);
    expect(await count('area_population')).toBe(1);
  });

  it('exports only within the caller’s scope', async () => {
    const mine = await download(hx, '/api/v1/export/institutions?format=csv');
    expect(mine.statusCode).toBe(200);
    const text = mine.rawPayload.toString('utf8');
    expect(text).toContain('辉县市人民医院');
    expect(text).not.toContain('长垣市人民医院');
    expect(mine.headers['x-total-count']).toBe('2');
    expect((await download(hx, '/api/v1/export/institutions?area=410783')).statusCode).toBe(403);
    expect((await download(hx, '/api/v1/export/population?area=4107&format=csv')).statusCode).toBe(200);
    expect((await download(hosp, '/api/v1/export/population')).statusCode).toBe(403);
    const own = (await download(hosp, '/api/v1/export/resources?format=csv')).rawPayload.toString('utf8');
    expect(own.trim().split('\r\n')).toHaveLength(1 + 3);
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=export.institutions')).json();
    expect(
      log.items.some(
        (i: { action: string; username: string }) => i.action === 'export.institutions' && i.username === 'hx-user',
      ),
    ).toBe(true);
  });

  it.each(['csv', 'xlsx'] as const)('round-trips every kind through export and import (%s)', async (format) => {
    const snapshot = async () => ({
      inst: (await t.call(admin, 'GET', '/api/v1/institutions?sort=id'))
        .json()
        .items.map(({ version: _v, updatedAt: _u, ...rest }: Record<string, unknown>) => rest),
      res: (await t.ctx.db.query(`select * from institution_resources order by institution_id, year`)).rows.map(
        ({ version: _v, updated_at: _u, ...rest }) => rest,
      ),
      pop: (await t.ctx.db.query(`select * from area_population order by area_code, year`)).rows.map(
        ({ version: _v, updated_at: _u, ...rest }) => rest,
      ),
    });
    const before = await snapshot();
    for (const kind of ['institutions', 'resources', 'population']) {
      const out = await download(admin, `/api/v1/export/${kind}?area=4107&format=${format}`);
      expect(out.statusCode).toBe(200);
      const back = await upload(admin, kind, `${kind}.${format}`, out.rawPayload);
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json().inserted).toBe(0);
      expect(back.json().updated).toBe(Number(out.headers['x-total-count']));
    }
    expect(await snapshot()).toEqual(before);
  });

  it('updates institutions by ID, keeping what the file does not mention', async () => {
    const id = ids.hx;
    const r = await upload(
      admin,
      'institutions',
      'upd.csv',
      csv([
        ['机构ID', '机构名称', '机构类别代码', '举办主体', '所在区划代码'],
        [id, '辉县市第一人民医院', 'A1', '政府办', '410782001'],
      ]),
    );
    expect(r.json()).toMatchObject({ inserted: 0, updated: 1 });
    const inst = (await t.call(admin, 'GET', `/api/v1/institutions/${id}`)).json();
    expect(inst).toMatchObject({ name: '辉县市第一人民医院', lng: 113.8, gradeLevel: 2, uscc: uscc('410782', 1) });
  });

  it('reads GBK-encoded CSV as saved by Excel on Chinese Windows', async () => {
    const gbkBytes = (s: string) => {
      const out: number[] = [];
      for (const ch of s) {
        if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
        else {
          search: for (let a = 0x81; a <= 0xfe; a++) {
            for (let b = 0x40; b <= 0xfe; b++) {
              if (new TextDecoder('gb18030').decode(Uint8Array.of(a, b)) === ch) {
                out.push(a, b);
                break search;
              }
            }
          }
        }
      }
      return Buffer.from(out);
    };
    const r = await upload(
      admin,
      'population',
      'gbk.csv',
      gbkBytes('区划代码,年份,常住人口,户籍人口\r\n410783001,2020,120000,118000\r\n'),
    );
    expect(r.statusCode, r.body).toBe(200);
    expect((await t.call(admin, 'GET', '/api/v1/areas/410783001/population/2020')).json().registered).toBe(118000);
  });

  it('keeps the stored values of columns a resources file leaves out, and audits what it overwrote', async () => {
    const full = await upload(
      admin,
      'resources',
      'full.csv',
      csv([
        ['机构ID', '年份', '实有床位', '执业（助理）医师', '注册护士'],
        [ids.cy, 2019, 500, 200, 260],
      ]),
    );
    expect(full.statusCode, full.body).toBe(200);
    const partial = await upload(
      admin,
      'resources',
      'partial.csv',
      csv([
        ['机构ID', '年份', '实有床位'],
        [ids.cy, 2019, 520],
      ]),
    );
    expect(partial.statusCode, partial.body).toBe(200);
    const row = (await resources(ids.cy)).find((r) => r.year === 2019)!;
    expect(row).toMatchObject({ bedsActual: 520, doctors: 200, nurses: 260 });
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=import.resources&limit=1')).json().items[0];
    expect(log.before).toEqual([expect.objectContaining({ institution_id: ids.cy, year: 2019, beds_actual: 500 })]);
  });

  it('refuses population for an area not in force that year (长垣县 after 2019)', async () => {
    const r = await upload(
      admin,
      'population',
      'pop.csv',
      csv([
        ['区划代码', '年份', '常住人口'],
        ['410728', 2024, 100],
      ]),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details[0]).toMatchObject({ row: 2, column: '区划代码' });
    expect(r.json().error.details[0].message).toContain('410783');
  });

  it('escapes text that Excel would run as a formula in CSV exports', async () => {
    const c = await t.call(admin, 'POST', '/api/v1/institutions', {
      name: '=HYPERLINK("http://example.invalid","点击")',
      category: 'D21',
      ownership: 'private',
      forProfit: true,
      areaCode: '410782002',
    });
    expect(c.statusCode, c.body).toBe(201);
    const out = await download(admin, '/api/v1/export/institutions?format=csv&area=410782');
    expect(out.body).toContain(`"'=HYPERLINK(`);
    expect(out.body).not.toMatch(/,"?=HYPERLINK/);
  });

  it('answers a cut-off upload with 400, not a server error', async () => {
    const m = multipart('cut.csv', Buffer.from('机构名称\n'));
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import/institutions',
      headers: { cookie: admin, ...m.headers },
      payload: m.payload.subarray(0, m.payload.length - 20),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('imports 10,000 resource rows in one go', async () => {
    const n = 2000;
    const instRows: (string | number | null)[][] = [['机构名称', '机构类别代码', '举办主体', '所在区划代码']];
    for (let i = 0; i < n; i++)
      instRows.push([`测试村卫生室${i}`, 'D6', '其他公立', i % 2 ? '410782001' : '410783001']);
    let started = performance.now();
    const ri = await upload(admin, 'institutions', 'many.csv', csv(instRows));
    expect(ri.statusCode, ri.body.slice(0, 500)).toBe(200);
    const instMs = performance.now() - started;
    const { rows: created } = await t.ctx.db.query<{ id: number }>(
      `select id from institutions where name like '测试村卫生室%' order by id`,
    );
    expect(created).toHaveLength(n);
    const header = ['机构ID', '年份', ...RESOURCE_FIELDS.map((f) => f.zh)];
    const rows: (string | number | null)[][] = [header];
    for (const { id } of created) {
      for (let y = 2016; y <= 2020; y++) {
        rows.push([
          id,
          y,
          ...RESOURCE_FIELDS.map((f) =>
            f.key === 'bedsActual' || f.key === 'staffTotal'
              ? 10
              : f.key.startsWith('beds') || f.key === 'healthTechnicians'
                ? 2
                : 1,
          ),
        ]);
      }
    }
    const file = csv(rows);
    started = performance.now();
    const r = await upload(admin, 'resources', 'many.csv', file);
    const ms = performance.now() - started;
    expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
    expect(r.json()).toMatchObject({ rows: 10_000, inserted: 10_000 });
    console.log(
      `[${engine}] import: ${n} institutions in ${instMs.toFixed(0)} ms; 10,000 resource rows × ${RESOURCE_FIELDS.length} fields (${(file.length / 1e6).toFixed(1)} MB) in ${ms.toFixed(0)} ms = ${Math.round(10_000 / (ms / 1000))} rows/s`,
    );
    expect(ms).toBeLessThan(20_000);
  }, 120_000);
});
