// Matching the header row of an uploaded file to the columns of a kind. People retype headers, paste
// them from older forms, add a unit or an asterisk, and switch between full- and half-width brackets, so
// headers are compared after normalisation: Chinese label, English label and camelCase key all match.
import type { Bilingual } from '../../platform/text.ts';
import { type ColumnSpec, EXCHANGE_COLUMNS, type ExchangeKind } from './columns.ts';

/** NFKC (full-width → half-width), no whitespace or required-markers, one kind of dash, lower case. */
export function normaliseHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff*＊]/g, '')
    .replace(/[–—―－~～]/g, '-')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .toLowerCase();
}

/** A trailing unit in brackets ("实有床位(张)"), dropped when the full header does not match. */
function withoutUnit(h: string): string | null {
  const m = /^(.+?)\(([^()]*)\)$/.exec(h);
  return m ? m[1]! : null;
}

/** What header matching needs of a column: its key, its labels and whether a file must have it. */
export interface HeaderColumn {
  key: string;
  zh: string;
  en: string;
  aliases?: readonly string[];
  /** The column must be present in the file. */
  requiredColumn?: boolean;
}

const INDEX = new WeakMap<readonly HeaderColumn[], Map<string, HeaderColumn>>();

function indexOf<C extends HeaderColumn>(list: readonly C[]): Map<string, C> {
  let idx = INDEX.get(list);
  if (!idx) {
    idx = new Map();
    for (const c of list) {
      for (const name of [c.zh, c.en, c.key, ...(c.aliases ?? [])]) {
        const n = normaliseHeader(name);
        const other = idx.get(n);
        if (other && other !== c) throw new Error(`header "${name}" matches both ${other.key} and ${c.key}`);
        idx.set(n, c);
      }
    }
    INDEX.set(list, idx);
  }
  return idx as Map<string, C>;
}

/** The column a header names, or undefined. */
export function columnForHeader(kind: ExchangeKind, header: string): ColumnSpec | undefined {
  return columnIn(EXCHANGE_COLUMNS[kind], header);
}

function columnIn<C extends HeaderColumn>(list: readonly C[], header: string): C | undefined {
  const idx = indexOf(list);
  const h = normaliseHeader(header);
  const direct = idx.get(h);
  if (direct) return direct;
  const bare = withoutUnit(h);
  return bare ? idx.get(bare) : undefined;
}

export interface HeaderIssue {
  /** 0-based index of the column in the file. */
  index: number;
  /** Header text as written in the file ('' when the column has none). */
  header: string;
  message: Bilingual;
}

export interface HeaderMatch<C extends HeaderColumn = ColumnSpec> {
  /** For each column of the file, the spec it maps to; null for ignored (empty) columns. */
  columns: (C | null)[];
  issues: HeaderIssue[];
}

/**
 * Maps the header cells to column specs. `hasData(i)` says whether column i holds any value below the
 * header: an unnamed column is ignored when empty and an error otherwise.
 */
export function matchHeaders(
  kind: ExchangeKind,
  headers: readonly string[],
  hasData: (index: number) => boolean = () => false,
): HeaderMatch {
  const match = matchColumns(EXCHANGE_COLUMNS[kind], headers, hasData);
  const seen = new Set(match.columns.map((c) => c?.key));
  if (kind === 'resources' && !seen.has('institutionId') && !seen.has('uscc')) {
    match.issues.push({
      index: -1,
      header: '机构ID',
      message: {
        zh: '缺少用于确定机构的列：“机构ID”或“统一社会信用代码”',
        en: 'A column identifying the institution is missing: 机构ID or 统一社会信用代码',
      },
    });
  }
  return match;
}

/**
 * The same over any list of columns (a module's own import files): unnamed columns with data, unknown and
 * repeated headers, and missing required columns are issues, in the order of the file.
 */
export function matchColumns<C extends HeaderColumn>(
  list: readonly C[],
  headers: readonly string[],
  hasData: (index: number) => boolean = () => false,
): HeaderMatch<C> {
  const columns: (C | null)[] = [];
  const issues: HeaderIssue[] = [];
  const seen = new Map<string, number>();
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) {
      columns.push(null);
      if (hasData(index)) {
        issues.push({
          index,
          header,
          message: {
            zh: `第 ${columnLetter(index)} 列有数据但没有列名`,
            en: `Column ${columnLetter(index)} holds data but has no header`,
          },
        });
      }
      return;
    }
    const spec = columnIn(list, header) ?? null;
    columns.push(spec);
    if (!spec) {
      issues.push({
        index,
        header,
        message: {
          zh: `无法识别的列“${header}”，请使用模板中的列名`,
          en: `Unknown column "${header}"; use the template's column names`,
        },
      });
      return;
    }
    const first = seen.get(spec.key);
    if (first !== undefined) {
      issues.push({
        index,
        header,
        message: {
          zh: `列“${header}”与第 ${columnLetter(first)} 列“${headers[first]!.trim()}”重复`,
          en: `Column "${header}" repeats column ${columnLetter(first)} "${headers[first]!.trim()}"`,
        },
      });
    } else {
      seen.set(spec.key, index);
    }
  });
  for (const c of list) {
    if (c.requiredColumn && !seen.has(c.key)) {
      issues.push({
        index: -1,
        header: c.zh,
        message: { zh: `缺少必需的列“${c.zh}”`, en: `Required column "${c.zh}" (${c.en}) is missing` },
      });
    }
  }
  return { columns, issues };
}

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
