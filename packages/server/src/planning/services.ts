// The planning context's services: the indicator engine (facts → indicator values), plan evaluation, and
// one service per slice — plans, reported values, the dashboard's reads, resource standards, tasks and
// reports — each given the few services it uses. Registry facts are read through the registry's published
// services only (areas, summaries, area facts, area scope).
import { type Clock, systemClock } from '@weijian/core/platform';
import type { Platform } from '../platform/module.ts';
import type { RegistryServices } from '../registry/index.ts';
import { EvaluationService } from './evaluation-service.ts';
import { IndicatorEngine } from './indicator-engine.ts';
import { MonitoringService } from './monitoring-service.ts';
import { PlanAccess } from './plan-scope.ts';
import { PlanService } from './plan-service.ts';
import { ReportService } from './reports-service.ts';
import { StandardsService } from './standards-service.ts';
import { TaskService } from './tasks-service.ts';
import { IndicatorValuesService } from './values-service.ts';

export interface PlanningDeps {
  registry: Pick<RegistryServices, 'areas' | 'summaries' | 'areaFacts' | 'areaScope'>;
}

export interface PlanningServices {
  config: Platform['config'];
  db: Platform['db'];
  cache: Platform['cache'];
  areas: RegistryServices['areas'];
  summaries: RegistryServices['summaries'];
  indicators: IndicatorEngine;
  evaluations: EvaluationService;
  plans: PlanService;
  values: IndicatorValuesService;
  monitoring: MonitoringService;
  standards: StandardsService;
  tasks: TaskService;
  reports: ReportService;
}

export function createPlanningServices(
  platform: Platform,
  deps: PlanningDeps,
  opts: { clock?: Clock } = {},
): PlanningServices {
  const { db } = platform;
  const { areas, summaries, areaFacts, areaScope } = deps.registry;
  const indicators = new IndicatorEngine(db, areas, areaFacts, platform.cache, platform.indicatorProviders);
  const evaluations = new EvaluationService(indicators);
  const access = new PlanAccess(areaScope);
  const plans = new PlanService(db, areas, access);
  const monitoring = new MonitoringService({ db, areas, summaries, indicators, evaluations, plans, access });
  return {
    config: platform.config,
    db,
    cache: platform.cache,
    areas,
    summaries,
    indicators,
    evaluations,
    plans,
    values: new IndicatorValuesService(db, areas, indicators),
    monitoring,
    standards: new StandardsService(db, areas, summaries, areaFacts, () => platform.standardChecks?.() ?? []),
    tasks: new TaskService(db, areas, plans, access, opts.clock ?? systemClock),
    reports: new ReportService({ db, areas, plans, monitoring, evaluations }),
  };
}
