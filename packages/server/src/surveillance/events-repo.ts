// Fused events and their response history in SQL, for the engine's fusion and the event service alike.
import type { Principal } from '@weijian/core/identity';
import type { EventState } from '@weijian/core/surveillance';
import type { Queryable } from '../platform/db.ts';
import { type Keyset, keysetPage } from '../platform/keyset.ts';

/** An event's columns as the lists and the event page give them (alias x; the assignee's name is identity's). */
const EVENT_COLUMNS = `x.id, x.county_code as "countyCode", x.area_code as "areaCode", x.area_level as "areaLevel",
  to_char(x.first_date, 'YYYY-MM-DD') as "firstDate", to_char(x.last_date, 'YYYY-MM-DD') as "lastDate",
  x.risk_score as "riskScore", x.risk_level as "riskLevel", x.explanation, x.state, x.merged_into as "mergedInto",
  x.assignee_id as "assigneeId", null::text as "assigneeName", x.verify_deadline as "verifyDeadline",
  x.verified_at as "verifiedAt", x.closed_at as "closedAt", x.emergency_level as "emergencyLevel",
  x.version, x.created_at as "createdAt", x.updated_at as "updatedAt",
  (select count(*)::int from signals s where s.event_id = x.id) as "signalCount"`;

export interface EventRow {
  id: number;
  countyCode: string;
  areaCode: string;
  areaLevel: string;
  state: EventState | 'merged';
  riskLevel: number;
  version: number;
  verifiedAt: string | null;
  [k: string]: unknown;
}

/** One line of an event's response history; `at` null is now, `username` null is the system. */
export interface HistoryEntry {
  countyCode: string;
  eventId: number;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  at?: string | null;
  userId?: number | null;
  username?: string | null;
  note?: string | null;
  detail?: unknown;
}

export async function addHistory(q: Queryable, h: HistoryEntry): Promise<void> {
  await q.query(
    `insert into event_history (county_code, event_id, action, from_state, to_state, detail, at, user_id, username, note)
     values ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), $8, $9, $10)`,
    [
      h.countyCode,
      h.eventId,
      h.action,
      h.fromState ?? null,
      h.toState ?? null,
      h.detail === undefined ? null : JSON.stringify(h.detail),
      h.at ?? null,
      h.userId ?? null,
      h.username ?? 'system',
      h.note ?? null,
    ],
  );
}

// --- the engine's fusion --------------------------------------------------------------------------------------

/** Open events of these counties whose signals start on or after a date (fusion's candidates). */
export async function openEventsSince(q: Queryable, counties: string[], minDate: string) {
  const { rows } = await q.query<{
    id: number;
    countyCode: string;
    areaCode: string;
    areaLevel: 'county' | 'township';
    syndrome: string;
    firstDate: string;
    lastDate: string;
  }>(
    `select id, county_code as "countyCode", area_code as "areaCode", area_level as "areaLevel", syndrome,
              to_char(first_date, 'YYYY-MM-DD') as "firstDate", to_char(last_date, 'YYYY-MM-DD') as "lastDate"
         from surveillance_events
        where county_code = any($1::text[]) and state not in ('excluded', 'closed', 'merged') and first_date >= $2::date`,
    [counties, minDate],
  );
  return rows;
}

