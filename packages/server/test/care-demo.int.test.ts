// The care part of the demo city (issue 15 §9): full records for the smallest county, calibrated to the
// published rates (建档 ~90%, 签约 ~45%, key ~75%, hypertension ~70% standardised, ~60% controlled), the other
// counties without care records (their plan values stay the reported ones); the village doctor signs in and
// has a work list, the demo resident sees their own record; the plan engine computes the full county's care
// indicators from the records. At a small scale (the registry's population, hence the county's residents,
// scales with it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareServices } from '../src/care/services.ts';
import type { PlanningServices } from '../src/planning/services.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

interface Figure {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string | null;
}

describe.each(ENGINES)('care demo on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let full = '';
  let other = '';

  beforeAll(async () => {
    t = await makeApp(engine, {}, { demoScale: 0.05 });
    admin = await t.login('admin');
    const care = t.ctx.services.care as CareServices;
    const { rows } = await care.db.query<{ county: string }>(
      'select distinct county_code as county from care_residents',
    );
    expect(rows).toHaveLength(1);
    full = rows[0]!.county;
    other = (await care.areas.tree()).childrenIn('4107', 2025).find((c) => c.code !== full)!.code;
  }, 900_000);
  afterAll(() => t?.close());

  it('computes the full county from its records, near the published rates; others have none', async () => {
    const r = await t.call(admin, 'GET', `/api/v1/care/indicators?area=${full}&year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const f = new Map((r.json().indicators as Figure[]).map((x) => [x.code, x]));
    expect([...f.values()].every((x) => x.source === 'care')).toBe(true);
    const within = (code: string, lo: number, hi: number) => {
      const v = f.get(code)!.value;
      expect(v, code).not.toBeNull();
      expect(v!, code).toBeGreaterThanOrEqual(lo);
      expect(v!, code).toBeLessThanOrEqual(hi);
    };
    within('ehr-coverage', 82, 97);
    within('family-doctor-signing', 35, 55);
    within('family-doctor-signing-key', 62, 88);
    within('hypertension-management', 55, 85);
    within('hypertension-bp-control', 45, 75);
    within('elderly-health-management', 55, 85);

    const o = (await t.call(admin, 'GET', `/api/v1/care/indicators?area=${other}&year=2025`)).json();
    expect((o.indicators as Figure[]).every((x) => x.source === null && x.value === null)).toBe(true);

    const planning = t.ctx.services.planning as PlanningServices;
    const values = await planning.indicators.values(['hypertension-management'], [full, other], 2025, 2025);
    expect(values.get('hypertension-management', full, 2025)).toMatchObject({ kind: 'computed', source: 'care' });
    expect(values.get('hypertension-management', other, 2025)).toMatchObject({
      kind: 'reported',
      module: { name: 'care', hasData: false },
    });
  }, 300_000);

  it('gives the village doctor a work list and the demo resident their own record', async () => {
    const doctor = await t.login('village-doctor');
    const list = await t.call(doctor, 'GET', '/api/v1/care/worklist?status=all');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    const resident = await t.login('resident');
    const me = await t.call(resident, 'GET', '/api/v1/care/me');
    expect(me.statusCode, me.body).toBe(200);
    // The resident role reads nothing else.
    expect((await t.call(resident, 'GET', `/api/v1/care/indicators?area=${full}&year=2025`)).statusCode).toBe(403);
  }, 300_000);
});
