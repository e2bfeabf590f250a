// Care indicators for the planning engine (planning reads, never writes) and for the care pages: the module
// measures of issue 15 §6 (indicators-sql.ts) per area through the tree valid in each year, the way
// surveillance's notifiable cases are (a village's count = records whose village code lies in it; a county's
// = the sum of its villages'; a city's = the sum of its counties'). The population denominators are the
// registry's 常住人口 by age, divided by the planning engine (or by `indicators()` here for the care pages).
//
// - measuresMany(tree, areas, from, to): every care measure of many areas and years, one SQL pass per year
//   with records (an aggregate of migration 032's per-resident-year summaries when the year has them, else
//   the live joins of indicators-sql.ts); area-years without records are absent (the plan keeps the reported
//   value there).
// - version(prefix): what cached evaluations are keyed on (care_changes, bumped by triggers: migration 025).
// - providers(): one indicator provider per measure, sharing one computation per evaluation.
import {
  CARE_MEASURES,
  type CareMeasure,
  componentKey,
  componentsOf,
  evaluateIndicator,
  type IndicatorDef,
  indicatorByCode,
} from '@weijian/core/planning';
import { type AreaTree, coveringPrefix } from '@weijian/core/registry';
import { isoTime as iso, laterTime as later } from '../platform/as-of.ts';
import type { IndicatorProvider } from '../platform/module.ts';
import { areaYearKey } from '../registry/index.ts';
import type { CareBase } from './base.ts';
import {
  ACTIVE_YEARS_SQL,
  MATERIALISED_SQL,
  MEASURES_SQL,
  SUMMARY_MEASURES_SQL,
  type VillageMeasures,
} from './indicators-sql.ts';

/** The care measures of one area-year with records. */
export interface AreaYearMeasures {
  values: Record<CareMeasure, number>;
  /** Latest change behind them (ISO timestamp). */
  asOf: string | null;
}

export interface CareMeasureTable {
  get(area: string, year: number): AreaYearMeasures | undefined;
}

/** One care indicator of an area-year as the care pages show it. */
export interface CareIndicatorFigure {
  code: string;
  zh: string;
  en: string;
  numerator: number | null;
  denominator: number | null;
  /** In %; null without data or with a zero denominator. */
  value: number | null;
  /** 'care' when computed from the records; null when the area-year has no care records. */
  source: 'care' | null;
  /** Where numerator and denominator come from: care records, the registry's population. */
  denominatorSource: 'care' | 'registry';
  definition: { zh: string; en: string };
  asOf: string | null;
}

/** The catalogue's care indicators in catalogue order. */
export function careIndicatorDefs(): IndicatorDef[] {
  return CARE_DEF_CODES.map((c) => indicatorByCode(c)).filter((d): d is IndicatorDef => d !== undefined);
}
const CARE_DEF_CODES = [
  'ehr-coverage',
  'family-doctor-signing',
  'family-doctor-signing-key',
  'hypertension-management',
  'hypertension-bp-control',
  'diabetes-management',
  'diabetes-glucose-control',
  'smi-management',
  'smi-standard-management',
  'elderly-health-management',
  'maternal-system-management',
  'child-u3-system-management',
  'child-0-6-health-management',
];

const zeroes = (): Record<CareMeasure, number> =>
  Object.fromEntries(CARE_MEASURES.map((m) => [m, 0])) as Record<CareMeasure, number>;

export class CareIndicators {
  /** Evaluations under way, shared by the providers of the measures (the engine asks each measure apart). */
  private readonly inflight = new Map<string, Promise<CareMeasureTable>>();

  constructor(readonly base: CareBase) {}

