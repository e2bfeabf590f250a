// The access context's services (road networks, travel times, coverage, 2SFCA, placement), created once per
// process by its module (index.ts). Helper A3 owns this file.
import type { Platform } from '../platform/module.ts';
import type { RegistryServices } from '../registry/index.ts';

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
}

export function createAccessServices(platform: Platform, deps: AccessDeps): AccessServices {
  return {
    config: platform.config,
    db: platform.db,
    cache: platform.cache,
    areas: deps.registry.areas,
    areaScope: deps.registry.areaScope,
    institutions: deps.registry.directory,
    areaFacts: deps.registry.areaFacts,
  };
}
