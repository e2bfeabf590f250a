// The registry context (areas, institutions, networks, yearly resources and population): its module and
// the services other contexts may use. Other contexts import from this file only.
import path from 'node:path';
import { defineModule } from '../platform/module.ts';
import { areasRoutes } from './areas-routes.ts';
import { seedNationalAreas } from './areas-seed.ts';
import { registryCli } from './cli.ts';
import { clearRegistryDemo, seedRegistryDemo } from './demo.ts';
import { exchangeRoutes } from './exchange-routes.ts';
import { factsRoutes } from './facts-routes.ts';
import { institutionClosingRoutes } from './institutions-closing-routes.ts';
import { institutionsRoutes } from './institutions-routes.ts';
import { metaRoutes } from './meta-routes.ts';
import { networksRoutes } from './networks-routes.ts';
import { createRegistryServices, type RegistryServices } from './services.ts';

export type { AreaYearFacts, FactMeasure, InstitutionFilter, InstitutionReturnRow } from './area-facts.ts';
export { AreaFactsService, areaYearKey } from './area-facts.ts';
export type { AreaRecord } from './areas-service.ts';
export { AreasService, currentYear, normaliseAreaCode } from './areas-service.ts';
export type { DirectoryInstitution, LocatedInstitution, Point } from './institution-directory.ts';
export { InstitutionDirectory } from './institution-directory.ts';
export type { InstitutionRow } from './institutions-repo.ts';
export type { InstitutionsService } from './institutions-service.ts';
export type { RegistryServices } from './services.ts';
export type { AreaSummary, SummaryService } from './summary-service.ts';

export const registryModule = defineModule<RegistryServices, object>({
  name: 'registry',
  migrations: path.join(import.meta.dirname, 'migrations'),
  uses: [],
  createServices: (platform) => createRegistryServices(platform),
  seed: async (s) => {
    await seedNationalAreas(s.db);
  },
  async routes(api, s) {
    await metaRoutes(api, s);
    await areasRoutes(api, s);
    await institutionsRoutes(api, s);
    await institutionClosingRoutes(api, s);
    await networksRoutes(api, s);
    await factsRoutes(api, s);
    await exchangeRoutes(api, s);
  },
  cli: registryCli,
  demoSeed: seedRegistryDemo,
  demoClear: clearRegistryDemo,
});
