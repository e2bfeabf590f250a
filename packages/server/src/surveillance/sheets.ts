// CSV/XLSX files of case reports and stream counts → the JSON rows the services check. Headers may be the
// Chinese labels of the template, the API field names, the English labels or a few common variants, compared
// after the registry's normalisation (full-/half-width, spaces, asterisks, a trailing unit). Values are
// brought to the API's forms: Chinese value labels (男/女, 确诊病例…), disease names, Excel's dates
// (2024/5/28, date cells), numbers in text columns. Problems of the file itself (columns, the template's
// example row, one card or source-day given twice with different contents) are reported before any row is
// checked; the services then check every row and nothing is written unless all pass.
import { normaliseDateText } from '@weijian/core/platform';
import { INT4_MAX } from '@weijian/core/registry';
import { type HeaderColumn, matchColumns, normaliseHeader } from '@weijian/core/registry/exchange';
import { CARD_FIELD_LABELS, type CaseReportInput, CLASSIFICATION_LABELS } from '@weijian/core/surveillance';
import { AppError, type ErrorDetail, type Text } from '../platform/errors.ts';
import { decodeSheet, type Sheet } from '../platform/file-decoding.ts';
import { importFailed, MAX_DETAILS } from '../platform/import-problems.ts';
import type { Decoder } from '../platform/sheet-worker.ts';

export const MAX_IMPORT_ROWS = 100_000;
/** The remark of the case template's example row: a file that still holds it is rejected. */
export const EXAMPLE_REMARK = '示例行，导入前请删除';

interface FieldSpec {
  zh: string;
  en: string;
  kind: 'text' | 'int' | 'date' | 'datetime';
  aliases?: string[];
  /** The column must be present in every file. */
  required?: boolean;
  /** Long digit strings (ID numbers, area codes) that Excel turns into 4.10782E+11 in CSV. */
  digits?: boolean;
  /**
   * What a number cell (XLSX) of a digits column may hold: 'never' for the 身份证号 (18 digits, or an X, which
   * a number cannot carry); 'mobile' for phones, where only an 11-digit mobile number survives as a number (a
   * landline loses its leading 0); 'exact' for codes and ids, exact as numbers up to 15 digits (Excel keeps 15
   * significant digits and sets the rest to 0).
   */
  numberCells?: 'never' | 'mobile' | 'exact';
}

type CaseField = keyof CaseReportInput;
const CASE_KINDS: Partial<Record<CaseField, FieldSpec['kind']>> = {
  institutionId: 'int',
  ageYears: 'int',
  birthDate: 'date',
  onsetDate: 'date',
  deathDate: 'date',
  diagnosisAt: 'datetime',
  reportedAt: 'datetime',
};
/** Other names of the card's columns, as in the national system's exports and older local forms. */
const CASE_ALIASES: Partial<Record<CaseField, string[]>> = {
  clientReportId: ['报告卡编号', '报告卡ID', '卡片ID'],
  institutionId: ['报告单位编号', '机构编号', '机构ID', '报告单位ID'],
  diseaseCode: ['疾病编码', '疾病代码', '病种'],
  patientName: ['姓名'],
  parentName: ['家长姓名'],
  citizenId: ['身份证号', '身份证号码', '证件号码', '有效证件号码'],
  phone: ['电话'],
  workplace: ['工作单位', '工作单位(学校)', '工作单位/学校'],
  occupation: ['职业'],
  addressCode: ['现住址国标', '现住地址国标', '现住址编码', '现住地址区划代码'],
  addressText: ['现住址', '现住地址', '详细地址'],
  doctorName: ['填卡医生'],
};
export const CASE_REQUIRED: CaseField[] = [
  'clientReportId',
  'institutionId',
  'diseaseCode',
  'classification',
  'patientName',
  'occupation',
  'addressCode',
  'onsetDate',
  'diagnosisAt',
  'doctorName',
];
const NUMBER_CELLS: Partial<Record<CaseField, FieldSpec['numberCells']>> = {
  citizenId: 'never',
  phone: 'mobile',
  clientReportId: 'exact',
  addressCode: 'exact',
};
export const CASE_FIELDS: Record<string, FieldSpec> = Object.fromEntries(
  (Object.keys(CARD_FIELD_LABELS) as CaseField[]).map((f) => [
    f,
    {
      ...CARD_FIELD_LABELS[f],
      kind: CASE_KINDS[f] ?? 'text',
      aliases: CASE_ALIASES[f],
      required: CASE_REQUIRED.includes(f),
      digits: f === 'clientReportId' || f === 'citizenId' || f === 'phone' || f === 'addressCode',
      numberCells: NUMBER_CELLS[f],
    },
  ]),
);

