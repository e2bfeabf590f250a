// The surveillance context's services, created once per process by its module (index.ts).

import type { IdentityServices } from '../identity/index.ts';
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/module.ts';
import { Protector } from '../platform/protect.ts';
import type { InstitutionDirectory, RegistryServices } from '../registry/index.ts';
import { CaseIntake } from './case-intake.ts';
import { CasesService } from './cases-service.ts';
import { DetectionQueue } from './detection-worker.ts';
import { seedDiseases } from './diseases-repo.ts';
import { DiseaseSettings } from './diseases-service.ts';
import { SignalEngine } from './engine.ts';
import { EventsService } from './events-service.ts';
import { SurveillanceIndicators } from './indicators.ts';
import { seedStreams } from './streams-repo.ts';
import { StreamsService } from './streams-service.ts';

export interface SurveillanceDeps {
  registry: Pick<RegistryServices, 'areas' | 'summaries' | 'areaScope' | 'directory'>;
  identity: Pick<IdentityServices, 'users'>;
}

export interface SurveillanceServices {
  config: Platform['config'];
  db: Platform['db'];
  /** The registry's division tree. */
  areas: RegistryServices['areas'];
  /** The registry's area scope (access policies for the demo's and the CLI's own requests). */
  areaScope: RegistryServices['areaScope'];
  /** The registry's institutions (look-ups by id and area, township centroids). */
  institutions: InstitutionDirectory;
  /** Identity's users (assignees, the administrator the demo acts as). */
  users: IdentityServices['users'];
  protector: Protector;
  diseases: DiseaseSettings;
  /** Case cards in (form, JSON, NDJSON, files), their series queued for detection. */
  intake: CaseIntake;
  /** The detection queue and its background worker (started by the module's `start`). */
  detection: DetectionQueue;
  cases: CasesService;
  streams: StreamsService;
  engine: SignalEngine;
  events: EventsService;
  indicators: SurveillanceIndicators;
}

/** Seeds the disease catalogue and the built-in streams (insert-if-missing: local edits survive). */
export async function seedSurveillance(db: Db): Promise<void> {
  await seedDiseases(db);
  await seedStreams(db);
}

export function createSurveillanceServices(platform: Platform, deps: SurveillanceDeps): SurveillanceServices {
  const { db, config } = platform;
  const { areas, summaries, areaScope, directory: institutions } = deps.registry;
  const { users } = deps.identity;
  const protector = new Protector(config.dataKey);
  const diseases = new DiseaseSettings(db);
  const engine = new SignalEngine(db, areas, diseases, institutions);
  const detection = new DetectionQueue(db, engine, { intervalMs: config.detectionIntervalMs });
  const intake = new CaseIntake(db, areas, diseases, protector, detection, institutions);
  return {
    config,
    db,
    areas,
    areaScope,
    institutions,
    users,
    protector,
    diseases,
    intake,
    detection,
    cases: new CasesService(db, areas, diseases, protector, intake, detection, institutions),
    streams: new StreamsService(db, areas, engine, detection, institutions),
    engine,
    events: new EventsService(db, areas, institutions, users),
    indicators: new SurveillanceIndicators(db, summaries),
  };
}
