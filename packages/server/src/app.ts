// The app: the one place that lists the server's modules and builds the database schema, the services,
// the HTTP API, the CLI and the demo from them. Adding a context = one folder with an index.ts exporting
// its module, and one line in MODULES below (in dependency order: a module after those it uses).
import type { FastifyInstance } from 'fastify';
import { type AccessServices, accessModule } from './access/index.ts';
import { type CareServices, careModule } from './care/index.ts';
import { type IdentityServices, identityModule, sessionResolver } from './identity/index.ts';
import { type PlanningServices, planningModule } from './planning/index.ts';
import { AuditLog } from './platform/audit-log.ts';
import { auditRoutes } from './platform/audit-routes.ts';
import type { Config } from './platform/config.ts';
import { type Db, openDb } from './platform/db.ts';
import { buildHttpApp, type HttpAppParts } from './platform/http-app.ts';
import { migrate, PLATFORM_MIGRATIONS } from './platform/migrate.ts';
import type {
  BackgroundWork,
  IndicatorProvider,
  Platform,
  StandardCheckProvider,
  WeijianModule,
} from './platform/module.ts';
import { ReadCache } from './platform/read-cache.ts';
import { type RegistryServices, registryModule } from './registry/index.ts';
import { type SurveillanceServices, surveillanceModule } from './surveillance/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: the list holds modules of different service types.
type AnyModule = WeijianModule<any, any>;

export const MODULES: readonly AnyModule[] = [
  registryModule,
  identityModule,
  surveillanceModule,
  careModule,
  accessModule,
  planningModule,
];

/** Every module's services, by module name. */
export interface Services {
  registry: RegistryServices;
  identity: IdentityServices;
  surveillance: SurveillanceServices;
  care: CareServices;
  access: AccessServices;
  planning: PlanningServices;
}

export interface App extends Platform {
  modules: readonly AnyModule[];
  services: Services;
}

/** The migration folders of the platform and of every module, in the order the modules are listed. */
export const migrationDirs = (modules: readonly AnyModule[] = MODULES): string[] => [
  PLATFORM_MIGRATIONS,
  ...modules.flatMap((m) => (m.migrations ? [m.migrations] : [])),
];

/** Creates each module's services after those it uses; refuses a list in the wrong order or with unknown names. */
export function createServices(platform: Platform, modules: readonly AnyModule[]): Record<string, object> {
  const services: Record<string, object> = {};
  for (const m of modules) {
    const deps: Record<string, object> = {};
    for (const name of m.uses) {
      const s = services[name];
      if (!s) throw new Error(`module ${m.name} uses ${name}, which is not listed before it`);
      deps[name] = s;
    }
    services[m.name] = m.createServices(platform, deps);
  }
  return services;
}

/** Opens the database, applies every module's migrations, creates the services and seeds reference data. */
export async function createApp(config: Config, db?: Db, modules: readonly AnyModule[] = MODULES): Promise<App> {
  const database =
    db ??
    (await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      sharedBuffersMb: config.pgliteSharedBuffersMb,
    }));
  await migrate(database, migrationDirs(modules));
  let providers: IndicatorProvider[] | null = null;
  let standardChecks: StandardCheckProvider[] | null = null;
  const app = {
    config,
    db: database,
    cache: new ReadCache(database, config.readCache && database.engine === 'pglite', 2000, config.readCache),
    indicatorProviders: () => providers ?? [],
    standardChecks: () => standardChecks ?? [],
    modules,
  } as Omit<App, 'services'> as App;
  app.services = createServices(app, modules) as unknown as Services;
  const byName = app.services as unknown as Record<string, object>;
  providers = modules.flatMap((m) => m.indicatorProviders?.(byName[m.name]) ?? []);
  standardChecks = modules.flatMap((m) => m.standardChecks?.(byName[m.name]) ?? []);
  for (const m of modules) await m.seed?.(byName[m.name]);
  return app;
}

/** Starts every module's background work (the serve command; tests that want it); `stop` ends all of it. */
export function startBackground(app: App): BackgroundWork {
  const byName = app.services as unknown as Record<string, object>;
  const work = app.modules.flatMap((m) => (m.start ? [m.start(byName[m.name])] : []));
  return { stop: async () => void (await Promise.all(work.map((w) => w.stop()))) };
}

/** The HTTP app: every module's routes under /api/v1, sessions from identity, area scope from the registry. */
export async function buildApp(
  app: App,
  log: Pick<HttpAppParts, 'logStream'> & { logLevel?: string } = {},
): Promise<FastifyInstance> {
  const byName = app.services as unknown as Record<string, object>;
  return buildHttpApp({
    // Tests capture the log at a level of their own (bad-input.int.test.ts greps it for personal data).
    config: log.logLevel ? { ...app.config, logLevel: log.logLevel } : app.config,
    ...(log.logStream ? { logStream: log.logStream } : {}),
    sessions: sessionResolver(app.services.identity),
    areaScope: app.services.registry.areaScope,
    routes: [
      ...app.modules.flatMap((m) => (m.routes ? [(api: FastifyInstance) => m.routes!(api, byName[m.name])] : [])),
      (api) => auditRoutes(api, new AuditLog(app.db)),
    ],
  });
}
