// The surveillance context's services, created once per process by its module (index.ts).
import type { Db } from '../platform/db.ts';
import type { Platform } from '../platform/module.ts';
import type { RegistryServices } from '../registry/index.ts';
import { CaseIntake } from './case-intake.ts';
import { CasesService } from './cases-service.ts';
import { DiseaseSettings, seedDiseases } from './diseases-repo.ts';
import { SignalEngine } from './engine.ts';
import { EventsService } from './events-service.ts';
import { SurveillanceIndicators } from './indicators.ts';
import { Protector } from './protect.ts';
import { seedStreams } from './streams-repo.ts';
import { StreamsService } from './streams-service.ts';

export interface SurveillanceDeps {
  registry: Pick<RegistryServices, 'areas' | 'summaries'>;
}

export interface SurveillanceServices {
  config: Platform['config'];
  db: Platform['db'];
  /** The registry's division tree. */
  areas: RegistryServices['areas'];
  protector: Protector;
  diseases: DiseaseSettings;
  /** Case cards in (form, JSON, NDJSON, files), then detection. */
  intake: CaseIntake;
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
  const { areas, summaries } = deps.registry;
  const protector = new Protector(config.dataKey);
  const diseases = new DiseaseSettings(db);
  const engine = new SignalEngine(db, areas, diseases);
  const intake = new CaseIntake(db, areas, diseases, protector, engine);
  return {
    config,
    db,
    areas,
    protector,
    diseases,
    intake,
    cases: new CasesService(db, areas, diseases, protector, intake, engine),
    streams: new StreamsService(db, areas, engine),
    engine,
    events: new EventsService(db, areas),
    indicators: new SurveillanceIndicators(db, summaries),
  };
}
