// All /api/v1/care endpoints, registered in the module's encapsulated scope.
import type { FastifyInstance } from 'fastify';
import type { CareServices } from './services.ts';

export async function careRoutes(_app: FastifyInstance, _s: CareServices) {
  // Each slice registers its routes here: residents (C2), programmes, work lists and exchange (C3), indicators (C4).
}
