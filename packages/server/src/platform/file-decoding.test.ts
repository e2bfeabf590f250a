// Mixed line ends, BOMs, trailing blank columns and lines: what a CSV typed by hand into a template brings.
import { describe, expect, it } from 'vitest';
import { readDelimited } from '../planning/table-readers.ts';
import { mapSheet } from '../registry/exchange-check.ts';
import { Problems } from '../registry/exchange-problems.ts';
import { buildTemplate } from '../registry/exchange-templates.ts';
import { readCsv } from './file-decoding.ts';

const rowsOf = (text: string) =>
  readCsv(Buffer.from(text, 'utf8'), 100).rows.map((r) => [r.row, ...r.cells.map(String)]);

describe('CSV line ends', () => {
  it('reads a CRLF header followed by LF rows, and the reverse, row by row', () => {
    const want = [
      [2, '甲', '1', '2'],
      [3, '乙', '3', '4'],
    ];
    expect(rowsOf('名称,代码,床位\r\n甲,1,2\n乙,3,4\n')).toEqual(want);
    expect(rowsOf('名称,代码,床位\n甲,1,2\r\n乙,3,4\r\n')).toEqual(want);
    expect(rowsOf('名称,代码,床位\r甲,1,2\r\n乙,3,4')).toEqual(want);
  });

  it('keeps a line end inside a quoted cell as text', () => {
    expect(rowsOf('名称,备注\r\n甲,"第一行\n第二行"\n乙,无\n')).toEqual([
      [2, '甲', '第一行\n第二行'],
      [3, '乙', '无'],
    ]);
  });

  it('drops trailing blank columns and blank lines, keeps a BOM out of the first header', () => {
    const sheet = readCsv(Buffer.from('\ufeff名称,代码,,,\r\n甲,1,,,\n乙,2, ,,\n\n,,,,\r\n\r\n', 'utf8'), 100);
    expect(sheet.headers).toEqual(['名称', '代码']);
    expect(sheet.rows.map((r) => r.cells)).toEqual([
      ['甲', '1'],
      ['乙', '2'],
    ]);
  });

  it('still reports data in a column without a header', () => {
    const sheet = readCsv(Buffer.from('名称,代码\r\n甲,1,多余\n', 'utf8'), 100);
    expect(sheet.headers).toEqual(['名称', '代码', '']);
  });

  it('the population template typed into on Linux maps every row with no header issue', async () => {
    const template = (await buildTemplate('population', 'csv')).toString('utf8');
    expect(template.endsWith('\r\n')).toBe(true);
    const rows = ['410781,2024,1000,900,500,500,10,20,30,600,100,240,8,5', '410782,2024,x,900,500,500,,,,,,,,'];
    const sheet = readCsv(Buffer.from(`${template}${rows.join('\n')}\n\n`, 'utf8'), 100);
    const problems = new Problems('population');
    const mapped = mapSheet('population', sheet, problems);
    expect(problems.details).toEqual([]);
    expect(mapped?.map((m) => m.row)).toEqual([2, 3]);
  });

  it('the plan table reader accepts mixed line ends too', () => {
    expect(readDelimited('指标,目标\r\n床位数,100\n医师数,50\n')).toEqual([
      ['指标', '目标'],
      ['床位数', '100'],
      ['医师数', '50'],
    ]);
  });
});
