import { matchHeaders, templateColumns } from '@weijian/core/registry/exchange';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  decodeText,
  detectFormat,
  readCsv,
  readSheet,
  readXlsx,
  writeCsv,
  writeXlsx,
} from '../platform/file-decoding.ts';
import { buildTemplate } from './exchange-templates.ts';

/** GBK bytes of a string (test helper: Node has no GBK encoder, so invert the gb18030 decoder). */
function gbk(s: string): Buffer {
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    let found = false;
    for (let lead = 0x81; lead <= 0xfe && !found; lead++) {
      for (let trail = 0x40; trail <= 0xfe && !found; trail++) {
        if (trail === 0x7f) continue;
        if (new TextDecoder('gb18030').decode(Uint8Array.of(lead, trail)) === ch) {
          out.push(lead, trail);
          found = true;
        }
      }
    }
    if (!found) throw new Error(`no GBK code for ${ch}`);
  }
  return Buffer.from(out);
}

describe('reading files', () => {
  const csv = '机构ID,年份,实有床位\r\n1,2020,100\r\n\r\n2,2020,"1,200"\r\n';

  it('decodes UTF-8 with and without BOM, UTF-16 and GBK', () => {
    const utf8 = Buffer.from(csv, 'utf8');
    expect(decodeText(utf8)).toBe(csv);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toBe(csv);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]))).toBe(csv);
    const gb = gbk(csv);
    expect(gb.length).toBeLessThan(utf8.length);
    expect(decodeText(gb)).toBe(csv);
  });

  it('keeps spreadsheet row numbers across blank lines and reads quoted separators', () => {
    const sheet = readCsv(gbk(csv), 10);
    expect(sheet.headers).toEqual(['机构ID', '年份', '实有床位']);
    expect(sheet.rows.map((r) => [r.row, r.cells[2]])).toEqual([
      [2, '100'],
      [4, '1,200'],
    ]);
  });

  it('gives columns beyond the header an empty name so stray data is reported', () => {
    const sheet = readCsv(Buffer.from('年份,实有床位\n2020,1,99\n'), 10);
    expect(sheet.headers).toEqual(['年份', '实有床位', '']);
  });

  it('reads tab-separated text (Excel "Unicode text")', () => {
    const tsv = '区划代码\t年份\t常住人口\n410702\t2020\t500000\n';
    const sheet = readCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), 10);
    expect(sheet.headers).toEqual(['区划代码', '年份', '常住人口']);
    expect(sheet.rows[0]!.cells).toEqual(['410702', '2020', '500000']);
  });

  it('refuses too many rows, empty files and legacy .xls', async () => {
    expect(() => readCsv(Buffer.from('a\n1\n2\n3\n'), 2)).toThrow(/split/);
    await expect(readSheet(Buffer.alloc(0), 'x.csv', 10)).rejects.toThrow(/empty/);
    expect(() => detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls')).toThrow(/xls/);
    expect(() => detectFormat(Buffer.from('a,b'), 'a.xlsx')).toThrow();
    expect(detectFormat(Buffer.from('a,b'), 'a.csv')).toBe('csv');
  });

  it('writes CSV with a BOM and reads it back', () => {
    const buf = writeCsv(
      [{ header: '区划代码' }, { header: '常住人口' }],
      [
        ['410702', 5],
        ['410703', null],
      ],
    );
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.toString('utf8').slice(1)).toBe('区划代码,常住人口\r\n410702,5\r\n410703,\r\n');
  });

  it('writes XLSX and reads cells back with their types (codes stay text)', async () => {
    const buf = await writeXlsx(
      '数据',
      [{ header: '区划代码', text: true }, { header: '常住人口' }, { header: '日期' }],
      [
        ['410702001001', 12, '2020-01-05'],
        ['410703', null, null],
      ],
    );
    expect(detectFormat(buf, 'whatever.bin')).toBe('xlsx');
    const sheet = await readXlsx(buf, 10);
    expect(sheet.headers).toEqual(['区划代码', '常住人口', '日期']);
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(sheet.rows[0]!.cells).toEqual(['410702001001', 12, '2020-01-05']);
  });

  it('unwraps rich text, formulas and dates written by Excel', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['年份', '实有床位', '成立日期']);
    ws.addRow([
      { richText: [{ text: '20' }, { text: '20' }] },
      { formula: '50*2', result: 100 },
      new Date(Date.UTC(2019, 4, 1)),
    ]);
    const sheet = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 10);
    expect(sheet.rows[0]!.cells[0]).toBe('2020');
    expect(sheet.rows[0]!.cells[1]).toBe(100);
    expect((sheet.rows[0]!.cells[2] as Date).toISOString().slice(0, 10)).toBe('2019-05-01');
  });

  it('encodes download names per RFC 5987', () => {
    expect(contentDisposition('weijian-resources-template.xlsx', '机构年度资源导入模板.xlsx')).toBe(
      `attachment; filename="weijian-resources-template.xlsx"; filename*=UTF-8''%E6%9C%BA%E6%9E%84%E5%B9%B4%E5%BA%A6%E8%B5%84%E6%BA%90%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx`,
    );
  });
});

describe('templates', () => {
  it.each(['institutions', 'resources', 'population'] as const)(
    '%s: the XLSX template parses back with a 说明 sheet',
    async (kind) => {
      const buf = await buildTemplate(kind, 'xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)[1]).toBe('说明');
      const notes: string[] = [];
      wb.getWorksheet('说明')!.eachRow((r) => notes.push((r.values as unknown[]).slice(1).join('|')));
      if (kind === 'institutions') {
        expect(notes.some((n) => n.startsWith('A1|综合医院'))).toBe(true);
        expect(notes.some((n) => n.startsWith('政府办'))).toBe(true);
      }
      expect(notes.some((n) => n.startsWith('年份') || n.startsWith('机构名称'))).toBe(true);
      // The first sheet's header row is exactly the template columns, and it matches with no issues.
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as string[]).slice(1);
      expect(headers).toEqual(templateColumns(kind).map((c) => c.zh));
      expect(matchHeaders(kind, headers).issues).toEqual([]);
    },
  );

  it.each(['institutions', 'resources', 'population'] as const)(
    '%s: the CSV template is a BOM and the header row',
    async (kind) => {
      const buf = await buildTemplate(kind, 'csv');
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const sheet = readCsv(buf, 10);
      expect(sheet.headers).toEqual(templateColumns(kind).map((c) => c.zh));
      expect(sheet.rows).toEqual([]);
    },
  );
});
