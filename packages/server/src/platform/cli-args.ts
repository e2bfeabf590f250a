// The command line's side of bad input: one language per run (Chinese by default; `--lang en` or
// WEIJIAN_LANG=en for English), every argument checked before anything is opened or written, and every
// refusal a message naming the argument with exit code 1 — never a stack trace or a raw ENOENT.
// LANG is not consulted: server images set it (en_US.UTF-8, C.UTF-8) whatever the operator reads.
import fs from 'node:fs';
import path from 'node:path';
import type { Bilingual } from '@weijian/core/platform';
import type { AppError } from './errors.ts';

export type CliLang = 'zh' | 'en';

/** The language of this run: `--lang <zh|en>` (or `--lang=en`) anywhere on the line, else WEIJIAN_LANG, else zh. */
export function cliLang(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): CliLang {
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang') value = argv[i + 1];
    else if (a.startsWith('--lang=')) value = a.slice('--lang='.length);
  });
  value ??= env.WEIJIAN_LANG;
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** A text in this run's language. */
export const say = (t: Bilingual, lang: CliLang = cliLang()): string => t[lang];

/** A refused command line: the message names the argument; main prints it and exits 1. */
export class CliError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'CliError';
  }
}

/** A refusal naming the argument: "参数 --year：…" / "--year: …". */
export const argError = (arg: string, zh: string, en: string) =>
  new CliError({ zh: `参数 ${arg}：${zh}`, en: `${arg}: ${en}` });

/** Commander option parser for an integer in [min, max]. */
export const intArg =
  (arg: string, min: number, max: number) =>
  (raw: string): number => {
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n))
      throw argError(arg, `“${raw}”不是整数`, `"${raw}" is not an integer`);
    if (n < min || n > max)
      throw argError(arg, `${n} 超出范围，应在 ${min}–${max} 之间`, `${n} is out of range ${min}–${max}`);
    return n;
  };

/** Commander option parser for a number in [min, max]. */
export const numberArg =
  (arg: string, min: number, max: number) =>
  (raw: string): number => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw argError(arg, `“${raw}”不是数字`, `"${raw}" is not a number`);
    if (n < min || n > max)
      throw argError(arg, `${n} 超出范围，应在 ${min}–${max} 之间`, `${n} is out of range ${min}–${max}`);
    return n;
  };

/** Commander option parser for a calendar date YYYY-MM-DD that exists (no 2024-02-30). */
export const dateArg =
  (arg: string) =>
  (raw: string): string => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.toISOString().slice(0, 10) !== raw)
      throw argError(arg, `“${raw}”不是有效日期，应为 YYYY-MM-DD`, `"${raw}" is not a date (YYYY-MM-DD)`);
    return raw;
  };

/** From not after to, and the span at most `maxDays` days (a typo of a year must not start a decade's run). */
export function checkDateRange(fromArg: string, from: string, toArg: string, to: string, maxDays = 3660): void {
  if (from > to) throw argError(fromArg, `开始日期 ${from} 晚于 ${toArg} ${to}`, `${from} is after ${toArg} ${to}`);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > maxDays)
    throw argError(
      fromArg,
      `${from} 至 ${to} 共 ${days} 天，超过上限 ${maxDays} 天`,
      `${from} to ${to} spans ${days} days, above the limit of ${maxDays}`,
    );
}

/** Commander option parser for a year. */
export const yearArg = (arg: string) => intArg(arg, 1949, 2100);

/** Commander argument/option parser for the form of an area code (whether it exists is the registry's to say). */
export const areaCodeArg =
  (arg: string, lengths: readonly number[] = [2, 4, 6, 9, 12]) =>
  (raw: string): string => {
    const code = raw.trim();
    if (!/^\d+$/.test(code) || !lengths.includes(code.length))
      throw argError(
        arg,
        `“${raw}”不是区划代码（应为 ${lengths.join('、')} 位数字）`,
        `"${raw}" is not an area code (${lengths.join(', ')} digits)`,
      );
    return code;
  };

/** Comma-separated codes, blanks dropped, none empty. */
export const listArg =
  (arg: string) =>
  (raw: string): string[] => {
    const list = raw
      .split(/[,，]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!list.length) throw argError(arg, '列表为空', 'the list is empty');
    return list;
  };

