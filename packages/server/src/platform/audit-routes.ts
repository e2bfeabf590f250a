import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditLog } from './audit-log.ts';
import { AuditList } from './audit-wire.ts';
import { Cursor } from './input.ts';
import { policyOf } from './request.ts';

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: Cursor,
  username: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  lang: z.enum(['zh', 'en']).optional(),
});

export async function auditRoutes(app: FastifyInstance, log: AuditLog) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/audit', { schema: { querystring: Query, response: { 200: AuditList }, tags: ['audit'] } }, async (req) =>
      log.list(policyOf(req), req.query),
    );
}
