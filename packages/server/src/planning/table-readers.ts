// Readers of a plan's indicator table: XLSX (exceljs), CSV (csv-parse; UTF-8 with or without BOM, UTF-16,
// else GB18030 as WPS/old Excel save it), DOCX (the document XML read from the zip with JSZip: Word tables
// keep vertically merged cells as empty continuation cells, which is exactly the "blank group cell" the
// table parser carries down) and text pasted from a spreadsheet (tab-separated). Every reader returns the
// candidate tables as 2-D arrays of cell strings for core's parsePlanTable.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AppError } from '../platform/errors.ts';
import { decodeText, LINE_ENDS } from '../platform/file-decoding.ts';
import { DEFAULT_UPLOAD_LIMITS, tooManyCells, type UploadLimits } from '../platform/upload-limits.ts';
import { checkArchive } from '../platform/zip-limits.ts';

export type FileFormat = 'xlsx' | 'csv' | 'docx' | 'text';

export interface CellTable {
  /** Sheet name (XLSX) or "表格 n" (DOCX); null for CSV and pasted text. */
  label: string | null;
  cells: string[][];
}

const MAX_ROWS = 2000;

export const fileError = (zh: string, en: string) =>
  new AppError('VALIDATION_FAILED', { zh, en }, [{ path: 'file', message: { zh, en } }]);

/**
 * Rows of delimited text; the delimiter is whichever of tab, comma and semicolon the first lines use most.
 * Parsing stops after MAX_ROWS rows, and at the cell limit however few rows hold the cells.
 */
export function readDelimited(text: string, delimiter?: string, limits = DEFAULT_UPLOAD_LIMITS): string[][] {
  const t = text.replace(/^\uFEFF/, '');
  const head = t.split(/\r?\n/, 5).join('\n');
  const d =
    delimiter ??
    ['\t', ',', ';'].map((c) => [c, head.split(c).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ??
    ',';
  try {
    let cells = 0;
    const rows = parse(t, {
      delimiter: d,
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: LINE_ENDS,
      skip_empty_lines: false,
      to: MAX_ROWS,
      on_record: (record: string[]) => {
        cells += record.length;
        if (cells > limits.maxCells) throw tooManyCells('', 'cells', limits.maxCells);
        return record;
      },
    });
    return (rows as string[][]).slice(0, MAX_ROWS);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const msg = (e as Error).message;
    throw fileError(`表格文本格式有误：${msg}`, `The table text is malformed: ${msg}`);
  }
}

function cellString(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('result' in o) return cellString(o.result as ExcelJS.CellValue);
  if (typeof o.text === 'string') return o.text;
  return '';
}

async function readXlsx(buf: Buffer): Promise<CellTable[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw fileError('无法读取 Excel 文件，请确认是 .xlsx 格式', 'Cannot read the Excel file; is it .xlsx?');
  }
  return wb.worksheets.map((ws) => {
    const cells: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      if (n > MAX_ROWS) return;
      const out: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        // A merged cell below or right of its master repeats nothing: leave it blank like Word does.
        out[c - 1] = cell.isMerged && cell.master !== cell ? '' : cellString(cell.value);
      });
      cells[n - 1] = Array.from(out, (x) => x ?? '');
    });
    return { label: ws.name, cells: Array.from(cells, (r) => r ?? []) };
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? ''),
  );

/** Text of a table cell's XML: paragraphs joined by newlines, runs by nothing. */
function docxCellText(xml: string): string {
  const paras = xml.split(/<\/w:p>/);
  return paras
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
        .map((m) => (m[1] === undefined ? ' ' : unescapeXml(m[1])))
        .join(''),
    )
    .filter((t) => t !== '')
    .join('\n');
}

async function readDocx(zip: JSZip): Promise<CellTable[]> {
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw fileError('Word 文件中没有正文', 'The Word file has no document body');
  const tables: CellTable[] = [];
  // Tables nested in a cell are rare in plans; the outer table is read and inner text joins its cell.
  for (const [n, tbl] of [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].entries()) {
    const cells: string[][] = [];
    for (const tr of (tbl[1] ?? '').matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)) {
      const row: string[] = [];
      for (const tc of (tr[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
        const body = tc[1] ?? '';
        const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(body)?.[1] ?? 1);
        // <w:vMerge/> without restart continues the cell above: blank, carried down by the parser.
        const continued = /<w:vMerge\/>|<w:vMerge w:val="continue"\/>/.test(body);
        row.push(continued ? '' : docxCellText(body));
        for (let k = 1; k < span; k++) row.push('');
      }
      cells.push(row);
    }
    tables.push({ label: `表格 ${n + 1}`, cells: cells.slice(0, MAX_ROWS) });
  }
  if (tables.length === 0) throw fileError('Word 文件中没有表格', 'The Word file contains no table');
  return tables;
}

/**
 * Candidate tables of an uploaded file, by its content (a zip is XLSX or DOCX; anything else is text), read
 * under the upload limits: an archive's sizes, cells and rows are checked while inflating, before a parser
 * builds anything (a DOCX's document.xml included).
 */
export async function readTables(
  buf: Buffer,
  filename = '',
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<{ format: FileFormat; tables: CellTable[] }> {
  if (buf.length === 0) throw fileError('文件是空的', 'The file is empty');
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw fileError(
      '不支持旧版 Office 文件（.xls/.doc），请另存为 .xlsx 或 .docx 后再导入',
      'Legacy Office files (.xls/.doc) are not supported; save as .xlsx or .docx',
    );
  }
  if (buf[0] === 0x50 && buf[1] === 0x4b) {
    await checkArchive(buf, filename, limits);
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(buf);
    } catch {
      throw fileError('文件已损坏或不是 Office 文件', 'The file is damaged or not an Office file');
    }
    if (zip.file('word/document.xml')) return { format: 'docx', tables: await readDocx(zip) };
    if (zip.file('xl/workbook.xml')) return { format: 'xlsx', tables: await readXlsx(buf) };
    throw fileError('不支持的压缩文件：请上传 .xlsx、.docx 或 .csv', 'Unsupported zip: upload .xlsx, .docx or .csv');
  }
  if (/\.(xlsx|docx)$/i.test(filename)) {
    throw fileError('文件扩展名与内容不符，不是有效的 Office 文件', 'The file is named as Office but is not one');
  }
  return { format: 'csv', tables: [{ label: null, cells: readDelimited(decodeText(buf), undefined, limits) }] };
}
