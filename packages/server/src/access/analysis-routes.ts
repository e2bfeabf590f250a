// Routes of the access context's planning analyses: isochrones, 2SFCA / E2SFCA (JSON, CSV, XLSX), placement
// (LSCP, MCLP, p-median) and saved scenarios.
import { RESOURCE_FIELDS } from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONTENT_TYPES, contentDisposition } from '../platform/file-decoding.ts';
import { AreaCode, Id, IdNumber, Str } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { Categories, OffroadKmh } from './access-query.ts';
import { FcaResult, IsochroneResult, PlacementResult, Scenario, ScenarioList } from './access-wire.ts';
import type { AccessServices } from './services.ts';

const TAGS = ['access'];

export async function accessAnalysisRoutes(app: FastifyInstance, s: AccessServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/access/isochrone',
    {
      schema: {
        querystring: z.object({
          institution: Id,
          minutes: z
            .string()
            .regex(/^\d{1,3}(,\d{1,3}){0,5}$/)
            .default('15')
            .transform((v) => v.split(',').map(Number))
            .refine((v) => v.every((m) => m >= 1 && m <= 120), { message: 'minutes' })
            .describe('thresholds in minutes, comma-separated (1–120, at most 6)'),
          profile: z.enum(['drive', 'walk']).optional(),
          offroadKmh: OffroadKmh,
        }),
        response: { 200: IsochroneResult },
        tags: TAGS,
        description:
          'Isochrones of an institution: MultiPolygons of the places from which it is reached within each threshold (roads plus ≤300 m off-road, traced on a ~100 m grid)',
      },
    },
    async (req) =>
      s.analysis.isochrone(policyOf(req), req.query.institution, req.query.minutes, {
        profile: req.query.profile,
        offroadKmh: req.query.offroadKmh,
      }),
  );

  const FcaQuery = {
    area: AreaCode.optional(),
    resource: z.enum(RESOURCE_FIELDS.map((f) => f.key) as [string, ...string[]]).default('doctors'),
    minutes: z.coerce.number().min(1).max(120).default(30),
    decay: z.enum(['none', 'gaussian']).default('none'),
    level: z.enum(['village', 'township']).default('township'),
    categories: Categories,
    profile: z.enum(['drive', 'walk']).optional(),
  };
  const fcaOf = (req: { query: z.infer<z.ZodObject<typeof FcaQuery>> }, policy: ReturnType<typeof policyOf>) =>
    s.fca.compute(policy, { ...req.query, resource: req.query.resource as never });

  api.get(
    '/access/fca',
    {
      schema: {
        querystring: z.object(FcaQuery),
        response: { 200: FcaResult },
        tags: TAGS,
        description:
          '2SFCA (decay none) or E2SFCA (gaussian): a registry resource of the institutions per 1,000 residents reachable within the catchment, per village or township',
      },
    },
    async (req) => fcaOf(req, policyOf(req)),
  );

  api.get(
    '/access/fca/export',
    {
      schema: {
        querystring: z.object({ ...FcaQuery, format: z.enum(['csv', 'xlsx']).default('xlsx') }),
        produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
        tags: TAGS,
        description: 'The 2SFCA / E2SFCA table as XLSX or CSV (UTF-8 with BOM)',
      },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      const result = await fcaOf({ query }, policyOf(req));
      const file = await s.fca.file(result, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(file.filename, file.filename))
        .send(file.body);
    },
  );

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

  api.delete(
    '/access/scenarios/:id',
    {
      schema: {
        params: z.object({ id: Id }),
        response: { 204: z.null().describe('Deleted') },
        tags: TAGS,
        description: 'Deletes a saved scenario (the writers of its area; audited)',
      },
    },
    async (req, reply) => {
      await s.placement.remove(policyOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
