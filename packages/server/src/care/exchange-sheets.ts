// XLSX/CSV templates of care records (issue 15 §7: residents, contracts, follow-ups, checks) and the rows of such a
// file as the NDJSON items the import checks: each row becomes one line of its kind and goes through core's
// parseCareLine, so a sheet and an NDJSON file mean the same. Headers may be the template's Chinese labels, the
// English ones or the NDJSON field names; values may be Chinese labels (男/女, 门诊/家庭/电话 …) and Excel dates.
import { type CareNdjsonKind, parseCareLine } from '@weijian/core/care';
import { normaliseDateText } from '@weijian/core/platform';
import { type HeaderColumn, matchColumns, normaliseHeader } from '@weijian/core/registry/exchange';
import type { ErrorDetail } from '../platform/errors.ts';
import { decodeSheet, type OutColumn, writeCsv, writeXlsx } from '../platform/file-decoding.ts';
import { importFailed } from '../platform/import-problems.ts';
import type { Decoder } from '../platform/sheet-worker.ts';
import type { ImportEntry } from './exchange-service.ts';

export const SHEET_KINDS = ['residents', 'contracts', 'followups', 'checks'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];
const LINE_KIND: Record<SheetKind, CareNdjsonKind> = {
  residents: 'resident',
  contracts: 'contract',
  followups: 'followup',
  checks: 'check',
};

type Cast = 'text' | 'date' | 'number' | 'bool';
interface Column extends HeaderColumn {
  cast: Cast;
  example: string;
  /** Chinese (and other) labels of coded values → the code. */
  values?: Record<string, string>;
}

const SEX = { 男: 'M', 女: 'F', male: 'M', female: 'F' };
const PROGRAM = {
  高血压: 'hypertension',
  糖尿病: 'diabetes',
  '2型糖尿病': 'diabetes',
  严重精神障碍: 'smd',
  肺结核: 'tb',
  孕产妇: 'maternal',
  儿童: 'child',
};
const MODE = { 门诊: 'clinic', 家庭: 'home', 入户: 'home', 电话: 'phone' };
const CHECK = {
  老年人年度体检: 'elderly-annual',
  儿童健康检查: 'child',
  产前检查: 'prenatal',
  产后访视: 'postpartum',
  产后42天检查: 'postpartum-42',
};
const CLASS = { 控制满意: 'controlled', 控制不满意: 'uncontrolled', 不良反应: 'adverse', 并发症: 'complication' };
const YES_NO = { 是: 'true', 否: 'false' };

const col = (
  key: string,
  zh: string,
  en: string,
  cast: Cast,
  example: string,
  extra: Partial<Column> = {},
): Column => ({
  key,
  zh,
  en,
  cast,
  example,
  ...extra,
});
const residentRef = col('resident', '居民编号', 'Resident id', 'text', 'HX0001', { requiredColumn: true });

export const SHEET_COLUMNS: Record<SheetKind, Column[]> = {
  residents: [
    col('id', '居民编号', 'Resident id', 'text', 'HX0001', { requiredColumn: true, aliases: ['档案编号'] }),
    col('name', '姓名', 'Name', 'text', '张三'),
    col('idNumber', '身份证号', 'ID number', 'text', '', { aliases: ['身份证号码', '公民身份号码'] }),
    col('sex', '性别', 'Sex', 'text', '男', { requiredColumn: true, values: SEX }),
    col('birthDate', '出生日期', 'Birth date', 'date', '1958-04-12', { requiredColumn: true }),
    col('area', '村（社区）代码', 'Village code', 'text', '410782100201', {
      requiredColumn: true,
      aliases: ['区划代码', '现住址区划代码'],
    }),
    col('phone', '联系电话', 'Phone', 'text', '13800000000', { aliases: ['电话'] }),
    col('household', '户主/户号', 'Household', 'text', ''),
    col('established', '建档日期', 'Established', 'date', '2020-03-01'),
    col('deathDate', '死亡日期', 'Death date', 'date', ''),
    col('movedOut', '迁出日期', 'Moved out', 'date', ''),
    col('disabled', '残疾人', 'Disabled', 'bool', '否', { values: YES_NO }),
    col('poor', '贫困人口', 'Poor', 'bool', '否', { values: YES_NO }),
  ],
  contracts: [
    residentRef,
    col('team', '团队编码', 'Team code', 'text', 'T01', { requiredColumn: true }),
    col('start', '开始日期', 'Start', 'date', '2024-01-01', { requiredColumn: true }),
    col('end', '结束日期', 'End', 'date', '2024-12-31', { requiredColumn: true }),
  ],
  followups: [
    residentRef,
    col('program', '项目', 'Programme', 'text', '高血压', { requiredColumn: true, values: PROGRAM }),
    col('date', '随访日期', 'Date', 'date', '2024-03-15', { requiredColumn: true }),
    col('mode', '随访方式', 'Mode', 'text', '门诊', { requiredColumn: true, values: MODE }),
    col('sbp', '收缩压', 'SBP', 'number', '138'),
    col('dbp', '舒张压', 'DBP', 'number', '86'),
    col('fbg', '空腹血糖', 'Fasting glucose', 'number', ''),
    col('classification', '随访分类', 'Classification', 'text', '控制满意', { values: CLASS }),
  ],
  checks: [
    residentRef,
    col('type', '类型', 'Type', 'text', '老年人年度体检', { requiredColumn: true, values: CHECK }),
    col('date', '日期', 'Date', 'date', '2024-05-20', { requiredColumn: true }),
    col('complete', '完整', 'Complete', 'bool', '是', { values: YES_NO }),
  ],
};

