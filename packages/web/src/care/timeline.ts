// The record's timeline: conditions, enrolments, follow-ups, checks and contracts as dated events, newest first.
import type { Timeline } from './types.ts';

export type TimelineEvent =
  | { date: string; kind: 'established' }
  | { date: string; kind: 'condition'; icd10: string; name: string }
  | { date: string; kind: 'enrolled' | 'ended'; program: string }
  | { date: string; kind: 'followup'; followup: Timeline['followups'][number] }
  | { date: string; kind: 'check'; check: Timeline['checks'][number] }
  | { date: string; kind: 'contract'; contract: Timeline['contracts'][number] };

export function timelineOf(established: string | null, r: Timeline): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  if (established) events.push({ date: established, kind: 'established' });
  for (const c of r.conditions ?? [])
    if (c.diagnosed) events.push({ date: c.diagnosed, kind: 'condition', icd10: c.icd10, name: c.name ?? c.icd10 });
  for (const e of r.enrolments ?? []) {
    events.push({ date: e.start, kind: 'enrolled', program: e.program });
    if (e.end) events.push({ date: e.end, kind: 'ended', program: e.program });
  }
  for (const f of r.followups ?? []) events.push({ date: f.date, kind: 'followup', followup: f });
  for (const c of r.checks ?? []) events.push({ date: c.date, kind: 'check', check: c });
  for (const c of r.contracts ?? []) events.push({ date: c.start, kind: 'contract', contract: c });
  // Newest first; on one day the order above (record, diagnosis, enrolment, visit, check, contract) is kept.
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.date === b.e.date ? a.i - b.i : a.e.date < b.e.date ? 1 : -1))
    .map((x) => x.e);
}
