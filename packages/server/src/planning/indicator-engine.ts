// The indicator engine: the actual value of any catalogue indicator for any area (any level) and year, with
// its provenance. Formula indicators are computed from registry facts (fact-aggregates.ts: components summed
// per area-year along the tree valid in that year, then divided — never averaged); reported indicators
// read indicator_values; module indicators (甲乙类法定传染病报告发病率) divide a measure another module computes
// (surveillance: notifiable cases, one batched call per evaluation) by registry facts. The registry and the
// surveillance module read small aggregates their triggers keep per township and year (migrations 014/015),
// and the engine caches their results per version of those inputs (change counters bumped in the writing
// transaction, read from the database: correct on PostgreSQL and with several app servers); reported values
// are read afresh. Embedded, the whole result also goes through the write-generation read cache. Editing a
// fact, a reported value or a case report changes the next evaluation at once, with no batch rebuild.
//
// Reported values: an area's own value. When it has none, children's values are summed only for count
// indicators (unit 所/个/张/人 with multiplier 1, e.g. a number of institutions): summing rates or averages of
// children would be wrong, and averaging them is never done (the rule for ratios).
//
// Module indicators, precedence: where the module has data for the area-year the computed value is used
// (even when a reported value exists: it is kept in `overridden`); where it has none (years before the module
// existed, areas outside its reach) the reported value is used, as for a reported indicator; with neither,
// the value is null (no data, never 0).
import {
  type Component,
  type ComputingModule,
  componentKey,
  componentsOf,
  evaluateIndicator,
  type IndicatorDef,
  indicatorByCode,
} from '@weijian/core/planning';
import { type AreaTree, coveringPrefix, populationOf } from '@weijian/core/registry';
import { laterTime as later } from '../platform/as-of.ts';
import type { Db } from '../platform/db.ts';
import type { IndicatorProvider, MeasureValue } from '../platform/module.ts';
import type { ReadCache } from '../platform/read-cache.ts';
import type { AreaFactsService, AreasService } from '../registry/index.ts';
import { type AreaYearComponents, aggregateFacts, areaYearKey, type FactComponent } from './fact-aggregates.ts';
import { type IndicatorValueRow, valuesUnder } from './indicator-values-repo.ts';

export interface Provenance {
  value: number | null;
  kind: 'computed' | 'reported';
  /**
   * 'registry' for values computed from registry facts, the module's name ('surveillance') for values a
   * module computed; the recorded source of a reported value (or the indicator's usual one).
   */
  source: string;
  /** When the facts behind the value were last changed (ISO timestamp); null without data. */
  asOf: string | null;
  /** Component values a computed value was derived from (keys as in the catalogue formula: sum:bedsActual…). */
  components: Record<string, number | null>;
  /** Reported values only: summed from the areas below (count indicators without an own value). */
  aggregated?: boolean;
  note?: string | null;
  updatedBy?: string | null;
  /** Module indicators: the module and whether it has data for this area-year (else a value may be reported). */
  module?: { name: ComputingModule; hasData: boolean };
  /** Module indicators: a reported value of this area-year that the module's value takes precedence over. */
  overridden?: { value: number; source: string; asOf: string | null } | null;
}

/**
 * The registered indicator providers of the other modules (their tables are never read here). A getter,
 * because providers are collected once every module's services exist.
 */
export type IndicatorProviders = () => readonly IndicatorProvider[];

type ModuleComponent = Extract<Component, { module: string }>;
/** A module measure per area-year: undefined where the module has no data. */
type MeasureValues = (area: string, year: number) => MeasureValue | undefined;

/** Whether children's reported values may be summed for an area without its own. */
export function isCountIndicator(def: IndicatorDef): boolean {
  return def.multiplier === 1 && (def.unit === '所' || def.unit === '个' || def.unit === '张' || def.unit === '人');
}

/**
 * Values by indicator, area and year: one array per indicator indexed by area and year (an evaluation reads
 * every cell, and a string key per cell was a measurable share of its time).
 */
