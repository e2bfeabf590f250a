// The import preview: a plan's indicator table read, parsed and matched to the catalogue, nothing saved.
// The person importing confirms (or corrects) each catalogue link and any target the parser could not
// understand, then posts the rows to POST /plans.
import {
  type ColumnRole,
  formatTarget,
  indicatorByCode,
  type MatchCandidate,
  matchIndicator,
  normaliseUnit,
  type PlanTable,
  parsePlanTable,
  type Target,
} from '@weijian/core/planning';
import type { Bilingual } from '@weijian/core/platform';
import { invalid } from '../platform/errors.ts';
import { boundDecoder, workerFn } from '../platform/sheet-worker.ts';
import type { UploadLimits } from '../platform/upload-limits.ts';
import { type CellTable, type FileFormat, readDelimited, readTables } from './table-readers.ts';

/** Matches at or above this confidence are proposed as the link (the CLI's --save confirms them). */
export const AUTO_CONFIRM = 0.8;

export interface PreviewIssue {
  /** 1-based row of the file (or of the DOCX table). */
  row: number;
  /** Header text of the column as written, when the problem is in one cell. */
  column: string | null;
  columnRole: ColumnRole | null;
  message: Bilingual;
}

export interface PreviewRow {
  row: number;
  seq: string | null;
  domain: string | null;
  name: string;
  unit: string | null;
  baselineText: string;
  baseline: number | null;
  targetText: string;
  target: Target | null;
  targetDisplay: Bilingual;
  /** 'ok', 'none' (— in the table) or 'unparsed' (to be structured by a person). */
  targetState: 'ok' | 'none' | 'unparsed';
  nature: 'expected' | 'binding' | null;
  direction: 'higher' | 'lower' | 'neutral' | null;
  /** Proposed link: the best candidate when its confidence is at least AUTO_CONFIRM. */
  catalogueCode: string | null;
  /** Confidence of the best candidate (0–1). */
  matchConfidence: number | null;
  candidates: MatchCandidate[];
  issues: PreviewIssue[];
}

export interface Preview {
  format: FileFormat;
  table: string | null;
  header: { row: number; baselineYear: number | null; targetYear: number | null; columns: Record<string, string> };
  /** Plan fields read from the header (period from the baseline and target years). */
  plan: { baselineYear: number | null; periodStart: number | null; periodEnd: number | null };
  rows: PreviewRow[];
  errors: PreviewIssue[];
  summary: { rows: number; targetsUnderstood: number; targetsUnparsed: number; noTarget: number; linked: number };
}

function bestOf(name: string, memo: Map<string, MatchCandidate[]>): MatchCandidate[] {
  let c = memo.get(name);
  if (!c) {
    c = matchIndicator(name, { limit: 3 });
    memo.set(name, c);
  }
  return c;
}

function parseCells(cells: string[][], memo: Map<string, MatchCandidate[]>): PlanTable {
  return parsePlanTable(cells, {
    directionOf: (name) => {
      const best = bestOf(name, memo)[0];
      return best && best.confidence >= AUTO_CONFIRM ? indicatorByCode(best.code)?.direction : undefined;
    },
  });
}

