// Canonical units. Tables write the same unit many ways (％, 1/10万, /10万, 名, 张/千人); targets compare
// numbers, so they must agree on one spelling.
import { normaliseText } from './text.ts';
import type { Unit } from './types.ts';

const ALIASES: ReadonlyArray<readonly [RegExp, Unit]> = [
  [/^(%|百分比|百分率)$/, '%'],
  [/^(‰|千分比|千分率)$/, '‰'],
  [/^(1?\/(10万|十万|100000)(人|人口|活产)?|每10万(人|人口|活产)?|1\/10万人口)$/, '1/10万'],
  [/^(个?百分点|pp|ppt)$/i, '百分点'],
  [/^(岁|年龄)$/, '岁'],
  [/^(天|日)$/, '天'],
  [/^(张|床)$/, '张'],
  [/^(人|名|位)$/, '人'],
  [/^个$/, '个'],
  // 家 and 所 both count institutions; the plans use them interchangeably (建成1家…, 达到20所).
  [/^(所|家)$/, '所'],
  [/^(公里|千米|km)$/i, '公里'],
  [/^(分钟|分|min)$/i, '分钟'],
  [/^(元|元\/人|元\/人\/年)$/, '元'],
];

/**
 * Canonical unit of a unit cell or suffix, or null when it is not one of the canonical units. Per-population
 * qualifiers are dropped (张/千人 → 张, 人/万人 → 人): the multiplier belongs to the indicator, not the unit.
 */
export function normaliseUnit(raw: string | null | undefined): Unit | null {
  if (raw == null) return null;
  let t = normaliseText(raw).replace(/^[(（]|[)）]$/g, '');
  if (t === '') return null;
  t = t.replace(/^(每千|每万)(常住)?人口?/, '').replace(/\/(每)?(千|万)(常住)?人口?$/, '');
  for (const [re, unit] of ALIASES) if (re.test(t)) return unit;
  return null;
}

const EN: Record<Unit, string> = {
  '%': '%',
  '‰': '‰',
  '1/10万': 'per 100,000',
  岁: 'years',
  天: 'days',
  张: 'beds',
  人: 'persons',
  个: '',
  所: 'institutions',
  公里: 'km',
  分钟: 'min',
  元: 'yuan',
  百分点: 'percentage points',
};

/** How a unit is written after a number: glued symbols (30%, 8/10万) or a spaced word in English. */
export function unitSuffix(unit: Unit | null, lang: 'zh' | 'en'): string {
  if (unit == null) return '';
  if (lang === 'zh') return unit === '1/10万' ? '/10万' : unit === '百分点' ? '个百分点' : unit;
  if (unit === '%' || unit === '‰') return unit;
  const word = EN[unit];
  return word === '' ? '' : ` ${word}`;
}
