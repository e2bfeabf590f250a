// Spreadsheet files in and out: XLSX (exceljs) and CSV (UTF-8 with a BOM for Excel; GB18030/GBK and
// UTF-16 read too, since that is what Excel on Chinese Windows saves). Knows nothing of the registry.
import type { Cell } from '@weijian/core/registry/exchange';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AppError, invalid } from './errors.ts';
import { boundDecoder, type Decoder, workerFn } from './sheet-worker.ts';
import { DEFAULT_UPLOAD_LIMITS, tooManyCells, type UploadLimits } from './upload-limits.ts';
import { checkArchive } from './zip-limits.ts';

export type FileFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** Row number as the spreadsheet shows it (the header is row 1 in a template). */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  format: FileFormat;
  /** Row number of the header row. */
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
}

const fileError = (zh: string, en: string) => invalid([{ path: 'file', message: { zh, en } }], { zh, en });

/** XLSX when the content is a ZIP archive (or the name says so and the content agrees), else CSV. */
export function detectFormat(buf: Buffer, filename = ''): FileFormat {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return 'xlsx';
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw fileError(
      '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入',
      'Legacy Excel (.xls) files are not supported; save as .xlsx or CSV',
    );
  }
  if (/\.xlsx$/i.test(filename))
    throw fileError(
      '文件扩展名为 .xlsx，但内容不是有效的 Excel 文件',
      'The file is named .xlsx but is not a valid Excel file',
    );
  return 'csv';
}

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312). */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** Comma, tab (Excel's "Unicode text") or semicolon, whichever the header line uses most. */
function delimiterOf(text: string): string {
  const line = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => [d, line.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

function cellText(c: Cell): string {
  return c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c);
}

const isBlankCells = (cells: Cell[]) => cells.every((c) => cellText(c).trim() === '');

/** Number of cells up to the last one that is not blank. */
function filledWidth(cells: Cell[]): number {
  let n = cells.length;
  while (n > 0 && cellText(cells[n - 1]).trim() === '') n--;
  return n;
}

function toSheet(format: FileFormat, records: SheetRow[], maxRows: number): Sheet {
  const first = records.findIndex((r) => !isBlankCells(r.cells));
  if (first < 0) throw fileError('文件是空的：没有找到表头行', 'The file is empty: no header row found');
  const header = records[first]!;
  const rows = records.slice(first + 1).filter((r) => !isBlankCells(r.cells));
  if (rows.length > maxRows) {
    throw fileError(
      `文件有 ${rows.length} 行数据，超过单次导入上限 ${maxRows} 行，请拆分后导入`,
      `The file has ${rows.length} data rows, above the limit of ${maxRows}; split it`,
    );
  }
  // Data to the right of the last header must not vanish silently: unnamed columns become '' headers,
  // which the header check reports when they hold values. Columns blank in the header and in every row
  // (the trailing commas a spreadsheet leaves behind) are cut off: they are nobody's data.
  const width = rows.reduce((w, r) => Math.max(w, filledWidth(r.cells)), filledWidth(header.cells));
  const headers = Array.from({ length: width }, (_, i) => cellText(header.cells[i]).trim());
  const trimmed = rows.map((r) => (r.cells.length > width ? { row: r.row, cells: r.cells.slice(0, width) } : r));
  return { format, headerRow: header.row, headers, rows: trimmed };
}

/** Every line end csv-parse should accept within one file (CRLF first, so it is not read as CR then LF). */
export const LINE_ENDS = ['\r\n', '\n', '\r'];

export function readCsv(buf: Buffer, maxRows: number, limits = DEFAULT_UPLOAD_LIMITS, filename = ''): Sheet {
  const text = decodeText(buf);
  let records: string[][];
  let lines = 0;
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      // Any line end, mixed in one file: a CSV typed into the CRLF template on Linux has a CRLF header and
      // LF rows. Left to detect it, csv-parse takes the first line's end for all and reads the rest as
      // one row (dozens of bogus "column has data but no header" errors hiding the real ones).
      record_delimiter: LINE_ENDS,
      skip_empty_lines: false,
      // Lines counted as the parser goes. Cells are not: a CSV field costs a short string, and the file size,
      // the row limits and the parse worker's memory bound them; the cell limit is for XLSX, where each
      // cell becomes an exceljs object.
      on_record: (record: string[]) => {
        if (++lines > limits.maxRows) throw tooManyCells(filename, 'rows', limits.maxRows);
        return record;
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const msg = (e as Error).message;
    throw fileError(`CSV 文件格式有误：${msg}`, `The CSV file is malformed: ${msg}`);
  }
  return toSheet(
    'csv',
    records.map((cells, i) => ({ row: i + 1, cells })),
    maxRows,
  );
}

/** A cell value as exceljs gives it → a plain value (rich text, formulas, hyperlinks unwrapped). */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('result' in o) return plain(o.result as ExcelJS.CellValue);
  if ('formula' in o || 'sharedFormula' in o) return null;
  if (typeof o.text === 'string') return o.text;
  if ('error' in o) return String(o.error);
  return String(v);
}

export async function readXlsx(
  buf: Buffer,
  maxRows: number,
  limits = DEFAULT_UPLOAD_LIMITS,
  filename = '',
): Promise<Sheet> {
  // Sizes, cells and rows checked while inflating, before exceljs builds the whole workbook in memory.
  await checkArchive(buf, filename, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    const msg = (e as Error).message;
    throw fileError(`无法读取 Excel 文件：${msg}`, `Cannot read the Excel file: ${msg}`);
  }
  // The data sheet is the first one; templates carry their notes (说明) in a later sheet.
  const ws = wb.worksheets.find((w) => w.name !== '说明' && w.state !== 'hidden') ?? wb.worksheets[0];
  if (!ws) throw fileError('Excel 文件中没有工作表', 'The workbook has no worksheet');
  const records: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (records.length > maxRows + 1) return;
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(plain(values[c]));
    records.push({ row: rowNumber, cells });
  });
  return toSheet('xlsx', records, maxRows);
}