/** Preview of the first table in which a header is found (the one with most rows when several are). */
export function previewTables(format: FileFormat, tables: readonly CellTable[]): Preview {
  const memo = new Map<string, MatchCandidate[]>();
  let chosen: { table: CellTable; parsed: PlanTable } | null = null;
  for (const table of tables) {
    const parsed = parseCells(table.cells, memo);
    if (parsed.header && (!chosen || parsed.rows.length > chosen.parsed.rows.length)) chosen = { table, parsed };
  }
  if (!chosen) {
    throw invalid(
      [
        {
          path: 'file',
          row: 1,
          message: {
            zh: '未找到指标表表头：需要“指标名称”列和“2025年/目标值”或“2020年/基期值”列',
            en: 'No indicator table header found: need an indicator-name column and a target or baseline column',
          },
        },
      ],
      { zh: '无法识别规划指标表', en: 'No plan indicator table found' },
    );
  }
  const { table, parsed } = chosen;
  const header = parsed.header!;
  const headerRow = table.cells[header.row] ?? [];
  const columnText = (role: ColumnRole | null) => {
    if (role === null) return null;
    const c = header.columns[role];
    return c === undefined ? null : (headerRow[c] ?? '').trim() || role;
  };
  const issues: PreviewIssue[] = parsed.errors.map((e) => ({
    row: e.row + 1,
    column: columnText(e.column),
    columnRole: e.column,
    message: e.message,
  }));
  const rows: PreviewRow[] = parsed.rows.map((r) => {
    const candidates = bestOf(r.name, memo);
    const best = candidates[0];
    const rowIssues = issues.filter((i) => i.row === r.row + 1);
    const def = best && best.confidence >= AUTO_CONFIRM ? indicatorByCode(best.code) : undefined;
    const unit = normaliseUnit(r.unit);
    if (def && unit !== null && def.unit !== null && unit !== def.unit) {
      rowIssues.push({
        row: r.row + 1,
        column: columnText('unit'),
        columnRole: 'unit',
        message: {
          zh: `单位“${r.unit}”与指标库“${def.zh}”的单位“${def.unit}”不一致，请确认`,
          en: `Unit "${r.unit}" differs from the catalogue's "${def.unit}" for ${def.en}; please check`,
        },
      });
    }
    return {
      row: r.row + 1,
      seq: r.seq,
      domain: r.domain,
      name: r.name,
      unit: r.unit,
      baselineText: r.baselineText,
      baseline: r.baseline,
      targetText: r.targetText,
      target: r.target,
      targetDisplay: { zh: formatTarget(r.target, 'zh'), en: formatTarget(r.target, 'en') },
      targetState: r.target === null ? 'none' : r.target.kind === 'unparsed' ? 'unparsed' : 'ok',
      nature: r.nature,
      direction: r.direction,
      catalogueCode: def ? def.code : null,
      matchConfidence: best ? best.confidence : null,
      candidates,
      issues: rowIssues,
    };
  });
  const columns: Record<string, string> = {};
  for (const [role, c] of Object.entries(header.columns)) columns[role] = (headerRow[c] ?? '').trim();
  const by = header.baselineYear;
  const ty = header.targetYear;
  return {
    format,
    table: table.label,
    header: { row: header.row + 1, baselineYear: by, targetYear: ty, columns },
    plan: { baselineYear: by, periodStart: by === null ? null : by + 1, periodEnd: ty },
    rows,
    errors: issues,
    summary: {
      rows: rows.length,
      targetsUnderstood: rows.filter((r) => r.targetState === 'ok').length,
      targetsUnparsed: rows.filter((r) => r.targetState === 'unparsed').length,
      noTarget: rows.filter((r) => r.targetState === 'none').length,
      linked: rows.filter((r) => r.catalogueCode !== null).length,
    },
  };
}

/** Preview of a file read and parsed on this thread under the upload limits: the parse worker's job. */
export async function readPreview(buf: Buffer, filename = '', limits?: UploadLimits): Promise<Preview> {
  const { format, tables } = await readTables(buf, filename, limits);
  return previewTables(format, tables);
}

const PREVIEW = workerFn<[Buffer, string], Preview>(import.meta.url, 'readPreview');

/**
 * Preview of a file: an HTTP upload's bytes are read and parsed in the parse workers (off the event loop,
 * under the upload limits), the CLI's file on this thread.
 */
export function previewFile(buf: Buffer, filename = '', decoder = boundDecoder(buf)): Promise<Preview> {
  return decoder ? decoder.run(PREVIEW, [buf, filename], filename) : readPreview(buf, filename);
}

export function previewText(text: string): Preview {
  return previewTables('text', [{ label: null, cells: readDelimited(text) }]);
}
