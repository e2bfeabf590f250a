// Surveillance file imports on a real database: stream counts (POST /stream-counts/import) and case report
// cards (POST /cases/import) as CSV (UTF-8, UTF-8 with BOM, GB18030) and XLSX. Headers as in the templates
// (which are downloaded and filled in), in English and in common variants; all or nothing — one bad row
// answers 422 naming row and column, in Chinese or English, and nothing is written while earlier data stays;
// unreadable, empty and oversized files; scope (county and institution users); idempotent re-uploads and
// probable duplicates. All files are generated here.

import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_KEY } from '../src/platform/config.ts';
import { Protector } from '../src/platform/protect.ts';
import { citizenId, createInstitution, createUsers, daysAgo, multipart, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const DATA_KEY = randomBytes(32).toString('base64');
const HX = '410782001'; // a township of 辉县市
const HX2 = '410782002';
const CY = '410783001'; // a township of 长垣市

/** 2024-05-28 → 2024/5/28, as Excel on Chinese Windows writes dates into CSV. */
const slashed = (iso: string) => iso.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})/, '$1/$2/$3');
/** A date cell for exceljs: the wall-clock value as a UTC instant. */
const cellDate = (iso: string, time = '00:00') => new Date(`${iso}T${time}:00Z`);

type Cell = string | number | Date | null;

