// Pure parsing of a plan's main-indicator table (主要指标表), given as a 2-D array of cell strings; the
// readers of CSV, XLSX, DOCX and pasted TSV live elsewhere and all feed this. Real tables vary: a title row or
// two above the header, headers named differently (领域/指标类别, 2025年/目标值/2025年目标值, 性质/属性),
// domain cells merged (blank below the first row of a group), cells split over lines, full-width symbols.

import type { Bilingual } from '../platform/text.ts';
import { parseTarget } from './target-parse.ts';
import { isNoValue, normaliseText } from './text.ts';
import type { Direction, Nature, Target, Unit } from './types.ts';
import { normaliseUnit } from './units.ts';

export type ColumnRole = 'domain' | 'seq' | 'name' | 'unit' | 'baseline' | 'target' | 'nature';

export interface PlanTableRow {
  /** 0-based index of the row in the input. */
  row: number;
  domain: string | null;
  seq: string | null;
  name: string;
  /** Canonical unit when known, else the unit cell as written (e.g. 辆), else null. */
  unit: string | null;
  baselineText: string;
  baseline: number | null;
  targetText: string;
  /** null when the cell means "no value" (—); {kind:'unparsed'} when it could not be understood. */
  target: Target | null;
  nature: Nature | null;
  /** Direction used to read a bare target number, and where it came from. */
  direction: Direction | null;
  directionSource: 'given' | 'baseline' | null;
}

export interface TableError {
  /** 0-based index of the row in the input. */
  row: number;
  column: ColumnRole | null;
  message: Bilingual;
}

export interface TableHeader {
  row: number;
  columns: Partial<Record<ColumnRole, number>>;
  baselineYear: number | null;
  targetYear: number | null;
}

export interface PlanTable {
  header: TableHeader | null;
  rows: PlanTableRow[];
  errors: TableError[];
}

export interface ParseTableOptions {
  /** Direction of an indicator, typically from its catalogue match; decides what a bare target number means. */
  directionOf?: (name: string, unit: Unit | null) => Direction | undefined;
}

type Cells = ReadonlyArray<ReadonlyArray<string | null | undefined>>;

const cell = (s: string | null | undefined): string => normaliseText(s ?? '');
/** Trim and join lines, nothing else. */
const joinLines = (s: string): string => s.replace(/\s*\n\s*/g, '').trim();

const BASELINE_WORDS = /^(基期值?|基期年?|现状值?|现状水平|基数|基线值?|基准值?|实际值|完成值|现值)$/;
const TARGET_WORDS = /^(目标值?|规划目标|期末目标|预期目标|规划值|目标任务)$/;

