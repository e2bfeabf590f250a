// Signals in SQL: the engine's store (insert or bring up to date, withdrawn ones found again) and the reads
// of the event pages and lists. One column list per use, one key expression matching engine-model's signalKey.
import type { SignalSource } from '@weijian/core/surveillance';
import type { Queryable } from '../platform/db.ts';
import { type Keyset, keysetPage } from '../platform/keyset.ts';
import { type NewSignal, type StoredSignal, type StoredSignalsSource, signalKey } from './engine-model.ts';

/** A stored signal's columns as a NewSignal. */
const SIGNAL_COLUMNS = `county_code as "countyCode", area_code as "areaCode", area_level as "areaLevel", source, category,
  subject, place, frequency, to_char(period_start, 'YYYY-MM-DD') as "periodStart",
  to_char(period_end, 'YYYY-MM-DD') as "periodEnd", observed, expected, upperbound, algorithm, params, detail, immediate`;

/** A signal's columns as the lists and the event page give them (alias x). */
export const SIGNAL_LIST_COLUMNS = `x.id, x.county_code as "countyCode", x.area_code as "areaCode", x.area_level as "areaLevel",
  x.source, x.category, x.subject, x.place, x.frequency, to_char(x.period_start, 'YYYY-MM-DD') as "periodStart",
  to_char(x.period_end, 'YYYY-MM-DD') as "periodEnd", x.observed, x.expected, x.upperbound, x.algorithm, x.params,
  x.detail, x.immediate, x.event_id as "eventId", x.created_at as "createdAt"`;

/** signalKey() of a stored signal in SQL; `t` qualifies the columns (the signals table's alias). */
const signalKeySql = (t = '') =>
  `concat_ws('|', ${t}county_code, ${t}source, ${t}subject, ${t}area_code, ${t}place, ${t}frequency,
    to_char(${t}period_start, 'YYYY-MM-DD'), ${t}algorithm)`;

/**
 * Of these signals, those stored without an event (a run stopped between storing its signals and fusing them:
 * a crash, a failed fusion), by key with their ids, so the next run fuses them.
 */
export async function unfusedSignals(q: Queryable, signals: NewSignal[]): Promise<Map<string, number>> {
  if (!signals.length) return new Map();
  const { rows } = await q.query<{ id: number; k: string }>(
    `select s.id, ${signalKeySql('s.')} as k
       from signals s
       join unnest($1::text[], $2::text[], $3::text[], $4::date[]) as u(county, source, subject, day)
         on s.county_code = u.county and s.source = u.source and s.subject = u.subject and s.period_start = u.day
      where s.event_id is null and not coalesce((s.detail ->> 'withdrawn')::boolean, false)`,
    [
      signals.map((x) => x.countyCode),
      signals.map((x) => x.source),
      signals.map((x) => x.subject),
      signals.map((x) => x.periodStart),
    ],
  );
  return new Map(rows.map((r) => [r.k, Number(r.id)]));
}

/** Stored, not yet withdrawn signals of one source and subject whose period starts within the range. */
export async function storedSignals(
  q: Queryable,
  source: SignalSource,
  subject: string,
  scope: { from: string; to: string; counties?: string[]; stored?: StoredSignalsSource },
): Promise<NewSignal[]> {
  const kept = scope.stored?.get(source, subject, scope);
  if (kept) return kept;
  const params: unknown[] = [source, subject, scope.from, scope.to];
  let countyCond = '';
  if (scope.counties) {
    params.push(scope.counties);
    countyCond = 'and county_code = any($5::text[])';
  }
  const { rows } = await q.query<NewSignal>(
    `select ${SIGNAL_COLUMNS}
         from signals
        where source = $1 and subject = $2 and period_start between $3::date and $4::date ${countyCond}
          and not coalesce((detail ->> 'withdrawn')::boolean, false)`,
    params,
  );
  return rows;
}

