// Fusion of newly stored signals into events (core fusion.ts: one area and syndrome group within 7 days,
// county events absorbing their townships'), and rescoring of events whose signals changed.
import {
  addDays,
  type FusionEvent,
  type FusionSignal,
  fuseSignals,
  scoreEvent,
  verifyDeadlineHours,
} from '@weijian/core/surveillance';
import type { EngineDeps, StoredSignal } from './engine-model.ts';
import {
  addHistory,
  eventRisks,
  extendEvent,
  insertEvent,
  markMerged,
  openEventsSince,
  rescoreEvent,
} from './events-repo.ts';
import { attachSignals, signalsOfEvents } from './signals-repo.ts';

/** Recomputes the risk and explanation of events whose signals changed; the history says why. */
export async function rescoreEvents(deps: EngineDeps, eventIds: number[]): Promise<number> {
  if (!eventIds.length) return 0;
  const toFusion = await fusionMapper(deps);
  const rows = await signalsOfEvents(deps.db, eventIds);
  const events = await eventRisks(deps.db, eventIds);
  await deps.db.tx(async (q) => {
    for (const e of events) {
      const signals = rows.filter((r) => Number(r.eventId) === Number(e.id));
      const score = scoreEvent(signals.map((x) => toFusion({ ...x, id: Number(x.id) })));
      await rescoreEvent(q, e.id, {
        score: score.score,
        level: score.level,
        explanation: JSON.stringify(score.explanation),
      });
      await addHistory(q, {
        countyCode: e.countyCode,
        eventId: Number(e.id),
        action: 'signal',
        detail: {
          updated: true,
          level: score.level,
          fromLevel: e.riskLevel,
          withdrawn: signals.filter((x) => x.detail?.withdrawn === true).length,
        },
      });
    }
  });
  return events.length;
}

/** How a stored signal is seen by fusion (names, syndrome group, withdrawal). */
async function fusionMapper(deps: EngineDeps): Promise<(s: StoredSignal) => FusionSignal> {
  const tree = await deps.areas.tree();
  const { names, syndromes } = await subjects(deps);
  return (s) => ({
    id: s.id,
    source: s.source,
    category: s.category,
    subject: s.subject,
    subjectName: names.get(s.subject) ?? s.subject,
    areaCode: s.areaCode,
    areaName: tree.get(s.areaCode)?.name ?? s.areaCode,
    areaLevel: s.areaLevel,
    countyCode: s.countyCode,
    date: s.periodEnd,
    observed: s.observed,
    upperbound: s.upperbound,
    expected: s.expected,
    algorithm: s.algorithm,
    immediate: s.immediate,
    place: typeof s.detail?.place === 'string' ? s.detail.place : undefined,
    syndrome: syndromes.get(s.subject) ?? s.subject,
    withdrawn: s.detail?.withdrawn === true,
  });
}

/** Fuses new signals (data-quality ones aside) into the open events near them or into new events. */
export async function fuse(deps: EngineDeps, stored: StoredSignal[], historical: boolean) {
  const incoming = stored.filter((s) => s.category !== 'data-quality');
  if (!incoming.length) return { created: 0, updated: 0 };
  const tree = await deps.areas.tree();
  const toFusion = await fusionMapper(deps);
  const counties = [...new Set(incoming.map((s) => s.countyCode))];
  const minDate = addDays(incoming.map((s) => s.periodEnd).sort()[0]!, -7);
  const open = await openEventsSince(deps.db, counties, minDate);
  const existingSignals = open.length
    ? await signalsOfEvents(
        deps.db,
        open.map((e) => e.id),
      )
    : [];
  const existing: FusionEvent[] = open.map((e) => ({
    key: Number(e.id),
    areaCode: e.areaCode,
    areaName: tree.get(e.areaCode)?.name ?? e.areaCode,
    areaLevel: e.areaLevel,
    countyCode: e.countyCode,
    syndrome: e.syndrome,
    firstDate: e.firstDate,
    lastDate: e.lastDate,
    open: true,
    signals: existingSignals
      .filter((s) => Number(s.eventId) === Number(e.id))
      .map((s) => toFusion({ ...s, id: Number(s.id) })),
  }));
  const result = fuseSignals(existing, incoming.map(toFusion));
  let created = 0;
  let updated = 0;
  await deps.db.tx(async (q) => {
    for (const e of result.changed) {
      const ids = e.signals.map((s) => s.id);
      const explanation = JSON.stringify(e.explanation);
      let eventId: number;
      if (e.isNew) {
        const createdAt = historical ? historicalTime(e.lastDate) : new Date().toISOString();
        const deadline = new Date(Date.parse(createdAt) + verifyDeadlineHours(e.level) * 3_600_000).toISOString();
        eventId = await insertEvent(q, {
          countyCode: e.countyCode,
          areaCode: e.areaCode,
          areaLevel: e.areaLevel,
          syndrome: e.syndrome,
          firstDate: e.firstDate,
          lastDate: e.lastDate,
          score: e.score,
          level: e.level,
          explanation,
          deadline,
          createdAt,
        });
        await addHistory(q, {
          countyCode: e.countyCode,
          eventId,
          action: 'created',
          toState: 'pending',
          at: createdAt,
          detail: { signals: ids.length, level: e.level },
        });
        created++;
      } else {
        eventId = Number(e.key);
        await extendEvent(q, eventId, {
          firstDate: e.firstDate,
          lastDate: e.lastDate,
          score: e.score,
          level: e.level,
          explanation,
          deadlineHours: verifyDeadlineHours(e.level),
        });
        await addHistory(q, {
          countyCode: e.countyCode,
          eventId,
          action: 'signal',
          detail: { signals: ids.length, level: e.level },
        });
        updated++;
      }
      for (const old of e.mergedFrom) {
        if (typeof old !== 'number') continue;
        await markMerged(q, old, eventId);
        await addHistory(q, {
          countyCode: e.countyCode,
          eventId: old,
          action: 'merged',
          toState: 'merged',
          detail: { into: eventId },
        });
      }
      await attachSignals(q, eventId, ids);
    }
  });
  return { created, updated };
}

async function subjects(deps: EngineDeps): Promise<{ names: Map<string, string>; syndromes: Map<string, string> }> {
  const diseases = [...(await deps.diseases.all()).values()];
  const streams = await deps.streams();
  return {
    names: new Map([
      ...diseases.map((d) => [d.code, d.nameZh] as const),
      ...streams.map((s) => [s.code, s.nameZh] as const),
    ]),
    syndromes: new Map([
      ...diseases.map((d) => [d.code, d.syndrome] as const),
      ...streams.map((s) => [s.code, s.syndrome] as const),
    ]),
  };
}

/** Demo and backfill events are "created" the morning after their last signal (never in the future). */
function historicalTime(lastDate: string): string {
  const t = Date.parse(`${addDays(lastDate, 1)}T01:00:00Z`);
  return new Date(Math.min(t, Date.now())).toISOString();
}
