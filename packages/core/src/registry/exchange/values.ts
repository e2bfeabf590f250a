// Reading one cell of an uploaded sheet as the value its column expects. Cells come as Excel wrote them
// (numbers, dates, booleans) or as CSV text typed on a Chinese keyboard (full-width digits, 1,234,
// 2020年1月1日, 是/否), so each parser accepts the forms people actually use and names the problem otherwise.

import { type Bilingual, isMalformedText } from '../../platform/text.ts';
import { INSTITUTION_CATEGORIES, OWNERSHIPS } from '../categories.ts';
import { INT4_MAX } from '../validators.ts';
import type { ColumnSpec, ValueType } from './columns.ts';

/** A cell as the file readers hand it over. */
export type Cell = string | number | boolean | Date | null | undefined;

export type Parsed = { ok: true; value: unknown } | { ok: false; message: Bilingual };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (zh: string, en: string): Parsed => ({ ok: false, message: { zh, en } });

/** Text of a cell, NFKC-normalised and trimmed; '' for blanks. */
function textOf(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoDate(cell);
  return String(cell).normalize('NFKC').trim();
}

export function isBlank(cell: Cell): boolean {
  return textOf(cell) === '';
}

function isoDate(d: Date): string {
  // Spreadsheet dates carry no zone; the readers give them as UTC midnight of the calendar day.
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A number from a numeric cell or text such as "1,234", " 56 ", "１２"; null when it is not one. */
function numberOf(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const t = textOf(cell).replace(/[,\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

function validYmd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1800 || y > 2200) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return isoDate(dt);
}

/** Excel's day serial (1900 date system, with its phantom 29 February 1900) → ISO date. */
function fromExcelSerial(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 109_574) return null;
  const dt = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return isoDate(dt);
}

export function parseDate(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoDate(cell);
  if (typeof cell === 'number') {
    if (cell >= 18000101 && cell <= 22001231 && Number.isInteger(cell)) {
      return validYmd(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100);
    }
    return fromExcelSerial(cell);
  }
  const t = textOf(cell);
  let m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      t,
    );
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

const GRADE_LEVEL_WORDS: Record<string, 1 | 2 | 3 | null> = {
  '1': 1,
  '2': 2,
  '3': 3,
  一: 1,
  二: 2,
  三: 3,
  一级: 1,
  二级: 2,
  三级: 3,
  未定级: null,
  未定: null,
  无: null,
  未评级: null,
  level1: 1,
  level2: 2,
  level3: 3,
  ungraded: null,
};

const GRADE_CLASS_WORDS: Record<string, '甲' | '乙' | '丙' | null> = {
  甲: '甲',
  乙: '乙',
  丙: '丙',
  甲等: '甲',
  乙等: '乙',
  丙等: '丙',
  未定等: null,
  未定: null,
  无: null,
  a: '甲',
  b: '乙',
  c: '丙',
  classa: '甲',
  classb: '乙',
  classc: '丙',
  unclassed: null,
};

const OWNERSHIP_WORDS: Record<string, 'government' | 'other-public' | 'private'> = {
  ...Object.fromEntries(
    OWNERSHIPS.flatMap((o) => [
      [o.zh, o.code],
      [o.code, o.code],
      [o.en.toLowerCase().replace(/[\s-]/g, ''), o.code],
    ]),
  ),
  政府: 'government',
  政府举办: 'government',
  政府办医疗机构: 'government',
  公立: 'other-public',
  其他公立机构: 'other-public',
  非公立: 'private',
  民营: 'private',
  私立: 'private',
  社会办医: 'private',
  社会力量办: 'private',
  otherpublic: 'other-public',
};

const BOOLEAN_WORDS: Record<string, boolean> = {
  是: true,
  否: false,
  营利: true,
  非营利: false,
  营利性: true,
  非营利性: false,
  有: true,
  无: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
  forprofit: true,
  notforprofit: false,
  nonprofit: false,
};

const CATEGORY_BY_NAME = (() => {
  const m = new Map<string, string>();
  // Later (more specific) codes win where a family and its only member share a name (J / J1 疾病预防控制中心).
  for (const c of INSTITUTION_CATEGORIES) m.set(c.zh.normalize('NFKC'), c.code);
  return m;
})();

/** "A1", "a1", "A1 综合医院", "A1-综合医院" or the category's Chinese name → code (unchecked). */
export function parseCategory(cell: Cell): string {
  const t = textOf(cell);
  const byName = CATEGORY_BY_NAME.get(t);
  if (byName) return byName;
  const m = /^([A-Za-z][0-9A-Za-z]{0,3})(?:$|[\s\-_:：、.(（])/.exec(t);
  return m ? m[1]!.toUpperCase() : t.toUpperCase();
}

const key = (t: string) => t.toLowerCase().replace(/[\s_-]/g, '');

/** Parses one cell as `type`; blanks are null (required columns are checked by the caller). */
export function parseCell(type: ValueType, cell: Cell): Parsed {
  if (isBlank(cell)) return ok(null);
  const t = textOf(cell);
  switch (type) {
    case 'text':
      // A NUL would fail the whole import's statement (a 500); a lone surrogate would be stored altered.
      if (isMalformedText(t))
        return bad('含有不允许的字符（空字符或不成对的代理项）', 'Contains a NUL or a lone surrogate');
      return ok(t);
    case 'uscc':
      return ok(t.replace(/[\s-]/g, '').toUpperCase());
    case 'category':
      return ok(parseCategory(cell));
    case 'area': {
      const code = typeof cell === 'number' ? String(cell) : t.replace(/\s/g, '');
      if (!/^\d{2,12}$/.test(code)) return bad(`区划代码“${t}”应为2–12位数字`, `Area code "${t}" must be 2–12 digits`);
      return ok(code);
    }
    case 'id': {
      const n = numberOf(cell);
      if (n === null || !Number.isInteger(n) || n <= 0 || n > INT4_MAX)
        return bad(`ID“${t}”应为正整数`, `ID "${t}" must be a positive whole number`);
      return ok(n);
    }
    case 'year': {
      const n = numberOf(cell) ?? (/^(\d{4})年?$/.exec(t) ? Number(t.slice(0, 4)) : null);
      if (n === null || !Number.isInteger(n) || n < 1949 || n > 2100)
        return bad(`年份“${t}”应为1949–2100之间的四位年份`, `Year "${t}" must be a year between 1949 and 2100`);
      return ok(n);
    }
    case 'count':
    case 'decimal': {
      const n = numberOf(cell);
      if (n === null) return bad(`“${t}”不是数字`, `"${t}" is not a number`);
      return ok(n);
    }
    case 'date': {
      const d = parseDate(cell);
      if (d === null)
        return bad(`日期“${t}”无法识别，应为 YYYY-MM-DD`, `Date "${t}" is not recognised; write YYYY-MM-DD`);
      return ok(d);
    }
    case 'gradeLevel': {
      const k = key(t);
      if (!(k in GRADE_LEVEL_WORDS))
        return bad(`级别“${t}”应为一级、二级、三级或未定级`, `Grade level "${t}" must be 一级, 二级, 三级 or 未定级`);
      return ok(GRADE_LEVEL_WORDS[k]);
    }
    case 'gradeClass': {
      const k = key(t);
      if (!(k in GRADE_CLASS_WORDS)) return bad(`等次“${t}”应为甲、乙或丙`, `Grade class "${t}" must be 甲, 乙 or 丙`);
      return ok(GRADE_CLASS_WORDS[k]);
    }
    case 'ownership': {
      const v = OWNERSHIP_WORDS[key(t)] ?? OWNERSHIP_WORDS[t];
      if (!v)
        return bad(`举办主体“${t}”应为政府办、其他公立或社会办`, `Ownership "${t}" must be 政府办, 其他公立 or 社会办`);
      return ok(v);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return ok(cell);
      const k = key(t);
      if (!(k in BOOLEAN_WORDS)) return bad(`“${t}”应为是/否（营利/非营利）`, `"${t}" must be 是/否 (yes/no)`);
      return ok(BOOLEAN_WORDS[k]);
    }
  }
}

/** Parses a cell for a column, adding the "required" check. */
export function parseColumn(spec: ColumnSpec, cell: Cell): Parsed {
  const r = parseCell(spec.type, cell);
  if (r.ok && r.value === null && spec.required) return bad(`${spec.zh}不能为空`, `${spec.en} is required`);
  return r;
}
