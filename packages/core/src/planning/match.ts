// Chinese-aware fuzzy matching of an imported table row's indicator name to the catalogue. Plans name the
// same indicator many ways (每千常住人口拥有医疗卫生机构床位数 ≈ 每千常住人口床位数), so names are first reduced to
// a canonical skeleton, then compared by character bigrams (Dice) and longest common subsequence; an exact
// skeleton match of the name or an alias is certain. The user confirms every match in the import preview.
import { CATALOGUE, type IndicatorDef } from './catalogue.ts';
import { normaliseText } from './text.ts';

export interface MatchCandidate {
  code: string;
  zh: string;
  /** 0..1; 1 = the name or an alias is the same after normalisation. */
  confidence: number;
  /** The catalogue name or alias that scored best. */
  matched: string;
}

const CN_DIGITS: Record<string, string> = {
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/**
 * Skeleton of an indicator name. Applied identically to both sides, so dropping a word can only make two
 * names more alike when they differ by nothing but that word.
 */
export function normaliseName(name: string): string {
  let s = normaliseText(name).toLowerCase();
  // Bracketed qualifiers vary between plans: 执业（助理）医师 / 执业(助理)医师 / 执业医师; 城（市）镇 / 城镇.
  s = s.replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/g, '');
  // Chinese digits before an age: 五岁 → 5岁 (not 二级, which is a grade).
  s = s.replace(/([零一二三四五六七八九])岁/g, (_m, d: string) => `${CN_DIGITS[d] ?? d}岁`);
  s = s.replace(/(\d)[~至到](\d)/g, '$1-$2');
  s = s
    .replace(/综合性/g, '综合')
    .replace(/及以上/g, '以上')
    .replace(/及以下/g, '以下')
    .replace(/比例|占比|比重/g, '率')
    .replace(/中医类别|中医类/g, '中医');
  // Noise words: 拥有/的 are filler; 常住/人口 distinguish nothing among the catalogue's per-capita ratios.
  s = s.replace(/拥有|的|常住|人口/g, '');
  s = s.replace(/[,、;:"'·_]+/g, '');
  s = s.replace(/(数量|数)$/, '');
  return s;
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice coefficient over character bigrams (multiset). */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  const A = bigrams(a);
  const B = bigrams(b);
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const n of A.values()) sizeA += n;
  for (const [g, n] of B) {
    sizeB += n;
    common += Math.min(n, A.get(g) ?? 0);
  }
  return sizeA + sizeB === 0 ? 0 : (2 * common) / (sizeA + sizeB);
}

/** Length of the longest common subsequence of characters. */
export function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      cur[j] = x[i - 1] === y[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Characters shared at the end, up to `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  let n = 0;
  while (n < max && n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

/**
 * Similarity of two skeletons: bigram Dice and the LCS ratio (2·LCS ÷ total length), plus agreement of the
 * last two characters, lowered for each sibling qualifier present on one side only. Chinese indicator names
 * are head-final (…床位, …医师, …死亡率), so names sharing a long modifier but ending in different heads
 * (医疗卫生机构数 vs 每千医疗卫生机构床位数) are different indicators.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const la = [...a].length;
  const lb = [...b].length;
  if (la === 0 || lb === 0) return 0;
  const lcs = (2 * lcsLength(a, b)) / (la + lb);
  const tail = commonSuffix(a, b, 2) / 2;
  const base = 0.45 * dice(a, b) + 0.45 * lcs + 0.1 * tail;
  // A qualifier on one side only marks a sibling indicator (TCM doctors vs all doctors): keep it below a
  // confident match even when the rest of the name is identical.
  const differing = QUALIFIERS.filter((q) => a.includes(q) !== b.includes(q)).length;
  return base * 0.85 ** differing;
}

/** Words that split one indicator family into siblings (doctors → TCM / psychiatric / paediatric doctors). */
const QUALIFIERS = [
  '中医',
  '精神',
  '儿科',
  '康复',
  '社会办',
  '心理',
  '重点人群',
  '健康预期',
  '新生儿',
  '孕产妇',
  '养老',
  '负压',
  'icu',
  '三级',
];

const SKELETONS = new WeakMap<IndicatorDef, ReadonlyArray<readonly [string, string]>>();
function skeletonsOf(def: IndicatorDef): ReadonlyArray<readonly [string, string]> {
  let s = SKELETONS.get(def);
  if (!s) {
    s = [def.zh, ...def.aliases].map((n) => [n, normaliseName(n)] as const);
    SKELETONS.set(def, s);
  }
  return s;
}

/** Catalogue candidates for an indicator name, best first. */
export function matchIndicator(
  name: string,
  opts: { catalogue?: readonly IndicatorDef[]; limit?: number } = {},
): MatchCandidate[] {
  const catalogue = opts.catalogue ?? CATALOGUE;
  const q = normaliseName(name);
  if (q === '') return [];
  const out: MatchCandidate[] = [];
  for (const def of catalogue) {
    let best = 0;
    let matched = def.zh;
    for (const [raw, sk] of skeletonsOf(def)) {
      const s = similarity(q, sk);
      if (s > best) {
        best = s;
        matched = raw;
      }
    }
    out.push({ code: def.code, zh: def.zh, confidence: Math.round(best * 1000) / 1000, matched });
  }
  out.sort((a, b) => b.confidence - a.confidence || a.code.localeCompare(b.code));
  return out.slice(0, opts.limit ?? 5);
}

/** The best candidate, or null when the catalogue is empty or the name is blank. */
export function bestMatch(name: string, catalogue?: readonly IndicatorDef[]): MatchCandidate | null {
  return matchIndicator(name, catalogue ? { catalogue, limit: 1 } : { limit: 1 })[0] ?? null;
}
