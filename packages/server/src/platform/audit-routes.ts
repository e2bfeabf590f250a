import { isAdmin } from '@weijian/core/identity';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuditEntry, AuditList } from './audit-wire.ts';
import type { Db } from './db.ts';
import { forbidden } from './errors.ts';
import { principalOf } from './request.ts';

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  username: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  lang: z.enum(['zh', 'en']).optional(),
});

export async function auditRoutes(app: FastifyInstance, ctx: { db: Db }) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/audit', { schema: { querystring: Query, response: { 200: AuditList }, tags: ['audit'] } }, async (req) => {
      if (!isAdmin(principalOf(req)))
        throw forbidden({ zh: '仅平台管理员可查看审计日志', en: 'Only administrators may read the audit log' });
      const { limit, offset, username, action } = req.query;
      const where = "where ($1::text is null or username = $1) and ($2::text is null or action like $2 || '%')";
      const params = [username ?? null, action ?? null];
      const [items, total] = await Promise.all([
        ctx.db.query<z.infer<typeof AuditEntry>>(
          `select id, at, user_id as "userId", username, action, entity, entity_id as "entityId",
                area_code as "areaCode", ip, before, after
           from audit_log ${where} order by id desc limit $3 offset $4`,
          [...params, limit, offset],
        ),
        ctx.db.query<{ n: number }>(`select count(*)::int as n from audit_log ${where}`, params),
      ]);
      return { total: total.rows[0]?.n ?? 0, items: items.rows };
    });
}
