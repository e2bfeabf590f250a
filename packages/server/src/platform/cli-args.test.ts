import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  areaCodeArg,
  CliError,
  checkDateRange,
  checkOutputFile,
  cliLang,
  commanderMessage,
  dateArg,
  describeError,
  intArg,
  readInputFile,
} from './cli-args.ts';
import { invalid } from './errors.ts';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as CliError).text;
  }
  throw new Error('not refused');
};

describe('command-line arguments', () => {
  it('speaks Chinese unless --lang en or WEIJIAN_LANG=en; LANG is not consulted', () => {
    expect(cliLang(['node', 'weijian', 'import'], { LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(cliLang(['node', 'weijian', 'import', '--lang', 'en'], {})).toBe('en');
    expect(cliLang(['node', 'weijian', '--lang=en'], {})).toBe('en');
    expect(cliLang(['node', 'weijian'], { WEIJIAN_LANG: 'en' })).toBe('en');
    expect(cliLang(['node', 'weijian', '--lang', 'zh'], { WEIJIAN_LANG: 'en' })).toBe('zh');
  });

  it('checks numbers, dates and their order, naming the argument', () => {
    expect(intArg('--weeks', 52, 5200)('104')).toBe(104);
    expect(refusal(() => intArg('--weeks', 52, 5200)('1.5'))).toEqual({
      zh: '参数 --weeks：“1.5”不是整数',
      en: '--weeks: "1.5" is not an integer',
    });
    expect(refusal(() => intArg('--weeks', 52, 5200)('9999')).zh).toBe(
      '参数 --weeks：9999 超出范围，应在 52–5200 之间',
    );
    expect(dateArg('--from')('2024-02-29')).toBe('2024-02-29');
    expect(refusal(() => dateArg('--from')('2023-02-29')).zh).toContain('不是有效日期');
    expect(refusal(() => checkDateRange('--from', '2024-03-01', '--to', '2024-02-01')).zh).toBe(
      '参数 --from：开始日期 2024-03-01 晚于 --to 2024-02-01',
    );
    expect(refusal(() => checkDateRange('--from', '2000-01-01', '--to', '2024-01-01')).en).toContain('above the limit');
    expect(() => checkDateRange('--from', '2024-01-01', '--to', '2024-01-01')).not.toThrow();
    expect(refusal(() => areaCodeArg('<code>', [4, 6])('41')).zh).toBe(
      '参数 <code>：“41”不是区划代码（应为 4、6 位数字）',
    );
  });

  it('refuses missing, unreadable and empty input files and unwritable outputs by name, never a raw ENOENT', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-args-'));
    try {
      const missing = path.join(dir, 'missing.csv');
      expect(refusal(() => readInputFile('<file>', missing))).toEqual({
        zh: `参数 <file>：无法读取 ${missing}：文件不存在`,
        en: `<file>: cannot read ${missing}: no such file`,
      });
      expect(refusal(() => readInputFile('<file>', dir)).zh).toContain('这是一个目录');
      fs.writeFileSync(path.join(dir, 'empty.csv'), '');
      expect(refusal(() => readInputFile('<file>', path.join(dir, 'empty.csv'))).zh).toContain('是空文件');
      fs.writeFileSync(path.join(dir, 'ok.csv'), 'a\n1\n');
      expect(readInputFile('<file>', path.join(dir, 'ok.csv')).toString()).toBe('a\n1\n');
      expect(refusal(() => checkOutputFile('--out', path.join(dir, 'no/such/x.csv'))).zh).toContain('不存在');
      expect(() => checkOutputFile('--out', path.join(dir, 'new.csv'))).not.toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the services’ errors with their details, and commander’s in Chinese', () => {
    const e = invalid([
      { path: 'rows[3].code', row: 3, column: '区划代码', message: { zh: '不存在', en: 'not found' } },
    ]);
    expect(describeError(e, 'zh')).toBe('数据校验未通过（1 处错误）\n  第 3 行【区划代码】 不存在');
    expect(describeError(e, 'en')).toBe('Validation failed (1 errors)\n  row 3 [区划代码] not found');
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/x.csv' });
    expect(describeError(enoent, 'zh')).toBe('/x.csv：文件不存在');
    expect(commanderMessage("error: required option '--to <date>' not specified", 'zh')).toBe(
      '缺少必填选项 --to <date>',
    );
    expect(
      commanderMessage(
        "error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are csv, xlsx.",
        'zh',
      ),
    ).toBe('选项 --format <format> 的取值“pdf”无效，可选：csv、xlsx');
    expect(commanderMessage("error: unknown command 'bogus'", 'en')).toBe("unknown command 'bogus'");
  });
});
