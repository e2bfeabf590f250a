// Surveillance indicators for the planning engine (planning reads, never writes): 甲乙类法定传染病报告发病率
// per 100,000 residents of an area in a year. The planning context calls notifiableIncidence(); it never
// reads the case tables itself.
import type { Db } from '../platform/db.ts';
import type { SummaryService } from '../registry/summary-service.ts';

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
         from case_reports c join disease_settings d on d.code = c.disease_code
        where not c.deleted and c.duplicate_of is null and d.class in ('A', 'B', 'B-A')
          and c.classification in ('clinical', 'confirmed')
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
}
