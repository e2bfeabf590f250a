// The registry context's services: the division tree, summaries of yearly facts, and the area scope that
// every access policy judges "inside the caller's area" with.
import type { AreaScope } from '../platform/access-policy.ts';
import type { Platform } from '../platform/module.ts';
import { AreasService } from './areas-service.ts';
import { withinFn } from './scope.ts';
import { SummaryService } from './summary-service.ts';

export interface RegistryServices {
  config: Platform['config'];
  db: Platform['db'];
  cache: Platform['cache'];
  areas: AreasService;
  summaries: SummaryService;
  /** The port the platform's access policy uses for subtree membership along the division history. */
  areaScope: AreaScope;
}

export function createRegistryServices(platform: Platform): RegistryServices {
  const areas = new AreasService(platform.db);
  return {
    config: platform.config,
    db: platform.db,
    cache: platform.cache,
    areas,
    summaries: new SummaryService(platform.db, areas, platform.cache),
    areaScope: { withinFn: (year) => withinFn({ areas }, year) },
  };
}