export const STREAM_FIELDS: Record<string, FieldSpec> = {
  stream: { zh: '数据流编码', en: 'Stream', kind: 'text', aliases: ['数据流', '数据流代码'], required: true },
  institutionId: { zh: '机构编号', en: 'Institution id', kind: 'int', aliases: ['机构ID'] },
  sourceName: { zh: '来源名称', en: 'Source name', kind: 'text', aliases: ['来源', '学校名称', '药店名称'] },
  areaCode: {
    zh: '区划代码',
    en: 'Area code',
    kind: 'text',
    aliases: ['所在区划代码', '区划编码'],
    digits: true,
    numberCells: 'exact',
  },
  date: { zh: '日期', en: 'Date', kind: 'date', aliases: ['报告日期', '监测日期'], required: true },
  count: { zh: '数量', en: 'Count', kind: 'int', required: true },
  denominator: { zh: '分母', en: 'Denominator', kind: 'int' },
};

const CLASSIFICATION_BY_LABEL = new Map<string, string>();
for (const [k, v] of Object.entries(CLASSIFICATION_LABELS)) {
  for (const label of [v.zh, v.zh.replace(/(病例|者)$/, ''), v.en, k])
    CLASSIFICATION_BY_LABEL.set(normaliseHeader(label), k);
}
// The national card's wording for laboratory-confirmed cases.
CLASSIFICATION_BY_LABEL.set(normaliseHeader('实验室确诊病例'), 'confirmed');
CLASSIFICATION_BY_LABEL.set(normaliseHeader('实验室确诊'), 'confirmed');

// --- values -------------------------------------------------------------------------------------------------

/** exceljs gives wall-clock values as UTC instants (to the millisecond; rounded to the second here). */
function excelDate(d: Date, kind: 'date' | 'datetime'): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  if (kind === 'date') return t.slice(0, 10);
  return `${t.slice(0, 10)} ${t.slice(11, t.endsWith(':00.000Z') ? 16 : 19)}`;
}

function value(c: unknown, kind: FieldSpec['kind']): unknown {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return null;
    return kind === 'date' || kind === 'datetime' ? excelDate(c, kind) : c.toISOString();
  }
  if (typeof c === 'string') {
    const s = c.trim();
    if (s === '') return null;
    if (kind === 'int') {
      // 1,234 as Excel writes large counts.
      const digits = /^\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s;
      return /^\d+$/.test(digits) && Number(digits) <= INT4_MAX ? Number(digits) : s;
    }
    if (kind === 'date' || kind === 'datetime') return normaliseDateText(s, kind);
    return s;
  }
  // Integers beyond the database's int4 stay text, which the checks name as not an id / count.
  if (typeof c === 'number') return kind === 'int' ? (Math.abs(c) <= INT4_MAX ? c : String(c)) : String(c);
  if (typeof c === 'boolean') return kind === 'int' ? c : String(c);
  return String(c);
}

/** Excel keeps 15 significant digits of a number; anything longer has already lost its last digits. */
const EXACT_DIGITS = 15;

/**
 * A number cell (XLSX) in a column of digit strings, refused when the number cannot be what was typed: an
 * 18-digit 身份证号 whose last digits Excel has set to 0, a landline that lost its leading 0, a long code.
 */
function numberCellProblem(c: number, field: string, spec: FieldSpec): Text | null {
  if (!spec.digits || !spec.numberCells) return null;
  if (spec.numberCells === 'exact' && Math.abs(c) < 10 ** EXACT_DIGITS) return null;
  if (spec.numberCells === 'mobile' && /^1\d{10}$/.test(String(c))) return null;
  const shown = Number.isFinite(c) && Math.abs(c) < 1e21 ? c.toFixed(0) : String(c);
  const lost =
    field === 'phone'
      ? { zh: '数字单元格会丢失电话号码开头的 0', en: 'a number cell drops the leading 0 of a phone number' }
      : {
          zh: 'Excel 数字最多保留 15 位有效数字，其后的位数已变为 0',
          en: 'Excel keeps only 15 significant digits of a number and has set the rest to 0',
        };
  return {
    zh: `“${spec.zh}”列是数字格式（${shown}），${lost.zh}：请将该列设置为文本格式后重新填写`,
    en: `The ${spec.en} column is formatted as a number (${shown}); ${lost.en}: format the column as Text and enter the values again`,
  };
}

// --- files --------------------------------------------------------------------------------------------------

export interface MappedSheet {
  rows: Record<string, unknown>[];
  lineNumbers: number[];
  /** field → header as written in the file, for error details. */
  columnOf: Map<string, string>;
}

const fileProblem = (zh: string, en: string): ErrorDetail => ({ path: 'file', message: { zh, en } });

/**
 * Refuses what is neither CSV text nor an XLSX workbook (PDF, images, archives, Word binaries) with a
 * message saying so, instead of a list of garbled "unknown columns".
 */
