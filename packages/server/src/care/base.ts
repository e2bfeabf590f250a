// What every care slice (residents, programmes, work lists, exchange, indicators) is built from.
import type { IdentityServices } from '../identity/index.ts';
import type { Platform } from '../platform/module.ts';
import type { Protector } from '../platform/protect.ts';
import type { RegistryServices } from '../registry/index.ts';

export interface CareBase {
  config: Platform['config'];
  db: Platform['db'];
  cache: Platform['cache'];
  areas: RegistryServices['areas'];
  areaScope: RegistryServices['areaScope'];
  institutions: RegistryServices['directory'];
  areaFacts: RegistryServices['areaFacts'];
  users: IdentityServices['users'];
  protector: Protector;
}
