// The access context's services (road networks, travel times, coverage, 2SFCA, placement), created once per
// process by its module (index.ts).

import type { PlanningServices } from '../planning/index.ts';
import type { Platform } from '../platform/module.ts';
import type { RegistryServices } from '../registry/index.ts';
import { AnalysisService } from './analysis-service.ts';
import { FcaService } from './fca-service.ts';
import { NetworksService } from './networks-service.ts';
import { PlacementService, type PlanLookup } from './placement-service.ts';

export interface AccessDeps {
  registry: Pick<RegistryServices, 'areas' | 'summaries' | 'areaScope' | 'directory' | 'areaFacts'>;
}

export interface AccessServices {
  config: Platform['config'];
  db: Platform['db'];
  cache: Platform['cache'];
  areas: RegistryServices['areas'];
  areaScope: RegistryServices['areaScope'];
  institutions: RegistryServices['directory'];
  areaFacts: RegistryServices['areaFacts'];
  /** Road networks: import, list, map GeoJSON, speed profiles, the in-memory graph per version. */
  networks: NetworksService;
  /** Travel times, isochrones, coverage, uncovered villages, 2SFCA, placement and scenarios. */
  analysis: AnalysisService;
  /** LSCP / MCLP / p-median on the network, and saved scenarios. */
  placement: PlacementService;
  /** 2SFCA / E2SFCA of a registry resource per village and township. */
  fca: FcaService;
}

/** The plan a scenario names, read through planning's own service (404 unknown, 403 outside the caller's scope). */
/**
 * Planning is listed after access in the app (it reads access's measures and standard checks through the
 * platform's getters), so access cannot name it in `uses`: its plan service is looked up on the app's services
 * when a scenario names a plan, by then created. Without planning (a bare test platform) no plan is found.
 */
function planLookup(platform: Platform): PlanLookup {
  return async (policy, id) => {
    const planning = (platform as Platform & { services?: { planning?: PlanningServices } }).services?.planning;
    if (!planning) throw new Error('the planning module is not loaded');
    return planning.plans.load(policy, id);
  };
}

export function createAccessServices(platform: Platform, deps: AccessDeps): AccessServices {
  const networks = new NetworksService(platform.db, deps.registry.areas);
  const analysis = new AnalysisService(
    platform.db,
    deps.registry.areas,
    deps.registry.directory,
    deps.registry.areaFacts,
    networks,
  );
  return {
    config: platform.config,
    db: platform.db,
    cache: platform.cache,
    areas: deps.registry.areas,
    areaScope: deps.registry.areaScope,
    institutions: deps.registry.directory,
    areaFacts: deps.registry.areaFacts,
    networks,
    analysis,
    placement: new PlacementService(analysis, planLookup(platform)),
    fca: new FcaService(analysis),
  };
}
