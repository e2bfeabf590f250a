// Administering networks (医联体): one network with its members, creating, editing, adding and removing
// members, deleting an empty one. The list (GET /networks) is served with the institutions.
import { NETWORK_TYPES, type NetworkType } from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaCode, IdNumber, Id as IdParam, Str, Version, VersionParam } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { NetworkDetail } from './networks-wire.ts';
import type { RegistryServices } from './services.ts';

// Name and kind are checked by core's validateNetwork, so an empty name and an unknown kind are named
// together with every other problem of the record instead of one at a time.
const NetworkFields = {
  name: Str(200),
  type: Str(40).describe(`one of ${NETWORK_TYPES.map((t) => t.code).join(', ')}`),
  leadInstitutionId: IdNumber.nullish().transform((v) => v ?? null),
};
const NewNetwork = z.object({
  countyCode: AreaCode,
  ...NetworkFields,
  memberIds: z.array(IdNumber).max(2000).default([]),
});
const NetworkEdit = z.object({ ...NetworkFields, version: Version });
const Id = z.object({ id: IdParam });
const MemberPath = z.object({ id: IdParam, institutionId: IdParam });
const TAGS = ['registry'];

export async function networksRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/networks/:id', { schema: { params: Id, response: { 200: NetworkDetail }, tags: TAGS } }, async (req) =>
    ctx.networks.detail(policyOf(req), req.params.id),
  );

  api.post(
    '/networks',
    { schema: { body: NewNetwork, response: { 201: NetworkDetail }, tags: TAGS } },
    async (req, reply) => {
      const { type, ...rest } = req.body;
      const created = await ctx.networks.create(policyOf(req), { ...rest, type: type as NetworkType });
      return reply.status(201).send(created);
    },
  );

  api.put(
    '/networks/:id',
    { schema: { params: Id, body: NetworkEdit, response: { 200: NetworkDetail }, tags: TAGS } },
    async (req) => {
      const { version, type, ...rest } = req.body;
      return ctx.networks.update(policyOf(req), req.params.id, { ...rest, type: type as NetworkType }, version);
    },
  );

  api.delete(
    '/networks/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ version: VersionParam }),
        response: { 204: z.null().describe('Deleted') },
        tags: TAGS,
      },
    },
    async (req, reply) => {
      await ctx.networks.remove(policyOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/networks/:id/members',
    {
      schema: {
        params: Id,
        body: z.object({ institutionId: IdNumber }),
        response: { 200: NetworkDetail },
        tags: TAGS,
      },
    },
    async (req) => ctx.networks.addMember(policyOf(req), req.params.id, req.body.institutionId),
  );

  api.delete(
    '/networks/:id/members/:institutionId',
    { schema: { params: MemberPath, response: { 200: NetworkDetail }, tags: TAGS } },
    async (req) => ctx.networks.removeMember(policyOf(req), req.params.id, req.params.institutionId),
  );
}
