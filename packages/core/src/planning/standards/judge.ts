// Judging one measured value against a standard's numbers, with the gap in things a planner can act on
// ("缺 12 张ICU床位", "超出 30 张开放床位"), not only in percentage points.

import type { Bilingual } from '../../platform/text.ts';
import type { CheckResult, MeasureValue, StandardDef } from './types.ts';

const EPS = 1e-9;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Gap text: positive = missing (缺), negative = excess (超出). */
export function gapText(gap: number, unit: Bilingual): Bilingual {
  const n = Math.abs(gap).toLocaleString('en-US');
  return gap >= 0
    ? { zh: `缺 ${n} ${unit.zh}`, en: `${n} ${unit.en} short` }
    : { zh: `超出 ${n} ${unit.zh}`, en: `${n} ${unit.en} too many` };
}

const noData = (required: CheckResult['required']): CheckResult => ({
  status: 'no-data',
  actual: null,
  required,
  gap: null,
  gapText: null,
});

function requiredOf(def: StandardDef, params: Record<string, number>): CheckResult['required'] {
  const { min, max } = params;
  if (def.comparator === 'between' && min !== undefined && max !== undefined) return [min, max];
  return (def.comparator === '<=' ? max : min) ?? null;
}

/** Judges `m` against `def` with the region's `params` (the definition's defaults filled in). */
export function judge(def: StandardDef, params: Record<string, number>, m: MeasureValue): CheckResult {
  const p = { ...def.params, ...params };
  switch (def.kind) {
    case 'rate':
      return judgeRate(def, p, m);
    case 'count':
      return judgeCount(def, p, m);
    case 'ambulances':
      return judgeAmbulances(def, p, m);
  }
}

function judgeRate(def: StandardDef, p: Record<string, number>, m: MeasureValue): CheckResult {
  const required = requiredOf(def, p);
  const { numerator: num, denominator: den } = m;
  if (num === null || den === null || den <= 0) return noData(required);
  const actual = (num / den) * def.per;
  const min = def.comparator === '<=' ? undefined : p.min;
  const max = def.comparator === '>=' ? undefined : p.max;
  let gap = 0;
  // The gap in numerator units: how many more (or fewer) would meet the bound exactly.
  if (min !== undefined && actual < min - EPS) gap = Math.ceil((min * den) / def.per - num - EPS);
  else if (max !== undefined && actual > max + EPS) gap = -Math.ceil(num - (max * den) / def.per - EPS);
  const status = gap === 0 ? 'ok' : 'violated';
  return {
    status,
    actual: round(actual),
    required,
    gap: status === 'ok' ? 0 : gap,
    gapText: status === 'ok' ? null : gapText(gap, def.gapUnit),
  };
}

function judgeCount(def: StandardDef, p: Record<string, number>, m: MeasureValue): CheckResult {
  const have = m.numerator ?? 0;
  const perArea = p.perArea ?? 1;
  // A street above the population band needs one centre per `residentsPerUnit` residents.
  const byPopulation =
    p.residentsPerUnit !== undefined && m.population ? Math.ceil(m.population / p.residentsPerUnit - EPS) : 0;
  const need = Math.max(perArea, byPopulation);
  const gap = Math.max(0, need - have);
  return {
    status: gap > 0 ? 'violated' : 'ok',
    actual: have,
    required: need,
    gap,
    gapText: gap > 0 ? gapText(gap, def.gapUnit) : null,
  };
}

function judgeAmbulances(def: StandardDef, p: Record<string, number>, m: MeasureValue): CheckResult {
  const urbanPer = p.urbanResidents ?? 30000;
  const ruralPer = p.ruralResidents ?? 50000;
  if (m.numerator === null || (m.urban == null && m.rural == null)) return noData(null);
  const need = Math.ceil((m.urban ?? 0) / urbanPer + (m.rural ?? 0) / ruralPer - EPS);
  const gap = Math.max(0, need - m.numerator);
  return {
    status: gap > 0 ? 'violated' : 'ok',
    actual: m.numerator,
    required: need,
    gap,
    gapText: gap > 0 ? gapText(gap, def.gapUnit) : null,
  };
}

/** Validates a region's params for a standard: the same keys as the defaults, finite non-negative numbers. */
export function paramErrors(def: StandardDef, params: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, val] of Object.entries(params)) {
    if (!(k in def.params)) out.push(`${k}: unknown parameter (expected ${Object.keys(def.params).join(', ')})`);
    else if (typeof val !== 'number' || !Number.isFinite(val) || val < 0) out.push(`${k}: must be a number ≥ 0`);
  }
  const merged = { ...def.params, ...params } as Record<string, number>;
  if (merged.min !== undefined && merged.max !== undefined && merged.min > merged.max)
    out.push('min: must not exceed max');
  return out;
}
