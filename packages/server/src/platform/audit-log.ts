// Reading the audit log (GET /audit): administrators only, newest first, filtered by user and action prefix;
// keyset-paginated on the id (the primary key serves it) with a capped count (keyset.ts).
import type { z } from 'zod';
import type { AccessPolicy } from './access-policy.ts';
import type { AuditEntry } from './audit-wire.ts';
import type { Db } from './db.ts';
import { type Count, cappedCount, type Keyset, pageQuery, pageResult } from './keyset.ts';

export interface AuditFilter {
  limit: number;
  /** Where the page starts (the previous page's `nextCursor`). */
  cursor?: string;
  username?: string;
  action?: string;
}

type Entry = z.infer<typeof AuditEntry>;

const NEWEST_FIRST: Keyset = { name: 'newest', terms: [{ expr: 'id', type: 'bigint', desc: true }] };

export class AuditLog {
  constructor(private readonly db: Db) {}

  async list(policy: AccessPolicy, f: AuditFilter): Promise<Count & { nextCursor: string | null; items: Entry[] }> {
    policy.requireAdmin({ zh: '仅平台管理员可查看审计日志', en: 'Only administrators may read the audit log' });
    const params: unknown[] = [f.username ?? null, f.action ?? null];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['($1::text is null or username = $1)', "($2::text is null or action like $2 || '%')"];
    const countOf = [`select 1 from audit_log where ${where.join(' and ')}`, [...params]] as const;
    const page = pageQuery(NEWEST_FIRST, f.cursor, f.limit, bind);
    if (page.after) where.push(page.after);
    const [{ rows }, count] = await Promise.all([
      this.db.query<Entry>(
        `select id, at, user_id as "userId", username, action, entity, entity_id as "entityId",
              area_code as "areaCode", ip, before, after, ${page.keyColumns}
         from audit_log where ${where.join(' and ')} order by ${page.orderBy} limit ${bind(page.fetch)}`,
        params,
      ),
      page.carried ?? cappedCount(this.db, ...countOf),
    ]);
    return pageResult(NEWEST_FIRST, rows, f.limit, count);
  }
}
