// The module contract: every context of the server (registry, identity, planning, surveillance, …) is one
// folder whose index.ts exports one `WeijianModule`. The app (src/app.ts) lists the modules and builds the
// database schema, the services, the HTTP API, the CLI and the demo from them; the platform knows no module.
import type { Bilingual } from '@weijian/core/platform';
import type { AreaTree } from '@weijian/core/registry';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { AccessPolicy } from './access-policy.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import type { ReadCache } from './read-cache.ts';

/** What the platform gives every module: configuration, the database and the write-generation read cache. */
export interface Platform {
  config: Config;
  db: Db;
  cache: ReadCache;
  /** Every module's registered indicator providers; a getter, since they exist once all services do. */
  indicatorProviders(): readonly IndicatorProvider[];
  /** Every module's standard-check providers (a getter, like indicatorProviders); absent in bare test platforms. */
  standardChecks?(): readonly StandardCheckProvider[];
}

/** A module measure's value for one area and year, with the latest change behind it. */
export interface MeasureValue {
  value: number;
  asOf: string | null;
}

/**
 * A measure a module computes from its own records for the planning engine (`{module, measure}` in the
 * indicator catalogue). One batched call per evaluation: all areas and years at once, bucketed through the
 * tree valid in each year. `undefined` for an area-year means the module has no data (not zero).
 */
export interface IndicatorProvider {
  module: string;
  measure: string;
  compute(
    tree: AreaTree,
    areas: readonly string[],
    from: number,
    to: number,
  ): Promise<(area: string, year: number) => MeasureValue | undefined>;
  /**
   * A value that changes whenever the measure may have changed for an area under `prefix` (read from the
   * database, so another app server's write counts): the planning engine keys cached results on it. A
   * provider without it is computed afresh on every evaluation.
   */
  version?(prefix: string): Promise<string>;
}

/** One place judged by a module-checked resource standard (the spatial rules: a county, a township, a street). */
export interface StandardCheckResult {
  areaCode: string;
  name: string;
  countyCode: string | null;
  status: 'ok' | 'violated' | 'no-data';
  actual: number | null;
  required: number | [number, number] | null;
  gap: number | null;
  gapText: Bilingual | null;
}

/**
 * A module that judges resource standards from its own data (planning's standards carry `module`): the
 * planning context asks it instead of reading the module's tables. `null`: the module has no data for the
 * area (e.g. no road network), so the standard has none.
 */
export interface StandardCheckProvider {
  module: string;
  check(
    code: string,
    area: string,
    year: number,
    params: (areaCode: string) => Record<string, number>,
  ): Promise<StandardCheckResult[] | null>;
}

/** How the CLI reaches the app: open it (database, migrations, services) and close it when done. */
export interface CliHost {
  open(): Promise<CliSession>;
}

/** An opened app for one command. */
export interface CliSession {
  /** Every module's services, by module name (a module reads its own: `services[name]`). */
  services: Record<string, unknown>;
  platform: Platform;
  /** The platform administrator's access policy: operator commands act, and are audited, as `admin`. */
  admin(): Promise<AccessPolicy>;
  close(): Promise<void>;
}

/** Options of a demo reset, passed to every module's demo seed in module order. */
export interface DemoSeedOptions {
  scale: number;
  seed: number;
  /** The demo city's code (4 digits). */
  city: string;
}

/**
 * One context of the server. `S` is what `createServices` builds (the module's published services), `D` the
 * published services of other modules it needs, named by module (e.g. `{ registry: RegistryApi }`).
 */
export interface WeijianModule<S extends object = object, D extends object = object> {
  name: string;
  /** Folder of this module's SQL migrations (the tables it owns); none when it owns no table. */
  migrations?: string;
  /** Names of the modules whose services `createServices` receives; they are created first. */
  uses: readonly (keyof D & string)[];
  createServices(platform: Platform, deps: D): S;
  /** Start-up seeding of reference data (insert-if-missing, idempotent), after every module's services exist. */
  seed?(services: S): Promise<void>;
  /** Registers the module's HTTP routes under /api/v1 (an encapsulated Fastify scope of its own). */
  routes?(api: FastifyInstance, services: S): Promise<void>;
  /** Registers the module's `weijian` subcommands. */
  cli?(program: Command, host: CliHost): void;
  /** Loads the module's part of the synthetic demo city (after the modules before it in the list). */
  demoSeed?(services: S, options: DemoSeedOptions): Promise<Record<string, unknown> | undefined>;
  /** Removes the module's demo data before a reset (in reverse module order). */
  demoClear?(services: S, options: DemoSeedOptions): Promise<void>;
  /** Module measures this module computes for the planning engine. */
  indicatorProviders?(services: S): IndicatorProvider[];
  /** Resource standards this module checks from its own data (the standards naming it as `module`). */
  standardChecks?(services: S): StandardCheckProvider[];
  /**
   * Starts the module's background work (surveillance: the detection worker) when the server serves; the app
   * stops it before the database closes. Not started by the CLI's commands, nor by tests unless they ask.
   */
  start?(services: S): BackgroundWork;
}

/** Background work a module started: `stop` ends it and resolves once its current step has finished. */
export interface BackgroundWork {
  stop(): Promise<void>;
}

/** Helps TypeScript infer S and D from the object literal. */
export const defineModule = <S extends object, D extends object>(m: WeijianModule<S, D>): WeijianModule<S, D> => m;
