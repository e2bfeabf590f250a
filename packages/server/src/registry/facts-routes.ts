import { POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, INT4_MAX, Version, Year } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { PopulationRow, ResourceList, ResourceRow } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

/**
 * Counts are int4 columns: above that a value is a 400 naming the field rather than a failed statement (500).
 * Negative and fractional counts reach core's check, which names the field in its own words (422).
 */
const nullableCount = z.number().max(INT4_MAX).nullable().optional();
const shape = (fields: readonly { key: string }[]) =>
  Object.fromEntries(fields.map((f) => [f.key, nullableCount])) as Record<string, typeof nullableCount>;
const ResourceBody = z.object({ ...shape(RESOURCE_FIELDS), version: Version.optional() });
const PopulationBody = z.object({ ...shape(POPULATION_FIELDS), version: Version.optional() });

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
    async (req) => {
      return ctx.facts.population(policyOf(req), req.params.code, req.params.year);
    },
  );

  api.put(
    '/areas/:code/population/:year',
    { schema: { params: AreaYear, body: PopulationBody, response: { 200: PopulationRow }, tags: ['registry'] } },
    async (req) => {
      return ctx.facts.savePopulation(policyOf(req), req.params.code, req.params.year, req.body);
    },
  );
}
