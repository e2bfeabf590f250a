// The indicator catalogue (指标库): every indicator of SYSTEM.md §4 and the fixture plans, split by domain
// under catalogue/. Codes are unique and stable; names and aliases feed the fuzzy matcher (match.ts).
import { ENVIRONMENT } from './catalogue/environment.ts';
import { type Component, type ComponentValues, componentsOf, evaluateExpr } from './catalogue/expr.ts';
import { LEVEL } from './catalogue/level.ts';
import { LIFE } from './catalogue/life.ts';
import { SECURITY } from './catalogue/security.ts';
import { SERVICE_CARE } from './catalogue/service-care.ts';
import { SERVICE_RESOURCES } from './catalogue/service-resources.ts';
import type { IndicatorDef } from './catalogue/types.ts';

export * from './catalogue/expr.ts';
export * from './catalogue/types.ts';

export const CATALOGUE: readonly IndicatorDef[] = [
  ...LEVEL,
  ...LIFE,
  ...SERVICE_RESOURCES,
  ...SERVICE_CARE,
  ...SECURITY,
  ...ENVIRONMENT,
];

const BY_CODE = new Map(CATALOGUE.map((d) => [d.code, d]));

export function indicatorByCode(code: string): IndicatorDef | undefined {
  return BY_CODE.get(code);
}

/** Key under which a reported indicator's value sits among the component values of an area-year. */
export function reportedKey(def: IndicatorDef): string {
  return `reported:${def.code}`;
}

/**
 * Facts an indicator depends on: what to fetch, and what an edit invalidates. A module's indicator also
 * depends on its own reported values (used for the years the module has no data for).
 */
export function indicatorComponents(def: IndicatorDef): Component[] {
  if (def.source.kind === 'reported') return [{ reported: def.code }];
  const parts = componentsOf(def.source.numerator, def.source.denominator);
  return def.source.kind === 'module' ? [...parts, { reported: def.code }] : parts;
}

/**
 * Value of an indicator for one area and year from that area-year's aggregated component values. Formula
 * and module indicators divide summed components (so a city is recomputed from its counties' sums, never
 * averaged); reported indicators read their entered value. Null when a component is missing or the
 * denominator is 0. (Which of a module's value and a reported one applies is the engine's choice.)
 */
export function evaluateIndicator(def: IndicatorDef, values: ComponentValues): number | null {
  const src = def.source;
  if (src.kind === 'reported') {
    const v = values[reportedKey(def)];
    return v === undefined || v === null || !Number.isFinite(v) ? null : v;
  }
  const num = evaluateExpr(src.numerator, values);
  if (num === null) return null;
  if (src.denominator === null) return num * src.multiplier;
  const den = evaluateExpr(src.denominator, values);
  if (den === null || den === 0) return null;
  return (num / den) * src.multiplier;
}
