// Everything a request handler needs, created once per process.

import { Sessions } from '../identity/sessions.ts';
import { ensureAdmin } from '../identity/users-repo.ts';
import { createPlanningServices, type PlanningServices } from '../planning/planning-services.ts';
import { seedNationalAreas } from '../registry/areas-seed.ts';
import { AreasService } from '../registry/areas-service.ts';
import { SummaryService } from '../registry/summary-service.ts';
import { createSurveillance, type Surveillance, seedSurveillance } from '../surveillance/services.ts';
import type { Config } from './config.ts';
import { DEMO_ADMIN_PASSWORD } from './config.ts';
import { type Db, openDb } from './db.ts';
import { migrate } from './migrate.ts';
import { ReadCache } from './read-cache.ts';

export interface AppContext {
  config: Config;
  db: Db;
  areas: AreasService;
  summaries: SummaryService;
  sessions: Sessions;
  cache: ReadCache;
  planning: PlanningServices;
  surveillance: Surveillance;
}

/** Opens the database, applies migrations, seeds the national division tree and the admin user. */
export async function createContext(config: Config, db?: Db): Promise<AppContext> {
  const database = db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrate(database);
  await seedNationalAreas(database);
  await ensureAdmin(database, config.adminPassword ?? DEMO_ADMIN_PASSWORD, config.adminPassword !== null);
  await seedSurveillance(database);
  const areas = new AreasService(database);
  const cache = new ReadCache(database, config.readCache && database.engine === 'pglite');
  const summaries = new SummaryService(database, areas, cache);
  // Planning reads the indicators other modules compute through their services, never their tables.
  const surveillance = createSurveillance(database, areas, summaries, config);
  return {
    config,
    db: database,
    areas,
    cache,
    summaries,
    sessions: new Sessions(database, config.sessionTtlHours),
    planning: createPlanningServices(database, areas, cache, { surveillance: surveillance.indicators }),
    surveillance,
  };
}
