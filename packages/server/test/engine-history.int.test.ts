// The engine reads only the history a detector needs (issue 13, item 4): weekly diseases as weekly sums,
// streams of fixed-look-back detectors as their recent reporting days (the rest only for areas short of them:
// weekends, a school holiday, a silent source). The signals must be exactly those of the full reads.
import { addDays, dateOfDay, dayIndex } from '@weijian/core/surveillance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessPolicy } from '../src/platform/access-policy.ts';
import type { Queryable } from '../src/platform/db.ts';
import { diseaseSignals, streamSignals } from '../src/surveillance/engine-detectors.ts';
import { emptyStats, type RunScope } from '../src/surveillance/engine-model.ts';
import { citizenId, createInstitution, daysAgo } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const COUNTIES = ['410782', '410783'];

/**
 * A query handle that counts the data points it returned: a row, or each day of a row that carries an area's
 * days as an array (engine-series returns counts so).
 */
function counting(q: Queryable) {
  const c = {
    rows: 0,
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await q.query<T>(sql, params);
      for (const row of r.rows as { days?: unknown }[]) c.rows += Array.isArray(row.days) ? row.days.length : 1;
      return r;
    },
    exec: (sql: string) => q.exec(sql),
  };
  return c;
}

describe.each(ENGINES)('bounded history reads on %s', (engine) => {
  let t: TestApp;
  const today = daysAgo(0);
  // Three townships of 辉县市 and two of 长垣市, from the division tree.
  const TOWNSHIPS: string[] = [];

  beforeAll(async () => {
    t = await makeApp(engine);
    const tree = await t.ctx.services.registry.areas.tree();
    const year = Number(today.slice(0, 4));
    TOWNSHIPS.push(
      ...tree
        .childrenIn('410782', year)
        .slice(0, 3)
        .map((a) => a.code),
      ...tree
        .childrenIn('410783', year)
        .slice(0, 2)
        .map((a) => a.code),
    );
    const admin = await t.login('admin');
    const hospital = await createInstitution(t, admin, '辉县市第三人民医院', TOWNSHIPS[0]!);
    const policy = new AccessPolicy(
      await t.ctx.services.identity.users.adminPrincipal(),
      t.ctx.services.registry.areaScope,
      { principal: await t.ctx.services.identity.users.adminPrincipal(), ip: null },
    );
    const actor = { principal: policy.principal, ip: null };
    // 200 days of streams: schools on weekdays with a three-week holiday 60 days ago, clinics every day, one
    // clinic silent for the last 40 days, and a spike in the last three days.
    const rows: Record<string, unknown>[] = [];
    for (let d = 200; d >= 0; d--) {
      const date = daysAgo(d);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      TOWNSHIPS.forEach((township, i) => {
        const base = 3 + ((d * 7 + i * 3) % 5);
        if (weekday !== 0 && weekday !== 6 && !(d >= 60 && d < 81))
          rows.push({
            stream: 'school-absence-rash',
            sourceName: `第${i}小学`,
            areaCode: township,
            date,
            // Spikes now, and in the first days back from the holiday (whose baseline lies before the break).
            count: (d < 3 && i === 1) || (d >= 55 && d < 60 && i === 3) ? 40 : base,
            denominator: 900,
          });
        if (!(i === 4 && d < 40))
          rows.push({
            stream: 'fever-clinic',
            sourceName: `发热门诊${i}`,
            areaCode: township,
            date,
            count: d < 3 && i === 2 ? 60 : base * 2,
          });
      });
    }
    await t.ctx.services.surveillance.streams.ingest(policy, rows, actor);
    // Three years of hepatitis B cards in two counties, weekly farrington-flexible, with a recent rise.
    const cards: Record<string, unknown>[] = [];
    let n = 0;
    for (let d = 3 * 365; d >= 1; d -= 2) {
      const k = d < 20 ? 4 : 1;
      for (let j = 0; j < k; j++) {
        n++;
        const onset = daysAgo(d);
        cards.push({
          clientReportId: `EH-${n}`,
          institutionId: hospital,
          diseaseCode: 'B0302',
          classification: 'confirmed',
          patientName: `患者${n}`,
          citizenId: citizenId(20_000 + n),
          occupation: '农民',
          addressCode: TOWNSHIPS[n % TOWNSHIPS.length],
          onsetDate: onset,
          diagnosisAt: `${onset} 10:00`,
          reportedAt: `${onset} 12:00`,
          doctorName: '赵医生',
        });
      }
    }
    const r = await t.ctx.services.surveillance.intake.ingest(policy, cards, { actor, mode: 'bulk' });
    expect(r.rejected).toBe(0);
  }, 120_000);
  afterAll(() => t?.close());

  const scopes: RunScope[] = [
    { from: addDays(today, -13), to: today, counties: COUNTIES },
    { from: addDays(today, -90), to: today },
    // Inside the school holiday and just after it: the schools' baselines reach back past the break.
    { from: daysAgo(70), to: daysAgo(55) },
    { from: daysAgo(59), to: daysAgo(55) },
  ];

  it('finds the same stream signals reading a fraction of the rows', async () => {
    const streams = await t.ctx.services.surveillance.engine.streamDefinitions();
    let signals = 0;
    let boundedRows = 0;
    let fullRows = 0;
    for (const code of ['school-absence-rash', 'fever-clinic']) {
      const s = streams.find((x) => x.code === code)!;
      for (const scope of scopes) {
        const b = counting(t.ctx.db);
        const f = counting(t.ctx.db);
        const bounded = await streamSignals(b, s, scope, emptyStats());
        const full = await streamSignals(f, s, { ...scope, fullHistory: true }, emptyStats());
        expect(bounded, `${code} ${scope.from}..${scope.to}`).toEqual(full);
        signals += full.length;
        if (scope === scopes[0]) {
          boundedRows += b.rows;
          fullRows += f.rows;
        }
      }
    }
    // Not vacuous: the spikes alarm, and the latest weeks' bounded reads return far fewer rows.
    expect(signals).toBeGreaterThan(0);
    expect(boundedRows).toBeLessThan(fullRows / 2);
  });

  it('finds the same weekly disease signals from weekly sums', async () => {
    const d = (await t.ctx.services.surveillance.diseases.all()).get('B0302')!;
    expect(d.frequency).toBe('week');
    const dataStart = dateOfDay(dayIndex(today) - 3 * 365);
    let boundedRows = 0;
    let fullRows = 0;
    let points = 0;
    for (const scope of scopes) {
      const b = counting(t.ctx.db);
      const f = counting(t.ctx.db);
      const sb = emptyStats();
      const bounded = await diseaseSignals(b, d, scope, dataStart, sb);
      const full = await diseaseSignals(f, d, { ...scope, fullHistory: true }, dataStart, emptyStats());
      expect(bounded).toEqual(full);
      boundedRows += b.rows;
      fullRows += f.rows;
      points += sb.points;
    }
    expect(points).toBeGreaterThan(0);
    expect(boundedRows).toBeLessThan(fullRows);
  });
});
