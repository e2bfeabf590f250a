import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DetectionInputError } from './errors.ts';
import type { GlrnbParams } from './glrnb.ts';
import { glrnb, glrnbBaseline } from './glrnb.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

type GlrCase = RCase & { r: RCase['r'] & { alpha?: number } };

const fixture = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../test-fixtures/surveillance/${file}`, import.meta.url), 'utf8')) as GlrCase[];
const cases = fixture('glrnb.json');
/** data without over-dispersion: α̂ is rounding noise at ~5e-8 (see make-fixtures.R) */
const flat = fixture('glrnb-not-overdispersed.json');

const input = (c: RCase) => ({ observed: c.observed, frequency: c.frequency, range: c.range });

describe('GLR detectors reproduce R surveillance algo.glrnb (Poisson and negative binomial)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = glrnb(input(c), c.params as GlrnbParams);
      expect(mismatches(c, got, 1e-9)).toEqual([]);
    });
  }
  for (const c of flat) {
    it(c.name, () => {
      const got = glrnb(input(c), c.params as GlrnbParams);
      expect(mismatches(c, got, 1e-7)).toEqual([]);
    });
  }

  it('estimates alpha like MASS::glm.nb when alpha is not given (R default)', () => {
    const estimated = [...cases, ...flat].filter((c) => c.r.alpha !== undefined);
    expect(estimated.length).toBeGreaterThanOrEqual(5);
    for (const c of estimated) {
      const mu0 = (c.params.mu0 ?? {}) as { S?: number; trend?: boolean };
      const b = glrnbBaseline(
        c.observed,
        c.range[0],
        c.range[1],
        c.frequency,
        mu0.S ?? 1,
        mu0.trend ?? false,
        'estimate',
      );
      // Without over-dispersion (ha frkr) theta.ml stops at its iteration limit on a flat score, so
      // rounding decides the last digits of θ̂ in R and here alike: 5e-8 apart, bounds 1.2e-8.
      const tol = b.warning === 'iteration limit reached' ? 1e-6 : 1e-12;
      expect([c.name, Math.abs(b.alpha - c.r.alpha!) / c.r.alpha! < tol]).toEqual([c.name, true]);
    }
  });

  it("treats alpha null and 'estimate' like an omitted alpha", () => {
    const c = cases.find((x) => x.name === 'shadar NB alpha estimated cases')!;
    const a = glrnb(input(c), c.params as GlrnbParams);
    expect(glrnb(input(c), { ...(c.params as GlrnbParams), alpha: null })).toEqual(a);
    expect(glrnb(input(c), { ...(c.params as GlrnbParams), alpha: 'estimate' })).toEqual(a);
  });

  const shadar = cases.find((x) => x.name === 'shadar given mu0')!;
  const bad: [string, GlrnbParams, string][] = [
    ['mu0 vector without alpha (R: error)', { mu0: shadar.params.mu0 as number[] }, 'params.alpha'],
    ['negative alpha', { alpha: -1 }, 'params.alpha'],
    ["epi with ret 'cases' (R: error)", { change: 'epi', ret: 'cases' }, 'params.ret'],
    ["epi with dir 'dec' (R ignores dir)", { change: 'epi', dir: 'dec' }, 'params.dir'],
    ['known change theta (lr_cusum)', { theta: 1.5 } as GlrnbParams, 'params.theta'],
    ['refit of mu0', { mu0: { S: 1, refit: true } } as unknown as GlrnbParams, 'params.mu0.refit'],
    ['unknown change', { change: 'trend' } as unknown as GlrnbParams, 'params.change'],
  ];
  for (const [what, params, field] of bad) {
    it(`rejects ${what} with a bilingual error`, () => {
      try {
        glrnb(input(shadar), params);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DetectionInputError);
        expect((e as DetectionInputError).field).toBe(field);
        expect((e as DetectionInputError).zh).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }

  it('runs on an under-dispersed series (theta.ml hits its iteration limit, as in R)', () => {
    const observed = Array.from({ length: 8 * 52 }, (_, i) => i % 3);
    const b = glrnbBaseline(observed, observed.length - 1, observed.length - 1, 52, 1, false, 'estimate');
    expect(b.warning).toBe('iteration limit reached');
    expect(b.alpha).toBeGreaterThan(0);
    expect(b.alpha).toBeLessThan(1e-3); // R: 3.78e-5
    const r = glrnb({ observed, frequency: 52, range: [observed.length - 1, observed.length - 1] }, {});
    expect(r.alarm).toEqual([false]);
  });
});
