// HTTP routes of the resource configuration standards: the rules with the numbers in force, editing them
// (defaults by an administrator, a region's own numbers by its city user), and checking an area.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langOf } from '../platform/i18n.ts';
import { policyOf } from '../platform/request.ts';
import type { PlanningServices } from './services.ts';
import { CheckReport, StandardList, StandardUpdated } from './standards-wire.ts';

const TAGS = ['standards'];
const Lang = z.enum(['zh', 'en']).optional();

const StandardEdit = z.object({
  /** Version of the row edited: the standard's, or the region's own numbers (omit to create them). */
  version: z.number().int().min(1).optional(),
  params: z.record(z.string(), z.number().finite().min(0)).optional(),
  enabled: z.boolean().optional(),
  /** Set the numbers of this region only (e.g. 连州 441882: 6.56 beds per 1,000). */
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  /** With `region`: remove the region's own numbers. */
  remove: z.boolean().optional(),
  note: z.string().max(500).optional(),
});

export async function standardsRoutes(app: FastifyInstance, s: PlanningServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const list = { querystring: z.object({ lang: Lang }), response: { 200: StandardList }, tags: TAGS };
  api.get('/standards', { schema: list }, async (req) => {
    policyOf(req);
    return s.standards.list();
  });

  api.put(
    '/standards/:code',
    {
      schema: {
        params: z.object({ code: z.string().max(80) }),
        body: StandardEdit,
        response: { 200: StandardUpdated },
        tags: TAGS,
      },
    },

    async (req) => s.standards.update(policyOf(req), req.params.code, req.body),
  );

  api.get(
    '/standards/check',
    {
      schema: {
        querystring: z.object({
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          year: z.coerce.number().int().min(1949).max(2100).optional(),
          lang: Lang,
        }),
        response: { 200: CheckReport },
        tags: TAGS,
      },
    },
    async (req) => s.standards.check(policyOf(req), req.query.area, req.query.year, langOf(req)),
  );
}
