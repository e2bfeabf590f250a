// The surveillance context's services, created once per process (platform/context.ts holds them).
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { AreasService } from '../registry/areas-service.ts';
import type { SummaryService } from '../registry/summary-service.ts';
import { CasesService } from './cases-service.ts';
import { DiseaseSettings, seedDiseases } from './diseases-repo.ts';
import { SignalEngine } from './engine.ts';
import { EventsService } from './events-service.ts';
import { SurveillanceIndicators } from './indicators.ts';
import { Protector } from './protect.ts';
import { StreamsService, seedStreams } from './streams-service.ts';

export interface Surveillance {
  protector: Protector;
  diseases: DiseaseSettings;
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

export function createSurveillance(
  db: Db,
  areas: AreasService,
  summaries: SummaryService,
  config: Config,
): Surveillance {
  const protector = new Protector(config.dataKey);
  const diseases = new DiseaseSettings(db);
  return {
    protector,
    diseases,
    cases: new CasesService(db, areas, diseases, protector),
    streams: new StreamsService(db, areas),
    engine: new SignalEngine(db, areas, diseases),
    events: new EventsService(db, areas),
    indicators: new SurveillanceIndicators(db, summaries),
  };
}
