// Storing a run's signals: new ones inserted, stored ones brought up to date with the data (or withdrawn),
// and an alarm raised again after its event ended taken off that event to be fused afresh.
import type { Db } from '../platform/db.ts';
import { type NewSignal, type StoredSignal, signalKey } from './engine-model.ts';
import { addHistory } from './events-repo.ts';
import { detachSignals, unfusedSignals, upsertSignals, withdrawnOnEndedEvents } from './signals-repo.ts';

/**
 * Inserts new signals and brings stored ones up to date: a signal's count, bound and cards follow the data
 * (another card the same day, a card deleted or corrected away). New ones are returned for fusion; the
 * events of changed ones are returned to be rescored. Unchanged re-runs write nothing.
 */
export async function storeSignals(
  db: Db,
  all: NewSignal[],
): Promise<{ inserted: StoredSignal[]; updatedEvents: number[] }> {
  const signals = [...new Map(all.map((x) => [signalKey(x), x])).values()];
  const inserted: StoredSignal[] = [];
  const updatedEvents = new Set<number>();
  const returning = await detachReturning(db, signals);
  // Signals a run stored but never fused (it stopped in between: a crash) are fused by this one.
  const unfused = await unfusedSignals(
    db,
    signals.filter((x) => !x.detail.withdrawn && x.category !== 'data-quality'),
  );
  for (const [k, id] of unfused) if (!returning.has(k)) returning.set(k, id);
  await upsertSignals(db, signals, (S, rows) => {
    const byKey = new Map<string, number>();
    for (const r of rows) {
      if (r.inserted) byKey.set(r.k, Number(r.id));
      else if (r.eventId !== null) updatedEvents.add(Number(r.eventId));
    }
    for (const x of S) {
      const k = signalKey(x);
      const id = byKey.get(k) ?? returning.get(k);
      if (id !== undefined && !x.detail.withdrawn) inserted.push({ ...x, id });
    }
  });
  return { inserted, updatedEvents: [...updatedEvents] };
}

/**
 * A withdrawn signal that the data raises again while its event has been closed or excluded is taken off
 * that event and fused as a new signal: the response that ended saw it withdrawn, so someone must look at it
 * afresh. Returns the ids of those signals by key.
 */
async function detachReturning(db: Db, signals: NewSignal[]): Promise<Map<string, number>> {
  const raised = signals.filter((x) => !x.detail.withdrawn && x.source !== 'silent');
  if (!raised.length) return new Map();
  const back = await withdrawnOnEndedEvents(db, raised);
  if (!back.length) return new Map();
  await db.tx(async (q) => {
    await detachSignals(
      q,
      back.map((r) => r.id),
    );
    for (const r of back) {
      await addHistory(q, {
        countyCode: r.county,
        eventId: Number(r.eventId),
        action: 'reraised',
        detail: { signalId: Number(r.id), subject: r.subject, periodStart: r.day },
      });
    }
  });
  return new Map(back.map((r) => [r.k, Number(r.id)]));
}
