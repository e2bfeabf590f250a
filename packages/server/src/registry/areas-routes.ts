import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../platform/errors.ts';
import { policyOf, principalOf } from '../platform/request.ts';
import { currentYear, normaliseAreaCode } from './areas-service.ts';
import { boundariesOf } from './boundaries.ts';
import { Area, ChildrenSummary, GeoJsonCollection, SummarySeries, SummaryWithPrevious } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

const Code = z.object({ code: z.string().regex(/^\d{2,12}$/) });
const Year = z.coerce.number().int().min(1949).max(2100);
const YearQuery = z.object({ year: Year.optional(), lang: z.enum(['zh', 'en']).optional() });

export async function areasRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/areas/:code',
    { schema: { params: Code, querystring: YearQuery, response: { 200: Area }, tags: ['registry'] } },
    async (req) => {
      const year = req.query.year ?? currentYear();
      const area = await ctx.areas.get(req.params.code);
      await policyOf(req).requireReadArea(area.code, year);
      const tree = await ctx.areas.tree();
      const brief = (c: string) => {
        const a = tree.get(c)!;
        return { code: a.code, name: a.name, level: a.level };
      };
      return {
        ...area,
        year,
        validInYear: tree.resolveIn(area.code, year) === area.code,
        predecessors: tree.predecessorsOf(area.code).map((a) => brief(a.code)),
        ancestors: tree
          .ancestorsIn(area.code, year)
          .map((a) => brief(a.code))
          .reverse(),
        children: tree
          .childrenIn(tree.resolveIn(area.code, year) ?? area.code, year)
          .map((c) => ({ ...brief(c.code), hasChildren: tree.childrenIn(c.code, year).length > 0 }))
          .sort((a, b) => a.code.localeCompare(b.code)),
      };
    },
  );

  api.get(
    '/areas/:code/summary',
    { schema: { params: Code, querystring: YearQuery, response: { 200: SummaryWithPrevious }, tags: ['registry'] } },
    async (req) => {
      const year = req.query.year ?? (await ctx.summaries.latestYear());
      const code = normaliseAreaCode(req.params.code);
      await ctx.areas.get(code);
      await policyOf(req).requireReadArea(code, year);
      return ctx.summaries.summary(code, year);
    },
  );

  api.get(
    '/areas/:code/children-summary',
    { schema: { params: Code, querystring: YearQuery, response: { 200: ChildrenSummary }, tags: ['registry'] } },
    async (req) => {
      const year = req.query.year ?? (await ctx.summaries.latestYear());
      const code = normaliseAreaCode(req.params.code);
      await ctx.areas.get(code);
      await policyOf(req).requireReadArea(code, year);
      const tree = await ctx.areas.tree();
      const children = tree
        .childrenIn(tree.resolveIn(code, year) ?? code, year)
        .map((c) => c.code)
        .sort();
      const all = await ctx.summaries.summaries(children, year - 1, year);
      const items = children.map((c) => ({
        ...all.get(`${c}:${year}`)!,
        previous: all.get(`${c}:${year - 1}`) ?? null,
      }));
      return { total: items.length, items };
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
      const code = normaliseAreaCode(req.params.code);
      await ctx.areas.get(code);
      await policyOf(req).requireReadArea(code);
      const to = req.query.to ?? (await ctx.summaries.latestYear());
      const from = Math.max(req.query.from ?? to - 9, to - 49);
      const all = await ctx.summaries.summaries([code], from, to);
      const items = [];
      for (let y = from; y <= to; y++) items.push(all.get(`${code}:${y}`)!);
      return { total: items.length, items };
    },
  );

  // Boundaries are public geography, not scoped data: any signed-in user may read those of any area (a
  // county user's event map draws the whole city's counties around its own).
  api.get(
    '/areas/:code/boundaries',
    { schema: { params: Code, response: { 200: GeoJsonCollection }, tags: ['registry'] } },
    async (req) => {
      principalOf(req);
      const area = await ctx.areas.get(req.params.code);
      const geo = await boundariesOf(ctx, area.code);
      if (!geo) throw notFound({ zh: `${area.name}的边界数据`, en: `Boundaries of ${area.code}` });
      return geo as z.infer<typeof GeoJsonCollection>;
    },
  );
}
