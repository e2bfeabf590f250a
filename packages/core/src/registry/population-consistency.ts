// Whether an area's recorded population agrees with what its sub-areas record for the same year. Summaries
// take an area's own figure when there is one (population-rollup.ts), so a county total that contradicts its
// townships does not show up as a wrong sum: it silently replaces theirs. Hence it is refused where entered.
//
// The rules, per field (常住人口, 男性, 0–2岁, …), for figures recorded in one year:
// - an error when the sub-areas already record more than the total (they cannot hold more people);
// - a warning when every sub-area valid that year records the field and their sum is below the total.
// The second is not refused: correcting a total and its parts takes two saves, and with equality enforced
// neither could go first (raise the total first, then the parts; lower the parts first, then the total).
// Sub-areas that record nothing leave room: a county total above the sum of half its townships is normal.

import type { Bilingual } from '../platform/text.ts';
import { POPULATION_FIELDS } from './fields.ts';
import type { Issue } from './validate-facts.ts';

/** One area's recorded figures (null or missing: not reported). */
export type PopulationFigures = { readonly [key: string]: unknown };

export interface PartsTotal {
  /** Per field: the sum over the parts that record it. */
  sum: Record<string, number>;
  /** Per field: how many parts record it. */
  recorded: Record<string, number>;
  /** How many parts there are in all (valid that year), recorded or not. */
  parts: number;
}

/** Sums the parts' figures field by field, skipping unreported ones. */
export function sumParts(rows: Iterable<PopulationFigures>, parts: number): PartsTotal {
  const sum: Record<string, number> = {};
  const recorded: Record<string, number> = {};
  for (const row of rows) {
    for (const f of POPULATION_FIELDS) {
      const v = row[f.key];
      if (typeof v !== 'number') continue;
      sum[f.key] = (sum[f.key] ?? 0) + v;
      recorded[f.key] = (recorded[f.key] ?? 0) + 1;
    }
  }
  return { sum, recorded, parts };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Problems of `total` (the figures of `area`) against its parts (the figures of its sub-areas in the same
 * year), each naming the field by its label and both figures. `side` says which of the two is being entered,
 * so the message tells the person what to correct: the total they type, or the sub-area that tips the sum.
 */
export function populationAgainstParts(
  total: PopulationFigures,
  parts: PartsTotal,
  area: Bilingual,
  side: 'total' | 'part',
): { errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  for (const f of POPULATION_FIELDS) {
    const own = total[f.key];
    const sum = parts.sum[f.key];
    if (typeof own !== 'number' || sum === undefined) continue;
    const complete = parts.parts > 0 && parts.recorded[f.key] === parts.parts;
    if (sum > own) {
      errors.push({
        field: f.key,
        message:
          side === 'total'
            ? {
                zh: `${f.zh}（${fmt(own)}）小于下级区划已填报之和（${fmt(sum)}）`,
                en: `${f.en} (${fmt(own)}) is less than the sum already recorded for the sub-areas (${fmt(sum)})`,
              }
            : {
                zh: `${f.zh}：${area.zh}各下级区划之和将为 ${fmt(sum)}，超过${area.zh}已填报的总数（${fmt(own)}）；请先修改${area.zh}的总数`,
                en: `${f.en}: the sub-areas of ${area.en} would sum to ${fmt(sum)}, more than the total recorded for ${area.en} (${fmt(own)}); correct that total first`,
              },
      });
    } else if (complete && sum < own) {
      warnings.push({
        field: f.key,
        message: {
          zh: `${f.zh}：${area.zh}的总数（${fmt(own)}）大于全部下级区划之和（${fmt(sum)}），请核对`,
          en: `${f.en}: the total of ${area.en} (${fmt(own)}) is more than the sum of all its sub-areas (${fmt(sum)}); please check`,
        },
      });
    }
  }
  return { errors, warnings };
}