/**
 * The stored signals of a run's dates and counties, read in one query when the run starts: each detector
 * and rule asks for its own source and subject (dozens of small queries a run, each a round trip and a plan
 * in the embedded database). A run stores its signals only after all of them asked, so what it read at the
 * start is what they would read. A request outside the dates or counties read is not answered (undefined).
 */
export class StoredSignals implements StoredSignalsSource {
  private constructor(
    private readonly from: string,
    private readonly to: string,
    private readonly counties: string[] | undefined,
    private readonly bySubject: Map<string, NewSignal[]>,
  ) {}

  static async load(q: Queryable, from: string, to: string, counties?: string[]): Promise<StoredSignals> {
    const params: unknown[] = [from, to];
    let countyCond = '';
    if (counties) {
      params.push(counties);
      countyCond = 'and county_code = any($3::text[])';
    }
    const { rows } = await q.query<NewSignal>(
      `select ${SIGNAL_COLUMNS}
           from signals
          where period_start between $1::date and $2::date ${countyCond}
            and not coalesce((detail ->> 'withdrawn')::boolean, false)
          order by id`,
      params,
    );
    const bySubject = new Map<string, NewSignal[]>();
    for (const r of rows) {
      const k = `${r.source}|${r.subject}`;
      const list = bySubject.get(k);
      if (list) list.push(r);
      else bySubject.set(k, [r]);
    }
    return new StoredSignals(from, to, counties, bySubject);
  }

  get(
    source: SignalSource,
    subject: string,
    range: { from: string; to: string; counties?: string[] },
  ): NewSignal[] | undefined {
    if (range.from < this.from || range.to > this.to) return undefined;
    if (this.counties && (!range.counties || range.counties.some((c) => !this.counties!.includes(c)))) return undefined;
    const only = range.counties ? new Set(range.counties) : null;
    return (this.bySubject.get(`${source}|${subject}`) ?? []).filter(
      (x) => x.periodStart >= range.from && x.periodStart <= range.to && (!only || only.has(x.countyCode)),
    );
  }
}

const CHUNK = 5000;

/**
 * Inserts signals or brings stored ones up to date (period end, count, bounds, detail); unchanged ones are not
 * written. Returns per chunk the rows written: their key, id, whether new, and the event of an updated one.
 */
export async function upsertSignals(
  q: Queryable,
  signals: NewSignal[],
  onChunk: (
    chunk: NewSignal[],
    rows: { id: number; k: string; inserted: boolean; eventId: number | null }[],
  ) => void | Promise<void>,
): Promise<void> {
  for (let start = 0; start < signals.length; start += CHUNK) {
    const S = signals.slice(start, start + CHUNK);
    const { rows } = await q.query<{ id: number; k: string; inserted: boolean; eventId: number | null }>(
      `insert into signals as s (county_code, area_code, area_level, source, category, subject, place, frequency,
           period_start, period_end, observed, expected, upperbound, algorithm, params, detail, immediate)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::date[], $10::date[], $11::float8[], $12::float8[], $13::float8[], $14::text[],
                $15::jsonb[], $16::jsonb[], $17::boolean[])
         on conflict (county_code, source, subject, area_code, place, frequency, period_start, algorithm) do update
            set period_end = excluded.period_end, observed = excluded.observed, expected = excluded.expected,
                upperbound = excluded.upperbound, detail = excluded.detail
          where (s.period_end, s.observed, s.expected, s.upperbound, s.detail)
                is distinct from (excluded.period_end, excluded.observed, excluded.expected, excluded.upperbound, excluded.detail)
         returning id, (xmax = 0) as inserted, event_id as "eventId", ${signalKeySql()} as k`,
      [
        S.map((x) => x.countyCode),
        S.map((x) => x.areaCode),
        S.map((x) => x.areaLevel),
        S.map((x) => x.source),
        S.map((x) => x.category),
        S.map((x) => x.subject),
        S.map((x) => x.place),
        S.map((x) => x.frequency),
        S.map((x) => x.periodStart),
        S.map((x) => x.periodEnd),
        S.map((x) => x.observed),
        S.map((x) => x.expected),
        S.map((x) => x.upperbound),
        S.map((x) => x.algorithm),
        S.map((x) => JSON.stringify(x.params)),
        S.map((x) => JSON.stringify(x.detail)),
        S.map((x) => x.immediate),
      ],
    );
    await onChunk(S, rows);
  }
}

