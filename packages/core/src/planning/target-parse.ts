// Parse the target text of a plan's indicator table (or a target sentence of a plan's running text) into a
// typed Target. Rule: never guess. A text that does not fit one of the known phrasings comes back as
// {kind:'unparsed'} so a person structures it in the UI; only bare numbers lean on the indicator's direction,
// because that is how the tables are meant to be read (a target of 6.56 beds means "reach 6.56").
import { isNoValue, normaliseText } from './text.ts';
import type { Direction, Target, ThresholdOp, TrendDirection, Unit } from './types.ts';
import { normaliseUnit } from './units.ts';

export interface ParseTargetOptions {
  /** Unit of the table's unit column; used when the text carries none. */
  unit?: string | null;
  /** Which way is better; decides what a bare number means. */
  direction?: Direction;
}

const NUM = String.raw`(\d+(?:\.\d+)?)(万)?`;
// Order matters: longer spellings first (个百分点 before 个, 1/10万 before 1).
const UNIT = String.raw`(个百分点|百分点|%|‰|1\/10万|\/10万|\/十万|岁|天|日|张|人|名|个|所|家|公里|km|分钟|元)?`;
const WORD_OPS: ReadonlyArray<readonly [RegExp, ThresholdOp]> = [
  [/^(不低于|不少于|不小于|不得低于|不得少于|至少)/, '>='],
  [/^(不高于|不超过|不多于|不大于|不得超过|不得高于|最多)/, '<='],
  [/^(低于|小于|少于)/, '<'],
  [/^(高于|大于|多于|超过)/, '>'],
];
const SYMBOL_OP = /^(>=|≥|<=|≤|>|<|=)/;

type Hint = 'up' | 'reach' | 'down' | 'keep' | null;
// Verbs before the number that say how to read it when no 以上/以下 follows.
const VERBS: ReadonlyArray<readonly [RegExp, Exclude<Hint, null>]> = [
  [/^(提高|提升|增加|增长|上升|延长)(到|至)/, 'up'],
  [/^(下降|降低|减少|缩短|降|减)(到|至)/, 'down'],
  [/^控制(在|到|于)/, 'down'],
  [/^(保持|稳定|维持)(在|于)?/, 'keep'],
  [/^(达到|达|实现|为|是)/, 'reach'],
];

const PREFIX_NOISE =
  /^(到|至|截至)?(20\d\d年(底|末)?|"?十[一二三四]五"?(期|时期)?末)[,、]?|^(力争|争取|确保|努力|要|均|全市|全省|全县|全区|基本)/;

const BASE_YEARS: Record<string, number> = { 一: 2010, 二: 2015, 三: 2020, 四: 2025 };

const UP_VERBS = '提高|提升|增加|增长|上升|延长|扩大';
const DOWN_VERBS = '下降|降低|减少|缩短|压缩';

const TRENDS: ReadonlyArray<readonly [RegExp, TrendDirection]> = [
  [/^(上升|增长|增加|升高)(的)?(趋势|势头|速度|幅度)?(减缓|放缓|趋缓|得到遏制|得到控制)$/, 'slower-increase'],
  [/^(下降|降低|减少)(的)?(趋势|势头|速度|幅度)?(减缓|放缓|趋缓)$/, 'slower-decrease'],
  [/^(保持|维持|稳定|保持稳定|基本稳定|保持平稳|稳定在现有水平|保持现有水平|维持现有水平)$/, 'maintain'],
  [/^(保持|持续|稳步|逐步|不断|进一步|明显|显著|大幅|逐年|有所)?(下降|降低|减少|缩短)(趋势|态势)?$/, 'decrease'],
  [
    /^(持续|稳步|逐步|不断|进一步|明显|显著|大幅|逐年|有所|同比例|同步|较大|稳中有)?(提升|提高|增加|上升|增长|改善|扩大|升)$/,
    'increase',
  ],
];

function unitOf(textUnit: string | undefined, fallback: Unit | null): Unit | null {
  if (textUnit === undefined || textUnit === '') return fallback;
  return normaliseUnit(textUnit === '/10万' || textUnit === '/十万' ? '1/10万' : textUnit);
}

function num(digits: string, wan: string | undefined): number {
  const n = Number(digits);
  return wan === undefined ? n : Math.round(n * 10000 * 1e6) / 1e6;
}

function bareOp(direction: Direction | undefined): ThresholdOp {
  return direction === 'higher' ? '>=' : direction === 'lower' ? '<=' : '=';
}

/**
 * Typed target of a plan's target text, or null when the cell means "no value" (empty, —, -, /, 无).
 * Anything that does not fit a known phrasing is {kind:'unparsed', text} — kept verbatim, never guessed.
 */
