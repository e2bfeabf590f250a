// Surveillance indicators for the planning engine (planning reads, never writes): 甲乙类法定传染病报告发病率
// per 100,000 residents of an area in a year. The planning context calls these methods; it never reads the
// case tables itself.
//
// - notifiableIncidence(area, year): one area-year with its population (the analysis API).
// - notifiableCasesMany(tree, areas, from, to): the case counts of many areas and years in one aggregate
//   query, bucketed through the tree valid in each year the way the registry's facts are (a county's count =
//   cases whose current address lies in it, a city's = the sum of its counties'; 长垣县's 2016 cases count
//   for 长垣市 asked about 2016). The planning engine divides them by the registry's population itself.
//   Counties and townships read case_counts, which triggers keep per township, onset year and disease
//   (migration 014); villages group the cards themselves.
// - notifiableCasesVersion(prefix): what cached evaluations are keyed on (bumped by the same triggers).
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

/** The diseases whose cases count toward 甲乙类法定传染病报告发病率: 甲类, 乙类 and 乙类甲管. */
const NOTIFIABLE_DISEASES = `select code from disease_settings where class in ('A', 'B', 'B-A')`;

/** Which case reports (alias c) count toward 甲乙类法定传染病报告发病率 (case_counts.counted, by class). */
const NOTIFIABLE = `not c.deleted and c.duplicate_of is null and c.classification in ('clinical', 'confirmed')
  and c.disease_code in (${NOTIFIABLE_DISEASES})`;

export class SurveillanceIndicators {
  /** Whether counties and townships read case_counts (014); benchmarks switch it off to measure the cards. */
  useCounts = true;

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
    const params = [`${coveringPrefix(tree, areas)}%`, from, to];
    // Cards keyed by county, by township when townships are asked about, by address for villages.
    const key = levels.some((l) => l >= 5) ? 'address' : levels.some((l) => l === 4) ? 'township' : 'county';
    if (!this.useCounts || key === 'address') {
      // Villages (case_counts stops at townships), or the counts switched off: the cards themselves.
      const { rows } = await this.db.query<CaseRow>(
        `select c.${key}_code as code, c.county_code as county, extract(year from c.onset_date)::int as onset,
                count(*) filter (where ${NOTIFIABLE})::int as n, max(c.updated_at) as asof,
                count(*) filter (where not c.deleted and c.reported_at <
                  (make_date(extract(year from c.onset_date)::int, 2, 1) - interval '8 hours') at time zone 'UTC')::int
                  as january
           from case_reports c
          where c.county_code like $1 and c.onset_date >= make_date($2, 1, 1) and c.onset_date < make_date($3 + 1, 1, 1)
          group by 1, 2, 3`,
        params,
      );
      return bucketCases(tree, areas, rows, from, to);
    }
    // Counties and townships: the counts the case_counts triggers keep (migration 014), a few rows per
    // township, disease and year instead of every card.
    const { rows } = await this.db.query<CaseRow>(
      `select k.${key}_code as code, k.county_code as county, k.year::int as onset,
              coalesce(sum(k.counted) filter (where k.disease_code in (${NOTIFIABLE_DISEASES})), 0)::int as n,
              max(k.last_change) as asof, sum(k.january)::int as january
         from case_counts k
        where k.county_code like $1 and k.year between $2 and $3
        group by 1, 2, 3`,
      params,
    );
    return bucketCases(tree, areas, rows, from, to);
  }

  /**
   * A value that changes with every write to the case reports of the counties under `prefix` (and with every
   * reclassification of a disease): cached evaluations are keyed on it. Read from the database, so a write
   * through another app server counts too.
   */
  async notifiableCasesVersion(prefix: string): Promise<string> {
    const { rows } = await this.db.query<{ v: number | null }>(
      `select sum(changes) as v from case_count_versions where county_code like $1 or county_code = ''`,
      [`${prefix}%`],
    );
    return String(rows[0]?.v ?? 0);
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
  /** How many of them (not deleted) were reported before 1 February of the onset year, China time. */
  january: number;
}

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
    // Counties reporting from January of this year (resolved to the tree of the year), with the latest change.
    const known = new Map<string, string | null>();
    const cases = new Map<string, AreaYearCases>();
    for (const r of rows) {
      if (r.onset !== year) continue;
      if (r.january > 0) {
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
