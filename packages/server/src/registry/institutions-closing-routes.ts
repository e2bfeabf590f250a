// Closing (撤销) and reopening an institution: area-level acts of the commission, each answered with the
// institution's detail as the page shows it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id as IdParam, IsoDate, Str, Version } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { InstitutionDetail } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

const Id = z.object({ id: IdParam });
const Close = z.object({ closedOn: IsoDate, reason: Str(200), version: Version });
const Reopen = z.object({ version: Version });
const TAGS = ['registry'];

export async function institutionClosingRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/institutions/:id/close',
    { schema: { params: Id, body: Close, response: { 200: InstitutionDetail }, tags: TAGS } },
    async (req) => {
      const { version, ...input } = req.body;
      await ctx.closing.close(policyOf(req), req.params.id, input, version);
      return ctx.institutions.detail(policyOf(req), req.params.id);
    },
  );

  api.post(
    '/institutions/:id/reopen',
    { schema: { params: Id, body: Reopen, response: { 200: InstitutionDetail }, tags: TAGS } },
    async (req) => {
      await ctx.closing.reopen(policyOf(req), req.params.id, req.body.version);
      return ctx.institutions.detail(policyOf(req), req.params.id);
    },
  );
}
