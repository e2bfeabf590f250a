// The planning context's services: the indicator engine (facts → indicator values), plan evaluation, and
// the registry services its plans, standards and reports read.
import type { Platform } from '../platform/module.ts';
import type { RegistryServices } from '../registry/index.ts';
import { EvaluationService } from './evaluation-service.ts';
import { IndicatorEngine } from './indicator-engine.ts';

export interface PlanningDeps {
  registry: Pick<RegistryServices, 'areas' | 'summaries'>;
}

export interface PlanningServices {
  config: Platform['config'];
  db: Platform['db'];
  cache: Platform['cache'];
  areas: RegistryServices['areas'];
  summaries: RegistryServices['summaries'];
  indicators: IndicatorEngine;
  evaluations: EvaluationService;
}

export function createPlanningServices(platform: Platform, deps: PlanningDeps): PlanningServices {
  const indicators = new IndicatorEngine(platform.db, deps.registry.areas, platform.cache, platform.indicatorProviders);
  return {
    config: platform.config,
    db: platform.db,
    cache: platform.cache,
    areas: deps.registry.areas,
    summaries: deps.registry.summaries,
    indicators,
    evaluations: new EvaluationService(indicators),
  };
}
