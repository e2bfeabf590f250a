// The planning services a request handler needs, created once per process (see platform/context.ts).
import type { Db } from '../platform/db.ts';
import type { ReadCache } from '../platform/read-cache.ts';
import type { AreasService } from '../registry/areas-service.ts';
import { EvaluationService } from './evaluation-service.ts';
import { IndicatorEngine, type ModuleSources } from './indicator-engine.ts';

export interface PlanningServices {
  indicators: IndicatorEngine;
  evaluations: EvaluationService;
}

/** `modules`: the services of the modules that compute catalogue indicators (the surveillance context's `indicators`). */
export function createPlanningServices(
  db: Db,
  areas: AreasService,
  cache: ReadCache,
  modules: ModuleSources,
): PlanningServices {
  const indicators = new IndicatorEngine(db, areas, cache, modules);
  return { indicators, evaluations: new EvaluationService(indicators) };
}
