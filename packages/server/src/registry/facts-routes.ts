import { mayReadInstitution, mayWriteInstitution } from '@weijian/core/identity';
import {
  POPULATION_FIELDS,
  RESOURCE_FIELDS,
  validatePopulationValues,
  validateResourceValues,
} from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import type { RegistryServices } from './services.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { normaliseAreaCode } from './areas-service.ts';
import { populationOfArea, resourcesOf, upsertPopulation, upsertResources } from './facts-repo.ts';
import { getInstitution } from './institutions-repo.ts';
import { assertAreaReadable, assertAreaWritable, withinFn } from './scope.ts';

const nullableCount = z.number().nullable().optional();
const shape = (fields: readonly { key: string }[]) =>
  Object.fromEntries(fields.map((f) => [f.key, nullableCount])) as Record<string, typeof nullableCount>;
const ResourceBody = z.object({ ...shape(RESOURCE_FIELDS), version: z.number().int().positive().optional() });
const PopulationBody = z.object({ ...shape(POPULATION_FIELDS), version: z.number().int().positive().optional() });
const Year = z.coerce.number().int().min(1949).max(2100);

const details = (issues: { field: string; message: { zh: string; en: string } }[]) =>
  issues.map((i) => ({ path: i.field, message: i.message }));

export async function factsRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function readableInstitution(req: { params: { id: number } } & Parameters<typeof principalOf>[0]) {
    const p = principalOf(req);
    const inst = await getInstitution(ctx.db, req.params.id);
    const within = await withinFn(ctx);
    if (!inst || !mayReadInstitution(p, inst, within)) {
      throw notFound({ zh: `机构 #${req.params.id} `, en: `Institution #${req.params.id}` });
    }
    return { p, inst, within };
  }

  api.get(
    '/institutions/:id/resources',
    { schema: { params: z.object({ id: z.coerce.number().int().positive().max(2147483647) }), tags: ['registry'] } },
    async (req) => {
      const { inst } = await readableInstitution(req);
      const items = await resourcesOf(ctx.db, inst.id);
      return { total: items.length, items };
    },
  );

  api.put(
    '/institutions/:id/resources/:year',
    {
      schema: {
        params: z.object({ id: z.coerce.number().int().positive().max(2147483647), year: Year }),
        body: ResourceBody,
        tags: ['registry'],
      },
    },
    async (req) => {
      const { p, inst, within } = await readableInstitution(req);
      if (!mayWriteInstitution(p, inst, within)) throw forbidden();
      const { version, ...values } = req.body;
      const issues = validateResourceValues(values);
      if (issues.length) throw invalid(details(issues));
      const year = req.params.year;
      await ctx.db.tx(async (q) => {
        const before = (await resourcesOf(q, inst.id, year))[0] ?? null;
        if (before && version === undefined) {
          throw new AppError('CONFLICT', {
            zh: `${year} 年报表已存在，修改时请提供版本号`,
            en: `A ${year} report exists; send its version to edit it`,
          });
        }
        const ok = before
          ? await upsertResources(q, inst.countyCode, inst.id, year, values, version)
          : await upsertResources(q, inst.countyCode, inst.id, year, values);
        if (!ok) throw conflict();
        await audit(
          q,
          { principal: p, ip: req.ip },
          {
            action: 'resources.save',
            entity: 'institution_resources',
            entityId: `${inst.id}/${year}`,
            areaCode: inst.areaCode,
            before,
            after: values,
          },
        );
      });
      return (await resourcesOf(ctx.db, inst.id, year))[0];
    },
  );

  const AreaYear = z.object({ code: z.string().regex(/^\d{2,12}$/), year: Year });

  api.get('/areas/:code/population/:year', { schema: { params: AreaYear, tags: ['registry'] } }, async (req) => {
    const area = await ctx.areas.get(req.params.code);
    await assertAreaReadable(ctx, principalOf(req), area.code, req.params.year);
    const row = (await populationOfArea(ctx.db, area.code, req.params.year))[0];
    return row ?? { areaCode: area.code, year: req.params.year, version: null };
  });

  api.put(
    '/areas/:code/population/:year',
    { schema: { params: AreaYear, body: PopulationBody, tags: ['registry'] } },
    async (req) => {
      const p = principalOf(req);
      const code = normaliseAreaCode(req.params.code);
      const area = await ctx.areas.get(code);
      await assertAreaWritable(ctx, p, area.code, req.params.year);
      if (area.level < 3) {
        throw invalid([
          {
            path: 'code',
            message: { zh: '人口数据应填报到县级及以下区划', en: 'Population is recorded for counties and below' },
          },
        ]);
      }
      // A retired area's figure would replace its successor's in every sum: record under the area in force.
      const inForce = (await ctx.areas.tree()).resolveIn(area.code, req.params.year);
      if (inForce !== area.code) {
        throw invalid([
          {
            path: 'code',
            message: {
              zh: `${area.name}在 ${req.params.year} 年不是有效区划${inForce ? `，请填报到 ${inForce}` : ''}`,
              en: `${area.code} was not in force in ${req.params.year}${inForce ? `; record it under ${inForce}` : ''}`,
            },
          },
        ]);
      }
      const { version, ...values } = req.body;
      const issues = validatePopulationValues(values);
      if (issues.length) throw invalid(details(issues));
      const year = req.params.year;
      await ctx.db.tx(async (q) => {
        const before = (await populationOfArea(q, area.code, year))[0] ?? null;
        if (before && version === undefined) {
          throw new AppError('CONFLICT', {
            zh: `${year} 年人口数据已存在，修改时请提供版本号`,
            en: `Population for ${year} exists; send its version to edit it`,
          });
        }
        const county = area.countyCode ?? area.code.slice(0, 6);
        const ok = before
          ? await upsertPopulation(q, county, area.code, year, values, version)
          : await upsertPopulation(q, county, area.code, year, values);
        if (!ok) throw conflict();
        await audit(
          q,
          { principal: p, ip: req.ip },
          {
            action: 'population.save',
            entity: 'area_population',
            entityId: `${area.code}/${year}`,
            areaCode: area.code,
            before,
            after: values,
          },
        );
      });
      return (await populationOfArea(ctx.db, area.code, year))[0];
    },
  );
}
