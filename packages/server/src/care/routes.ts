// All /api/v1/care endpoints, registered in the module's encapsulated scope.
import type { FastifyInstance } from 'fastify';
import { exchangeRoutes } from './exchange-routes.ts';
import { followupsRoutes } from './followups-routes.ts';
import { careIndicatorRoutes } from './indicators-routes.ts';
import { programmesRoutes } from './programmes-routes.ts';
import { residentsRoutes } from './residents-routes.ts';
import type { CareServices } from './services.ts';
import { worklistRoutes } from './worklist-routes.ts';

export async function careRoutes(app: FastifyInstance, s: CareServices) {
  // Each slice registers its routes here: residents (C2), programmes, work lists and exchange (C3), indicators (C4).
  await residentsRoutes(app, s);
  await exchangeRoutes(app, s);
  await programmesRoutes(app, s);
  await followupsRoutes(app, s);
  await worklistRoutes(app, s);
  await careIndicatorRoutes(app, s);
}