function assertSpreadsheet(buf: Buffer) {
  const head = buf.subarray(0, 8);
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const utf16 = starts(0xff, 0xfe) || starts(0xfe, 0xff);
  const zip = starts(0x50, 0x4b, 0x03, 0x04);
  const ole = starts(0xd0, 0xcf, 0x11, 0xe0); // .xls: the registry's reader names it
  if (zip || ole || utf16) return;
  const binary =
    starts(0x25, 0x50, 0x44, 0x46) || // %PDF
    starts(0x89, 0x50, 0x4e, 0x47) || // PNG
    starts(0xff, 0xd8, 0xff) || // JPEG
    starts(0x47, 0x49, 0x46, 0x38) || // GIF
    starts(0x1f, 0x8b) || // gzip
    starts(0x52, 0x61, 0x72, 0x21) || // RAR
    starts(0x37, 0x7a, 0xbc, 0xaf) || // 7z
    buf.subarray(0, 8192).includes(0);
  if (binary) {
    const t = {
      zh: '文件不是 CSV 或 Excel（.xlsx）表格，请使用导入模板',
      en: 'The file is not a CSV or Excel (.xlsx) spreadsheet; use the import template',
    };
    throw new AppError('VALIDATION_FAILED', t, [{ path: 'file', message: t }]);
  }
}

/** A file spec's columns as core's header matcher takes them (one list per spec, so its index is built once). */
const HEADER_COLUMNS = new WeakMap<Record<string, FieldSpec>, HeaderColumn[]>();
function headerColumns(spec: Record<string, FieldSpec>): HeaderColumn[] {
  let list = HEADER_COLUMNS.get(spec);
  if (!list) {
    list = Object.entries(spec).map(([key, f]) => ({ key, ...f, requiredColumn: f.required }));
    HEADER_COLUMNS.set(spec, list);
  }
  return list;
}

function mapSheet(sheet: Sheet, spec: Record<string, FieldSpec>, problems: ErrorDetail[]): MappedSheet | null {
  const hasData = (i: number) => sheet.rows.some((r) => r.cells[i] !== null && String(r.cells[i] ?? '').trim());
  const match = matchColumns(headerColumns(spec), sheet.headers, hasData);
  for (const x of match.issues) {
    problems.push({
      path: x.index < 0 ? 'columns' : `columns[${x.index}]`,
      row: sheet.headerRow,
      column: x.index < 0 ? x.header : sheet.headers[x.index]!,
      message: x.message,
    });
  }
  const fields = match.columns.map((c) => c?.key ?? null);
  if (problems.length) return null;
  if (!sheet.rows.length) {
    problems.push(fileProblem('文件中没有数据行', 'The file has no data rows'));
    return null;
  }
  const columnOf = new Map<string, string>();
  fields.forEach((f, i) => {
    if (f) columnOf.set(f, sheet.headers[i]!);
  });
  return {
    rows: sheet.rows.map((r) => {
      const o: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        if (!f) return;
        const c = r.cells[i];
        const numberProblem = typeof c === 'number' ? numberCellProblem(c, f, spec[f]!) : null;
        if (numberProblem) {
          problems.push({ path: f, row: r.row, column: sheet.headers[i]!, message: numberProblem });
          o[f] = null; // named above; not checked again as scientific notation
        } else o[f] = value(c, spec[f]!.kind);
      });
      return o;
    }),
    lineNumbers: sheet.rows.map((r) => r.row),
    columnOf,
  };
}

const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

/**
 * Reads and maps a file; header problems stop here. Returns the rows with the problems found in their
 * values so far (long numbers Excel has already rounded), for the caller to add its own to.
 */
async function read(
  buf: Buffer,
  filename: string,
  spec: Record<string, FieldSpec>,
  decoder?: Decoder,
): Promise<{ m: MappedSheet; problems: ErrorDetail[] }> {
  assertSpreadsheet(buf);
  const problems: ErrorDetail[] = [];
  // Uploads are decoded in the parse workers (off the event loop, under the upload limits).
  const m = mapSheet(await decodeSheet(decoder, buf, filename, MAX_IMPORT_ROWS), spec, problems);
  if (!m) throw importError(problems);
  const digitFields = Object.keys(spec).filter((f) => spec[f]!.digits);
  m.rows.forEach((r, i) => {
    for (const f of digitFields) {
      const v = r[f];
      if (typeof v !== 'string' || !SCIENTIFIC.test(v)) continue;
      problems.push({
        path: f,
        row: m.lineNumbers[i]!,
        message: {
          zh: `“${v}”是 Excel 的科学计数法，长数字已丢失位数：请将该列设置为“文本”格式后重新填写（或使用 XLSX 模板）`,
          en: `"${v}" is Excel's scientific notation and the long number has lost digits: format the column as Text and enter it again (or use the XLSX template)`,
        },
      });
    }
  });
  return { m, problems };
}