export async function insertEvent(
  q: Queryable,
  e: {
    countyCode: string;
    areaCode: string;
    areaLevel: string;
    syndrome: string;
    firstDate: string;
    lastDate: string;
    score: number;
    level: number;
    explanation: string;
    deadline: string;
    createdAt: string;
  },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into surveillance_events (county_code, area_code, area_level, syndrome, first_date, last_date, risk_score,
               risk_level, explanation, verify_deadline, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id`,
    [
      e.countyCode,
      e.areaCode,
      e.areaLevel,
      e.syndrome,
      e.firstDate,
      e.lastDate,
      e.score,
      e.level,
      e.explanation,
      e.deadline,
      e.createdAt,
    ],
  );
  return Number(rows[0]!.id);
}

/** An event that took new signals: its span and risk; a higher level can only bring its deadline forward. */
export async function extendEvent(
  q: Queryable,
  id: number,
  e: { firstDate: string; lastDate: string; score: number; level: number; explanation: string; deadlineHours: number },
): Promise<void> {
  await q.query(
    `update surveillance_events
                set first_date = $2, last_date = $3, risk_score = $4, risk_level = $5, explanation = $6,
                    verify_deadline = least(verify_deadline, created_at + make_interval(hours => $7)), updated_at = now()
              where id = $1`,
    [id, e.firstDate, e.lastDate, e.score, e.level, e.explanation, e.deadlineHours],
  );
}

export async function markMerged(q: Queryable, id: number, into: number): Promise<void> {
  await q.query(`update surveillance_events set state = 'merged', merged_into = $2, updated_at = now() where id = $1`, [
    id,
    into,
  ]);
}

export async function eventRisks(q: Queryable, ids: number[]) {
  const { rows } = await q.query<{ id: number; countyCode: string; riskLevel: number }>(
    `select id, county_code as "countyCode", risk_level as "riskLevel" from surveillance_events where id = any($1::int8[])`,
    [ids],
  );
  return rows;
}

export async function rescoreEvent(
  q: Queryable,
  id: number,
  s: { score: number; level: number; explanation: string },
): Promise<void> {
  await q.query(
    `update surveillance_events set risk_score = $2, risk_level = $3, explanation = $4, updated_at = now() where id = $1`,
    [id, s.score, s.level, s.explanation],
  );
}

// --- the event service ----------------------------------------------------------------------------------------

/** SQL condition limiting area-level surveillance rows (alias x) to the caller's area (access.ts requireAreaReader first). */
export function areaScope(p: Principal, params: unknown[], alias = 'x'): string {
  if (p.role === 'admin') return 'true';
  params.push(`${p.scopeAreaCode}%`);
  return `(${alias}.county_code like $${params.length} or ${alias}.area_code like $${params.length})`;
}

/** The filter the event list and the KPIs share, so the same query means the same set of events. */
export interface EventSetFilter {
  area?: string;
  /** Disease or stream code: events with at least one signal of that subject. */
  subject?: string;
  from?: string;
  to?: string;
}

/**
 * SQL conditions (alias x = surveillance_events) for the caller's scope, an area, a subject and a date range.
 * Dates select events whose signal period [first_date, last_date] overlaps [from, to] (China calendar dates):
 * an event is "in" a period when any of its signals fell in it, whenever the event was created.
 */
export function eventSetConditions(p: Principal, f: EventSetFilter, params: unknown[]): string[] {
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [areaScope(p, params)];
  if (f.area) where.push(`(x.area_code like ${bind(`${f.area}%`)} or x.county_code like $${params.length})`);
  if (f.subject)
    where.push(`exists (select 1 from signals sg where sg.event_id = x.id and sg.subject = ${bind(f.subject)})`);
  if (f.from) where.push(`x.last_date >= ${bind(f.from)}::date`);
  if (f.to) where.push(`x.first_date <= ${bind(f.to)}::date`);
  return where;
}

export interface SignalSetFilter {
  area?: string;
  source?: string;
  subject?: string;
  from?: string;
  to?: string;
  event?: number;
}

/**
 * SQL conditions (alias x) selecting the signals of a filter, for the list and the KPIs alike: dates select
 * signals whose period ends within [from, to].
 */
export function signalSetConditions(p: Principal, f: SignalSetFilter, params: unknown[]): string[] {
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [areaScope(p, params)];
  if (f.area) where.push(`(x.area_code like ${bind(`${f.area}%`)} or x.county_code like $${params.length})`);
  if (f.source) where.push(`x.source = ${bind(f.source)}`);
  if (f.subject) where.push(`x.subject = ${bind(f.subject)}`);
  if (f.from) where.push(`x.period_end >= ${bind(f.from)}::date`);
  if (f.to) where.push(`x.period_end <= ${bind(f.to)}::date`);
  if (f.event) where.push(`x.event_id = ${bind(f.event)}`);
  return where;
}

/**
 * Latest signals first, then the higher risk; the id breaks ties (surveillance/migrations/017_list_indexes.sql
 * serves it).
 */
const EVENT_ORDER: Keyset = {
  name: 'latest',
  terms: [
    { expr: 'x.last_date', type: 'date', desc: true },
    { expr: 'x.risk_level', type: 'int', desc: true },
    { expr: 'x.id', type: 'bigint', desc: true },
  ],
};

/** A page of events matching SQL conditions (alias x), latest first, after the cursor; with the capped count. */
export async function listEventRows(
  q: Queryable,
  where: string[],
  params: unknown[],
  limit: number,
  cursor: string | undefined,
) {
  return keysetPage<EventRow>(q, EVENT_ORDER, {
    columns: EVENT_COLUMNS,
    from: 'surveillance_events x',
    where,
    params,
    limit,
    cursor,
  });
}

/** One event if the scope condition (alias x; it binds its own parameters after the id) admits it. */
export async function eventRow(
  q: Queryable,
  id: number,
  scope: (params: unknown[]) => string,
): Promise<EventRow | null> {
  const params: unknown[] = [id];
  const { rows } = await q.query<EventRow>(
    `select ${EVENT_COLUMNS} from surveillance_events x
        where x.id = $1 and ${scope(params)}`,
    params,
  );
  return rows[0] ?? null;
}

export async function eventHistory(q: Queryable, id: number) {
  const { rows } = await q.query(
    `select id, at, username, action, from_state as "fromState", to_state as "toState", note, detail
           from event_history where event_id = $1 order by at, id`,
    [id],
  );
  return rows;
}

/** A workflow step under optimistic concurrency; null when the version is stale. */
export async function setEventState(
  q: Queryable,
  id: number,
  version: number,
  s: { to: EventState; verified: boolean; terminal: boolean; emergencyLevel: number | null },
): Promise<number | null> {
  const { rows } = await q.query<{ version: number }>(
    `update surveillance_events
            set state = $3, version = version + 1, updated_at = now(),
                verified_at = case when $4 and verified_at is null then now() else verified_at end,
                closed_at = case when $5 then now() else closed_at end,
                emergency_level = coalesce($6, emergency_level)
          where id = $1 and version = $2 returning version`,
    [id, version, s.to, s.verified, s.terminal, s.emergencyLevel],
  );
  return rows[0]?.version ?? null;
}

/** Sets the assignee under optimistic concurrency; null when the version is stale. */
export async function setAssignee(q: Queryable, id: number, version: number, userId: number): Promise<number | null> {
  const { rows } = await q.query<{ version: number }>(
    `update surveillance_events set assignee_id = $3, version = version + 1, updated_at = now()
          where id = $1 and version = $2 returning version`,
    [id, version, userId],
  );
  return rows[0]?.version ?? null;
}

/** The events the KPIs count (merged ones aside) for SQL conditions (alias x). */
export async function kpiEventRows(q: Queryable, where: string[], params: unknown[]) {
  const { rows } = await q.query<{
    countyCode: string;
    createdAt: Date | string;
    verifyDeadline: Date | string;
    verifiedAt: Date | string | null;
    state: string;
    emergencyLevel: number | null;
    firstDate: string;
    lastDate: string;
  }>(
    `select county_code as "countyCode", created_at as "createdAt", verify_deadline as "verifyDeadline",
              verified_at as "verifiedAt", state, emergency_level as "emergencyLevel",
              to_char(first_date, 'YYYY-MM-DD') as "firstDate", to_char(last_date, 'YYYY-MM-DD') as "lastDate"
         from surveillance_events x
        where ${where.join(' and ')} and x.state <> 'merged'`,
    params,
  );
  return rows;
}
