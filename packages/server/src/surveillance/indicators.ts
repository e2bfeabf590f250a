// Surveillance indicators for the planning engine (planning reads, never writes): 甲乙类法定传染病报告发病率
// per 100,000 residents of an area in a year. The planning context calls these methods; it never reads the
// case tables itself.
//
// - notifiableIncidence(area, year): one area-year with its population (the analysis API).
// - notifiableCasesMany(tree, areas, from, to): the case counts of many areas and years in one aggregate
//   query, bucketed through the tree valid in each year the way the registry's facts are (a county's count =
//   cases whose current address lies in it, a city's = the sum of its counties'; 长垣县's 2016 cases count
//   for 长垣市 asked about 2016). The planning engine divides them by the registry's population itself.
import { chinaDayStart } from '@weijian/core/platform';
import { type AreaTree, coveringPrefix } from '@weijian/core/registry';
import { isoTime as iso, laterTime as later } from '../platform/as-of.ts';
import type { Db } from '../platform/db.ts';
import type { SummaryService } from '../registry/index.ts';

export interface IncidenceValue {
  areaCode: string;
  year: number;
  /** Reported cases of 甲类, 乙类 and 乙类甲管 diseases (clinical and confirmed; not suspected, not carriers). */
  cases: number;
  /** 常住人口 of the area in that year (registry); null when not recorded. */
  population: number | null;
  /** cases / population × 100,000; null without population. */
  per100k: number | null;
}

/** Cases of an area-year the module has data for. */
export interface AreaYearCases {
  cases: number;
  /** Latest change (ISO timestamp) of any case report behind the count, or of the reports that make the year known. */
  asOf: string | null;
}

/** Counts of notifiable cases per area and year; undefined for area-years the module has no data for. */
export interface NotifiableCases {
  get(area: string, year: number): AreaYearCases | undefined;
}

/** Which case reports (alias c) count toward 甲乙类法定传染病报告发病率. */
const NOTIFIABLE = `not c.deleted and c.duplicate_of is null and c.classification in ('clinical', 'confirmed')
  and c.disease_code in (select code from disease_settings where class in ('A', 'B', 'B-A'))`;

export class SurveillanceIndicators {
  constructor(
    private readonly db: Db,
    private readonly summaries: SummaryService,
  ) {}

  /**
   * 甲乙类法定传染病报告发病率 (1/10 万): cases by onset date in the year whose current address lies in the
   * area, excluding deleted reports and probable duplicates, over the registry's resident population.
   */
  async notifiableIncidence(areaCode: string, year: number): Promise<IncidenceValue> {
    const { rows } = await this.db.query<{ n: number }>(
      `select count(*)::int as n
         from case_reports c
        where ${NOTIFIABLE}
          and c.address_code like $1 and c.onset_date >= make_date($2, 1, 1) and c.onset_date < make_date($2 + 1, 1, 1)`,
      [`${areaCode}%`, year],
    );
    const cases = rows[0]?.n ?? 0;
    const population = (await this.summaries.summary(areaCode, year)).population ?? null;
    return {
      areaCode,
      year,
      cases,
      population,
      per100k: population ? Math.round((cases / population) * 100_000 * 100) / 100 : null,
    };
  }

  /**
   * Notifiable cases (as notifiableIncidence counts them: by onset year and current address) of every area in
   * `areas` and year in [from, to], in one aggregate query.
   *
   * Which area-years have data: a county has data for a year when the system received its case reports from
   * the start of that year on — a report (any disease, not deleted) of a case with onset in the year made in
   * its January, China time. So the years before the system existed, a first year it joined part-way (a month
   * of cases is not a year's incidence), and counties outside its reach are no data rather than 0 (or a
   * misleadingly low rate); the current year, once under way, is year to date. A township has its county's
   * years, an area above county level the years of any county within it. In an area-year with data an area
   * without cases counts 0.
   */
  async notifiableCasesMany(
    tree: AreaTree,
    areas: readonly string[],
    from: number,
    to: number,
  ): Promise<NotifiableCases> {
    const levels = areas.map((a) => tree.get(a)?.level ?? 0);
    // Cards keyed by county, by township when townships are asked about, by address for villages.
    const code = levels.some((l) => l >= 5)
      ? 'c.address_code'
      : levels.some((l) => l === 4)
        ? 'c.township_code'
        : 'c.county_code';
    const { rows } = await this.db.query<CaseRow>(
      `select ${code} as code, c.county_code as county, extract(year from c.onset_date)::int as onset,
              count(*) filter (where ${NOTIFIABLE})::int as n, max(c.updated_at) as asof,
              min(c.reported_at) filter (where not c.deleted) as first
         from case_reports c
        where c.county_code like $1 and c.onset_date >= make_date($2, 1, 1) and c.onset_date < make_date($3 + 1, 1, 1)
        group by 1, 2, 3`,
      [`${coveringPrefix(tree, areas)}%`, from, to],
    );
    return bucketCases(tree, areas, rows, from, to);
  }
}

interface CaseRow {
  /** County, township or address code of the cards (their codes when reported). */
  code: string;
  county: string;
  /** Onset year. */
  onset: number;
  /** Notifiable cases among them. */
  n: number;
  asof: unknown;
  /** When the first of them (not deleted) was reported. */
  first: unknown;
}

/** 1 February of `year`, 00:00 China time, as an ISO timestamp. */
const februaryFirst = (year: number) => chinaDayStart(`${year}-02-01`);

/** Counts attributed to the areas of the tree valid in each year; area-years without data left out. */
function bucketCases(
  tree: AreaTree,
  areas: readonly string[],
  rows: readonly CaseRow[],
  from: number,
  to: number,
): NotifiableCases {
  const targets = new Set(areas);
  const out = new Map<string, AreaYearCases>();
  for (let year = from; year <= to; year++) {
    const february = februaryFirst(year);
    // Counties reporting from January of this year (resolved to the tree of the year), with the latest change.
    const known = new Map<string, string | null>();
    const cases = new Map<string, AreaYearCases>();
    for (const r of rows) {
      if (r.onset !== year) continue;
      const first = iso(r.first);
      if (first !== null && first < february) {
        const county = tree.resolveIn(r.county, year) ?? r.county;
        known.set(county, later(known.get(county) ?? null, iso(r.asof)));
      }
      for (const b of tree.bucketsIn(r.code, year, targets)) {
        const slot = cases.get(b) ?? { cases: 0, asOf: null };
        slot.cases += r.n;
        slot.asOf = later(slot.asOf, iso(r.asof));
        cases.set(b, slot);
      }
    }
    if (known.size === 0) continue;
    for (const area of areas) {
      const node = tree.get(area);
      const resolved = tree.resolveIn(area, year) ?? area;
      // The county an area at or below county level lies in; for an area above, any county within it.
      let asOf: string | null = null;
      let hasData = false;
      if ((node?.level ?? 0) >= 3) {
        const county = node?.level === 3 ? resolved : tree.ancestorsIn(resolved, year).find((a) => a.level === 3)?.code;
        if (county !== undefined && known.has(county)) {
          hasData = true;
          asOf = known.get(county) ?? null;
        }
      } else {
        for (const [county, at] of known) {
          if (tree.isWithin(county, resolved, year)) {
            hasData = true;
            asOf = later(asOf, at);
          }
        }
      }
      if (!hasData) continue;
      const c = cases.get(area);
      out.set(`${area}|${year}`, { cases: c?.cases ?? 0, asOf: later(asOf, c?.asOf ?? null) });
    }
  }
  return { get: (area, year) => out.get(`${area}|${year}`) };
}