/** Withdrawn signals with one of these keys whose event has been closed or excluded. */
export async function withdrawnOnEndedEvents(q: Queryable, raised: NewSignal[]) {
  const days = raised.map((x) => x.periodStart).sort();
  const { rows } = await q.query<{
    id: number;
    k: string;
    eventId: number;
    county: string;
    subject: string;
    day: string;
  }>(
    `select s.id, s.event_id as "eventId", s.county_code as county, s.subject,
              to_char(s.period_start, 'YYYY-MM-DD') as day, ${signalKeySql('s.')} as k
         from signals s join surveillance_events e on e.id = s.event_id
        where s.county_code = any($1::text[]) and s.period_start between $2::date and $3::date
          and coalesce((s.detail ->> 'withdrawn')::boolean, false) and e.state in ('closed', 'excluded')
          and ${signalKeySql('s.')} = any($4::text[])`,
    [[...new Set(raised.map((x) => x.countyCode))], days[0], days[days.length - 1], raised.map(signalKey)],
  );
  return rows;
}

export async function detachSignals(q: Queryable, ids: number[]): Promise<void> {
  await q.query('update signals set event_id = null where id = any($1::bigint[])', [ids]);
}

export async function attachSignals(q: Queryable, eventId: number, ids: number[]): Promise<void> {
  await q.query(`update signals set event_id = $1 where id = any($2::int8[])`, [eventId, ids]);
}

/** The signals of some events, as the engine sees them. */
export async function signalsOfEvents(q: Queryable, eventIds: number[]) {
  const { rows } = await q.query<StoredSignal & { eventId: number }>(
    `select id, event_id as "eventId", ${SIGNAL_COLUMNS} from signals where event_id = any($1::int8[])`,
    [eventIds],
  );
  return rows;
}

/** One event's signals for its page, in period order. */
export async function eventSignals(q: Queryable, eventId: number) {
  const { rows } = await q.query<{ areaCode: string; countyCode: string; detail: { caseIds?: unknown } | null }>(
    `select ${SIGNAL_LIST_COLUMNS} from signals x where x.event_id = $1 order by x.period_end, x.id`,
    [eventId],
  );
  return rows;
}

/** Latest period first; the id breaks ties (surveillance/migrations/017_list_indexes.sql serves it). */
const SIGNAL_ORDER: Keyset = {
  name: 'period',
  terms: [
    { expr: 'x.period_end', type: 'date', desc: true },
    { expr: 'x.id', type: 'bigint', desc: true },
  ],
};

/** A page of signals matching SQL conditions (alias x), newest first, after the cursor; with the capped count. */
export async function listSignalRows(
  q: Queryable,
  where: string[],
  params: unknown[],
  limit: number,
  cursor: string | undefined,
) {
  return keysetPage<{ areaCode: string; countyCode: string }>(q, SIGNAL_ORDER, {
    columns: SIGNAL_LIST_COLUMNS,
    from: 'signals x',
    where,
    params,
    limit,
    cursor,
  });
}

/** How many signals (silent sources aside) match SQL conditions (alias x), and the span of their periods. */
export async function countSignals(q: Queryable, where: string[], params: unknown[]) {
  const { rows } = await q.query<{ n: number; first: string | null; last: string | null }>(
    `select count(*)::int as n, to_char(min(x.period_end), 'YYYY-MM-DD') as first,
              to_char(max(x.period_end), 'YYYY-MM-DD') as last
         from signals x
        where ${where.join(' and ')} and x.source <> 'silent'`,
    params,
  );
  return rows[0];
}
