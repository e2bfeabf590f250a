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
  await auditMany(q, [{ actor, entry: e }]);
}

/**
 * Several entries, each its own row, in one statement (a group commit of single cards writes one case.create
 * per card: one insert instead of one per card). Rows keep the order given.
 */
export async function auditMany(q: Queryable, list: readonly { actor: Actor; entry: AuditEntry }[]): Promise<void> {
  if (!list.length) return;
  const col = <T>(f: (x: { actor: Actor; entry: AuditEntry }) => T) => list.map(f);
  await q.query(
    `insert into audit_log (user_id, username, action, entity, entity_id, area_code, ip, before, after)
     select u, n, a, e, i, c, p, b, f
       from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::jsonb[], $9::jsonb[]) with ordinality as t(u, n, a, e, i, c, p, b, f, k)
      order by k`,
    [
      col(({ actor }) => actor.principal?.userId ?? null),
      col(({ actor }) => actor.principal?.username ?? actor.username ?? null),
      col(({ entry }) => entry.action),
      col(({ entry }) => entry.entity ?? null),
      col(({ entry }) => (entry.entityId === undefined ? null : String(entry.entityId))),
      col(({ entry }) => entry.areaCode ?? null),
      col(({ actor }) => actor.ip),
      col(({ entry }) => (entry.before === undefined ? null : JSON.stringify(entry.before))),
      col(({ entry }) => (entry.after === undefined ? null : JSON.stringify(entry.after))),
    ],
  );
}