  /**
   * Every care measure of every area in `areas` and year in [from, to]: one aggregate query per year in
   * which any county under the areas has records (ACTIVE_YEARS_SQL), bucketed through the tree of that year.
   */
  async measuresMany(tree: AreaTree, areas: readonly string[], from: number, to: number): Promise<CareMeasureTable> {
    const like = `${recordsPrefix(tree, areas)}%`;
    const { rows: active } = await this.base.db.query<{ county: string; year: number; asof: unknown }>(
      ACTIVE_YEARS_SQL,
      [like, from, to],
    );
    // The county-years with summaries (migration 032; a county with any has records). A year is read from
    // them unless a county whose records count somewhere this year lacks it: one with records dated in the
    // year, or one whose code resolves to such a county (a predecessor's code); then live (MEASURES_SQL).
    const { rows: summarised } = await this.base.db.query<{ county: string; year: number }>(MATERIALISED_SQL, [like]);
    const withRecords = new Set(summarised.map((s) => s.county));
    const summarisedIn = (year: number, known: Map<string, string | null>) => {
      const have = new Set(summarised.filter((s) => s.year === year).map((s) => s.county));
      const counts = (c: string) =>
        active.some((a) => a.year === year && a.county === c) || known.has(tree.resolveIn(c, year) ?? c);
      return ![...withRecords, ...active.filter((a) => a.year === year).map((a) => a.county)].some(
        (c) => !have.has(c) && counts(c),
      );
    };
    const targets = new Set(areas);
    const out = new Map<string, AreaYearMeasures>();
    const years = [...new Set(active.map((a) => a.year))].sort();
    for (const year of years) {
      // Counties with records this year (resolved to the tree of the year), with their latest change.
      const known = new Map<string, string | null>();
      for (const a of active) {
        if (a.year !== year) continue;
        const county = tree.resolveIn(a.county, year) ?? a.county;
        known.set(county, later(known.get(county) ?? null, iso(a.asof)));
      }
      const { rows } = summarisedIn(year, known)
        ? await this.base.db.query<VillageMeasures>(SUMMARY_MEASURES_SQL, [like, year])
        : await this.base.db.query<VillageMeasures>(MEASURES_SQL, [like, `${year}-01-01`, `${year}-12-31`, year]);
      const sums = new Map<string, Record<CareMeasure, number>>();
      for (const r of rows) {
        // A village the tree does not know counts for its township, else its county.
        const code = tree.get(r.code) ? r.code : tree.get(r.township) ? r.township : r.county;
        for (const b of tree.bucketsIn(code, year, targets)) {
          let slot = sums.get(b);
          if (!slot) {
            slot = zeroes();
            sums.set(b, slot);
          }
          for (const m of CARE_MEASURES) slot[m] += Number(r[m]);
        }
      }
      for (const area of areas) {
        const node = tree.get(area);
        const resolved = tree.resolveIn(area, year) ?? area;
        let hasData = false;
        let asOf: string | null = null;
        if ((node?.level ?? 0) >= 3) {
          const county =
            node?.level === 3 ? resolved : tree.ancestorsIn(resolved, year).find((a) => a.level === 3)?.code;
          if (county !== undefined && known.has(county)) {
            hasData = true;
            asOf = known.get(county) ?? null;
          }
        } else {
          // A city (or province) is computed only when every county under it keeps care records that year:
          // one county's records over the whole city's population would read as a tiny rate; until then the
          // reported value stands for it.
          const counties = countiesUnder(tree, resolved, year);
          hasData = counties.length > 0 && counties.every((c) => known.has(c));
          if (hasData) for (const c of counties) asOf = later(asOf, known.get(c) ?? null);
        }
        if (hasData) out.set(`${area}|${year}`, { values: sums.get(area) ?? zeroes(), asOf });
      }
    }
    return { get: (area, year) => out.get(`${area}|${year}`) };
  }

  /**
   * A value that changes with every write to the care records of the counties under `prefix`: the number
   * of statements that wrote them (migration 025; grows at every commit, whatever the commit order).
   */
  async version(prefix: string): Promise<string> {
    const { rows } = await this.base.db.query<{ v: number }>(
      'select count(*)::int as v from care_changes where county_code like $1',
      [`${prefix}%`],
    );
    return String(rows[0]?.v ?? 0);
  }