/** The template of a kind with one example row (delete it before importing), as XLSX (text columns) or CSV. */
export async function careTemplate(kind: SheetKind, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const columns: OutColumn[] = SHEET_COLUMNS[kind].map((c) => ({
    header: c.zh,
    text: true,
    ...(c.requiredColumn ? { note: '必填' } : {}),
  }));
  const rows = [SHEET_COLUMNS[kind].map((c) => c.example)];
  if (format === 'csv') return writeCsv(columns, rows);
  const codes = SHEET_COLUMNS[kind].filter((c) => c.values);
  return writeXlsx(kind, columns, rows, {
    name: '说明',
    rows: [
      ['填写说明'],
      ['每行一条记录；日期 YYYY-MM-DD；导入前请删除示例行；任一行有误则整个文件不导入'],
      ['居民编号：来源系统的档案编号（同一县区内唯一），随访、体检、签约按它对应到居民'],
      ...codes.map((c) => [c.zh, Object.keys(c.values!).join('、')]),
    ],
    bold: [0],
  });
}

const cell = (v: unknown, c: Column): unknown => {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  if (s === '') return undefined;
  const coded = c.values?.[s] ?? c.values?.[normaliseHeader(s)];
  const value = coded ?? s;
  if (c.cast === 'date') return normaliseDateText(value, 'date');
  if (c.cast === 'number') return typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (c.cast === 'bool') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
};

/** The file's rows as import entries (row numbers as the spreadsheet shows them) and the problems found. */
export async function readCareSheet(
  kind: SheetKind,
  buf: Buffer,
  filename: string,
  decoder?: Decoder,
): Promise<{ entries: ImportEntry[]; problems: ErrorDetail[] }> {
  const sheet = await decodeSheet(decoder, buf, filename, 500_000);
  const columns = SHEET_COLUMNS[kind];
  const match = matchColumns(columns, sheet.headers);
  if (match.issues.length) {
    throw importFailed(
      match.issues.map((x) => ({ path: 'columns', row: sheet.headerRow, column: x.header, message: x.message })),
      match.issues.length,
    );
  }
  const entries: ImportEntry[] = [];
  const problems: ErrorDetail[] = [];
  for (const r of sheet.rows) {
    const o: Record<string, unknown> = { kind: LINE_KIND[kind] };
    match.columns.forEach((c, i) => {
      if (!c) return;
      const v = cell(r.cells[i], c as Column);
      if (v !== undefined) o[c.key] = v;
    });
    if (Object.keys(o).length === 1) continue;
    const p = parseCareLine(JSON.stringify(o), r.row);
    if (p.ok) entries.push({ line: r.row, item: p.item });
    else {
      const column = p.field ? columns.find((c) => c.key === p.field)?.zh : undefined;
      problems.push({
        path: p.field ? `row ${r.row}.${p.field}` : `row ${r.row}`,
        row: r.row,
        ...(column ? { column } : {}),
        message: p.message,
      });
    }
  }
  return { entries, problems };
}