/** One row given twice: identical repeats are harmless (idempotent), different contents are an error. */
function repeatedKeys(
  m: MappedSheet,
  keyOf: (r: Record<string, unknown>) => string | null,
  problem: (row: number, first: number, r: Record<string, unknown>) => ErrorDetail,
): ErrorDetail[] {
  const first = new Map<string, number>();
  const out: ErrorDetail[] = [];
  m.rows.forEach((r, i) => {
    const key = keyOf(r);
    if (key === null) return;
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else if (JSON.stringify(m.rows[j]) !== JSON.stringify(r))
      out.push(problem(m.lineNumbers[i]!, m.lineNumbers[j]!, r));
  });
  return out;
}

export interface DiseaseName {
  code: string;
  nameZh: string;
  nameEn: string;
}

/**
 * Reads a case file. `diseases` lets the 疾病名称 column hold the disease's name as well as its code
 * (the template's header says 名称).
 */
export async function readCaseSheet(
  buf: Buffer,
  filename: string,
  diseases: Iterable<DiseaseName> = [],
  decoder?: Decoder,
): Promise<MappedSheet> {
  const { m, problems } = await read(buf, filename, CASE_FIELDS, decoder);
  const codeOf = new Map<string, string>();
  for (const d of diseases) {
    codeOf.set(normaliseHeader(d.code), d.code);
    codeOf.set(normaliseHeader(d.nameZh), d.code);
    codeOf.set(normaliseHeader(d.nameEn), d.code);
  }
  m.rows.forEach((r, i) => {
    if (typeof r.classification === 'string')
      r.classification = CLASSIFICATION_BY_LABEL.get(normaliseHeader(r.classification)) ?? r.classification;
    if (typeof r.diseaseCode === 'string') r.diseaseCode = codeOf.get(normaliseHeader(r.diseaseCode)) ?? r.diseaseCode;
    if (r.remarks === EXAMPLE_REMARK) {
      const row = m.lineNumbers[i]!;
      problems.push({
        path: 'remarks',
        row,
        message: {
          zh: `第 ${row} 行是模板的示例行，请删除后再导入`,
          en: `Row ${row} is the template's example row; delete it before importing`,
        },
      });
    }
  });
  problems.push(
    ...repeatedKeys(
      m,
      (r) =>
        r.clientReportId === null || r.clientReportId === undefined
          ? null
          : `${String(r.institutionId)}\u0000${String(r.clientReportId)}`,
      (row, first, r) => ({
        path: 'clientReportId',
        row,
        message: {
          zh: `卡片编号“${String(r.clientReportId)}”在第 ${first} 行已出现，且内容不同`,
          en: `Card number "${String(r.clientReportId)}" already appears in row ${first} with different contents`,
        },
      }),
    ),
  );
  if (problems.length) throw importError(withColumns(problems, m.columnOf));
  return m;
}

export async function readStreamSheet(buf: Buffer, filename: string, decoder?: Decoder): Promise<MappedSheet> {
  const { m, problems } = await read(buf, filename, STREAM_FIELDS, decoder);
  problems.push(
    ...repeatedKeys(
      m,
      (r) => {
        if (r.date === null || r.date === undefined) return null;
        const source =
          r.institutionId !== null && r.institutionId !== undefined
            ? `inst:${String(r.institutionId)}`
            : `name:${String(r.sourceName)}\u0000${String(r.areaCode)}`;
        return `${String(r.stream)}\u0000${source}\u0000${String(r.date)}`;
      },
      (row, first) => ({
        path: 'count',
        row,
        message: {
          zh: `同一数据流、来源和日期在第 ${first} 行已有数量，且内容不同`,
          en: `Row ${first} already gives this stream, source and date with different values`,
        },
      }),
    ),
  );
  if (problems.length) throw importError(withColumns(problems, m.columnOf));
  return m;
}

/** Adds the file's column header to each detail whose path names a field. */
export function withColumns(details: ErrorDetail[], columnOf: Map<string, string>): ErrorDetail[] {
  return details.map((d) => {
    const field = d.path.replace(/^\[\d+\]\./, '');
    const column = columnOf.get(field);
    return column && d.column === undefined ? { ...d, column } : d;
  });
}

/** The 422 of a rejected file: row by row, at most MAX_DETAILS listed, the total in the message. */
export function importError(details: ErrorDetail[]): AppError {
  return importFailed([...details].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).slice(0, MAX_DETAILS), details.length);
}

/**
 * Rethrows a service's validation error of a file's rows with the file's column headers and the import
 * message; other errors (403, 500) unchanged.
 */
export function rethrowForFile(e: unknown, sheet: MappedSheet): never {
  if (e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.status === 422)
    throw importError(withColumns(e.details, sheet.columnOf));
  throw e;
}
