// The audit log: who did what, when, to which record, with the values before and after. Writes call
// this inside their own transaction so a change and its audit entry commit together.
import type { Principal } from '@weijian/core/identity';
import type { Queryable } from './db.ts';

export interface AuditEntry {
  action: string;
  entity?: string;
  entityId?: string | number;
  areaCode?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface Actor {
  principal: Principal | null;
  username?: string;
  ip: string | null;
}

export async function audit(q: Queryable, actor: Actor, e: AuditEntry): Promise<void> {
  await q.query(
    `insert into audit_log (user_id, username, action, entity, entity_id, area_code, ip, before, after)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      actor.principal?.userId ?? null,
      actor.principal?.username ?? actor.username ?? null,
      e.action,
      e.entity ?? null,
      e.entityId === undefined ? null : String(e.entityId),
      e.areaCode ?? null,
      actor.ip,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
}
