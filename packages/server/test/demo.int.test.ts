// The demo city as `npm start` creates it: calibrated to 新乡's published 2020 figures, and resettable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDemo } from '../src/demo/load-demo.ts';
import { makeApp, type TestApp } from './helpers.ts';

describe('demo city', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp('pglite');
    await resetDemo(t.ctx, {});
  });
  afterAll(() => t?.close());

  it('matches the plan’s 2020 baseline (seed 000)', async () => {
    const s = await t.ctx.services.registry.summaries.summary('4107', 2020);
    expect(s).toMatchObject({
      institutions: 5358,
      beds: 41351,
      healthTechnicians: 43800,
      doctors: 18006,
      nurses: 18634,
      generalPractitioners: 1987,
    });
    expect(s.bedsPer1000).toBeCloseTo(6.61, 2);
    expect(s.population).toBeGreaterThan(6_200_000);
  });

  it('shows 2016 under 长垣县 and 2025 under 长垣市', async () => {
    const admin = await t.login('admin');
    const kids = async (y: number) =>
      (await t.call(admin, 'GET', `/api/v1/areas/4107/children-summary?year=${y}`))
        .json()
        .items.map((i: { code: string }) => i.code);
    expect(await kids(2016)).toContain('410728');
    expect(await kids(2016)).not.toContain('410783');
    expect(await kids(2025)).toContain('410783');
  });

  it('defaults summaries to the latest year with data', async () => {
    const admin = await t.login('admin');
    expect((await t.call(admin, 'GET', '/api/v1/areas/4107/summary')).json().year).toBe(2025);
  });

  it('resets again without breaking the demo users, and audits the reset', async () => {
    const again = await resetDemo(t.ctx, { seed: 7 });
    expect(again.institutions).toBeGreaterThan(5000);
    const hospital = await t.login('hospital');
    const list = (await t.call(hospital, 'GET', '/api/v1/institutions')).json();
    expect(list.total).toBe(1);
    const admin = await t.login('admin');
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=demo.reset')).json();
    expect(log.total).toBe(2);
  }, 240_000);
});
