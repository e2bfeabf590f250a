import type { InstitutionInput } from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Cursor, Id as IdParam, limit, Version } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { Institution, InstitutionDetail, InstitutionList, NetworkList } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

export const InstitutionBody = z.object({
  name: z.string().trim().min(1).max(100),
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .nullish()
    .transform((v) => v || null),
  category: z.string().min(1).max(8),
  gradeLevel: z
    .union([z.literal(1), z.literal(2), z.literal(3)])
    .nullish()
    .transform((v) => v ?? null),
  gradeClass: z
    .enum(['甲', '乙', '丙'])
    .nullish()
    .transform((v) => v ?? null),
  ownership: z.enum(['government', 'other-public', 'private']),
  forProfit: z.boolean().default(false),
  areaCode: z.string().regex(/^\d{6,12}$/),
  lng: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
  lat: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
  openedOn: z
    .string()
    .nullish()
    .transform((v) => v || null),
  closedOn: z
    .string()
    .nullish()
    .transform((v) => v || null),
  networkId: z
    .number()
    .int()
    .positive()
    .max(2147483647)
    .nullish()
    .transform((v) => v ?? null),
});

const ListQuery = z.object({
  area: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  category: z.string().max(8).optional(),
  grade: z
    .string()
    .regex(/^[123]?[甲乙丙]?$/)
    .optional(),
  ownership: z.enum(['government', 'other-public', 'private']).optional(),
  network: IdParam.optional(),
  q: z.string().max(100).optional(),
  sort: z
    .string()
    .regex(/^-?(name|category|grade|area|opened|id)$/)
    .default('area'),
  limit: limit(500, 50),
  cursor: Cursor,
  lang: z.enum(['zh', 'en']).optional(),
});

const Id = z.object({ id: IdParam });
export async function institutionsRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/institutions',
    { schema: { querystring: ListQuery, response: { 200: InstitutionList }, tags: ['registry'] } },
    async (req) => {
      return ctx.institutions.list(policyOf(req), req.query);
    },
  );

  api.get(
    '/institutions/:id',
    { schema: { params: Id, response: { 200: InstitutionDetail }, tags: ['registry'] } },
    async (req) => {
      return ctx.institutions.detail(policyOf(req), req.params.id);
    },
  );

  api.post(
    '/institutions',
    { schema: { body: InstitutionBody, response: { 201: Institution }, tags: ['registry'] } },
    async (req, reply) => {
      const created = await ctx.institutions.create(policyOf(req), req.body as InstitutionInput);
      reply.status(201);
      return created!;
    },
  );

  api.put(
    '/institutions/:id',
    {
      schema: {
        params: Id,
        body: InstitutionBody.extend({ version: Version }),
        response: { 200: Institution },
        tags: ['registry'],
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return (await ctx.institutions.update(policyOf(req), req.params.id, input as InstitutionInput, version))!;
    },
  );

  api.get(
    '/networks',
    {
      schema: {
        querystring: z.object({
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
        }),
        response: { 200: NetworkList },
        tags: ['registry'],
      },
    },
    async (req) => {
      return ctx.institutions.networks(policyOf(req), req.query.area);
    },
  );
}
