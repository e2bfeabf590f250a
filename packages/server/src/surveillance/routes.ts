// All /api/v1/surveillance endpoints, registered in their own encapsulated scope (the NDJSON parser lives here).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { analysisRoutes } from './analysis-routes.ts';
import { caseRoutes } from './cases-routes.ts';
import { eventRoutes } from './events-routes.ts';
import { settingsRoutes } from './settings-routes.ts';
import { streamRoutes } from './streams-routes.ts';

export async function surveillanceRoutes(app: FastifyInstance, ctx: AppContext) {
  await app.register(async (scope) => {
    await caseRoutes(scope, ctx);
    await streamRoutes(scope, ctx);
    await settingsRoutes(scope, ctx);
    await eventRoutes(scope, ctx);
    await analysisRoutes(scope, ctx);
  });
}
