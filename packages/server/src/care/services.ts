// The care context's services, created once per process by its module (index.ts). Each slice (residents and
// records; teams, contracts and programmes; work lists; exchange; indicators) is one service of its own.
import type { IdentityServices } from '../identity/index.ts';
import type { Platform } from '../platform/module.ts';
import { Protector } from '../platform/protect.ts';
import type { RegistryServices } from '../registry/index.ts';
import type { CareBase } from './base.ts';
import { CareExchange } from './exchange-service.ts';
import { FollowupsService } from './followups-service.ts';
import { CareIndicators } from './indicators.ts';
import { ProgrammesService } from './programmes-service.ts';
import { ResidentsService } from './residents-service.ts';
import { TeamsService } from './teams-service.ts';
import { WorklistService } from './worklist-service.ts';

export interface CareDeps {
  registry: Pick<RegistryServices, 'areas' | 'summaries' | 'areaScope' | 'directory' | 'areaFacts'>;
  identity: Pick<IdentityServices, 'users'>;
}

export type { CareBase } from './base.ts';

export interface CareServices extends CareBase {
  residents: ResidentsService;
  teams: TeamsService;
  programmes: ProgrammesService;
  followups: FollowupsService;
  worklists: WorklistService;
  exchange: CareExchange;
  indicators: CareIndicators;
}

export function createCareServices(platform: Platform, deps: CareDeps): CareServices {
  const base: CareBase = {
    config: platform.config,
    db: platform.db,
    cache: platform.cache,
    areas: deps.registry.areas,
    areaScope: deps.registry.areaScope,
    institutions: deps.registry.directory,
    areaFacts: deps.registry.areaFacts,
    users: deps.identity.users,
    protector: new Protector(platform.config.dataKey),
  };
  const residents = new ResidentsService(base);
  const teams = new TeamsService(base);
  const programmes = new ProgrammesService(base, teams);
  const indicators = new CareIndicators(base);
  return {
    ...base,
    residents,
    teams,
    programmes,
    followups: new FollowupsService(base, () => programmes.today()),
    worklists: new WorklistService(base, teams, () => programmes.today()),
    exchange: new CareExchange(base, residents, programmes),
    indicators,
  };
}
