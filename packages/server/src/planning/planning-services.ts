// The planning services a request handler needs, created once per process (see platform/context.ts).
import type { Db } from '../platform/db.ts';
import type { ReadCache } from '../platform/read-cache.ts';
import type { AreasService } from '../registry/areas-service.ts';
import { EvaluationService } from './evaluation-service.ts';
import { IndicatorEngine } from './indicator-engine.ts';

export interface PlanningServices {
  indicators: IndicatorEngine;
  evaluations: EvaluationService;
}

export function createPlanningServices(db: Db, areas: AreasService, cache: ReadCache): PlanningServices {
  const indicators = new IndicatorEngine(db, areas, cache);
  return { indicators, evaluations: new EvaluationService(indicators) };
}
