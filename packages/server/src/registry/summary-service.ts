// Area summaries: institution facts are summed per bucket area in SQL, then attributed to the areas of
// the tree valid in each year (so a county renamed mid-series keeps its history) and turned into ratios.
import { chinaYear } from '@weijian/core/platform';
import {
  type AreaYearSummary,
  EMPTY_COMPONENTS,
  populationOf,
  resolveRecorded,
  type SummaryComponents,
  summarise,
} from '@weijian/core/registry';
import type { Db } from '../platform/db.ts';
import type { ReadCache } from '../platform/read-cache.ts';
import type { AreasService } from './areas-service.ts';

export interface AreaSummary extends AreaYearSummary {
  code: string;
  name: string;
  level: number;
}

const COMPONENT_SQL = `
  sum(beds_actual) as beds, sum(doctors) as doctors, sum(nurses) as nurses, sum(pharmacists) as pharmacists,
  sum(general_practitioners) as "generalPractitioners", sum(health_technicians) as "healthTechnicians",
  sum(tcm_doctors) as "tcmDoctors", sum(public_health_staff) as "publicHealthStaff"`;

type ComponentRow = Omit<SummaryComponents, 'institutions'> & { code: string; year: number };

export class SummaryService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly cache: ReadCache,
  ) {}

  /** The latest year with any yearly report: the default year of summaries (this year has none yet). */
  latestYear(): Promise<number> {
    return this.cache.get('latestYear', async () => {
      const { rows } = await this.db.query<{ y: number | null }>(
        'select max(year)::int as y from institution_resources',
      );
      return rows[0]?.y ?? chinaYear() - 1;
    });
  }

  /** Summaries of `codes` for every year in [from, to]: one entry per code and year. */
  summaries(codes: string[], from: number, to: number): Promise<Map<string, AreaSummary>> {
    return this.cache.get(`summaries:${codes.join(',')}:${from}:${to}`, () => this.compute(codes, from, to));
  }

  private async compute(codes: string[], from: number, to: number): Promise<Map<string, AreaSummary>> {
    const tree = await this.areas.tree();
    const targets = new Set(codes);
    const nodes = codes.map((c) => tree.get(c)).filter((n) => n !== undefined);
    // Facts live on institutions' current codes. County-level and wider targets need only county
    // subtotals; township targets need the areas themselves.
    const fine = nodes.some((n) => n.level >= 4);
    const prefix = commonPrefix(nodes.map((n) => (n.level >= 3 ? n.code.slice(0, 4) : n.code)));
    const like = `${prefix}%`;
    const keyCol = fine ? 'i.area_code' : 'r.county_code';
    const [facts, counts, pop] = await Promise.all([
      this.db.query<ComponentRow>(
        `select ${keyCol} as code, r.year::int as year, ${COMPONENT_SQL}
           from institution_resources r ${fine ? 'join institutions i on i.id = r.institution_id' : ''}
          where r.year between $1 and $2 and r.county_code like $3
          group by 1, 2`,
        [from, to, like],
      ),
      this.db.query<{ code: string; year: number; n: number }>(
        `select ${fine ? 'area_code' : 'county_code'} as code, y::int as year, count(*)::int as n
           from institutions, generate_series($1::int, $2::int) as y
          where county_code like $3
            and (opened_on is null or opened_on <= make_date(y, 12, 31))
            and (closed_on is null or closed_on > make_date(y, 12, 31))
          group by 1, 2`,
        [from, to, like],
      ),
      this.db.query<{ code: string; year: number; resident: number | null }>(
        `select area_code as code, year::int as year, resident from area_population
          where year between $1 and $2 and county_code like $3`,
        [from, to, like],
      ),
    ]);

    const out = new Map<string, AreaSummary>();
    for (let year = from; year <= to; year++) {
      const comp = new Map<string, SummaryComponents>();
      for (const code of codes) comp.set(code, { ...EMPTY_COMPONENTS });
      for (const row of facts.rows) {
        if (row.year !== year) continue;
        for (const b of tree.bucketsIn(row.code, year, targets)) {
          const c = comp.get(b);
          if (!c) continue;
          for (const k of [
            'beds',
            'doctors',
            'nurses',
            'pharmacists',
            'generalPractitioners',
            'healthTechnicians',
            'tcmDoctors',
            'publicHealthStaff',
          ] as const) {
            const v = row[k];
            if (v !== null && v !== undefined) c[k] = (c[k] ?? 0) + Number(v);
          }
        }
      }
      for (const row of counts.rows) {
        if (row.year !== year) continue;
        for (const b of tree.bucketsIn(row.code, year, targets)) {
          const c = comp.get(b);
          if (c) c.institutions += row.n;
        }
      }
      const recorded = resolveRecorded(
        tree,
        year,
        pop.rows.filter((r) => r.year === year).map((r) => ({ areaCode: r.code, value: r.resident })),
      );
      const memo = new Map<string, number | null>();
      for (const code of codes) {
        const node = tree.get(code);
        if (!node) continue;
        const resolved = tree.resolveIn(code, year) ?? code;
        const population = populationOf(tree, year, recorded, resolved, memo);
        out.set(`${code}:${year}`, {
          code,
          name: node.name,
          level: node.level,
          ...summarise(year, comp.get(code) ?? EMPTY_COMPONENTS, population),
        });
      }
    }
    return out;
  }

  async summary(code: string, year: number): Promise<AreaSummary & { previous: AreaSummary | null }> {
    const all = await this.summaries([code], year - 1, year);
    const current = all.get(`${code}:${year}`)!;
    const prev = all.get(`${code}:${year - 1}`) ?? null;
    return { ...current, previous: prev && (prev.population !== null || prev.institutions > 0) ? prev : null };
  }
}

function commonPrefix(codes: string[]): string {
  if (codes.length === 0) return '';
  let p = codes[0]!;
  for (const c of codes) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}
