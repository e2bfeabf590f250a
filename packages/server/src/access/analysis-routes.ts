// Routes of the access context's further analyses (isochrones, 2SFCA, placement, scenarios, spatial standards).
import type { FastifyInstance } from 'fastify';
import type { AccessServices } from './services.ts';

export async function accessAnalysisRoutes(_app: FastifyInstance, _s: AccessServices) {}
