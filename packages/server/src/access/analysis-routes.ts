// Routes of the access context's planning analyses: placement (LSCP, MCLP, p-median) and saved scenarios.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaCode, Id, IdNumber, Str } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { PlacementResult, Scenario, ScenarioList } from './access-wire.ts';
import type { AccessServices } from './services.ts';

const TAGS = ['access'];

export async function accessAnalysisRoutes(app: FastifyInstance, s: AccessServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/access/placement',
    {
      schema: {
        body: z.object({
          area: AreaCode.optional(),
          model: z.enum(['lscp', 'mclp', 'pmedian']),
          minutes: z.number().min(1).max(240).default(15),
          sites: z.number().int().min(1).max(200).optional(),
          candidates: z.enum(['townships', 'villages']).default('townships'),
          keepExisting: z.boolean().default(true),
          categories: z
            .array(z.string().regex(/^[A-Z][A-Z0-9]{0,3}$/))
            .max(20)
            .optional(),
          profile: z.enum(['drive', 'walk']).optional(),
          offroadKmh: z.number().min(0.5).max(60).optional(),
          timeLimitSeconds: z.number().min(1).max(30).optional(),
        }),
        response: { 200: PlacementResult },
        tags: TAGS,
        description:
          'Where new sites would cover the most households (MCLP), all of them with the fewest sites (LSCP) or serve them with the least travel (p-median); today’s institutions of the categories are kept open unless keepExisting is false',
      },
    },
    async (req) => s.placement.place(policyOf(req), req.body),
  );

  api.get(
    '/access/scenarios',
    {
      schema: {
        querystring: z.object({ area: AreaCode.optional(), planId: Id.optional() }),
        response: { 200: ScenarioList },
        tags: TAGS,
      },
    },
    async (req) => s.placement.list(policyOf(req), req.query.area, req.query.planId),
  );

  api.post(
    '/access/scenarios',
    {
      schema: {
        body: z.object({
          area: AreaCode,
          planId: IdNumber.nullish(),
          name: Str(200).refine((v) => v.trim().length > 0, { message: 'name' }),
          params: z.record(z.string(), z.unknown()),
          result: z.looseObject({ model: z.enum(['lscp', 'mclp', 'pmedian']) }),
        }),
        response: { 201: Scenario },
        tags: TAGS,
        description: 'Saves a placement result as a scenario of the area, optionally next to a plan',
      },
    },
    async (req, reply) => reply.status(201).send(await s.placement.save(policyOf(req), req.body)),
  );
}