export class IndicatorValues {
  private readonly byCode = new Map<string, (Provenance | undefined)[]>();
  private readonly areaIndex: ReadonlyMap<string, number>;
  private readonly span: number;

  constructor(
    areas: readonly string[],
    private readonly from: number,
    to: number,
  ) {
    this.areaIndex = new Map(areas.map((a, n) => [a, n]));
    this.span = to - from + 1;
  }

  /** The cells of one indicator: set(code)[areaIndex * span + (year - from)]. */
  cells(code: string): (Provenance | undefined)[] {
    let cells = this.byCode.get(code);
    if (!cells) {
      cells = new Array<Provenance | undefined>(this.areaIndex.size * this.span);
      this.byCode.set(code, cells);
    }
    return cells;
  }

  get(code: string, area: string, year: number): Provenance | undefined {
    const a = this.areaIndex.get(area);
    if (a === undefined || year < this.from || year >= this.from + this.span) return undefined;
    return this.byCode.get(code)?.[a * this.span + year - this.from];
  }
}

export class IndicatorEngine {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly facts: AreaFactsService,
    private readonly cache: ReadCache,
    private readonly providers: IndicatorProviders,
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
    const components: Component[] = [];
    for (const d of defs) {
      if (d.source.kind !== 'reported') components.push(...componentsOf(d.source.numerator, d.source.denominator));
    }
    const uniqueComponents = [...new Map(components.map((c) => [componentKey(c), c])).values()];
    const factComponents = uniqueComponents.filter((c): c is FactComponent => !('reported' in c) && !('module' in c));
    const moduleComponents = uniqueComponents.filter((c): c is ModuleComponent => 'module' in c);
    const reportedCodes = new Set<string>();
    // Module indicators read their reported values too: the fallback where the module has no data.
    for (const d of defs) if (d.source.kind === 'reported' || d.source.kind === 'module') reportedCodes.add(d.code);
    for (const c of uniqueComponents) if ('reported' in c) reportedCodes.add(c.reported);

    const prefix = coveringPrefix(tree, areas);
    // Read before anything is computed (see read-cache.ts); it covers the division tree too, which module
    // measures are bucketed through.
    const registryVersion = factComponents.length || moduleComponents.length ? await this.facts.version(prefix) : '';
    const [facts, reportedRows, measures] = await Promise.all([
      factComponents.length
        ? this.aggregate(tree, factComponents, registryVersion, areas, from, to)
        : Promise.resolve(new Map<string, AreaYearComponents>()),
      valuesUnder(this.db, [...reportedCodes], prefix, from, to),
      Promise.all(moduleComponents.map((c) => this.measure(tree, c, prefix, registryVersion, areas, from, to))),
    ]);
    const reported = reportedLookup(tree, reportedRows, from, to);
    const measureOf = new Map(moduleComponents.map((c, n) => [componentKey(c), measures[n]!]));

