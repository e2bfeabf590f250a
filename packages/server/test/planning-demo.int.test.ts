// The demo city's plans: 新乡's plan from seed 000 evaluated against the demo registry and the synthetic
// reported values, and 连州's table imported as a second example.
import fs from 'node:fs';
import path from 'node:path';
import { parseTarget } from '@weijian/core/planning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XINXIANG_ROWS } from '../src/planning/demo-plan-xinxiang.ts';
import { getPlan } from '../src/planning/plans-repo.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

describe('新乡 demo plan table', () => {
  // The seed sits in shared/ beside the repository (absent in a bare clone: then only the quotes are checked).
  const seeds = path.resolve(import.meta.dirname, '../../../../shared/brief/seeds');
  const seedFile = fs.existsSync(seeds) ? fs.readdirSync(seeds).find((f) => f.startsWith('000_')) : undefined;
  const seed = seedFile ? fs.readFileSync(path.join(seeds, seedFile), 'utf8').replace(/\s/g, '') : null;

  it('quotes targets as the seed writes them, each parsed or structured by a person', () => {
    expect(XINXIANG_ROWS.length).toBeGreaterThanOrEqual(25);
    for (const r of XINXIANG_ROWS) {
      if (!r.assumed) {
        expect(r.quote.replace(/\s/g, '')).toContain(r.targetText.replace(/\s/g, ''));
        if (seed) expect(seed, r.name).toContain(r.targetText.replace(/\s/g, ''));
      }
      const parsed = parseTarget(r.targetText, { unit: r.unit });
      expect(parsed?.kind === 'unparsed', `${r.name}: ${r.targetText}`).toBe(r.manual !== undefined);
    }
  });
});

describe.each(ENGINES)('demo plans on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await makeApp(engine, {}, { demoScale: 1 });
    admin = await t.login('admin');
  }, 240_000);
  afterAll(() => t?.close());

  it('evaluates 新乡’s plan with a realistic mix of statuses, formula indicators from the registry', async () => {
    const plans = (await t.call(admin, 'GET', '/api/v1/plans')).json();
    expect(plans.items.map((p: { regionCode: string }) => p.regionCode).sort()).toEqual(['4107', '441882']);
    const xinxiang = plans.items.find((p: { regionCode: string }) => p.regionCode === '4107');
    expect(xinxiang.synthetic).toBe(true);
    const ev = (await t.call(admin, 'GET', `/api/v1/plans/${xinxiang.id}/evaluation?year=2024`)).json();
    expect(ev.total).toBe(XINXIANG_ROWS.length);
    for (const s of ['met', 'on-track', 'lagging', 'warning', 'no-data']) expect(ev.counts[s], s).toBeGreaterThan(0);
    const beds = ev.items.find((i: { catalogueCode: string }) => i.catalogueCode === 'beds-per-1000');
    expect(beds.actual.kind).toBe('computed');
    const summary = (await t.call(admin, 'GET', '/api/v1/areas/4107/summary?year=2024')).json();
    expect(beds.actual.value).toBeCloseTo(summary.bedsPer1000, 10);
    const byArea = (
      await t.call(admin, 'GET', `/api/v1/plans/${xinxiang.id}/indicators/${beds.seq}/by-area?year=2024`)
    ).json();
    expect(byArea.total).toBeGreaterThanOrEqual(10);
    expect(byArea.items.every((i: { actual: { value: number | null } }) => i.actual.value !== null)).toBe(true);
    // 甲乙类法定传染病报告发病率 comes from the early-warning module's demo cards.
    const notifiable = ev.items.find(
      (i: { catalogueCode: string }) => i.catalogueCode === 'notifiable-disease-incidence',
    );
    expect(notifiable.actual).toMatchObject({ kind: 'computed', source: 'surveillance' });
    expect(notifiable.actual.value).toBeGreaterThan(0);
    expect(notifiable.status).not.toBe('no-data');
    const lianzhou = plans.items.find((p: { regionCode: string }) => p.regionCode === '441882');
    const lz = (await t.call(admin, 'GET', `/api/v1/plans/${lianzhou.id}/evaluation?year=2023`)).json();
    expect(lz.total).toBe(19);
    expect(lz.counts['no-data']).toBeLessThan(19);
  });

  it('evaluates every county, township and year the same from the kept aggregates as from the records', async () => {
    // Migrations 014/015: counties and townships read case_counts and the registry's totals; switched off,
    // the same evaluation reads the case reports, yearly reports and institutions themselves.
    const { ctx } = t;
    const tree = await ctx.services.registry.areas.tree();
    const counties = tree.childrenIn('4107', 2025).map((c) => c.code);
    const townships = tree.childrenIn(counties[0]!, 2025).map((c) => c.code);
    const plans = (await t.call(admin, 'GET', '/api/v1/plans')).json();
    const id = plans.items.find((p: { regionCode: string }) => p.regionCode === '4107').id;
    const plan = (await getPlan(ctx.db, id))!;
    const { indicators } = await ctx.services.planning.plans.detail(id);
    const areas = ['4107', ...counties, ...townships];
    const grid = async () => {
      const g = await ctx.services.planning.evaluations.evaluate(plan, indicators, areas, 2016, 2025);
      return indicators.flatMap((ind) =>
        areas.flatMap((a) => [...Array(10)].map((_, n) => g.get(ind.seq, a, 2016 + n))),
      );
    };
    const cache = { enabled: ctx.cache.enabled, versioned: ctx.cache.versionedEnabled };
    ctx.cache.enabled = false;
    ctx.cache.versionedEnabled = false;
    try {
      const kept = await grid();
      ctx.services.registry.areaFacts.useTotals = false;
      ctx.services.surveillance.indicators.useCounts = false;
      const fresh = await grid();
      expect(
        kept.filter((e) => e?.provenance?.value !== null && e?.provenance?.value !== undefined).length,
      ).toBeGreaterThan(1000);
      expect(kept).toEqual(fresh);
    } finally {
      ctx.services.registry.areaFacts.useTotals = true;
      ctx.services.surveillance.indicators.useCounts = true;
      ctx.cache.enabled = cache.enabled;
      ctx.cache.versionedEnabled = cache.versioned;
    }
  });
});
