// How the detection worker cuts queued case keys into engine runs, and how long it pauses after a round.
import { describe, expect, it } from 'vitest';
import type { DetectionKey } from './detection-queue.ts';
import { diseaseGroups, pauseAfter } from './detection-worker.ts';

const key = (subject: string, countyCode: string, from: string, to = from): DetectionKey => ({
  kind: 'case',
  subject,
  countyCode,
  from,
  to,
});

describe('diseaseGroups', () => {
  it('runs the diseases of recent days together, over every county and day any of them needs', () => {
    const groups = diseaseGroups([
      key('C11', '410782', '2026-12-01'),
      key('B13', '410783', '2026-12-03', '2026-12-05'),
      key('C11', '410781', '2026-11-28'),
    ]);
    expect(groups).toEqual([
      { from: '2026-11-28', to: '2026-12-05', diseases: ['C11', 'B13'], counties: ['410782', '410781', '410783'] },
    ]);
  });

  it('keeps a late card of months ago in its own run, so it does not widen the others (nor is cut off)', () => {
    const groups = diseaseGroups([
      key('C11', '410782', '2026-12-01'),
      key('B13', '410782', '2026-08-10'),
      key('B0302', '410783', '2026-12-04'),
    ]);
    expect(groups).toEqual([
      { from: '2026-08-10', to: '2026-08-10', diseases: ['B13'], counties: ['410782'] },
      { from: '2026-12-01', to: '2026-12-04', diseases: ['C11', 'B0302'], counties: ['410782', '410783'] },
    ]);
  });

  it('evaluates each disease at most INCREMENTAL_DAYS (8 weeks) before its latest day, as one run per disease did', () => {
    const [g] = diseaseGroups([key('C11', '410782', '2026-01-01', '2026-12-01')]);
    expect(g).toMatchObject({ from: '2026-10-06', to: '2026-12-01', diseases: ['C11'] });
  });

  it('has no run without keys', () => {
    expect(diseaseGroups([])).toEqual([]);
  });
});

describe('pauseAfter', () => {
  it('waits the interval after a short round, three times a long round, never more than 2 s', () => {
    expect(pauseAfter(50, 500)).toBe(500);
    expect(pauseAfter(400, 500)).toBe(1200);
    expect(pauseAfter(5000, 500)).toBe(2000);
    // A configured interval longer than the cap is kept.
    expect(pauseAfter(5000, 10_000)).toBe(10_000);
  });
});
