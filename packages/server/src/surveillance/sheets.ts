// CSV/XLSX files of case reports and stream counts → the JSON rows the services check. Headers may be the
// Chinese labels of the template or the API field names; Chinese value labels (男/女, 确诊病例…) are mapped.
import { CARD_FIELD_LABELS, type CaseReportInput, CLASSIFICATION_LABELS } from '@weijian/core/surveillance';
import { type ErrorDetail, invalid } from '../platform/errors.ts';
import { readSheet, type Sheet, writeCsv } from '../registry/exchange-files.ts';

export const MAX_IMPORT_ROWS = 100_000;

export const STREAM_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  stream: { zh: '数据流编码', en: 'Stream' },
  institutionId: { zh: '机构编号', en: 'Institution id' },
  sourceName: { zh: '来源名称', en: 'Source name' },
  areaCode: { zh: '区划代码', en: 'Area code' },
  date: { zh: '日期', en: 'Date' },
  count: { zh: '数量', en: 'Count' },
  denominator: { zh: '分母', en: 'Denominator' },
};

const CLASSIFICATION_BY_LABEL = new Map<string, string>();
for (const [k, v] of Object.entries(CLASSIFICATION_LABELS)) {
  CLASSIFICATION_BY_LABEL.set(v.zh, k);
  CLASSIFICATION_BY_LABEL.set(v.zh.replace(/病例|者$/g, ''), k);
}

function cellValue(c: unknown): unknown {
  if (c instanceof Date) {
    // exceljs gives wall-clock times as UTC instants: print them back as typed.
    const iso = c.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (typeof c === 'string') return c.trim() === '' ? null : c.trim();
  return c ?? null;
}

export interface MappedSheet {
  rows: Record<string, unknown>[];
  lineNumbers: number[];
  /** field → header as written in the file, for error details. */
  columnOf: Map<string, string>;
}

function mapSheet(sheet: Sheet, labels: Record<string, { zh: string; en: string }>): MappedSheet {
  const byHeader = new Map<string, string>();
  for (const [field, l] of Object.entries(labels)) {
    byHeader.set(field, field);
    byHeader.set(l.zh, field);
    byHeader.set(l.en.toLowerCase(), field);
  }
  const fields = sheet.headers.map((h) => byHeader.get(h) ?? byHeader.get(h.toLowerCase()) ?? null);
  const unknown = sheet.headers.filter((h, i) => h && !fields[i]);
  if (unknown.length) {
    throw invalid(
      unknown.map((h) => ({
        path: 'file',
        row: sheet.headerRow,
        column: h,
        message: { zh: `无法识别的列“${h}”`, en: `Unknown column "${h}"` },
      })),
    );
  }
  const columnOf = new Map<string, string>();
  fields.forEach((f, i) => {
    if (f) columnOf.set(f, sheet.headers[i]!);
  });
  return {
    rows: sheet.rows.map((r) => {
      const o: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        if (f) o[f] = cellValue(r.cells[i]);
      });
      return o;
    }),
    lineNumbers: sheet.rows.map((r) => r.row),
    columnOf,
  };
}

export async function readCaseSheet(buf: Buffer, filename: string): Promise<MappedSheet> {
  const m = mapSheet(await readSheet(buf, filename, MAX_IMPORT_ROWS), CARD_FIELD_LABELS);
  for (const r of m.rows) {
    if (typeof r.classification === 'string')
      r.classification = CLASSIFICATION_BY_LABEL.get(r.classification) ?? r.classification;
    for (const k of ['institutionId', 'ageYears'] as const) {
      if (typeof r[k] === 'string' && /^\d+$/.test(r[k] as string)) r[k] = Number(r[k]);
    }
    for (const k of ['clientReportId', 'citizenId', 'phone', 'addressCode'] as const) {
      if (typeof r[k] === 'number') r[k] = String(r[k]);
    }
  }
  return m;
}

export async function readStreamSheet(buf: Buffer, filename: string): Promise<MappedSheet> {
  const m = mapSheet(await readSheet(buf, filename, MAX_IMPORT_ROWS), STREAM_FIELD_LABELS);
  for (const r of m.rows) {
    if (typeof r.institutionId === 'string' && /^\d+$/.test(r.institutionId)) r.institutionId = Number(r.institutionId);
    if (typeof r.areaCode === 'number') r.areaCode = String(r.areaCode);
  }
  return m;
}

/** Adds the file's column header to each detail whose path names a field. */
export function withColumns(details: ErrorDetail[], columnOf: Map<string, string>): ErrorDetail[] {
  return details.map((d) => {
    const field = d.path.replace(/^\[\d+\]\./, '');
    const column = columnOf.get(field);
    return column ? { ...d, column } : d;
  });
}

export function caseTemplateCsv(): Buffer {
  const fields = Object.keys(CARD_FIELD_LABELS) as (keyof CaseReportInput)[];
  const example: Record<string, string> = {
    clientReportId: 'HX-2024-000123',
    institutionId: '1',
    diseaseCode: 'C11',
    classification: '临床诊断病例',
    patientName: '张小明',
    parentName: '张大明',
    citizenId: '',
    sex: '男',
    birthDate: '2020-03-15',
    ageYears: '',
    phone: '13800000000',
    workplace: '',
    occupation: '散居儿童',
    addressCode: '410782001001',
    addressText: '某街道某号',
    onsetDate: '2024-05-28',
    diagnosisAt: '2024-05-29 10:00',
    reportedAt: '2024-05-29 11:30',
    deathDate: '',
    doctorName: '李医生',
    remarks: '示例行，导入前请删除',
  };
  return writeCsv(
    fields.map((f) => ({ header: CARD_FIELD_LABELS[f].zh, text: true })),
    [fields.map((f) => example[f] ?? '')],
  );
}
