// Reading the audit log (GET /audit): administrators only, newest first, filtered by user and action prefix.
import type { z } from 'zod';
import type { AccessPolicy } from './access-policy.ts';
import type { AuditEntry } from './audit-wire.ts';
import type { Db } from './db.ts';

export interface AuditFilter {
  limit: number;
  offset: number;
  username?: string;
  action?: string;
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  async list(policy: AccessPolicy, f: AuditFilter): Promise<{ total: number; items: z.infer<typeof AuditEntry>[] }> {
    policy.requireAdmin({ zh: '仅平台管理员可查看审计日志', en: 'Only administrators may read the audit log' });
    const where = "where ($1::text is null or username = $1) and ($2::text is null or action like $2 || '%')";
    const params = [f.username ?? null, f.action ?? null];
    const [items, total] = await Promise.all([
      this.db.query<z.infer<typeof AuditEntry>>(
        `select id, at, user_id as "userId", username, action, entity, entity_id as "entityId",
              area_code as "areaCode", ip, before, after
         from audit_log ${where} order by id desc limit $3 offset $4`,
        [...params, f.limit, f.offset],
      ),
      this.db.query<{ n: number }>(`select count(*)::int as n from audit_log ${where}`, params),
    ]);
    return { total: total.rows[0]?.n ?? 0, items: items.rows };
  }
}
