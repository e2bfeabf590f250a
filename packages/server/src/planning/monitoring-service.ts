// What the plan dashboard shows: a catalogue indicator's series for an area, a plan's evaluation for an
// area and year, one indicator's series and its breakdown by the areas below. Each read checks that the
// caller may see the plan and the area, and makes one engine call (cached until the next write).
import { type IndicatorDef, indicatorByCode, indicatorComponents } from '@weijian/core/planning';
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Db } from '../platform/db.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { type AreasService, normaliseAreaCode, type SummaryService } from '../registry/index.ts';
import { type EvaluationService, itemJson, statusCounts } from './evaluation-service.ts';
import type { IndicatorEngine } from './indicator-engine.ts';
import { latestValueYear } from './indicator-values-repo.ts';
import type { PlanAccess } from './plan-scope.ts';
import type { PlanService } from './plan-service.ts';
import type { PlanRow } from './plans-repo.ts';

/** The catalogue entry as the API shows it: the formula's components spelled out for the UI. */
export function indicatorJson(d: IndicatorDef) {
  return {
    code: d.code,
    zh: d.zh,
    en: d.en,
    aliases: d.aliases,
    unit: d.unit,
    multiplier: d.multiplier,
    direction: d.direction,
    domain: d.domain,
    decimals: d.decimals,
    source: d.source,
    components: indicatorComponents(d),
  };
}

export interface MonitoringDeps {
  db: Db;
  areas: AreasService;
  summaries: SummaryService;
  indicators: IndicatorEngine;
  evaluations: EvaluationService;
  plans: PlanService;
  access: PlanAccess;
}

export class MonitoringService {
  constructor(private readonly d: MonitoringDeps) {}

  /** A catalogue indicator's values for one area over [from, to] (default: the registry's last ten years). */
  async indicatorSeries(policy: AccessPolicy, code: string, q: { area: string; from?: number; to?: number }) {
    const def = indicatorByCode(code);
    if (!def) throw notFound({ zh: `指标 ${code} `, en: `Indicator ${code}` });
    const area = normaliseAreaCode(q.area);
    await this.d.areas.get(area);
    await policy.requireReadArea(area);
    const to = q.to ?? (await this.d.summaries.latestYear());
    const from = Math.max(q.from ?? to - 9, to - 49);
    const values = await this.d.indicators.values([def.code], [area], from, to);
    const items = [];
    for (let y = from; y <= to; y++) items.push({ year: y, ...values.get(def.code, area, y)! });
    return { indicator: indicatorJson(def), area, total: items.length, items };
  }

  /** The area a plan is evaluated for: asked for (readable and inside the region) or the caller's default. */
  async evaluationArea(policy: AccessPolicy, plan: PlanRow, raw: string | undefined, year: number): Promise<string> {
    const area = raw ? normaliseAreaCode(raw) : await this.d.access.defaultArea(policy, plan);
    await this.d.areas.get(area);
    await policy.requireReadArea(area, year);
    const tree = await this.d.areas.tree();
    if (!tree.isWithin(area, plan.regionCode, year) && !tree.isWithin(area, plan.regionCode, plan.periodEnd)) {
      throw invalid([
        {
          path: 'area',
          message: {
            zh: `${tree.get(area)?.name ?? ''}（${area}）不在规划区域内`,
            en: `${tree.get(area)?.name ?? ''} (${area}) is not within the plan's region`,
          },
        },
      ]);
    }
    return area;
  }

  /**
   * Default year of an evaluation: the latest year the region has reported indicator values for (yearbook
   * and survey figures arrive a year or more late), else the registry's latest year — within the period.
   */
  async defaultYear(plan: PlanRow): Promise<number> {
    const latest = (await latestValueYear(this.d.db, plan.regionCode)) ?? (await this.d.summaries.latestYear());
    return Math.max(plan.baselineYear, Math.min(plan.periodEnd, latest));
  }

  /** Every indicator of the plan's version in force, evaluated for one area and year. */
  async evaluation(policy: AccessPolicy, id: number, q: { area?: string; year?: number }) {
    const plan = await this.d.plans.load(policy, id);
    const detail = await this.d.plans.detail(plan.id);
    const year = q.year ?? (await this.defaultYear(plan));
    const area = await this.evaluationArea(policy, plan, q.area, year);
    const grid = await this.d.evaluations.evaluate(plan, detail.indicators, [area], year, year);
    const items = detail.indicators.map((ind) => itemJson(ind, grid.get(ind.seq, area, year)!));
    const tree = await this.d.areas.tree();
    const node = tree.get(area)!;
    return {
      plan: {
        id: plan.id,
        name: plan.name,
        regionCode: plan.regionCode,
        regionName: detail.regionName,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        baselineYear: plan.baselineYear,
        currentVersion: plan.currentVersion,
      },
      area: { code: node.code, name: node.name, level: node.level },
      year,
      asOf: grid.asOf,
      evaluatedAt: new Date().toISOString(),
      counts: statusCounts(items.map((i) => i.status)),
      total: items.length,
      items,
    };
  }

  private async indicatorOf(policy: AccessPolicy, id: number, seq: number) {
    const plan = await this.d.plans.load(policy, id);
    const detail = await this.d.plans.detail(plan.id);
    const ind = detail.indicators.find((i) => i.seq === seq);
    if (!ind) throw notFound({ zh: `规划指标 #${seq} `, en: `Plan indicator #${seq}` });
    return { plan, ind };
  }

  /** One plan indicator evaluated for one area over [from, to] (default: baseline year to period end). */
  async series(policy: AccessPolicy, id: number, seq: number, q: { area?: string; from?: number; to?: number }) {
    const { plan, ind } = await this.indicatorOf(policy, id, seq);
    const from = q.from ?? plan.baselineYear;
    const to = q.to ?? plan.periodEnd;
    if (to < from || to - from > 50)
      throw invalid([{ path: 'to', message: { zh: '年份范围无效', en: 'Invalid year range' } }]);
    const area = await this.evaluationArea(policy, plan, q.area, to);
    const grid = await this.d.evaluations.evaluate(plan, [ind], [area], from, to);
    const items = [];
    for (let y = from; y <= to; y++) items.push(itemJson(ind, grid.get(ind.seq, area, y)!));
    return { area, asOf: grid.asOf, total: items.length, items };
  }

  /** One plan indicator for an area and each area directly below it in `year`. */
  async byArea(policy: AccessPolicy, id: number, seq: number, q: { area?: string; year?: number }) {
    const { plan, ind } = await this.indicatorOf(policy, id, seq);
    const year = q.year ?? (await this.defaultYear(plan));
    const area = await this.evaluationArea(policy, plan, q.area, year);
    const tree = await this.d.areas.tree();
    const children = tree
      .childrenIn(tree.resolveIn(area, year) ?? area, year)
      .map((c) => c.code)
      .sort();
    const grid = await this.d.evaluations.evaluate(plan, [ind], [area, ...children], year, year);
    const row = (code: string) => {
      const n = tree.get(code)!;
      return {
        areaCode: code,
        areaName: n.name,
        areaLevel: n.level,
        ...itemJson(ind, grid.get(ind.seq, code, year)!),
      };
    };
    const items = children.map(row);
    return {
      year,
      asOf: grid.asOf,
      area: row(area),
      counts: statusCounts(items.map((i) => i.status)),
      total: items.length,
      items,
    };
  }
}