/** Role of a header cell, with the year it names if any. */
function classifyHeader(raw: string): { role: ColumnRole; year: number | null } | null {
  const t = raw.replace(/[()]/g, '');
  if (t === '') return null;
  if (/性质|属性|^指标类型$/.test(t)) return { role: 'nature', year: null };
  if (/^(领域|指标类别|类别|分类|类型|维度|指标领域|指标分类|领域分类)$/.test(t)) return { role: 'domain', year: null };
  if (/^(序号|编号|no\.?|#)$/i.test(t)) return { role: 'seq', year: null };
  if (/^(主要)?指标(名称|项|内容)?$|^名称$/.test(t)) return { role: 'name', year: null };
  if (/^(计量)?单位$/.test(t)) return { role: 'unit', year: null };
  // "2020年", "2025年目标值", "基期值2020年", "目标值(2025年)", "2020年现状".
  const year = /(20\d\d)年?/.exec(t);
  const rest = year ? t.replace(year[0], '') : t;
  const y = year ? Number(year[1]) : null;
  if (BASELINE_WORDS.test(rest)) return { role: 'baseline', year: y };
  if (TARGET_WORDS.test(rest) || /目标/.test(rest)) return { role: 'target', year: y };
  if (y !== null && (rest === '' || rest === '值' || rest === '年')) return { role: 'baseline', year: y }; // resolved by year below
  return null;
}

function findHeader(cells: Cells): TableHeader | null {
  const limit = Math.min(cells.length, 30);
  for (let r = 0; r < limit; r++) {
    const row = cells[r] ?? [];
    const columns: Partial<Record<ColumnRole, number>> = {};
    const years: Array<{ col: number; year: number; explicit: ColumnRole | null }> = [];
    row.forEach((raw, c) => {
      const text = cell(raw);
      const k = classifyHeader(text);
      if (!k) return;
      const explicit = /(基期|现状|基数|基线|基准|实际|完成|现值)/.test(text)
        ? 'baseline'
        : /目标|规划值/.test(text)
          ? 'target'
          : null;
      if ((k.role === 'baseline' || k.role === 'target') && k.year !== null) {
        years.push({ col: c, year: k.year, explicit });
        return;
      }
      if (columns[k.role] === undefined) columns[k.role] = c;
    });
    // Year columns: explicit words win; otherwise the earliest year is the baseline and the latest the target.
    let baselineYear: number | null = null;
    let targetYear: number | null = null;
    const sorted = [...years].sort((a, b) => a.year - b.year);
    for (const y of sorted) {
      if (y.explicit === 'baseline' && columns.baseline === undefined)
        [columns.baseline, baselineYear] = [y.col, y.year];
      if (y.explicit === 'target' && columns.target === undefined) [columns.target, targetYear] = [y.col, y.year];
    }
    const rest = sorted.filter((y) => y.explicit === null);
    const first = rest[0];
    const last = rest[rest.length - 1];
    if (columns.baseline === undefined && first && (columns.target !== undefined || rest.length > 1)) {
      [columns.baseline, baselineYear] = [first.col, first.year];
    }
    if (columns.target === undefined && last && last.col !== columns.baseline) {
      [columns.target, targetYear] = [last.col, last.year];
    }
    if (columns.name !== undefined && (columns.target !== undefined || columns.baseline !== undefined)) {
      return { row: r, columns, baselineYear, targetYear };
    }
  }
  return null;
}

/** Domain text without list numbering: "一、健康水平" → 健康水平, "(二)健康服务" → 健康服务. */
function cleanDomain(s: string): string {
  return s.replace(/^([一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.])/, '');
}

function parseNumber(text: string): number | null | 'invalid' {
  if (isNoValue(text)) return null;
  const t = normaliseText(text).replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  // A baseline written with a unit or a qualifier (6.22张, 90%以上, <5): keep its number.
  const p = parseTarget(t);
  if (p && (p.kind === 'threshold' || p.kind === 'approx')) return p.value;
  return 'invalid';
}

const BARE_NUMBER = /^\d+(\.\d+)?$/;

function natureOf(text: string): Nature | null | 'invalid' {
  const t = normaliseText(text);
  if (t === '' || isNoValue(t)) return null;
  if (/^预期性?(指标)?$/.test(t)) return 'expected';
  if (/^约束性?(指标)?$/.test(t)) return 'binding';
  return 'invalid';
}

/** Parse a plan's indicator table. Never throws: problems come back as row-level errors. */
export function parsePlanTable(cells: Cells, opts: ParseTableOptions = {}): PlanTable {
  const errors: TableError[] = [];
  const header = findHeader(cells);
  if (!header) {
    errors.push({
      row: 0,
      column: null,
      message: {
        zh: '未找到表头：需要“指标名称”列和“2025年/目标值”或“2020年/基期值”列',
        en: 'No header row found: need an indicator-name column and a target or baseline column',
      },
    });
    return { header: null, rows: [], errors };
  }
  const col = header.columns;
  const at = (row: ReadonlyArray<string | null | undefined>, role: ColumnRole): string => {
    const c = col[role];
    return c === undefined ? '' : cell(row[c]);
  };
  // Target and baseline texts are kept as written (full-width and all): that is what the planner typed.
  const rawAt = (row: ReadonlyArray<string | null | undefined>, role: ColumnRole): string => {
    const c = col[role];
    return c === undefined ? '' : joinLines(row[c] ?? '');
  };

  const rows: PlanTableRow[] = [];
  let domain: string | null = null;
  for (let r = header.row + 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const filled = row.map(cell).filter((s) => s !== '');
    if (filled.length === 0) continue;
    // Notes under the table end it (注：…, 备注, 说明, 资料来源).
    if (/^(注|备注|说明|资料来源|数据来源)[:：]?/.test(filled[0] ?? '')) break;
    const domainCell = cleanDomain(at(row, 'domain'));
    let name = rawAt(row, 'name');
    if (name === '') {
      // A group heading row ("一、健康水平" across merged cells) sets the domain of the rows below it.
      if (filled.length === 1 || (domainCell !== '' && filled.length <= 2)) {
        domain = cleanDomain(domainCell || (filled[0] ?? ''));
        continue;
      }
      errors.push({ row: r, column: 'name', message: { zh: '缺少指标名称', en: 'Missing indicator name' } });
      continue;
    }
    if (domainCell !== '') domain = domainCell;

    let nature = natureOf(at(row, 'nature'));
    // Some plans give the nature in the name instead of a column: 孕产妇死亡率（约束性）.
    const mark = /[(（](约束性|预期性)[)）]$/.exec(name);
    if (mark) {
      name = name.slice(0, mark.index).trim();
      if (nature === null) nature = mark[1] === '预期性' ? 'expected' : 'binding';
    }
    // Footnote markers (★, *) mean whatever the note under the table says: drop them, infer nothing.
    name = name.replace(/[*＊★☆※]+$/, '').trim();
    // A unit may travel in the name when the table has no unit column: 孕产妇死亡率（1/10万）.
    let unitText = at(row, 'unit');
    const inName = /[(（]([^()（）]+)[)）]$/.exec(name);
    if (inName && normaliseUnit(inName[1]) !== null) {
      if (unitText === '') unitText = inName[1] ?? '';
      name = name.slice(0, inName.index).trim();
    }
    if (nature === 'invalid') {
      errors.push({
        row: r,
        column: 'nature',
        message: {
          zh: `无法识别的指标性质：${at(row, 'nature')}`,
          en: `Unknown indicator nature: ${at(row, 'nature')}`,
        },
      });
      nature = null;
    }
    const canonicalUnit = normaliseUnit(unitText);
    const unit = canonicalUnit ?? (unitText === '' || isNoValue(unitText) ? null : unitText);

    const baselineText = rawAt(row, 'baseline');
    let baseline = parseNumber(baselineText);
    if (baseline === 'invalid') {
      errors.push({
        row: r,
        column: 'baseline',
        message: { zh: `基期值不是数值：${baselineText}`, en: `Baseline is not a number: ${baselineText}` },
      });
      baseline = null;
    }

    const targetText = rawAt(row, 'target');
    let direction: Direction | null = opts.directionOf?.(name, canonicalUnit) ?? null;
    let directionSource: PlanTableRow['directionSource'] = direction ? 'given' : null;
    const bare = normaliseText(targetText);
    if (direction === null && BARE_NUMBER.test(bare) && baseline !== null && Number(bare) !== baseline) {
      // A bare target above the baseline means "reach at least"; below it, "at most". Only the numbers say so.
      direction = Number(bare) > baseline ? 'higher' : 'lower';
      directionSource = 'baseline';
    }
    const target = parseTarget(targetText, { unit: unitText, ...(direction ? { direction } : {}) });
    if (target?.kind === 'unparsed') {
      errors.push({
        row: r,
        column: 'target',
        message: {
          zh: `目标值无法识别，请人工确认：${targetText}`,
          en: `Target not understood, please structure it by hand: ${targetText}`,
        },
      });
    }
    rows.push({
      row: r,
      domain,
      seq: at(row, 'seq') || null,
      name,
      unit,
      baselineText,
      baseline,
      targetText,
      target,
      nature,
      direction,
      directionSource,
    });
  }
  return { header, rows, errors };
}