const FS_REASONS: Record<string, Bilingual> = {
  ENOENT: { zh: '文件不存在', en: 'no such file' },
  EACCES: { zh: '没有读取权限', en: 'permission denied' },
  EPERM: { zh: '没有权限', en: 'permission denied' },
  EISDIR: { zh: '这是一个目录，不是文件', en: 'is a directory, not a file' },
  ENOTDIR: { zh: '路径中有一段不是目录', en: 'a part of the path is not a directory' },
};

/** A file named on the command line, read whole: a missing, unreadable or empty file is refused by name. */
export function readInputFile(arg: string, file: string): Buffer {
  let body: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    body = fs.readFileSync(file);
  } catch (e) {
    const reason = FS_REASONS[(e as NodeJS.ErrnoException).code ?? ''] ?? {
      zh: (e as Error).message,
      en: (e as Error).message,
    };
    throw argError(arg, `无法读取 ${file}：${reason.zh}`, `cannot read ${file}: ${reason.en}`);
  }
  if (!body.length) throw argError(arg, `${file} 是空文件`, `${file} is empty`);
  return body;
}

/** A file to write: its folder must exist and be writable, and the file itself must not be a folder. */
export function checkOutputFile(arg: string, file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' });
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory())
      throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason =
      code === 'ENOENT'
        ? { zh: `目录 ${dir} 不存在`, en: `folder ${dir} does not exist` }
        : (FS_REASONS[code] ?? { zh: (e as Error).message, en: (e as Error).message });
    throw argError(arg, `无法写入 ${file}：${reason.zh}`, `cannot write ${file}: ${reason.en}`);
  }
}

/** Any error as the operator should read it: ours and the services' bilingual ones, a file system error by its path. */
export function describeError(err: unknown, lang: CliLang = cliLang()): string {
  const e = err as Partial<AppError> & NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.text && typeof e.text === 'object') {
    const lines = [say(e.text, lang)];
    for (const d of e.details ?? []) {
      const where =
        lang === 'zh'
          ? [d.row !== undefined ? `第 ${d.row} 行` : '', d.column ? `【${d.column}】` : ''].join('')
          : [d.row !== undefined ? `row ${d.row}` : '', d.column ? `[${d.column}]` : ''].join(' ').trim();
      const message = say(d.message, lang);
      // A detail that only repeats the message adds nothing.
      if (message !== lines[0] || where) lines.push(`  ${where ? `${where} ` : ''}${message}`);
    }
    return lines.join('\n');
  }
  if (e && typeof e === 'object' && e.code && FS_REASONS[e.code]) {
    const reason = FS_REASONS[e.code]!;
    return lang === 'zh' ? `${e.path ?? ''}：${reason.zh}` : `${e.path ?? ''}: ${reason.en}`;
  }
  return e instanceof Error ? e.message : String(err);
}

// Commander's own messages (always English), matched to say them in Chinese.
const COMMANDER_ZH: [RegExp, (...m: string[]) => string][] = [
  [/^error: missing required argument '(.+)'/, (a) => `缺少参数 <${a}>`],
  [/^error: option '(.+)' argument missing/, (o) => `选项 ${o} 缺少取值`],
  [/^error: required option '(.+)' not specified/, (o) => `缺少必填选项 ${o}`],
  [/^error: unknown option '([^']+)'/, (o) => `未知选项 ${o}`],
  [/^error: unknown command '([^']+)'/, (c) => `未知命令 ${c}`],
  [/^error: too many arguments/, () => '参数过多'],
  [
    /^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\./,
    (o, v, c) => `选项 ${o} 的取值“${v}”无效，可选：${c.split(', ').join('、')}`,
  ],
];

/** Commander's error line in this run's language. */
export function commanderMessage(message: string, lang: CliLang = cliLang()): string {
  const line = message.trim();
  if (lang === 'zh') {
    for (const [re, zh] of COMMANDER_ZH) {
      const m = re.exec(line);
      if (m) return zh(...m.slice(1));
    }
  }
  return line.replace(/^error: /, '');
}