    const out = new IndicatorValues(areas, from, to);
    const span = to - from + 1;
    // Per area-year lookups done once, not per indicator: the facts row and each module measure's value.
    const factCells: (AreaYearComponents | undefined)[] = new Array(areas.length * span);
    for (let a = 0; a < areas.length; a++) {
      for (let y = 0; y < span; y++) factCells[a * span + y] = facts.get(areaYearKey(areas[a]!, from + y));
    }
    const measureCells = new Map<string, (MeasureValue | undefined)[]>();
    for (const c of moduleComponents) {
      const key = componentKey(c);
      const of = measureOf.get(key)!;
      const cells: (MeasureValue | undefined)[] = new Array(areas.length * span);
      for (let a = 0; a < areas.length; a++)
        for (let y = 0; y < span; y++) cells[a * span + y] = of(areas[a]!, from + y);
      measureCells.set(key, cells);
    }
    for (const def of defs) {
      const src = def.source;
      const cells = out.cells(def.code);
      if (src.kind === 'reported') {
        const additive = isCountIndicator(def);
        for (let a = 0; a < areas.length; a++) {
          for (let y = 0; y < span; y++) {
            cells[a * span + y] = reported(def.code, areas[a]!, from + y, additive) ?? {
              value: null,
              kind: 'reported',
              source: src.defaultSource,
              asOf: null,
              components: {},
            };
          }
        }
        continue;
      }
      const parts = componentsOf(src.numerator, src.denominator).map((c) => ({
        c,
        key: componentKey(c),
        measure: 'module' in c ? measureCells.get(componentKey(c)) : undefined,
      }));
      const additiveOwn = isCountIndicator(def);
      for (let a = 0; a < areas.length; a++) {
        const area = areas[a]!;
        for (let y = 0; y < span; y++) {
          const cell = a * span + y;
          const year = from + y;
          const fact = factCells[cell];
          const values: Record<string, number | null> = {};
          let asOf: string | null = fact?.asOf ?? null;
          let hasData = true;
          for (const { c, key, measure } of parts) {
            if ('reported' in c) {
              // Components of a formula are counts or sums by nature: children may be summed.
              const r = reported(c.reported, area, year, true);
              values[key] = r?.value ?? null;
              asOf = later(asOf, r?.asOf ?? null);
            } else if (measure) {
              const m = measure[cell];
              if (!m) hasData = false;
              values[key] = m?.value ?? null;
              asOf = later(asOf, m?.asOf ?? null);
            } else values[key] = fact?.values[key] ?? null;
          }
          if (src.kind === 'formula') {
            cells[cell] = {
              value: evaluateIndicator(def, values),
              kind: 'computed',
              source: 'registry',
              asOf,
              components: values,
            };
            continue;
          }
          // A module's indicator: its value where it has data, else the reported one (see the file comment).
          const module = { name: src.module, hasData };
          const own = reported(def.code, area, year, additiveOwn);
          if (!hasData) {
            cells[cell] = {
              ...(own ?? { value: null, kind: 'reported', source: src.defaultSource, asOf: null, components: {} }),
              module,
            };
            continue;
          }
          cells[cell] = {
            value: evaluateIndicator(def, values),
            kind: 'computed',
            source: src.module,
            asOf,
            components: values,
            module,
            overridden: own && own.value !== null ? { value: own.value, source: own.source, asOf: own.asOf } : null,
          };
        }
      }
    }
    return out;
  }

  /**
   * Registry facts of every area and year, cached per version of the facts under `prefix` (a change counter
   * the registry's triggers bump in the writing transaction): correct on PostgreSQL and with several app
   * servers, and an edit is reflected by the next read.
   */
  private aggregate(
    tree: AreaTree,
    components: readonly FactComponent[],
    version: string,
    areas: readonly string[],
    from: number,
    to: number,
  ): Promise<Map<string, AreaYearComponents>> {
    const key = `facts:${components.map(componentKey).join(',')}:${areas.join(',')}:${from}:${to}`;
    return this.cache.byVersion(key, version, () => aggregateFacts(this.facts, tree, components, areas, from, to));
  }

  /** A module measure for every area and year: one call to the module's service, cached per its version. */
  private async measure(
    tree: AreaTree,
    c: ModuleComponent,
    prefix: string,
    registryVersion: string,
    areas: readonly string[],
    from: number,
    to: number,
  ): Promise<MeasureValues> {
    const provider = this.providers().find((p) => p.module === c.module && p.measure === c.measure);
    // A catalogue measure nobody provides is a wiring error of the app, not missing data.
    if (!provider) throw new Error(`no indicator provider for ${c.module}:${c.measure}`);
    if (!provider.version) return provider.compute(tree, areas, from, to);
    const version = await provider.version(prefix);
    const key = `measure:${c.module}:${c.measure}:${areas.join(',')}:${from}:${to}`;
    return this.cache.byVersion(key, `${version}/${registryVersion}`, () => provider.compute(tree, areas, from, to));
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
