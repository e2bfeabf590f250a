// The indicator engine: the actual value of any catalogue indicator for any area (any level) and year, with
// its provenance. Formula indicators are computed from registry facts (fact-aggregates.ts: components summed
// per area-year along the tree valid in that year, then divided — never averaged); reported indicators
// read indicator_values. Results go through the read cache, which is keyed on the database write
// generation: editing a fact or a reported value changes the next evaluation at once, with no batch rebuild.
//
// Reported values: an area's own value. When it has none, children's values are summed only for count
// indicators (unit 所/个/张/人 with multiplier 1, e.g. a number of institutions): summing rates or averages of
// children would be wrong, and averaging them is never done (the rule for ratios).
import {
  type Component,
  componentKey,
  componentsOf,
  evaluateIndicator,
  type IndicatorDef,
  indicatorByCode,
} from '@weijian/core/planning';
import { type AreaTree, populationOf } from '@weijian/core/registry';
import type { Db } from '../platform/db.ts';
import type { ReadCache } from '../platform/read-cache.ts';
import type { AreasService } from '../registry/areas-service.ts';
import { aggregateFacts, areaYearKey, scanPrefix } from './fact-aggregates.ts';
import { type IndicatorValueRow, valuesUnder } from './indicator-values-repo.ts';

export interface Provenance {
  value: number | null;
  kind: 'computed' | 'reported';
  /** 'registry' for computed values; the recorded source of a reported value (or the indicator's usual one). */
  source: string;
  /** When the facts behind the value were last changed (ISO timestamp); null without data. */
  asOf: string | null;
  /** Component values a computed value was derived from (keys as in the catalogue formula: sum:bedsActual…). */
  components: Record<string, number | null>;
  /** Reported values only: summed from the areas below (count indicators without an own value). */
  aggregated?: boolean;
  note?: string | null;
  updatedBy?: string | null;
}

/** Whether children's reported values may be summed for an area without its own. */
export function isCountIndicator(def: IndicatorDef): boolean {
  return def.multiplier === 1 && (def.unit === '所' || def.unit === '个' || def.unit === '张' || def.unit === '人');
}

export class IndicatorValues {
  constructor(private readonly map: ReadonlyMap<string, Provenance>) {}
  get(code: string, area: string, year: number): Provenance | undefined {
    return this.map.get(`${code}|${area}|${year}`);
  }
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

export class IndicatorEngine {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly cache: ReadCache,
  ) {}

  /** Values of catalogue indicators `codes` for every area in `areas` and year in [from, to]. */
  values(codes: readonly string[], areas: readonly string[], from: number, to: number): Promise<IndicatorValues> {
    const c = [...new Set(codes)].sort();
    const a = [...new Set(areas)].sort();
    return this.cache.get(`indicators:${c.join(',')}:${a.join(',')}:${from}:${to}`, () => this.compute(c, a, from, to));
  }

