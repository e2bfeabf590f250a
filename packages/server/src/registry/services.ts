// The registry context's services: the division tree, summaries of yearly facts, and the area scope that
// every access policy judges "inside the caller's area" with.
import type { AreaScope } from '../platform/access-policy.ts';
import type { Platform } from '../platform/module.ts';
import { AreaFactsService } from './area-facts.ts';
import { AreaViews } from './area-views.ts';
import { AreasService } from './areas-service.ts';
import { ExchangeService } from './exchange-service.ts';
import { FactsService } from './facts-service.ts';
import { InstitutionDirectory } from './institution-directory.ts';
import { InstitutionClosing } from './institutions-closing.ts';
import { InstitutionsService } from './institutions-service.ts';
import { MetaService } from './meta-service.ts';
import { NetworksService } from './networks-service.ts';
import { SummaryService } from './summary-service.ts';

export interface RegistryServices {
  config: Platform['config'];
  db: Platform['db'];
  cache: Platform['cache'];
  areas: AreasService;
  summaries: SummaryService;
  /** The area pages' reads (an area in the tree of a year, summaries, series, boundaries), scope-checked. */
  areaViews: AreaViews;
  /** Institutions and networks: scoped lists, detail, edits, and look-ups for other contexts. */
  institutions: InstitutionsService;
  /** Networks (医联体): one with its members, creating, editing, membership (scope-checked, audited). */
  networks: NetworksService;
  /** Closing (撤销) and reopening institutions (audited, with the reason). */
  closing: InstitutionClosing;
  /** Other contexts' reads of institutions: by id and by area, township centroids (batched). */
  directory: InstitutionDirectory;
  /** Yearly resources and population edited one record at a time. */
  facts: FactsService;
  meta: MetaService;
  /** Import templates, all-or-nothing imports and scoped exports (HTTP and CLI). */
  exchange: ExchangeService;
  /** Resource and population aggregates per area-year along the tree valid in that year (planning reads them). */
  areaFacts: AreaFactsService;
  /** The port the platform's access policy uses for subtree membership along the division history. */
  areaScope: AreaScope;
}

export function createRegistryServices(platform: Platform): RegistryServices {
  const areas = new AreasService(platform.db);
  const institutions = new InstitutionsService(platform.db, areas, platform.cache);
  const summaries = new SummaryService(platform.db, areas, platform.cache);
  return {
    config: platform.config,
    db: platform.db,
    cache: platform.cache,
    areas,
    summaries,
    areaViews: new AreaViews(areas, summaries, new InstitutionDirectory(platform.db)),
    institutions,
    networks: new NetworksService(platform.db, areas),
    closing: new InstitutionClosing(platform.db, areas),
    directory: new InstitutionDirectory(platform.db),
    facts: new FactsService(platform.db, areas, institutions),
    meta: new MetaService(platform.db),
    exchange: new ExchangeService(platform.db, areas),
    areaFacts: new AreaFactsService(platform.db),
    areaScope: {
      withinFn: (year) => areas.withinFn(year),
      nameOf: async (code) => (await areas.tree()).get(code)?.name,
    },
  };
}
