import { POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ErrorDetail } from '../platform/errors.ts';
import { type Lang, langOf } from '../platform/i18n.ts';
import { Id, Version, Year } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { PopulationRow, ResourceList, ResourceRow } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

/**
 * Any finite number passes here: negative, fractional and too large counts (core refuses above 2e9, inside
 * int4) reach core's check, which names the field by its label (422) — `实有床位必须是非负整数`, not a
 * generic message under the key `bedsActual`.
 */
const nullableCount = z.number().nullable().optional();
const shape = (fields: readonly { key: string }[]) =>
  Object.fromEntries(fields.map((f) => [f.key, nullableCount])) as Record<string, typeof nullableCount>;
const ResourceBody = z.object({ ...shape(RESOURCE_FIELDS), version: Version.optional() });
const PopulationBody = z.object({ ...shape(POPULATION_FIELDS), version: Version.optional() });

/** Warnings travel in the caller's language, as error messages do. */
function inLanguage<T extends object>(row: T & { warnings?: ErrorDetail[] }, lang: Lang) {
  const { warnings, ...rest } = row;
  return {
    ...rest,
    ...(warnings ? { warnings: warnings.map((w) => ({ path: w.path, message: w.message[lang] })) } : {}),
  };
}

export async function factsRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/institutions/:id/resources',
    {
      schema: {
        params: z.object({ id: Id }),
        response: { 200: ResourceList },
        tags: ['registry'],
      },
    },
    async (req) => {
      return ctx.facts.resources(policyOf(req), req.params.id);
    },
  );

  api.put(
    '/institutions/:id/resources/:year',
    {
      schema: {
        params: z.object({ id: Id, year: Year }),
        body: ResourceBody,
        response: { 200: ResourceRow },
        tags: ['registry'],
      },
    },
    async (req) => {
      return ctx.facts.saveResources(policyOf(req), req.params.id, req.params.year, req.body);
    },
  );

  const AreaYear = z.object({ code: z.string().regex(/^\d{2,12}$/), year: Year });

  api.get(
    '/areas/:code/population/:year',
    { schema: { params: AreaYear, response: { 200: PopulationRow }, tags: ['registry'] } },
    async (req) => inLanguage(await ctx.facts.population(policyOf(req), req.params.code, req.params.year), langOf(req)),
  );

  api.put(
    '/areas/:code/population/:year',
    { schema: { params: AreaYear, body: PopulationBody, response: { 200: PopulationRow }, tags: ['registry'] } },
    async (req) =>
      inLanguage(
        await ctx.facts.savePopulation(policyOf(req), req.params.code, req.params.year, req.body),
        langOf(req),
      ),
  );
}
