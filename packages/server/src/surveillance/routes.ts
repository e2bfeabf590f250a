// All /api/v1/surveillance endpoints, registered in the module's encapsulated scope (the NDJSON parser lives here).
import type { FastifyInstance } from 'fastify';
import { analysisRoutes } from './analysis-routes.ts';
import { caseRoutes } from './cases-routes.ts';
import { eventRoutes } from './events-routes.ts';
import type { SurveillanceServices } from './services.ts';
import { settingsRoutes } from './settings-routes.ts';
import { streamRoutes } from './streams-routes.ts';

export async function surveillanceRoutes(app: FastifyInstance, ctx: SurveillanceServices) {
  await caseRoutes(app, ctx);
  await streamRoutes(app, ctx);
  await settingsRoutes(app, ctx);
  await eventRoutes(app, ctx);
  await analysisRoutes(app, ctx);
}