  /** The measures for an evaluation, computed once while the engine's providers ask for them together. */
  private shared(tree: AreaTree, areas: readonly string[], from: number, to: number): Promise<CareMeasureTable> {
    const key = `${areas.join(',')}|${from}|${to}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.measuresMany(tree, areas, from, to).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  /** One indicator provider per care measure (the catalogue's {module: 'care', measure} components). */
  providers(): IndicatorProvider[] {
    return CARE_MEASURES.map((measure) => ({
      module: 'care',
      measure,
      compute: async (tree, areas, from, to) => {
        const table = await this.shared(tree, areas, from, to);
        return (area, year) => {
          const v = table.get(area, year);
          return v && { value: v.values[measure], asOf: v.asOf };
        };
      },
      version: (prefix) => this.version(prefix),
    }));
  }

  /**
   * The care indicators of `areas` in `year` as the care pages show them: numerator, denominator (a care
   * measure or the registry's population), value in %, the definition. Without records: nulls, source null.
   */
  async figures(areas: readonly string[], year: number): Promise<Map<string, CareIndicatorFigure[]>> {
    const tree = await this.base.areas.tree();
    const defs = careIndicatorDefs();
    const [table, facts] = await Promise.all([
      this.measuresMany(tree, areas, year, year),
      this.base.areaFacts.aggregate(
        tree,
        [
          { key: 'population:resident', population: 'resident' },
          { key: 'population:age65Plus', population: 'age65Plus' },
          { key: 'population:age0To2', population: 'age0To2' },
          { key: 'population:age3To6', population: 'age3To6' },
        ],
        areas,
        year,
        year,
      ),
    ]);
    const out = new Map<string, CareIndicatorFigure[]>();
    for (const area of areas) {
      const m = table.get(area, year);
      const pop = facts.get(areaYearKey(area, year))?.values ?? {};
      const values: Record<string, number | null> = { ...pop };
      if (m) for (const k of CARE_MEASURES) values[componentKey({ module: 'care', measure: k })] = m.values[k];
      out.set(
        area,
        defs.map((d) => figure(d, values, m !== undefined, m?.asOf ?? null)),
      );
    }
    return out;
  }
}

/**
 * The county_code prefix of the records the areas need: their county when all lie in one county that has
 * kept its code (no predecessor, no successor: no records under another code), else the covering prefix
 * (the city), as the other modules read.
 */
function recordsPrefix(tree: AreaTree, areas: readonly string[]): string {
  const counties = new Set(areas.map((a) => ((tree.get(a)?.level ?? 0) >= 3 ? a.slice(0, 6) : a)));
  if (counties.size === 1) {
    const county = [...counties][0]!;
    const node = tree.get(county);
    if (node?.level === 3 && !node.successorCode && !node.validTo && tree.predecessorsOf(county).length === 0)
      return county;
  }
  return coveringPrefix(tree, areas);
}

function figure(
  def: IndicatorDef,
  values: Record<string, number | null>,
  hasData: boolean,
  asOf: string | null,
): CareIndicatorFigure {
  const src = def.source;
  const note = 'note' in src && src.note ? src.note : { zh: '', en: '' };
  const num = src.kind === 'reported' ? null : src.numerator;
  const den = src.kind === 'reported' ? null : src.denominator;
  const sum = (e: typeof num) => {
    if (!e) return null;
    let total = 0;
    for (const c of componentsOf(e)) {
      const v = values[componentKey(c)];
      if (v === undefined || v === null) return null;
      total += v;
    }
    return total;
  };
  const numerator = hasData ? sum(num) : null;
  const denominator = hasData ? sum(den) : null;
  const value = hasData ? evaluateIndicator(def, values) : null;
  return {
    code: def.code,
    zh: def.zh,
    en: def.en,
    numerator,
    denominator,
    value,
    source: hasData ? 'care' : null,
    denominatorSource: den && componentsOf(den).some((c) => 'population' in c) ? 'registry' : 'care',
    definition: { zh: note.zh, en: note.en },
    asOf,
  };
}

/** The county-level areas under an area in the tree valid in `year`. */
function countiesUnder(tree: AreaTree, code: string, year: number): string[] {
  const out: string[] = [];
  const walk = (c: string) => {
    for (const child of tree.childrenIn(c, year)) {
      if (child.level === 3) out.push(child.code);
      else if (child.level < 3) walk(child.code);
    }
  };
  walk(code);
  return out;
}