/** Reads a CSV or XLSX file under the upload limits (on the calling thread: see decodeSheet). */
export async function readSheet(
  buf: Buffer,
  filename: string,
  maxRows: number,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<Sheet> {
  if (buf.length === 0) throw fileError('文件是空的', 'The file is empty');
  return detectFormat(buf, filename) === 'xlsx'
    ? readXlsx(buf, maxRows, limits, filename)
    : readCsv(buf, maxRows, limits, filename);
}

const SHEET_READER = workerFn<[Buffer, string, number], Sheet>(import.meta.url, 'readSheet');

/**
 * readSheet run by a decoder: the one given, else the one an HTTP upload's bytes are bound to (the parse
 * worker pool, off the event loop), else on this thread (the CLI's files).
 */
export function decodeSheet(
  decoder: Decoder | undefined,
  buf: Buffer,
  filename: string,
  maxRows: number,
): Promise<Sheet> {
  const d = decoder ?? boundDecoder(buf);
  return d ? d.run(SHEET_READER, [buf, filename, maxRows], filename) : readSheet(buf, filename, maxRows);
}

// ---------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------

export type OutCell = string | number | null;

export interface OutColumn {
  header: string;
  /** Text columns stay text in Excel (codes with leading zeros, 18-character USCCs, 12-digit areas). */
  text?: boolean;
  width?: number;
  note?: string;
}

export interface NotesSheet {
  name: string;
  rows: OutCell[][];
  /** Row indexes (0-based) drawn bold, e.g. the headings of the field and code tables. */
  bold?: number[];
  widths?: number[];
}

/**
 * A text cell that Excel would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe:
 * an institution named `=HYPERLINK(…)` must not become a live link in someone else's export (CSV injection).
 */
export function csvCell(v: OutCell): string | number {
  if (v === null) return '';
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

/** CSV in UTF-8 with a BOM and CRLF line ends, which Excel on Chinese Windows opens correctly. */
export function writeCsv(columns: OutColumn[], rows: OutCell[][]): Buffer {
  const body = stringify([columns.map((c) => c.header), ...rows.map((r) => r.map(csvCell))], {
    record_delimiter: 'windows',
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

export async function writeXlsx(
  sheetName: string,
  columns: OutColumn[],
  rows: OutCell[][],
  notes?: NotesSheet,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weijian 卫健';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, Math.min(40, c.header.length * 2 + 4)),
    style: c.text ? { numFmt: '@' } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.note) head.getCell(i + 1).note = c.note;
  });
  for (const r of rows) ws.addRow(r.map((v, i) => (v !== null && columns[i]?.text ? String(v) : v)));
  if (notes) {
    const ns = wb.addWorksheet(notes.name);
    for (const r of notes.rows) ns.addRow(r);
    for (const b of notes.bold ?? []) ns.getRow(b + 1).font = { bold: true };
    (notes.widths ?? []).forEach((w, i) => {
      ns.getColumn(i + 1).width = w;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Content-Disposition with an ASCII fallback and the UTF-8 name per RFC 5987/6266. */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const enc = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${enc}`;
}
