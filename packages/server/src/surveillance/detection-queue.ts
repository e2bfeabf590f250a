// The SQL of the detection queue (migration 013): keys of series waiting for the signal engine, one row per
// disease or stream × county, coalesced on write and claimed by leases (see the migration for the protocol).
import type { Queryable } from '../platform/db.ts';

/** A series to detect again: a disease's (case) or stream's counts in one county over a range of days. */
export interface DetectionKey {
  kind: 'case' | 'stream';
  subject: string;
  countyCode: string;
  /** First and last day (ISO dates) of the new or changed data. */
  from: string;
  to: string;
  /** Cards or counts behind the key. */
  items?: number;
}

/** A key as claimed: with the merge count it had, which decides whether the run covered everything. */
export interface ClaimedKey extends DetectionKey {
  gen: number;
}

export const keyId = (k: Pick<DetectionKey, 'kind' | 'subject' | 'countyCode'>) =>
  `${k.kind}|${k.subject}|${k.countyCode}`;

/** Merges keys of one request: one per disease or stream × county, over the union of their days. */
export function coalesce(keys: readonly DetectionKey[]): DetectionKey[] {
  const out = new Map<string, DetectionKey>();
  for (const k of keys) {
    const id = keyId(k);
    const m = out.get(id);
    if (!m) out.set(id, { ...k, items: k.items ?? 1 });
    else {
      if (k.from < m.from) m.from = k.from;
      if (k.to > m.to) m.to = k.to;
      m.items = (m.items ?? 1) + (k.items ?? 1);
    }
  }
  // One order for every writer: two transactions upserting overlapping keys lock them in the same order.
  return [...out.values()].sort((a, b) => (keyId(a) < keyId(b) ? -1 : keyId(a) > keyId(b) ? 1 : 0));
}

/**
 * Queues keys in the caller's transaction: a pending key is widened (its range, its merge count) instead of
 * a second row being added.
 */
export async function enqueueKeys(q: Queryable, keys: readonly DetectionKey[]): Promise<void> {
  const list = coalesce(keys);
  if (!list.length) return;
  await q.query(
    `insert into detection_queue as d (county_code, kind, subject, from_date, to_date, items)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::int[])
     on conflict (county_code, kind, subject) do update
        set from_date = least(d.from_date, excluded.from_date),
            to_date = greatest(d.to_date, excluded.to_date),
            gen = d.gen + 1,
            items = d.items + excluded.items`,
    [
      list.map((k) => k.countyCode),
      list.map((k) => k.kind),
      list.map((k) => k.subject),
      list.map((k) => k.from),
      list.map((k) => k.to),
      list.map((k) => k.items ?? 1),
    ],
  );
}

const RETURNING = `returning d.county_code as "countyCode", d.kind, d.subject, to_char(d.from_date, 'YYYY-MM-DD') as "from",
                  to_char(d.to_date, 'YYYY-MM-DD') as "to", d.gen, d.items`;

/**
 * Claims up to `limit` free keys, oldest first, for `owner` until the lease runs out. `for update skip locked`:
 * a key another server is claiming at this instant is left to it, never waited for or taken twice.
 */
export async function claimKeys(q: Queryable, owner: string, limit: number, leaseMs: number): Promise<ClaimedKey[]> {
  const { rows } = await q.query<ClaimedKey>(
    `with c as (
       select county_code, kind, subject from detection_queue
        where claimed_until is null or claimed_until < now()
        order by queued_at limit $2
        for update skip locked)
     update detection_queue d
        set claimed_by = $1, claimed_gen = d.gen, claimed_until = now() + make_interval(secs => $3::float8 / 1000)
       from c
      where d.county_code = c.county_code and d.kind = c.kind and d.subject = c.subject
     ${RETURNING}`,
    [owner, limit, leaseMs],
  );
  return rows;
}

/** Claims these keys, those that are queued and free (a request detecting its own cards at once). */
export async function claimThese(
  q: Queryable,
  owner: string,
  keys: readonly DetectionKey[],
  leaseMs: number,
): Promise<ClaimedKey[]> {
  if (!keys.length) return [];
  const { rows } = await q.query<ClaimedKey>(
    `with c as (
       select d.county_code, d.kind, d.subject from detection_queue d
         join unnest($2::text[], $3::text[], $4::text[]) as k(county, kind, subject)
           on d.county_code = k.county and d.kind = k.kind and d.subject = k.subject
        where d.claimed_until is null or d.claimed_until < now()
        for update of d skip locked)
     update detection_queue d
        set claimed_by = $1, claimed_gen = d.gen, claimed_until = now() + make_interval(secs => $5::float8 / 1000)
       from c
      where d.county_code = c.county_code and d.kind = c.kind and d.subject = c.subject
     ${RETURNING}`,
    [owner, keys.map((k) => k.countyCode), keys.map((k) => k.kind), keys.map((k) => k.subject), leaseMs],
  );
  return rows;
}

/** Keeps `owner`'s claims while its run goes on (a long run must not lose its keys to another server). */
export async function renewClaims(q: Queryable, owner: string, leaseMs: number): Promise<void> {
  await q.query(
    `update detection_queue set claimed_until = now() + make_interval(secs => $2::float8 / 1000) where claimed_by = $1`,
    [owner, leaseMs],
  );
}

/**
 * After a run: keys nothing was merged into since the claim are done (deleted); the others are released for
 * the next round, with the new data's range.
 */
export async function completeClaims(q: Queryable, owner: string): Promise<{ done: number; again: number }> {
  const done = await q.query(
    `delete from detection_queue where claimed_by = $1 and gen = claimed_gen returning 1 as x`,
    [owner],
  );
  const again = await q.query(
    `update detection_queue set claimed_by = null, claimed_gen = null, claimed_until = null
      where claimed_by = $1 returning 1 as x`,
    [owner],
  );
  return { done: done.rows.length, again: again.rows.length };
}

/** A failed run: the keys wait `delayMs` before they are tried again (a broken series must not spin). */
export async function failClaims(q: Queryable, owner: string, delayMs: number): Promise<void> {
  await q.query(
    `update detection_queue
        set claimed_by = null, claimed_gen = null, claimed_until = now() + make_interval(secs => $2::float8 / 1000)
      where claimed_by = $1`,
    [owner, delayMs],
  );
}

/**
 * Frees every lease (at the start of an embedded server: PGlite has one process, so a lease found at start was
 * left by a process that died).
 */
export async function releaseAllClaims(q: Queryable): Promise<void> {
  await q.query(
    `update detection_queue set claimed_by = null, claimed_gen = null, claimed_until = null where claimed_by is not null`,
  );
}

/** Pending keys and the age of the oldest (the operator's view of the backlog). */
export async function queueState(q: Queryable): Promise<{ keys: number; items: number; oldestMs: number | null }> {
  const { rows } = await q.query<{ keys: number; items: number | null; oldest: number | null }>(
    `select count(*)::int as keys, sum(items)::int as items,
            (extract(epoch from now() - min(queued_at)) * 1000)::float8 as oldest
       from detection_queue`,
  );
  const r = rows[0]!;
  return { keys: r.keys, items: r.items ?? 0, oldestMs: r.oldest };
}

/**
 * Drops the queued keys of counties matching `countyLike` (a batch job that just ran the engine over every
 * series of its counties, the demo load; or the demo's data cleared).
 */
export async function dropKeys(q: Queryable, countyLike: string): Promise<void> {
  await q.query('delete from detection_queue where county_code like $1', [countyLike]);
}