export function parseTarget(text: string, opts: ParseTargetOptions = {}): Target | null {
  if (isNoValue(text)) return null;
  const original = text.trim();
  const fallbackUnit = normaliseUnit(opts.unit ?? null);
  let t = normaliseText(text)
    .replace(/(\d),(?=\d{3}(\D|$))/g, '$1')
    .replace(/[。.;；,，、]+$/, '');
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(PREFIX_NOISE, '');
  }
  const done = (target: Target | null): Target => target ?? { kind: 'unparsed', text: original };

  // 全覆盖 is the plans' way of saying 100% coverage.
  if (/^(实现)?(全覆盖|全部覆盖|100%覆盖)$/.test(t)) {
    return { kind: 'threshold', op: '>=', value: 100, unit: '%', text: original };
  }

  // Relative to a base year: 比2020年提高1岁, 比"十三五"末提高1岁, 较2020年下降10%.
  const rel = new RegExp(
    String.raw`^(?:比|较)(?:(20\d\d)年?(?:末|底)?|"?十([一二三四])五"?(?:期|时期)?末)(${UP_VERBS}|${DOWN_VERBS})了?${NUM}${UNIT}(左右)?$`,
  ).exec(t);
  if (rel) {
    const [, year, plan, verb = '', digits = '', wan, unit] = rel;
    const base = year !== undefined ? Number(year) : BASE_YEARS[plan ?? ''];
    if (base === undefined) return done(null);
    const sign = new RegExp(`^(${DOWN_VERBS})$`).test(verb) ? -1 : 1;
    return { kind: 'relative', delta: sign * num(digits, wan), unit: unitOf(unit, fallbackUnit), base, text: original };
  }

  // Every year: 每年降低1个百分点左右, 年均增长5%.
  const annual = new RegExp(`^(?:每年|年均|逐年)(${UP_VERBS}|${DOWN_VERBS})${NUM}${UNIT}(左右)?$`).exec(t);
  if (annual) {
    const [, verb = '', digits = '', wan, unit] = annual;
    const sign = new RegExp(`^(${DOWN_VERBS})$`).test(verb) ? -1 : 1;
    return { kind: 'annual-change', delta: sign * num(digits, wan), unit: unitOf(unit, fallbackUnit), text: original };
  }

  for (const [re, direction] of TRENDS) if (re.test(t)) return { kind: 'trend', direction, text: original };

  // What is left must be a number, optionally with verbs, operators, a range end, qualifiers and a unit.
  let hint: Hint = null;
  let op: ThresholdOp | null = null;
  let approx = false;
  for (const [re, h] of VERBS) {
    const m = re.exec(t);
    if (m) {
      hint = h;
      t = t.slice(m[0].length);
      break;
    }
  }
  const sym = SYMBOL_OP.exec(t);
  if (sym) {
    const s = sym[1] ?? '';
    op = s === '≥' ? '>=' : s === '≤' ? '<=' : (s as ThresholdOp);
    t = t.slice(s.length);
  } else {
    for (const [re, o] of WORD_OPS) {
      const m = re.exec(t);
      if (m) {
        op = o;
        t = t.slice(m[0].length);
        break;
      }
    }
  }
  const about = /^(约|大约|接近)/.exec(t);
  if (about) {
    approx = true;
    t = t.slice(about[0].length);
  }

  // Range: 10-20公里, 2%-3%, 2~3所, 1至2个.
  const range = new RegExp(`^${NUM}${UNIT}(?:-+|~|至|到)${NUM}${UNIT}(之间|左右)?$`).exec(t);
  if (range && op === null && !approx) {
    const [, d1 = '', w1, u1, d2 = '', w2, u2] = range;
    if (u1 && u2 && unitOf(u1, null) !== unitOf(u2, null)) return done(null);
    const a = num(d1, w1);
    const b = num(d2, w2);
    const unit = unitOf(u2 || u1, fallbackUnit);
    return { kind: 'range', min: Math.min(a, b), max: Math.max(a, b), unit, text: original };
  }

  const single = new RegExp(`^${NUM}${UNIT}(及以上|或以上|以上|及以下|或以下|以下|以内|之内|左右|上下)?$`).exec(t);
  if (!single) return done(null);
  const [, digits = '', wan, unitText, qualifier] = single;
  const value = num(digits, wan);
  const unit = unitOf(unitText, fallbackUnit);
  if (unitText && unit === null) return done(null);
  let qOp: ThresholdOp | null = null;
  if (qualifier !== undefined) {
    if (/以上$/.test(qualifier)) qOp = '>=';
    else if (/(以下|以内|之内)$/.test(qualifier)) qOp = '<=';
    else approx = true;
  }
  if (approx) {
    if (op !== null || qOp !== null) return done(null);
    return { kind: 'approx', value, unit, text: original };
  }
  if (op !== null && qOp !== null) {
    // "≥90%以上" is redundant but consistent; "≤90%以上" contradicts itself.
    if (op.charAt(0) !== qOp.charAt(0)) return done(null);
    return { kind: 'threshold', op, value, unit, text: original };
  }
  const finalOp =
    op ??
    qOp ??
    (hint === 'up'
      ? '>='
      : hint === 'down'
        ? '<='
        : hint === 'reach'
          ? opts.direction === 'lower'
            ? '<='
            : '>='
          : bareOp(opts.direction));
  return { kind: 'threshold', op: finalOp, value, unit, text: original };
}

export { formatTarget } from './target-format.ts';
