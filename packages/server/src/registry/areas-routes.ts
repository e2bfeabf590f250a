import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Year } from '../platform/input.ts';
import { policyOf, principalOf } from '../platform/request.ts';
import { Area, ChildrenSummary, GeoJsonCollection, SummarySeries, SummaryWithPrevious } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

const Code = z.object({ code: z.string().regex(/^\d{2,12}$/) });
const YearQuery = z.object({ year: Year.optional(), lang: z.enum(['zh', 'en']).optional() });

export async function areasRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/areas/:code',
    { schema: { params: Code, querystring: YearQuery, response: { 200: Area }, tags: ['registry'] } },
    async (req) => {
      return ctx.areaViews.detail(policyOf(req), req.params.code, req.query.year);
    },
  );

  api.get(
    '/areas/:code/summary',
    { schema: { params: Code, querystring: YearQuery, response: { 200: SummaryWithPrevious }, tags: ['registry'] } },
    async (req) => {
      return ctx.areaViews.summary(policyOf(req), req.params.code, req.query.year);
    },
  );

  api.get(
    '/areas/:code/children-summary',
    { schema: { params: Code, querystring: YearQuery, response: { 200: ChildrenSummary }, tags: ['registry'] } },
    async (req) => {
      return ctx.areaViews.childrenSummary(policyOf(req), req.params.code, req.query.year);
    },
  );

  api.get(
    '/areas/:code/series',
    {
      schema: {
        params: Code,
        querystring: z.object({ from: Year.optional(), to: Year.optional(), lang: z.enum(['zh', 'en']).optional() }),
        response: { 200: SummarySeries },
        tags: ['registry'],
      },
    },
    async (req) => {
      return ctx.areaViews.series(policyOf(req), req.params.code, req.query);
    },
  );

  // Boundaries are public geography, not scoped data: any signed-in user may read those of any area (a
  // county user's event map draws the whole city's counties around its own).
  api.get(
    '/areas/:code/boundaries',
    { schema: { params: Code, response: { 200: GeoJsonCollection }, tags: ['registry'] } },
    async (req) => {
      principalOf(req);
      return (await ctx.areaViews.boundaries(req.params.code)) as z.infer<typeof GeoJsonCollection>;
    },
  );
}
