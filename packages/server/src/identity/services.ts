// The identity context's services: sessions and what its routes need from the registry.
import type { Platform } from '../platform/module.ts';
import type { RegistryServices } from '../registry/index.ts';
import { Sessions } from './sessions.ts';

export interface IdentityDeps {
  registry: Pick<RegistryServices, 'areas'>;
}

export interface IdentityServices {
  config: Platform['config'];
  db: Platform['db'];
  sessions: Sessions;
  /** The registry's division tree (users are scoped to an area). */
  areas: RegistryServices['areas'];
}

export function createIdentityServices(platform: Platform, deps: IdentityDeps): IdentityServices {
  return {
    config: platform.config,
    db: platform.db,
    sessions: new Sessions(platform.db, platform.config.sessionTtlHours),
    areas: deps.registry.areas,
  };
}