function csv(rows: Cell[][], opts: { bom?: boolean; sep?: string; eol?: string } = {}): Buffer {
  const quote = (v: Cell) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
    return /[",\r\n]/.test(s) || s.includes(opts.sep ?? ',') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = rows.map((r) => r.map(quote).join(opts.sep ?? ',')).join(opts.eol ?? '\r\n') + (opts.eol ?? '\r\n');
  return Buffer.concat([opts.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

let gbkTable: Map<string, number[]> | null = null;
/** GB18030 (GBK range) bytes of a string: Node has no encoder, so the decoder is inverted once. */
function gb18030(s: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

async function xlsx(rows: Cell[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Detail {
  path: string;
  row?: number;
  column?: string;
  message: string;
}

const STREAM_HEADER = ['数据流编码', '机构编号', '来源名称', '区划代码', '日期', '数量', '分母'];
const CASE_HEADER = [
  '报告卡编号',
  '报告单位',
  '疾病名称',
  '病例分类',
  '患者姓名',
  '有效证件号',
  '性别',
  '出生日期',
  '年龄',
  '联系电话',
  '工作单位（学校）',
  '人群分类',
  '现住址区划代码',
  '发病日期',
  '诊断时间',
  '报告时间',
  '报告医生',
];

describe.each(ENGINES)('surveillance file imports on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hxCdc: string;
  let roUser: string;
  let hosp: string;
  let hxHospital: number;
  let hx2Clinic: number;
  let cyHospital: number;

  const upload = (
    cookie: string,
    what: 'stream-counts' | 'cases',
    filename: string,
    body: Buffer,
    opts: { lang?: string; field?: string; detect?: boolean } = {},
  ) => {
    const m = multipart(filename, body, opts.field);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/surveillance/${what}/import${opts.detect ? '' : '?detect=false'}`,
      headers: { cookie, ...m.headers, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
      payload: m.payload,
    });
  };
  const details = (r: { json(): { error: { details: Detail[] } } }) => r.json().error.details;
  const one = async <T = number>(sql: string, params: unknown[] = []) =>
    (await t.ctx.db.query<{ v: T }>(sql, params)).rows[0]!.v;
  const countOf = async (stream: string) =>
    Number(await one(`select count(*)::int as v from stream_counts where stream_code = $1`, [stream]));
  const casesOf = async (prefix: string) =>
    Number(await one(`select count(*)::int as v from case_reports where client_report_id like $1`, [`${prefix}%`]));
  const auditCount = async (action: string) =>
    Number(await one(`select count(*)::int as v from audit_log where action = $1`, [action]));

  beforeAll(async () => {
    t = await makeApp(engine, { WEIJIAN_DATA_KEY: DATA_KEY });
    admin = await t.login('admin');
    const inst = (name: string, areaCode: string, category = 'A1') =>
      createInstitution(t, admin, name, areaCode, { category });
    hxHospital = await inst('辉县市人民医院', HX);
    hx2Clinic = await inst('辉县市第二人民医院', HX2);
    cyHospital = await inst('长垣市人民医院', CY);
    await createUsers(t, admin, [
      { username: 'hx-cdc', displayName: '辉县市疾控', role: 'county', scopeAreaCode: '410782' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '辉县医院', role: 'institution', scopeInstitutionId: hxHospital },
    ]);
    hxCdc = await t.login('hx-cdc', STRONG);
    roUser = await t.login('ro-user', STRONG);
    hosp = await t.login('hosp', STRONG);
  });
  afterAll(() => t?.close());

  // --- stream counts --------------------------------------------------------------------------------------

  describe('stream counts', () => {
    it('stores a CSV (UTF-8 with BOM, template headers) and updates the sources’ reporting status', async () => {
      const rows: Cell[][] = [STREAM_HEADER];
      for (let d = 7; d >= 1; d--) rows.push(['fever-clinic', hxHospital, null, null, daysAgo(d), 10 + d, null]);
      for (let d = 7; d >= 2; d--) rows.push(['school-absence-fever', null, '城关小学', HX, daysAgo(d), d, 800]);
      // The default runs the signal engine over the touched series.
      const r = await upload(admin, 'stream-counts', 'counts.csv', csv(rows, { bom: true }), { detect: true });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ rows: 13, sources: 2, from: daysAgo(7), to: daysAgo(1) });
      expect(r.json().signals).toEqual(expect.any(Number));

      const { rows: stored } = await t.ctx.db.query<{ date: string; count: number; denominator: number | null }>(
        `select to_char(date, 'YYYY-MM-DD') as date, count, denominator from stream_counts
          where stream_code = 'school-absence-fever' order by date`,
      );
      expect(stored).toHaveLength(6);
      expect(stored[0]).toEqual({ date: daysAgo(7), count: 7, denominator: 800 });

      const status = (await t.call(admin, 'GET', '/api/v1/surveillance/stream-sources?area=410782')).json();
      const fever = status.items.find((s: { streamCode: string }) => s.streamCode === 'fever-clinic');
      expect(fever).toMatchObject({
        sourceName: '辉县市人民医院',
        institutionId: hxHospital,
        areaCode: HX,
        lastDate: daysAgo(1),
        reportDays: 7,
        cadenceDays: 1,
        status: 'ok',
      });
      const school = status.items.find((s: { streamCode: string }) => s.streamCode === 'school-absence-fever');
      expect(school).toMatchObject({
        sourceName: '城关小学',
        lastDate: daysAgo(2),
        reportDays: 6,
        institutionId: null,
      });

      // The same source-day again replaces its count (a correction); the source keeps one row.
      const fix = await upload(
        admin,
        'stream-counts',
        'fix.csv',
        csv([STREAM_HEADER, ['fever-clinic', hxHospital, null, null, daysAgo(1), 99, null]]),
      );
      expect(fix.statusCode, fix.body).toBe(200);
      expect(
        await one(
          `select count as v from stream_counts where stream_code = 'fever-clinic' and source_key = $1 and date = $2`,
          [`inst:${hxHospital}`, daysAgo(1)],
        ),
      ).toBe(99);
      expect(await countOf('fever-clinic')).toBe(7);
    });

    it('reads XLSX with date and number cells, English or field-name headers and header variants', async () => {
      const file = await xlsx([
        ['Stream', 'Institution id', 'Source name', 'Area code', 'Date', 'Count', 'Denominator'],
        ['pharmacy-cough', null, '大药房', Number(HX2), cellDate(daysAgo(3)), 12, null],
        // A date cell carrying a time of day still means that day.
        ['pharmacy-cough', null, '大药房', Number(HX2), cellDate(daysAgo(2), '08:30'), 15, null],
        ['pharmacy-cough', hx2Clinic, null, null, daysAgo(2), 4, null],
      ]);
      const r = await upload(admin, 'stream-counts', 'pharmacy.xlsx', file);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ rows: 3, sources: 2, from: daysAgo(3), to: daysAgo(2) });
      const { rows } = await t.ctx.db.query<{ k: string; d: string; c: number; tw: string }>(
        `select source_key as k, to_char(date, 'YYYY-MM-DD') as d, count as c, township_code as tw from stream_counts
          where stream_code = 'pharmacy-cough' order by source_key, date`,
      );
      expect(rows).toEqual([
        { k: `inst:${hx2Clinic}`, d: daysAgo(2), c: 4, tw: HX2 },
        { k: `name:${HX2}:大药房`, d: daysAgo(3), c: 12, tw: HX2 },
        { k: `name:${HX2}:大药房`, d: daysAgo(2), c: 15, tw: HX2 },
      ]);

      // Field names, full-width brackets, spaces, asterisks, a unit; Excel's 2024/5/28 dates and 1,234 counts.
      const variants = csv([
        ['stream', ' 机构ID ', '来源名称*', '区划代码', '日期', '数量（人次）', 'denominator'],
        ['pharmacy-cough', null, '大药房', HX2, slashed(daysAgo(4)), '1,234', null],
      ]);
      const v = await upload(admin, 'stream-counts', 'variants.csv', variants);
      expect(v.statusCode, v.body).toBe(200);
      expect(
        await one(`select count as v from stream_counts where stream_code = 'pharmacy-cough' and date = $1`, [
          daysAgo(4),
        ]),
      ).toBe(1234);
    });

    it('reads GB18030 CSV (Excel on Chinese Windows) and tab-separated text', async () => {
      const text = [
        STREAM_HEADER.join(','),
        `school-absence-gi,,第一实验小学,${HX},${daysAgo(3)},3,650`,
        `school-absence-gi,,第一实验小学,${HX},${daysAgo(2)},5,650`,
      ].join('\r\n');
      const r = await upload(admin, 'stream-counts', 'gbk.csv', gb18030(text));
      expect(r.statusCode, r.body).toBe(200);
      const name = await one<string>(
        `select source_name as v from stream_sources where stream_code = 'school-absence-gi' limit 1`,
      );
      expect(name).toBe('第一实验小学');
      const tsv = csv([STREAM_HEADER, ['school-absence-gi', null, '第二实验小学', HX, daysAgo(2), 1, 300]], {
        sep: '\t',
        bom: true,
      });
      const tab = await upload(admin, 'stream-counts', 'unicode.txt', tsv);
      expect(tab.statusCode, tab.body).toBe(200);
      // Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated.
      const utf16 = [
        STREAM_HEADER.join('\t'),
        ['school-absence-gi', '', '第三实验小学', HX, daysAgo(2), 2, 400].join('\t'),
      ].join('\r\n');
      const u16 = await upload(
        admin,
        'stream-counts',
        'unicode16.txt',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]),
      );
      expect(u16.statusCode, u16.body).toBe(200);
      expect(await countOf('school-absence-gi')).toBe(4);
      expect(await one(`select count(*)::int as v from stream_sources where source_name = '第三实验小学'`)).toBe(1);
    });

    it('serves templates that re-import once filled in (CSV and XLSX)', async () => {
      const c = await t.app.inject({
        method: 'GET',
        url: '/api/v1/surveillance/stream-counts/template?format=csv',
        headers: { cookie: hxCdc },
      });
      expect(c.statusCode).toBe(200);
      expect(c.headers['content-type']).toContain('text/csv');
      expect(c.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const header = c.rawPayload.subarray(3).toString('utf8').trim();
      expect(header.split(',')).toEqual(STREAM_HEADER);
      const filled = Buffer.concat([
        c.rawPayload,
        Buffer.from(`intestinal-clinic,${hxHospital},,,${daysAgo(2)},6,\r\n`),
      ]);
      const r = await upload(hxCdc, 'stream-counts', 'template.csv', filled);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().rows).toBe(1);

      const x = await t.app.inject({
        method: 'GET',
        url: '/api/v1/surveillance/stream-counts/template',
        headers: { cookie: hxCdc },
      });
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const notes = wb.getWorksheet('说明')!;
      const codes: string[] = [];
      notes.eachRow((row) => codes.push(String(row.getCell(1).value)));
      expect(codes).toEqual(expect.arrayContaining(['fever-clinic', 'school-absence-rash']));
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(STREAM_HEADER);
      ws.addRow(['intestinal-clinic', null, '城关卫生院肠道门诊', HX, daysAgo(1), 2, null]);
      ws.addRow(['intestinal-clinic', hxHospital, null, null, daysAgo(1), 7, null]);
      const back = Buffer.from(await wb.xlsx.writeBuffer());
      const r2 = await upload(hxCdc, 'stream-counts', 'template.xlsx', back);
      expect(r2.statusCode, r2.body).toBe(200);
      expect(r2.json()).toMatchObject({ rows: 2, sources: 2 });
      expect(await countOf('intestinal-clinic')).toBe(3);
    });

    it('rejects the whole file for one bad row, naming row and column in Chinese or English', async () => {
      const before = await countOf('fever-clinic');
      const audits = await auditCount('stream.ingest');
      const day1 = await one(
        `select count as v from stream_counts where stream_code = 'fever-clinic' and source_key = $1 and date = $2`,
        [`inst:${hxHospital}`, daysAgo(1)],
      );
      const file = csv([
        STREAM_HEADER,
        ['fever-clinic', hxHospital, null, null, daysAgo(1), 5, null], // would replace 99
        ['no-such-stream', hxHospital, null, null, daysAgo(2), 5, null], // row 3
        ['fever-clinic', hxHospital, null, null, daysAgo(3), -1, null], // row 4
        ['fever-clinic', null, '新来源', HX, 'yesterday', 5, null], // row 5
        ['fever-clinic', null, '新来源', HX, daysAgo(4), 9, 5], // row 6: count above denominator
      ]);
      const r = await upload(admin, 'stream-counts', 'bad.csv', file);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(r.json().error.message).toContain('未导入任何数据');
      expect(details(r).map((d) => [d.row, d.column])).toEqual([
        [3, '数据流编码'],
        [4, '数量'],
        [5, '日期'],
        [6, '数量'],
      ]);
      expect(details(r)[0]!.message).toContain('不存在');
      const en = await upload(admin, 'stream-counts', 'bad.csv', file, { lang: 'en' });
      expect(en.statusCode).toBe(422);
      expect(en.json().error.message).toContain('nothing was imported');
      expect(details(en)[0]).toMatchObject({ row: 3, column: '数据流编码' });
      expect(details(en)[0]!.message).toMatch(/Unknown stream/);
      expect(details(en)[2]!.message).toMatch(/YYYY-MM-DD/);

      expect(await countOf('fever-clinic')).toBe(before);
      expect(
        await one(
          `select count as v from stream_counts where stream_code = 'fever-clinic' and source_key = $1 and date = $2`,
          [`inst:${hxHospital}`, daysAgo(1)],
        ),
      ).toBe(day1);
      expect(await one(`select count(*)::int as v from stream_sources where source_name = '新来源'`)).toBe(0);
      expect(await auditCount('stream.ingest')).toBe(audits);

      // XLSX rows are named as the sheet numbers them, blank rows included.
      const sheet = await xlsx([
        STREAM_HEADER,
        ['fever-clinic', hxHospital, null, null, daysAgo(3), 5, null],
        [],
        ['fever-clinic', hxHospital, null, null, daysAgo(4), 5, null],
        ['fever-clinic', hxHospital, null, null, daysAgo(5), 'viele', null],
      ]);
      const x = await upload(admin, 'stream-counts', 'bad.xlsx', sheet);
      expect(x.statusCode).toBe(422);
      expect(details(x).map((d) => [d.row, d.column, d.path])).toEqual([[5, '数量', '[5].count']]);
      expect(await countOf('fever-clinic')).toBe(before);
    });

    it('flags one source-day given twice with different counts; identical repeats are harmless', async () => {
      const conflict = await upload(
        admin,
        'stream-counts',
        'twice.csv',
        csv([
          STREAM_HEADER,
          ['pharmacy-antiviral', null, '仁和药房', HX, daysAgo(2), 3, null],
          ['pharmacy-antiviral', null, '仁和药房', HX, daysAgo(2), 4, null],
        ]),
      );
      expect(conflict.statusCode).toBe(422);
      expect(details(conflict)[0]).toMatchObject({ row: 3, column: '数量' });
      expect(details(conflict)[0]!.message).toContain('第 2 行');
      expect(await countOf('pharmacy-antiviral')).toBe(0);
      const same = await upload(
        admin,
        'stream-counts',
        'same.csv',
        csv([
          STREAM_HEADER,
          ['pharmacy-antiviral', null, '仁和药房', HX, daysAgo(2), 3, null],
          ['pharmacy-antiviral', null, '仁和药房', HX, daysAgo(2), 3, null],
        ]),
      );
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json().rows).toBe(1);
    });

    it('keeps county users to their county and institution users to their institution', async () => {
      const before = await countOf('fever-clinic');
      const foreign = await upload(
        hxCdc,
        'stream-counts',
        'foreign.csv',
        csv([
          STREAM_HEADER,
          ['fever-clinic', null, '长垣某小学', CY, daysAgo(2), 3, null],
          ['fever-clinic', cyHospital, null, null, daysAgo(2), 3, null],
          ['fever-clinic', hxHospital, null, CY, daysAgo(3), 3, null],
          ['fever-clinic', hxHospital, null, null, daysAgo(2), 3, null],
        ]),
      );
      expect(foreign.statusCode).toBe(422);
      expect(details(foreign).map((d) => [d.row, d.column])).toEqual([
        [2, '区划代码'],
        [3, '机构编号'],
        [4, '区划代码'],
      ]);
      expect(await countOf('fever-clinic')).toBe(before);

      // Institution users: their own institution only, and only within its county.
      const inst = await upload(
        hosp,
        'stream-counts',
        'inst.csv',
        csv([
          STREAM_HEADER,
          ['fever-clinic', null, '城关小学', HX, daysAgo(2), 3, null],
          ['fever-clinic', hx2Clinic, null, null, daysAgo(2), 3, null],
          ['fever-clinic', hxHospital, null, CY, daysAgo(2), 3, null],
        ]),
      );
      expect(inst.statusCode).toBe(422);
      expect(details(inst).map((d) => [d.row, d.column])).toEqual([
        [2, '机构编号'],
        [3, '机构编号'],
        [4, '区划代码'],
      ]);
      expect(
        await one(`select count(*)::int as v from stream_counts where county_code = '410783' and source_key = $1`, [
          `inst:${hxHospital}`,
        ]),
      ).toBe(0);
      const own = await upload(
        hosp,
        'stream-counts',
        'own.csv',
        csv([STREAM_HEADER, ['fever-clinic', hxHospital, null, HX2, daysAgo(2), 8, null]]),
      );
      expect(own.statusCode, own.body).toBe(200);

      // Read-only users may not upload at all, whatever the file holds.
      const ro = await upload(roUser, 'stream-counts', 'x.csv', Buffer.from('garbage'));
      expect(ro.statusCode).toBe(403);
      expect(ro.json().error.code).toBe('FORBIDDEN');
    });

    it('answers unreadable, empty, misnamed and wrong-type files with 4xx naming the problem', async () => {
      const before = await countOf('fever-clinic');
      const cases: [string, Buffer, number, RegExp][] = [
        ['empty.csv', Buffer.alloc(0), 422, /空/],
        ['blank.csv', Buffer.from('\r\n \r\n'), 422, /空/],
        ['header.csv', csv([STREAM_HEADER], { bom: true }), 422, /没有数据行/],
        ['report.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), 422, /不是 CSV 或 Excel/],
        ['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 422, /不是 CSV/],
        ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 422, /\.xls/],
        ['fake.xlsx', csv([STREAM_HEADER]), 422, /不是有效的 Excel/],
        [
          'data.csv',
          csv([
            ['数据流编码', '日期', '数量', '序号'],
            ['fever-clinic', daysAgo(1), 1, 1],
          ]),
          422,
          /序号/,
        ],
        [
          'data.csv',
          csv([
            ['数据流编码', '日期', '机构编号'],
            ['fever-clinic', daysAgo(1), hxHospital],
          ]),
          422,
          /数量/,
        ],
        [
          'dup.csv',
          csv([
            ['数据流编码', '日期', '数量', 'count', '机构编号'],
            ['fever-clinic', daysAgo(1), 1, 1, hxHospital],
          ]),
          422,
          /重复/,
        ],
        [
          'nohead.csv',
          csv([
            ['数据流编码', '日期', '数量', '机构编号', ''],
            ['fever-clinic', daysAgo(1), 1, hxHospital, 'x'],
          ]),
          422,
          /没有列名/,
        ],
      ];
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<Types/>');
      zip.file('word/document.xml', '<w:document/>');
      cases.push(['letter.docx', await zip.generateAsync({ type: 'nodebuffer' }), 422, /没有工作表|Excel/]);
      for (const [name, body, status, message] of cases) {
        const r = await upload(admin, 'stream-counts', name, body);
        expect(r.statusCode, `${name}: ${r.body}`).toBe(status);
        expect(JSON.stringify(r.json().error), name).toMatch(message);
      }
      // The English messages of the same problems.
      const en = await upload(admin, 'stream-counts', 'header.csv', csv([STREAM_HEADER]), { lang: 'en' });
      expect(en.json().error.details[0].message).toBe('The file has no data rows');
      const unknown = await upload(
        admin,
        'stream-counts',
        'data.csv',
        csv([
          ['数据流编码', '日期', '数量', '序号'],
          ['fever-clinic', daysAgo(1), 1, 1],
        ]),
        { lang: 'en' },
      );
      expect(details(unknown)[0]).toMatchObject({ row: 1, column: '序号' });
      expect(details(unknown)[0]!.message).toContain('Unknown column');

      // Not multipart, or no field named "file".
      const json = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts/import', { rows: [] });
      expect(json.statusCode).toBe(422);
      expect(json.json().error.details[0].path).toBe('file');
      const field = await upload(admin, 'stream-counts', 'a.csv', csv([STREAM_HEADER]), { field: 'upload' });
      expect(field.statusCode).toBe(422);
      expect(field.json().error.details[0].path).toBe('file');
      // A cut-off upload is the client's problem.
      const m = multipart(
        'cut.csv',
        csv([STREAM_HEADER, ['fever-clinic', hxHospital, null, null, daysAgo(1), 1, null]]),
      );
      const cut = await t.app.inject({
        method: 'POST',
        url: '/api/v1/surveillance/stream-counts/import',
        headers: { cookie: admin, ...m.headers },
        payload: m.payload.subarray(0, m.payload.length - 20),
      });
      expect(cut.statusCode, cut.body).toBe(400);
      expect(cut.json().error.code).toBe('VALIDATION_FAILED');
      expect(await countOf('fever-clinic')).toBe(before);
    });

    it('refuses files over the row and size limits', async () => {
      const line = `fever-clinic,${hxHospital},,,${daysAgo(1)},1,\n`;
      const many = Buffer.from(`${STREAM_HEADER.join(',')}\n${line.repeat(100_001)}`);
      const r = await upload(admin, 'stream-counts', 'many.csv', many);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toContain('100001');
      expect(r.json().error.message).toContain('100000');

      const huge = Buffer.alloc(50 * 1024 * 1024 + 1024, 0x31);
      const big = await upload(admin, 'stream-counts', 'huge.csv', huge);
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('names numbers beyond the database’s range as input errors, not server errors', async () => {
      const r = await upload(
        admin,
        'stream-counts',
        'big-numbers.xlsx',
        await xlsx([
          STREAM_HEADER,
          ['fever-clinic', 99_999_999_999, null, null, daysAgo(2), 1, null],
          ['fever-clinic', hxHospital, null, null, daysAgo(2), 3_000_000_000, null],
          ['fever-clinic', null, '城关小学', HX, daysAgo(2), 1, 3_000_000_000],
        ]),
      );
      expect(r.statusCode, r.body).toBe(422);
      expect(details(r).map((d) => [d.row, d.column])).toEqual([
        [2, '机构编号'],
        [3, '数量'],
        [4, '分母'],
      ]);
      // The JSON entry shares the checks.
      const json = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', {
        rows: [{ stream: 'fever-clinic', institutionId: 99_999_999_999, date: daysAgo(2), count: 1 }],
      });
      expect(json.statusCode, json.body).toBe(422);
      expect(json.json().error.details[0].path).toBe('[1].institutionId');
    });

    it('lists at most 1,000 problems and gives the total', async () => {
      const rows: Cell[][] = [STREAM_HEADER];
      for (let i = 0; i < 1500; i++) rows.push(['no-such-stream', hxHospital, null, null, daysAgo(1), 1, null]);
      const r = await upload(admin, 'stream-counts', 'many-bad.csv', csv(rows));
      expect(r.statusCode).toBe(422);
      expect(details(r)).toHaveLength(1000);
      expect(r.json().error.message).toContain('1500');
      expect(details(r)[0]!.row).toBe(2);
    });
  });

  // --- case reports ---------------------------------------------------------------------------------------

  describe('case reports', () => {
    let seq = 0;
    /** One card as a row of CASE_HEADER; dates as strings unless Date cells are given. */
    const cardRow = (prefix: string, over: Partial<Record<(typeof CASE_HEADER)[number], Cell>> = {}): Cell[] => {
      seq++;
      const v: Record<string, Cell> = {
        报告卡编号: `${prefix}-${seq}`,
        报告单位: hxHospital,
        疾病名称: 'B12',
        病例分类: '确诊病例',
        患者姓名: '王小五',
        有效证件号: citizenId(seq),
        性别: null,
        出生日期: null,
        年龄: null,
        联系电话: '13912345678',
        '工作单位（学校）': null,
        人群分类: '农民',
        现住址区划代码: HX,
        发病日期: daysAgo(20),
        诊断时间: `${daysAgo(19)} 08:00`,
        报告时间: `${daysAgo(19)} 09:00`,
        报告医生: '赵医生',
        ...over,
      };
      return CASE_HEADER.map((h) => v[h] ?? null);
    };

    it('stores an XLSX of cards with encrypted identifiers, masked in lists, full on the audited read', async () => {
      const id1 = citizenId(101, '19750203');
      const id2 = citizenId(102, '20180808');
      const file = await xlsx([
        CASE_HEADER,
        // Date cells; a diagnosis exactly at midnight; numbers in the phone and institution columns.
        cardRow('XL', {
          有效证件号: id1,
          联系电话: 13812345678,
          发病日期: cellDate(daysAgo(12)),
          诊断时间: cellDate(daysAgo(11), '00:00'),
          报告时间: cellDate(daysAgo(11), '01:30'),
        }),
        // The disease by name, classification as the national card words it, a child without an ID number.
        cardRow('XL', {
          疾病名称: '手足口病',
          病例分类: '临床诊断',
          有效证件号: null,
          患者姓名: '李小花',
          性别: '女',
          出生日期: cellDate('2020-06-01'),
          人群分类: '幼托儿童',
          '工作单位（学校）': '城关幼儿园',
          联系电话: null,
        }),
        cardRow('XL', { 有效证件号: id2, 病例分类: '实验室确诊病例', 人群分类: '散居儿童', 疾病名称: 'b13' }),
      ]);
      const r = await upload(admin, 'cases', 'cards.xlsx', file, { detect: true });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ total: 3, created: 3, existing: 0, duplicates: 0 });
      expect(r.json().signals).toEqual(expect.any(Number));

      const { rows } = await t.ctx.db.query<{
        id: number;
        clientReportId: string;
        diseaseCode: string;
        classification: string;
        enc: string | null;
        masked: string | null;
        phoneEnc: string | null;
        hmac: string;
        sex: string;
        diagnosisAt: string;
        onset: string;
      }>(
        `select id, client_report_id as "clientReportId", disease_code as "diseaseCode", classification,
                citizen_id_enc as enc, citizen_id_masked as masked, phone_enc as "phoneEnc", person_hmac as hmac, sex,
                diagnosis_at as "diagnosisAt", to_char(onset_date, 'YYYY-MM-DD') as onset
           from case_reports where client_report_id like 'XL-%' order by id`,
      );
      expect(rows.map((x) => [x.diseaseCode, x.classification])).toEqual([
        ['B12', 'confirmed'],
        ['C11', 'clinical'],
        ['B13', 'confirmed'],
      ]);
      expect(rows[0]!.onset).toBe(daysAgo(12));
      expect(new Date(rows[0]!.diagnosisAt).toISOString()).toBe(
        new Date(`${daysAgo(11)}T00:00:00+08:00`).toISOString(),
      );
      expect(rows[1]!.sex).toBe('female');
      expect(rows[1]!.enc).toBeNull();
      // Ciphertext under WEIJIAN_DATA_KEY (not the demo key), never the number itself.
      const protector = new Protector(Buffer.from(DATA_KEY, 'base64'));
      expect(rows[0]!.enc).toMatch(/^v1\./);
      expect(rows[0]!.enc).not.toContain(id1.slice(6, 14));
      expect(protector.decrypt(rows[0]!.enc!)).toBe(id1);
      expect(protector.decrypt(rows[0]!.phoneEnc!)).toBe('13812345678');
      expect(() => new Protector(DEMO_DATA_KEY).decrypt(rows[0]!.enc!)).toThrow();
      expect(rows[0]!.hmac).toBe(protector.hmac('citizen-id', id1));
      // Issue 12: the stored mask keeps the last character only.
      expect(rows[0]!.masked).toBe(`${'*'.repeat(17)}${id1.slice(17)}`);

      const list = await t.call(admin, 'GET', '/api/v1/surveillance/cases?limit=500');
      const items = list.json().items.filter((c: { clientReportId: string }) => c.clientReportId.startsWith('XL-'));
      expect(items).toHaveLength(3);
      expect(items.map((c: { patientName: string }) => c.patientName).sort()).toEqual(['李**', '王**', '王**']);
      expect(list.body).not.toContain(id1);
      expect(list.body).not.toContain('13812345678');
      const full = (await t.call(admin, 'GET', `/api/v1/surveillance/cases/${rows[0]!.id}`)).json();
      expect(full).toMatchObject({ citizenId: id1, phone: '13812345678', patientName: '王小五' });
      const imports = (await t.call(admin, 'GET', '/api/v1/audit?action=case.import')).json();
      expect(imports.total).toBeGreaterThanOrEqual(1);
    });

    it('reads UTF-8 (with and without BOM) and GB18030 CSV with header variants and Excel’s date forms', async () => {
      const header = [
        '卡片编号',
        '报告单位',
        '疾病名称',
        '病例分类',
        '姓名',
        '身份证号',
        '人群分类',
        '工作单位(学校)',
        '现住址区划代码',
        '发病日期',
        '诊断时间',
        '报告时间',
        '填卡医生',
        '年龄（岁）',
      ];
      const row = (prefix: string, n: number): Cell[] => [
        `${prefix}-${n}`,
        hxHospital,
        '细菌性和阿米巴性痢疾',
        '疑似病例',
        '赵六',
        citizenId(200 + n + (prefix === 'GB' ? 10 : prefix === 'BOM' ? 20 : 0), '19900101'),
        '学生（大中小学）',
        '第一中学',
        HX2,
        slashed(daysAgo(9)),
        `${slashed(daysAgo(9))} 9:05`,
        `${slashed(daysAgo(9))} 10:00`,
        '钱医生',
        null,
      ];
      const plain = await upload(admin, 'cases', 'plain.csv', csv([header, row('U8', 1), row('U8', 2)]));
      expect(plain.statusCode, plain.body).toBe(200);
      expect(plain.json().created).toBe(2);
      const bom = await upload(admin, 'cases', 'bom.csv', csv([header, row('BOM', 1)], { bom: true }));
      expect(bom.statusCode, bom.body).toBe(200);
      const gbText = [header, row('GB', 1), row('GB', 2)]
        .map((r) => r.map((c) => (c === null ? '' : String(c))).join(','))
        .join('\r\n');
      const gb = await upload(admin, 'cases', 'gbk.csv', gb18030(gbText));
      expect(gb.statusCode, gb.body).toBe(200);
      expect(gb.json().created).toBe(2);
      const { rows } = await t.ctx.db.query<{ name: string; workplace: string; occ: string; d: string }>(
        `select patient_name as name, workplace, occupation as occ, diagnosis_at as d from case_reports
          where client_report_id = 'GB-1'`,
      );
      expect(rows[0]).toMatchObject({ name: '赵六', workplace: '第一中学', occ: '学生（大中小学）' });
      expect(new Date(rows[0]!.d).toISOString()).toBe(new Date(`${daysAgo(9)}T09:05:00+08:00`).toISOString());
    });

    it('re-imports the downloaded template once filled in, and refuses the example row left in', async () => {
      const tpl = await t.app.inject({
        method: 'GET',
        url: '/api/v1/surveillance/cases/template?format=csv',
        headers: { cookie: hxCdc },
      });
      expect(tpl.statusCode).toBe(200);
      expect(tpl.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = tpl.rawPayload.subarray(3).toString('utf8').trim().split(/\r\n/);
      expect(lines).toHaveLength(2);
      const header = lines[0]!.split(',');
      expect(header).toEqual(expect.arrayContaining(['卡片编号', '有效证件号', '现住址区划代码', '备注']));
      const fill = (v: Record<string, string>) => header.map((h) => v[h] ?? '').join(',');
      const mine = fill({
        卡片编号: 'TPL-1',
        报告单位: String(hxHospital),
        疾病名称: 'C11',
        病例分类: '临床诊断病例',
        患者姓名: '孙小明',
        患儿家长姓名: '孙大明',
        性别: '男',
        出生日期: '2021-03-15',
        人群分类: '散居儿童',
        现住址区划代码: HX,
        发病日期: daysAgo(6),
        诊断时间: `${daysAgo(5)} 10:00`,
        报告时间: `${daysAgo(5)} 11:30`,
        报告医生: '李医生',
      });
      // Filled in below the example row, which was forgotten: refused, naming it.
      const withExample = Buffer.from(`\uFEFF${lines[0]}\r\n${lines[1]}\r\n${mine}\r\n`);
      const bad = await upload(hxCdc, 'cases', 'template.csv', withExample);
      expect(bad.statusCode).toBe(422);
      expect(details(bad)[0]).toMatchObject({ row: 2, column: '备注' });
      expect(details(bad)[0]!.message).toContain('示例行');
      expect(await casesOf('TPL-')).toBe(0);
      const good = await upload(hxCdc, 'cases', 'template.csv', Buffer.from(`\uFEFF${lines[0]}\r\n${mine}\r\n`));
      expect(good.statusCode, good.body).toBe(200);
      expect(good.json()).toMatchObject({ created: 1 });
      expect(await casesOf('TPL-')).toBe(1);
    });

    it('serves an XLSX case template with text columns and a 说明 sheet, which re-imports once filled in', async () => {
      const x = await t.app.inject({
        method: 'GET',
        url: '/api/v1/surveillance/cases/template',
        headers: { cookie: hxCdc },
      });
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const notes: string[][] = [];
      wb.getWorksheet('说明')!.eachRow((row) => notes.push((row.values as unknown[]).slice(1).map(String)));
      expect(notes).toEqual(expect.arrayContaining([['A01', '鼠疫', '甲类'], ['确诊病例'], ['散居儿童']]));
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      expect(header).toEqual(expect.arrayContaining(['卡片编号', '有效证件号', '现住址区划代码', '备注']));
      // Every column is text, so Excel keeps an 18-digit ID typed into it.
      const idCol = header.indexOf('有效证件号') + 1;
      expect(ws.getColumn(idCol).numFmt).toBe('@');
      expect(ws.getRow(2).getCell(header.indexOf('备注') + 1).value).toContain('示例行');
      ws.spliceRows(2, 1);
      const id = citizenId(314, '19851120');
      const cell: Record<string, string> = {
        卡片编号: 'TPX-1',
        报告单位: String(hxHospital),
        疾病名称: '乙型病毒性肝炎',
        病例分类: '确诊病例',
        患者姓名: '钱小红',
        有效证件号: id,
        人群分类: '农民',
        现住址区划代码: HX,
        发病日期: daysAgo(6),
        诊断时间: `${daysAgo(5)} 10:00`,
        报告时间: `${daysAgo(5)} 11:30`,
        报告医生: '李医生',
      };
      ws.addRow(header.map((h) => cell[h] ?? null));
      const back = Buffer.from(await wb.xlsx.writeBuffer());
      const r = await upload(hxCdc, 'cases', 'template.xlsx', back);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ created: 1 });
      const { rows } = await t.ctx.db.query<{ code: string }>(
        `select disease_code as code from case_reports where client_report_id = 'TPX-1'`,
      );
      expect(rows[0]!.code).toBe('B0302');
    });

    it('rejects the whole file for one bad row, naming row and column, and keeps what was stored', async () => {
      const first = await upload(admin, 'cases', 'first.csv', csv([CASE_HEADER, cardRow('AON'), cardRow('AON')]));
      expect(first.statusCode, first.body).toBe(200);
      const storedBefore = await casesOf('AON-');
      const { rows: snapshot } = await t.ctx.db.query(
        'select * from case_reports where client_report_id like $1 order by id',
        ['AON-%'],
      );
      const audits = await auditCount('case.import');
      const valid = citizenId(999);
      const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const rows = [
        CASE_HEADER,
        cardRow('AON'), // row 2: fine
        cardRow('AON', { 有效证件号: wrongCheck }), // row 3: check digit
        cardRow('AON', { 人群分类: '宇航员', 现住址区划代码: '999999999' }), // row 4: two problems
        cardRow('AON', { 发病日期: daysAgo(-2) }), // row 5: in the future
      ];
      const r = await upload(admin, 'cases', 'bad.csv', csv(rows, { bom: true }));
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toContain('未导入任何数据');
      const got = details(r).map((d) => [d.row, d.column, d.path]);
      expect(got).toEqual(
        expect.arrayContaining([
          [3, '有效证件号', 'citizenId'],
          [4, '人群分类', 'occupation'],
          [5, '发病日期', 'onsetDate'],
        ]),
      );
      expect(details(r).every((d) => d.row !== 2)).toBe(true);
      expect(details(r).find((d) => d.row === 3)!.message).toContain('校验码');
      const en = await upload(admin, 'cases', 'bad.csv', csv(rows), { lang: 'en' });
      expect(en.statusCode).toBe(422);
      expect(en.json().error.message).toMatch(/nothing was imported/);
      const enCitizen = details(en).find((d) => d.row === 3)!;
      expect(enCitizen).toMatchObject({ column: '有效证件号', path: 'citizenId' });
      expect(enCitizen.message).toMatch(/Invalid citizen ID/);

      expect(await casesOf('AON-')).toBe(storedBefore);
      const { rows: after } = await t.ctx.db.query(
        'select * from case_reports where client_report_id like $1 order by id',
        ['AON-%'],
      );
      expect(after).toEqual(snapshot);
      expect(await auditCount('case.import')).toBe(audits);
    });

    it('is idempotent on re-upload (client report ids) and flags probable duplicates', async () => {
      const person = citizenId(777, '19700505');
      const rows = [
        CASE_HEADER,
        cardRow('IDEM', { 有效证件号: person, 疾病名称: 'B13' }),
        // The same person and disease from another hospital five days later: stored, flagged.
        cardRow('IDEM', {
          有效证件号: person,
          疾病名称: 'B13',
          报告单位: hx2Clinic,
          发病日期: daysAgo(15),
          诊断时间: `${daysAgo(15)} 09:00`,
          报告时间: `${daysAgo(15)} 10:00`,
        }),
        cardRow('IDEM', { 疾病名称: 'B13' }),
      ];
      const file = await xlsx(rows);
      const r = await upload(admin, 'cases', 'idem.xlsx', file);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ total: 3, created: 3, existing: 0, duplicates: 1 });
      const again = await upload(admin, 'cases', 'idem.xlsx', file);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ total: 3, created: 0, existing: 3, duplicates: 0 });
      expect(await casesOf('IDEM-')).toBe(3);

      const dups = (await t.call(admin, 'GET', '/api/v1/surveillance/cases?duplicates=true&disease=B13')).json();
      const ids = (
        await t.ctx.db.query<{ id: number; cid: string }>(
          `select id, client_report_id as cid from case_reports where client_report_id like 'IDEM-%' order by id`,
        )
      ).rows;
      expect(dups.items.map((c: { id: number; duplicateOf: number }) => [c.id, c.duplicateOf])).toEqual([
        [ids[1]!.id, ids[0]!.id],
      ]);

      // A later file naming the same person again is flagged against the stored card.
      const later = await upload(
        admin,
        'cases',
        'later.csv',
        csv([
          CASE_HEADER,
          cardRow('IDEM', {
            有效证件号: person,
            疾病名称: 'B13',
            发病日期: daysAgo(10),
            诊断时间: `${daysAgo(10)} 09:00`,
            报告时间: `${daysAgo(10)} 10:00`,
          }),
        ]),
      );
      expect(later.json()).toMatchObject({ created: 1, duplicates: 1 });

      // One card given twice in a file: harmless when identical, an error when the contents differ.
      const same = cardRow('IDEM');
      const twice = await upload(admin, 'cases', 'twice.csv', csv([CASE_HEADER, same, same]));
      expect(twice.statusCode, twice.body).toBe(200);
      expect(twice.json()).toMatchObject({ total: 2, created: 1, existing: 1 });
      const changed = [...same];
      changed[CASE_HEADER.indexOf('患者姓名')] = '另一个人';
      const conflict = await upload(admin, 'cases', 'conflict.csv', csv([CASE_HEADER, cardRow('IDEM'), same, changed]));
      expect(conflict.statusCode).toBe(422);
      expect(details(conflict)).toHaveLength(1);
      expect(details(conflict)[0]).toMatchObject({ row: 4, column: '报告卡编号' });
      expect(details(conflict)[0]!.message).toContain('第 3 行');
    });

    it('keeps county and institution users to the institutions of their scope; read-only users out', async () => {
      const before = await casesOf('SCOPE-');
      const foreign = await upload(
        hxCdc,
        'cases',
        'foreign.csv',
        csv([CASE_HEADER, cardRow('SCOPE'), cardRow('SCOPE', { 报告单位: cyHospital, 现住址区划代码: CY })]),
      );
      expect(foreign.statusCode).toBe(422);
      expect(details(foreign).map((d) => [d.row, d.column, d.path])).toEqual([[3, '报告单位', 'institutionId']]);
      expect(await casesOf('SCOPE-')).toBe(before);
      // Within the county: its hospitals' cards, whatever the patient's address (as for a single card).
      const own = await upload(
        hxCdc,
        'cases',
        'own.csv',
        csv([CASE_HEADER, cardRow('SCOPE'), cardRow('SCOPE', { 报告单位: hx2Clinic, 现住址区划代码: CY })]),
      );
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().created).toBe(2);

      const inst = await upload(
        hosp,
        'cases',
        'inst.csv',
        csv([CASE_HEADER, cardRow('SCOPE'), cardRow('SCOPE', { 报告单位: hx2Clinic })]),
      );
      expect(inst.statusCode).toBe(422);
      expect(details(inst).map((d) => [d.row, d.column])).toEqual([[3, '报告单位']]);
      const instOwn = await upload(hosp, 'cases', 'inst.csv', csv([CASE_HEADER, cardRow('SCOPE')]));
      expect(instOwn.statusCode, instOwn.body).toBe(200);
      const listed = (await t.call(hosp, 'GET', '/api/v1/surveillance/cases?limit=500')).json();
      expect(listed.items.every((c: { institutionId: number }) => c.institutionId === hxHospital)).toBe(true);

      const ro = await upload(roUser, 'cases', 'ro.csv', csv([CASE_HEADER, cardRow('SCOPE')]));
      expect(ro.statusCode).toBe(403);
      expect(await casesOf('SCOPE-')).toBe(before + 3);
    });

    it('explains long numbers that Excel has already rounded (scientific notation in CSV)', async () => {
      const r = await upload(
        admin,
        'cases',
        'excel-rounded.csv',
        csv([
          CASE_HEADER,
          cardRow('SCI', { 有效证件号: '4.10799E+17' }),
          cardRow('SCI', { 现住址区划代码: '4.10782E+11' }),
        ]),
      );
      expect(r.statusCode).toBe(422);
      expect(details(r).map((d) => [d.row, d.column])).toEqual([
        [2, '有效证件号'],
        [3, '现住址区划代码'],
      ]);
      expect(details(r)[0]!.message).toContain('科学计数法');
      // The XLSX template's text columns keep long numbers: the message points to it.
      expect(details(r)[0]!.message).toContain('XLSX 模板');
      expect(await casesOf('SCI-')).toBe(0);
    });

    it('refuses long digit strings typed as number cells in XLSX, asking for a text column', async () => {
      // An 18-digit ID number whose value as a number is not itself (Excel keeps 15 significant digits).
      let n = 1;
      while (!/^\d{18}$/.test(citizenId(n)) || String(Number(citizenId(n))) === citizenId(n)) n++;
      const id = citizenId(n);
      const file = await xlsx([
        CASE_HEADER,
        cardRow('NUM', { 有效证件号: Number(id) }), // row 2
        cardRow('NUM', { 联系电话: 3_735_551_234 }), // row 3: 0373-5551234 without its leading 0
        cardRow('NUM', { 报告卡编号: Number('4107820240000123456') }), // row 4: a 19-digit card number
        // Exact as numbers: a 12-digit address code, a mobile number, a short card number.
        cardRow('NUM', { 现住址区划代码: Number(HX), 联系电话: 13_912_345_678, 报告卡编号: 20_240_001 }), // row 5
      ]);
      const r = await upload(admin, 'cases', 'numbers.xlsx', file);
      expect(r.statusCode, r.body).toBe(422);
      expect(details(r).map((d) => [d.row, d.column, d.path])).toEqual([
        [2, '有效证件号', 'citizenId'],
        [3, '联系电话', 'phone'],
        [4, '报告卡编号', 'clientReportId'],
      ]);
      for (const d of details(r)) expect(d.message).toContain('设置为文本格式后重新填写');
      expect(details(r)[0]!.message).not.toContain('校验码');
      expect(details(r)[1]!.message).toContain('开头的 0');
      const en = await upload(admin, 'cases', 'numbers.xlsx', file, { lang: 'en' });
      expect(en.statusCode).toBe(422);
      expect(details(en)[0]!.message).toMatch(/format the column as Text and enter the values again/);
      expect(await casesOf('NUM-')).toBe(0);
      expect(await casesOf('20240001')).toBe(0);

      // The same file with those cells as text is stored as typed.
      const fixed = await xlsx([
        CASE_HEADER,
        cardRow('NUMOK', { 有效证件号: id }),
        cardRow('NUMOK', { 现住址区划代码: Number(HX), 联系电话: 13_912_345_678 }),
      ]);
      const ok = await upload(admin, 'cases', 'numbers-fixed.xlsx', fixed);
      expect(ok.statusCode, ok.body).toBe(200);
      const { rows } = await t.ctx.db.query<{ enc: string }>(
        `select citizen_id_enc as enc from case_reports where client_report_id like 'NUMOK-%' order by id limit 1`,
      );
      expect(new Protector(Buffer.from(DATA_KEY, 'base64')).decrypt(rows[0]!.enc)).toBe(id);
    });

    it('refuses an area code as a number cell in a stream file only where the number is not exact', async () => {
      const r = await upload(
        admin,
        'stream-counts',
        'long-area.xlsx',
        await xlsx([
          STREAM_HEADER,
          ['pharmacy-cough', null, '某药房', Number('4107820010010000001'), daysAgo(2), 1, null],
        ]),
      );
      expect(r.statusCode, r.body).toBe(422);
      expect(details(r)[0]).toMatchObject({ row: 2, column: '区划代码', path: 'areaCode' });
      expect(details(r)[0]!.message).toContain('设置为文本格式');
    });

    it('names an institution id beyond the database’s range as a row error', async () => {
      const r = await upload(
        admin,
        'cases',
        'big-id.xlsx',
        await xlsx([CASE_HEADER, cardRow('BIG', { 报告单位: 99_999_999_999 })]),
      );
      expect(r.statusCode, r.body).toBe(422);
      expect(details(r)[0]).toMatchObject({ row: 2, column: '报告单位', path: 'institutionId' });
    });

    it('answers bad files with 4xx naming the problem', async () => {
      const before = Number(await one('select count(*)::int as v from case_reports'));
      const checks: [string, Buffer, number, RegExp][] = [
        ['empty.csv', Buffer.alloc(0), 422, /空/],
        ['header.csv', csv([CASE_HEADER]), 422, /没有数据行/],
        ['scan.pdf', Buffer.from('%PDF-1.7\n\0\0', 'latin1'), 422, /不是 CSV 或 Excel/],
        ['cards.xlsx', csv([CASE_HEADER, cardRow('BADF')]), 422, /不是有效的 Excel/],
        [
          'cards.csv',
          csv([
            [...CASE_HEADER, '序号'],
            [...cardRow('BADF'), 1],
          ]),
          422,
          /序号/,
        ],
        [
          'cards.csv',
          csv([CASE_HEADER.filter((h) => h !== '报告卡编号'), cardRow('BADF').slice(1)]),
          422,
          /缺少必需的列“卡片编号”/,
        ],
      ];
      for (const [name, body, status, message] of checks) {
        const r = await upload(admin, 'cases', name, body);
        expect(r.statusCode, `${name}: ${r.body}`).toBe(status);
        expect(JSON.stringify(r.json().error), name).toMatch(message);
      }
      const many = Buffer.from(
        `${CASE_HEADER.join(',')}\n${`x${','.repeat(CASE_HEADER.length - 1)}\n`.repeat(100_001)}`,
      );
      const r = await upload(admin, 'cases', 'many.csv', many);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toContain('100000');
      const json = await t.call(admin, 'POST', '/api/v1/surveillance/cases/import', {});
      expect(json.statusCode).toBe(422);
      const m = multipart('cut.csv', csv([CASE_HEADER, cardRow('BADF')]));
      const cut = await t.app.inject({
        method: 'POST',
        url: '/api/v1/surveillance/cases/import',
        headers: { cookie: admin, ...m.headers },
        payload: m.payload.subarray(0, m.payload.length - 20),
      });
      expect(cut.statusCode, cut.body).toBe(400);
      expect(Number(await one('select count(*)::int as v from case_reports'))).toBe(before);
    });
  });
});
