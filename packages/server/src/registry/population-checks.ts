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

/** One refused row of a population import: the row, the field and why. */
export interface ImportRowProblem {
  row: number;
  field: string;
  message: Issue['message'];
}

/**
 * The same check for a whole import: every written row against its sub-areas and its parent as they would
 * stand after the import (stored figures overlaid with the file's), so a file that carries a county total
 * and its townships is judged as a whole, not row by row. A parent written in the same file is checked on
 * its own row; a parent only stored is checked on the row of each sub-area that tips it. Errors only: the
 * import is all or nothing, and a warning has no place to be shown after it.
 */
export async function checkPopulationImport(
  q: Queryable,
  tree: AreaTree,
  writes: readonly { row: number; areaCode: string; year: number; values: PopulationFigures }[],
): Promise<ImportRowProblem[]> {
  const problems: ImportRowProblem[] = [];
  const byYear = new Map<number, typeof writes>();
  for (const w of writes) byYear.set(w.year, [...(byYear.get(w.year) ?? []), w]);
  for (const [year, rows] of byYear) {
    const written = new Map(rows.map((w) => [w.areaCode, w]));
    const childrenOf = new Map<string, string[]>();
    const children = (code: string) => {
      let c = childrenOf.get(code);
      if (!c) {
        c = tree.childrenIn(code, year).map((a) => a.code);
        childrenOf.set(code, c);
      }
      return c;
    };
    const parents = new Map<string, string>();
    const codes = new Set<string>();
    for (const code of written.keys()) {
      codes.add(code);
      for (const c of children(code)) codes.add(c);
      const parentCode = tree.parentIn(code, year);
      const parent = parentCode ? tree.get(parentCode) : undefined;
      if (parent && parent.level >= LOWEST_TOTAL_LEVEL && !written.has(parent.code)) {
        parents.set(code, parent.code);
        codes.add(parent.code);
        for (const c of children(parent.code)) codes.add(c);
      }
    }
    const figures = await figuresOf(q, [...codes], year);
    for (const [code, w] of written) figures.set(code, w.values);
    const partsOf = (code: string) => {
      const kids = children(code);
      return sumParts(
        kids.map((c) => figures.get(c)).filter((f): f is PopulationFigures => f !== undefined),
        kids.length,
      );
    };
    const push = (row: number, issues: Issue[]) => {
      for (const i of issues) problems.push({ row, field: i.field, message: i.message });
    };
    const reported = new Set<string>();
    for (const [code, w] of written) {
      const name = tree.get(code)?.name ?? code;
      push(
        w.row,
        populationAgainstParts(w.values, partsOf(code), { zh: name, en: `${name} (${code})` }, 'total').errors,
      );
      const parentCode = parents.get(code);
      const total = parentCode ? figures.get(parentCode) : undefined;
      if (parentCode && total) {
        const pname = tree.get(parentCode)?.name ?? parentCode;
        const issues = populationAgainstParts(
          total,
          partsOf(parentCode),
          { zh: pname, en: `${pname} (${parentCode})` },
          'part',
        ).errors.filter((i) => !reported.has(`${parentCode}/${i.field}`));
        // One report per parent and field, on the first of its rows in the file that the field concerns.
        for (const i of issues) if (typeof w.values[i.field] === 'number') reported.add(`${parentCode}/${i.field}`);
        push(
          w.row,
          issues.filter((i) => typeof w.values[i.field] === 'number'),
        );
      }
    }
  }
  return problems.sort((a, b) => a.row - b.row);
}
