// Monitoring and evaluation reports: what a report says, gathered once from the evaluation service (so a
// report always agrees with the dashboard at the moment it is exported), rendered as XLSX or DOCX, and the
// export audited (report.export): a report leaves the system.
import type { Status } from '@weijian/core/planning';
import { chinaToday } from '@weijian/core/platform';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { invalid } from '../platform/errors.ts';
import type { AreasService } from '../registry/index.ts';
import { type EvaluationService, itemJson, statusCounts } from './evaluation-service.ts';
import type { MonitoringService } from './monitoring-service.ts';
import type { PlanService } from './plan-service.ts';
import {
  type IndicatorLine,
  REPORT_TITLES,
  type ReportData,
  type ReportKind,
  reportFileNames,
  reportYear,
} from './reports-data.ts';
import { reportDocx } from './reports-docx.ts';
import { reportXlsx } from './reports-xlsx.ts';
import { listTasks } from './tasks-repo.ts';
import { taskCounts, taskJson } from './tasks-service.ts';

export const REPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export interface ReportDeps {
  db: Db;
  areas: AreasService;
  plans: PlanService;
  monitoring: MonitoringService;
  evaluations: EvaluationService;
}

export class ReportService {
  constructor(private readonly d: ReportDeps) {}

  /** Builds, renders and audits one report; the route and the CLI share it. */
  async export(
    policy: AccessPolicy,
    planId: number,
    kind: ReportKind,
    opts: { year?: number; area?: string; format: 'xlsx' | 'docx' },
  ) {
    const data = await this.gather(policy, planId, kind, opts);
    const body = opts.format === 'docx' ? await reportDocx(data) : await reportXlsx(data);
    await audit(this.d.db, policy.actor, {
      action: 'report.export',
      entity: 'plan',
      entityId: planId,
      areaCode: data.area.code,
      after: { kind, year: data.year, area: data.area.code, format: opts.format, bytes: body.length },
    });
    return { data, body, names: reportFileNames(data, opts.format) };
  }

  /** What a report of `kind` says about the plan, for an area (default: the caller's) and year. */
  async gather(
    policy: AccessPolicy,
    planId: number,
    kind: ReportKind,
    opts: { year?: number; area?: string },
  ): Promise<ReportData> {
    const plan = await this.d.plans.load(policy, planId);
    const detail = await this.d.plans.detail(plan.id);
    const year = reportYear(kind, plan, opts.year);
    if (year < plan.baselineYear || year > plan.periodEnd + 5) {
      throw invalid([
        { path: 'year', message: { zh: `年份 ${year} 不在规划期内`, en: `Year ${year} is outside the plan period` } },
      ]);
    }
    const area = await this.d.monitoring.evaluationArea(policy, plan, opts.area, year);
    const node = await this.d.areas.get(area);
    const tree = await this.d.areas.tree();
    const children = tree
      .childrenIn(tree.resolveIn(area, year) ?? area, year)
      .filter((c) => c.level <= 3)
      .map((c) => c.code)
      .sort();
    const from = plan.baselineYear;
    // The area and its counties are evaluated in separate calls: asked together, the engine currently
    // attributes registry facts to the counties only and leaves the area's computed values empty.
    const [grid, countyGrid] = await Promise.all([
      this.d.evaluations.evaluate(plan, detail.indicators, [area], from, year),
      children.length
        ? this.d.evaluations.evaluate(plan, detail.indicators, children, year, year)
        : Promise.resolve(null),
    ]);
    const indicators: IndicatorLine[] = detail.indicators.map((ind) => {
      const series: { year: number; value: number | null }[] = [];
      for (let y = from; y <= year; y++) series.push({ year: y, value: grid.get(ind.seq, area, y)?.actual ?? null });
      return { ...itemJson(ind, grid.get(ind.seq, area, year)!), series };
    });
    const counties = children.map((code) => {
      const statuses = detail.indicators.map((ind) => countyGrid?.get(ind.seq, code, year)?.status ?? null);
      return {
        code,
        name: tree.get(code)?.name ?? code,
        counts: statusCounts(statuses.filter((s): s is Status => s !== null)),
        statuses,
      };
    });
    // Tasks as they stood at the end of the report's year (or today, for the current year).
    const asOf = [`${year}-12-31`, chinaToday()].sort()[0]!;
    const taskItems = (await listTasks(this.d.db, plan.id)).map((t) => taskJson(t, asOf));
    const bySource = new Map<string, { source: string; kind: string; indicators: string[] }>();
    for (const i of indicators) {
      if (!i.actual) continue;
      const key = `${i.actual.kind}:${i.actual.source}`;
      const entry = bySource.get(key) ?? { source: i.actual.source, kind: i.actual.kind, indicators: [] };
      entry.indicators.push(i.name);
      bySource.set(key, entry);
    }
    return {
      kind,
      title: `${plan.name}${year}年${REPORT_TITLES[kind].zh}`,
      plan: {
        id: plan.id,
        name: plan.name,
        regionCode: plan.regionCode,
        regionName: detail.regionName,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        baselineYear: plan.baselineYear,
        version: plan.currentVersion,
      },
      area: { code: node.code, name: node.name, level: node.level },
      year,
      generatedAt: new Date().toISOString(),
      asOf: grid.asOf,
      counts: statusCounts(indicators.map((i) => i.status)),
      indicators,
      lagging: indicators.filter((i) => i.status === 'lagging'),
      warnings: indicators.filter((i) => i.status === 'warning'),
      counties,
      tasks: { asOf, counts: taskCounts(taskItems.map((t) => t.status)), items: taskItems },
      sources: [...bySource.values()],
    };
  }
}
