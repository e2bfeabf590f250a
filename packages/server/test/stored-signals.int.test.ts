// The run's snapshot of stored signals (signals-repo StoredSignals) answers what the per-subject query answers
// inside the dates and counties it read, and nothing outside them (the caller then queries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredSignals, storedSignals } from '../src/surveillance/signals-repo.ts';
import { ENGINES, makeTestContext, type TestContext } from './helpers.ts';

describe.each(ENGINES)('stored signals snapshot on %s', (engine) => {
  let t: TestContext;

  beforeAll(async () => {
    t = await makeTestContext(engine);
    const rows: [string, string, string, string, string][] = [
      // county, source, subject, period start, detail
      ['410782', 'stream', 'fever-clinic', '2026-03-02', '{}'],
      ['410782', 'stream', 'fever-clinic', '2026-03-05', '{"withdrawn": true}'],
      ['410783', 'stream', 'fever-clinic', '2026-03-04', '{}'],
      ['410782', 'stream', 'pharmacy-cough', '2026-03-03', '{}'],
      ['410782', 'fixed', 'A01', '2026-03-06', '{}'],
      ['410782', 'stream', 'fever-clinic', '2026-02-20', '{}'],
    ];
    for (const [county, source, subject, day, detail] of rows)
      await t.ctx.db.query(
        `insert into signals (county_code, area_code, area_level, source, category, subject, frequency, period_start,
                              period_end, observed, algorithm, detail)
         values ($1, $1, 'county', $2, 'case-report', $3, 'day', $4::date, $4::date, 5, 'ears-c2', $5::jsonb)`,
        [county, source, subject, day, detail],
      );
  });
  afterAll(() => t?.close());

  const keys = (xs: { countyCode: string; subject: string; periodStart: string }[]) =>
    xs.map((x) => `${x.countyCode}|${x.subject}|${x.periodStart}`).sort();

  it('answers as the query does inside its dates and counties', async () => {
    const snap = await StoredSignals.load(t.ctx.db, '2026-03-01', '2026-03-07');
    for (const range of [
      { from: '2026-03-01', to: '2026-03-07' },
      { from: '2026-03-03', to: '2026-03-07' },
      { from: '2026-03-01', to: '2026-03-07', counties: ['410783'] },
    ]) {
      const fromDb = await storedSignals(t.ctx.db, 'stream', 'fever-clinic', range);
      const kept = snap.get('stream', 'fever-clinic', range)!;
      expect(keys(kept)).toEqual(keys(fromDb));
    }
    // Not vacuous: the withdrawn one and the earlier one are left out, the other county kept.
    expect(keys(snap.get('stream', 'fever-clinic', { from: '2026-03-01', to: '2026-03-07' })!)).toEqual([
      '410782|fever-clinic|2026-03-02',
      '410783|fever-clinic|2026-03-04',
    ]);
    expect(snap.get('stream', 'none', { from: '2026-03-01', to: '2026-03-07' })).toEqual([]);
  });

  it('answers nothing outside what it read, and storedSignals then queries', async () => {
    const snap = await StoredSignals.load(t.ctx.db, '2026-03-01', '2026-03-07', ['410782']);
    expect(snap.get('stream', 'fever-clinic', { from: '2026-02-15', to: '2026-03-07', counties: ['410782'] })).toBe(
      undefined,
    );
    expect(snap.get('stream', 'fever-clinic', { from: '2026-03-01', to: '2026-03-07' })).toBe(undefined);
    expect(snap.get('stream', 'fever-clinic', { from: '2026-03-01', to: '2026-03-07', counties: ['410783'] })).toBe(
      undefined,
    );
    const wider = await storedSignals(t.ctx.db, 'stream', 'fever-clinic', {
      from: '2026-02-15',
      to: '2026-03-07',
      counties: ['410782'],
      stored: snap,
    });
    expect(keys(wider)).toEqual(['410782|fever-clinic|2026-02-20', '410782|fever-clinic|2026-03-02']);
  });
});
