// Signals from fixed rules rather than detectors: every single case of an immediately reported disease
// (甲类, 乙类甲管, rare diseases), ≥ N cases in one school or village within D days, and a stream source gone
// silent for longer than its cadence allows. Each keeps its stored signals in step with the cards behind them.
import { addDays, dateOfDay, dayIndex } from '@weijian/core/surveillance';
import type { Queryable } from '../platform/db.ts';
import type { DiseaseSetting } from './diseases-repo.ts';
import type { NewSignal, RunScope, StreamDefinition } from './engine-model.ts';
import { casePlaces, casesPerCountyDay, sourcesQuietSince } from './engine-series.ts';
import { storedSignals } from './signals-repo.ts';

/** One signal per county and onset day of an immediately reported disease. */
export async function immediateSignals(q: Queryable, d: DiseaseSetting, scope: RunScope): Promise<NewSignal[]> {
  const rows = await casesPerCountyDay(q, d.code, scope.from, scope.to, scope.counties);
  const current: NewSignal[] = rows.map((r) => ({
    countyCode: r.county,
    areaCode: r.county,
    areaLevel: 'county',
    source: 'fixed',
    category: 'case-report',
    subject: d.code,
    place: '',
    frequency: 'day',
    periodStart: r.day,
    periodEnd: r.day,
    observed: r.n,
    expected: null,
    upperbound: 0,
    algorithm: 'fixed',
    params: { threshold: 1, window: 1 },
    detail: { caseIds: r.ids.map(Number) },
    immediate: true,
  }));
  // A county-day whose cards were all deleted or corrected to another disease no longer has its signal.
  const live = new Set(current.map((x) => `${x.countyCode}|${x.periodStart}`));
  const stale = (await storedSignals(q, 'fixed', d.code, scope)).filter(
    (x) => !live.has(`${x.countyCode}|${x.periodStart}`),
  );
  return [...current, ...stale.map((x) => ({ ...x, observed: 0, detail: { caseIds: [], withdrawn: true } }))];
}

/** ≥ N cases in one school (students, children, staff with a workplace) or one village within D days. */
export async function clusterSignals(q: Queryable, d: DiseaseSetting, scope: RunScope): Promise<NewSignal[]> {
  const days = d.clusterDays!;
  const need = d.clusterCases!;
  const rows = await casePlaces(q, d.code, addDays(scope.from, -(days - 1)), scope.to, scope.counties);
  const byPlace = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!r.place) continue;
    // A school's name is only unique within its county.
    const key = `${r.county}|${r.place}`;
    const list = byPlace.get(key);
    if (list) list.push(r);
    else byPlace.set(key, [r]);
  }
  const fromDay = dayIndex(scope.from);
  const out: NewSignal[] = [];
  for (const list of byPlace.values()) {
    if (list.length < need) continue;
    let last = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const day = list[i]!.day;
      if (day < fromDay || (list[i + 1] && list[i + 1]!.day === day)) continue;
      const inWindow = list.filter((r) => r.day > day - days && r.day <= day);
      if (inWindow.length < need || day - last < days) continue;
      last = day;
      const first = list[0]!;
      const place = first.place;
      out.push({
        countyCode: first.county,
        areaCode: mode(inWindow.map((r) => r.township)),
        areaLevel: 'township',
        source: 'cluster',
        category: 'case-report',
        subject: d.code,
        place,
        frequency: 'day',
        periodStart: dateOfDay(day),
        periodEnd: dateOfDay(day),
        observed: inWindow.length,
        expected: null,
        upperbound: need - 1,
        algorithm: 'fixed',
        params: { threshold: need, window: days },
        detail: {
          place: place.startsWith('school:') ? place.slice(7) : place.slice(8),
          placeKind: place.startsWith('school:') ? 'school' : 'village',
          caseIds: inWindow.map((r) => Number(r.id)),
        },
        immediate: false,
      });
    }
  }
  // A stored cluster whose window no longer holds enough cards (deleted or corrected) is withdrawn.
  const emitted = new Set(out.map((x) => `${x.countyCode}|${x.place}|${x.periodStart}`));
  for (const old of await storedSignals(q, 'cluster', d.code, scope)) {
    if (emitted.has(`${old.countyCode}|${old.place}|${old.periodStart}`)) continue;
    const day = dayIndex(old.periodStart);
    const inWindow = (byPlace.get(`${old.countyCode}|${old.place}`) ?? []).filter(
      (r) => r.day > day - days && r.day <= day,
    );
    if (inWindow.length >= need) continue;
    out.push({
      ...old,
      observed: inWindow.length,
      detail: { ...old.detail, caseIds: inWindow.map((r) => Number(r.id)), withdrawn: true },
    });
  }
  return out;
}

/** A source with no data for longer than its usual cadence plus the stream's tolerance. */
export async function silentSignals(q: Queryable, scope: RunScope, streams: StreamDefinition[]): Promise<NewSignal[]> {
  // A stream no longer monitored takes no counts: its sources falling silent says nothing.
  const tolerance = new Map(streams.filter((s) => s.enabled).map((s) => [s.code, s.silentDays]));
  const rows = await sourcesQuietSince(q, scope.to, scope.counties);
  const asOf = dayIndex(scope.to);
  const out: NewSignal[] = [];
  for (const r of rows) {
    const tol = tolerance.get(r.stream);
    if (tol === undefined || r.days < 2) continue;
    const cadence = Math.max(1, Math.round((r.last - r.first + 1) / r.days));
    const silentSince = r.last + cadence + tol;
    if (silentSince > asOf) continue;
    out.push({
      countyCode: r.county,
      areaCode: r.township,
      areaLevel: 'township',
      source: 'silent',
      category: 'data-quality',
      subject: r.stream,
      place: r.key,
      frequency: 'day',
      periodStart: dateOfDay(silentSince),
      periodEnd: dateOfDay(silentSince),
      observed: 0,
      expected: null,
      upperbound: null,
      algorithm: 'silent',
      params: { silentDays: tol, cadenceDays: cadence },
      detail: { sourceName: r.name, lastDate: dateOfDay(r.last), cadenceDays: cadence },
      immediate: false,
    });
  }
  return out;
}

function mode(xs: string[]): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}