  private async compute(codes: string[], areas: string[], from: number, to: number): Promise<IndicatorValues> {
    const tree = await this.areas.tree();
    const defs = codes.map((c) => indicatorByCode(c)).filter((d): d is IndicatorDef => d !== undefined);
    const formula = defs.filter((d) => d.source.kind === 'formula');
    const components: Component[] = [];
    for (const d of formula) {
      if (d.source.kind === 'formula') components.push(...componentsOf(d.source.numerator, d.source.denominator));
    }
    const uniqueComponents = [...new Map(components.map((c) => [componentKey(c), c])).values()];
    const reportedCodes = new Set<string>();
    for (const d of defs) if (d.source.kind === 'reported') reportedCodes.add(d.code);
    for (const c of uniqueComponents) if ('reported' in c) reportedCodes.add(c.reported);

    const [facts, reportedRows] = await Promise.all([
      uniqueComponents.some((c) => !('reported' in c))
        ? aggregateFacts(this.db, tree, uniqueComponents, areas, from, to)
        : Promise.resolve(new Map()),
      valuesUnder(this.db, [...reportedCodes], scanPrefix(tree, areas), from, to),
    ]);
    const reported = reportedLookup(tree, reportedRows, from, to);

    const out = new Map<string, Provenance>();
    for (const def of defs) {
      const src = def.source;
      if (src.kind === 'reported') {
        const additive = isCountIndicator(def);
        for (const area of areas) {
          for (let year = from; year <= to; year++) {
            out.set(
              `${def.code}|${area}|${year}`,
              reported(def.code, area, year, additive) ?? {
                value: null,
                kind: 'reported',
                source: src.defaultSource,
                asOf: null,
                components: {},
              },
            );
          }
        }
        continue;
      }
      const parts = componentsOf(src.numerator, src.denominator).map((c) => ({ c, key: componentKey(c) }));
      for (const area of areas) {
        for (let year = from; year <= to; year++) {
          const fact = facts.get(areaYearKey(area, year));
          const values: Record<string, number | null> = {};
          let asOf: string | null = fact?.asOf ?? null;
          for (const { c, key } of parts) {
            if ('reported' in c) {
              // Components of a formula are counts or sums by nature: children may be summed.
              const r = reported(c.reported, area, year, true);
              values[key] = r?.value ?? null;
              asOf = later(asOf, r?.asOf ?? null);
            } else values[key] = fact?.values[key] ?? null;
          }
          const value = evaluateIndicator(def, values);
          out.set(`${def.code}|${area}|${year}`, {
            value,
            kind: 'computed',
            source: 'registry',
            asOf,
            components: values,
          });
        }
      }
    }
    return new IndicatorValues(out);
  }
}

/** Reported values resolved to the areas valid in each year: own value, else (counts only) the children's sum. */
function reportedLookup(
  tree: AreaTree,
  rows: readonly IndicatorValueRow[],
  from: number,
  to: number,
): (code: string, area: string, year: number, additive: boolean) => Provenance | null {
  // indicator → year → resolved area code → rows
  const index = new Map<string, Map<number, Map<string, IndicatorValueRow[]>>>();
  for (const r of rows) {
    if (r.year < from || r.year > to) continue;
    const code = tree.resolveIn(r.areaCode, r.year);
    if (!code) continue;
    const byYear = index.get(r.indicator) ?? new Map<number, Map<string, IndicatorValueRow[]>>();
    index.set(r.indicator, byYear);
    const byArea = byYear.get(r.year) ?? new Map<string, IndicatorValueRow[]>();
    byYear.set(r.year, byArea);
    const list = byArea.get(code);
    if (list) list.push(r);
    else byArea.set(code, [r]);
  }
  return (indicator, area, year, additive) => {
    const byArea = index.get(indicator)?.get(year);
    if (!byArea) return null;
    const resolved = tree.resolveIn(area, year) ?? area;
    const own = byArea.get(resolved);
    if (own?.length) {
      // Two predecessors merged into one area: their counts add up; a rate cannot be combined, so the
      // first (latest edited) is shown rather than an invented average.
      const sorted = [...own].sort((x, y) => (x.updatedAt < y.updatedAt ? 1 : -1));
      const first = sorted[0]!;
      const value = additive ? own.reduce((s, r) => s + r.value, 0) : first.value;
      return {
        value,
        kind: 'reported',
        source: first.source,
        asOf: first.updatedAt,
        components: {},
        note: first.note,
        updatedBy: first.updatedBy,
      };
    }
    if (!additive) return null;
    const recorded = new Map<string, number>();
    let asOf: string | null = null;
    const sources = new Set<string>();
    for (const [code, list] of byArea) {
      recorded.set(
        code,
        list.reduce((s, r) => s + r.value, 0),
      );
      if (code !== resolved && tree.isWithin(code, resolved, year)) {
        for (const r of list) {
          asOf = later(asOf, r.updatedAt);
          sources.add(r.source);
        }
      }
    }
    const value = populationOf(tree, year, recorded, resolved);
    if (value === null) return null;
    return {
      value,
      kind: 'reported',
      source: sources.size === 1 ? [...sources][0]! : 'mixed',
      asOf,
      components: {},
      aggregated: true,
    };
  };
}
