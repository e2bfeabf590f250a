// Plausibility bounds of an indicator value by its unit: what a reported value, a baseline or an absolute
// target may be before it is stored. Not statistics, only what the unit allows (a share is 0–100 %, a life
// expectancy 0–120 years), so a typo (−1, 1e308, 850 % for 85 %) is refused at the edge instead of charted.
import type { Bilingual } from '../platform/text.ts';
import type { Unit } from './types.ts';

export interface Bounds {
  min: number;
  max: number;
  /** The lower bound itself is not allowed (a life expectancy of 0). */
  minExclusive?: boolean;
}

/** Anything finite a table could hold; beyond this a number is a typo or an attack, whatever the unit. */
export const ANY_VALUE_BOUND = 1e12;

const BY_UNIT: Record<Unit, Bounds> = {
  '%': { min: 0, max: 100 },
  '‰': { min: 0, max: 1000 },
  '1/10万': { min: 0, max: 100_000 },
  岁: { min: 0, max: 120, minExclusive: true },
  天: { min: 0, max: 3660 },
  张: { min: 0, max: ANY_VALUE_BOUND },
  人: { min: 0, max: ANY_VALUE_BOUND },
  个: { min: 0, max: ANY_VALUE_BOUND },
  所: { min: 0, max: ANY_VALUE_BOUND },
  公里: { min: 0, max: 100_000 },
  分钟: { min: 0, max: 100_000 },
  元: { min: 0, max: ANY_VALUE_BOUND },
  // A change in percentage points: either way, never more than the whole scale.
  百分点: { min: -100, max: 100 },
};

/**
 * Catalogue indicators whose unit's bounds do not fit: bed occupancy exceeds 100 % when extra beds are
 * set up in corridors (加床), which hospitals report as it is.
 */
const BY_INDICATOR: Record<string, Bounds> = {
  'bed-occupancy': { min: 0, max: 300 },
};

const UNBOUNDED: Bounds = { min: -ANY_VALUE_BOUND, max: ANY_VALUE_BOUND };

/** The bounds of a catalogue indicator's values, or of a free indicator's by its (canonical) unit. */
export function boundsOf(indicator: { code?: string | null; unit: Unit | null }): Bounds {
  const own = indicator.code ? BY_INDICATOR[indicator.code] : undefined;
  return own ?? (indicator.unit ? BY_UNIT[indicator.unit] : UNBOUNDED);
}

/** Why `value` is implausible under `bounds` (bilingual, naming the allowed range), or null when it is fine. */
export function implausible(value: number, bounds: Bounds): Bilingual | null {
  const range = `${bounds.minExclusive ? '(' : '['}${bounds.min}, ${bounds.max}]`;
  if (!Number.isFinite(value)) return { zh: '数值必须是有限数', en: 'The value must be a finite number' };
  const low = bounds.minExclusive ? value <= bounds.min : value < bounds.min;
  if (low || value > bounds.max)
    return { zh: `数值 ${value} 超出合理范围 ${range}`, en: `Value ${value} is outside the plausible range ${range}` };
  return null;
}
