// An area's population against its sub-areas' in the same year (core/registry/population-consistency.ts):
// read when the record is shown and checked when it is saved, both ways — the total being entered against
// the sub-areas already recorded, and a sub-area against the total recorded above it.
import {
  type AreaTree,
  type Issue,
  type PopulationFigures,
  populationAgainstParts,
  sumParts,
} from '@weijian/core/registry';
import type { Queryable } from '../platform/db.ts';
import type { ErrorDetail } from '../platform/errors.ts';
import { POPULATION_SELECT } from './facts-repo.ts';

/** Population is recorded for counties and below; a city's figure is always the sum of its counties. */
const LOWEST_TOTAL_LEVEL = 3;

async function figuresOf(q: Queryable, codes: string[], year: number): Promise<Map<string, PopulationFigures>> {
  if (codes.length === 0) return new Map();
  const { rows } = await q.query<PopulationFigures & { areaCode: string }>(
    `select area_code as "areaCode", ${POPULATION_SELECT}
       from area_population where area_code = any($1::text[]) and year = $2`,
    [codes, year],
  );
  return new Map(rows.map((r) => [r.areaCode, r]));
}

const details = (issues: Issue[]): ErrorDetail[] => issues.map((i) => ({ path: i.field, message: i.message }));

export interface PopulationConsistency {
  errors: ErrorDetail[];
  warnings: ErrorDetail[];
}

/**
 * Checks `values` as the figures of `code` in `year`: against the sum of its sub-areas' records, and (with the
 * sibling records) against its parent's recorded total. Run inside the saving transaction, so two saves
 * cannot each pass against the other's old figure.
 */
export async function checkPopulation(
  q: Queryable,
  tree: AreaTree,
  code: string,
  year: number,
  values: PopulationFigures,
): Promise<PopulationConsistency> {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const self = tree.get(code);
  const name = self?.name ?? code;

  const children = tree.childrenIn(code, year).map((c) => c.code);
  const childFigures = await figuresOf(q, children, year);
  const own = populationAgainstParts(
    values,
    sumParts(childFigures.values(), children.length),
    { zh: name, en: `${name} (${code})` },
    'total',
  );
  errors.push(...own.errors);
  warnings.push(...own.warnings);

  const parentCode = tree.parentIn(code, year);
  const parent = parentCode ? tree.get(parentCode) : undefined;
  if (parent && parent.level >= LOWEST_TOTAL_LEVEL) {
    const siblings = tree.childrenIn(parent.code, year).map((c) => c.code);
    const recorded = await figuresOf(q, [parent.code, ...siblings], year);
    const total = recorded.get(parent.code);
    if (total) {
      recorded.delete(parent.code);
      recorded.set(code, values);
      const above = populationAgainstParts(
        total,
        sumParts(recorded.values(), siblings.length),
        { zh: parent.name, en: `${parent.name} (${parent.code})` },
        'part',
      );
      errors.push(...above.errors);
      warnings.push(...above.warnings);
    }
  }
  return { errors: details(errors), warnings: details(warnings) };
}
