// The identity context's services: sessions, the user directory other contexts read, and what its routes
// need from the registry (users are scoped to an area or an institution).
import type { Platform } from '../platform/module.ts';
import type { RegistryServices } from '../registry/index.ts';
import { AuthService } from './auth-service.ts';
import { Sessions } from './sessions.ts';
import { UserDirectory } from './user-directory.ts';
import { UsersService } from './users-service.ts';

export interface IdentityDeps {
  registry: Pick<RegistryServices, 'areas' | 'institutions'>;
}

export interface IdentityServices {
  config: Platform['config'];
  db: Platform['db'];
  sessions: Sessions;
  /** Signing in and out, and the signed-in user. */
  auth: AuthService;
  /** Users by name and id, the administrator's principal, the demo's users. */
  users: UserDirectory;
  /** Account management for administrators. */
  accounts: UsersService;
  /** The registry's division tree (users are scoped to an area). */
  areas: RegistryServices['areas'];
  /** The registry's institutions (institution users are scoped to one). */
  institutions: RegistryServices['institutions'];
}

export function createIdentityServices(platform: Platform, deps: IdentityDeps): IdentityServices {
  const { config } = platform;
  const sessions = new Sessions(platform.db, config.sessionTtlHours, config.sessionIdleMinutes);
  return {
    config: platform.config,
    db: platform.db,
    sessions,
    auth: new AuthService(platform.db, platform.config, sessions, deps.registry.areas),
    users: new UserDirectory(platform.db),
    accounts: new UsersService(platform.db, deps.registry, config, sessions),
    areas: deps.registry.areas,
    institutions: deps.registry.institutions,
  };
}
