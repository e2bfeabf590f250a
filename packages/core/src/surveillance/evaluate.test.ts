import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../platform/prng.ts';
import { EVALUATION_DEFAULTS, evaluateAlgorithms, scoreAlarms } from './evaluate.ts';
import { rnegbin, rpois, SCENARIOS, simulateSeries } from './simulate.ts';

describe('outbreak simulation', () => {
  it('is reproducible with a seed and injects the outbreaks it reports', () => {
    const a = simulateSeries(SCENARIOS[1]!, { seed: 42 });
    const b = simulateSeries(SCENARIOS[1]!, { seed: 42 });
    expect(a.observed).toEqual(b.observed);
    expect(simulateSeries(SCENARIOS[1]!, { seed: 43 }).observed).not.toEqual(a.observed);
    expect(a.observed).toHaveLength(364);
    expect(a.outbreaks).toHaveLength(4);
    const injected = a.outbreakCases.reduce((s, x) => s + x, 0);
    expect(injected).toBe(a.outbreaks.reduce((s, o) => s + o.cases, 0));
    for (const o of a.outbreaks) expect(o.start).toBeGreaterThanOrEqual(a.evaluationRange[0]);
  });

  it('draws Poisson and negative-binomial counts with the right mean and variance', () => {
    const rnd = mulberry32(7);
    const n = 20000;
    for (const [mu, phi] of [
      [3, 1],
      [25, 1],
      [8, 2.5],
    ] as const) {
      const xs = Array.from({ length: n }, () => (phi === 1 ? rpois(rnd, mu) : rnegbin(rnd, mu, phi)));
      const m = xs.reduce((s, x) => s + x, 0) / n;
      const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
      expect(m).toBeCloseTo(mu, 0);
      expect(v / (phi * mu)).toBeGreaterThan(0.9);
      expect(v / (phi * mu)).toBeLessThan(1.1);
    }
  });
});

describe('algorithm evaluation', () => {
  it('scores alarms against known outbreaks', () => {
    const sim = simulateSeries(SCENARIOS[1]!, { seed: 1, weeks: 120, evaluationWeeks: 40, outbreaks: 2 });
    const from = sim.evaluationRange[0];
    const alarm = Array.from({ length: 40 }, (_, i) => i + from === sim.outbreaks[0]!.start || i === 39);
    const s = scoreAlarms(sim, alarm);
    expect(s.detected).toBeGreaterThanOrEqual(1);
    expect(s.delays[0]).toBe(0);
  });

  it('produces one row per algorithm and scenario, reproducibly', () => {
    const opts = { seed: 3, series: 3, algorithms: ['farrington-flexible', 'ears-c2', 'glrnb'] as const };
    const r = evaluateAlgorithms({ ...opts, algorithms: [...opts.algorithms] });
    expect(r.rows).toHaveLength(9);
    for (const row of r.rows) {
      expect(row.error).toBeUndefined();
      expect(row.sensitivity).not.toBeNull();
      expect(row.sensitivity!).toBeGreaterThanOrEqual(0);
      expect(row.falseAlarmRate!).toBeLessThan(0.5);
    }
    const ff = r.rows.find((x) => x.algorithm === 'farrington-flexible' && x.scenario === 'seasonal')!;
    expect(ff.sensitivity!).toBeGreaterThan(0.3);
    const again = evaluateAlgorithms({ ...opts, algorithms: [...opts.algorithms] });
    expect(again.rows.map(({ ms: _m, ...x }) => x)).toEqual(r.rows.map(({ ms: _m, ...x }) => x));
  });

  it("runs every default detector on every scenario, Bayes with R's defaults included", () => {
    const r = evaluateAlgorithms({ seed: 5, series: 2 });
    expect(r.rows).toHaveLength(Object.keys(EVALUATION_DEFAULTS).length * SCENARIOS.length);
    for (const row of r.rows)
      expect([row.algorithm, row.scenario, row.error]).toEqual([row.algorithm, row.scenario, undefined]);
    const bayesRows = r.rows.filter((x) => x.algorithm === 'bayes');
    expect(bayesRows.map((x) => x.scenario)).toEqual(SCENARIOS.map((s) => s.name));
    for (const row of bayesRows) {
      expect(row.sensitivity).not.toBeNull();
      expect(row.falseAlarmRate).not.toBeNull();
      expect(row.undecided).toBe(0);
    }
    expect(EVALUATION_DEFAULTS.bayes).toEqual({ b: 0, w: 6, actY: true, alpha: 0.05 });
  });

  it('reports a detector that cannot run as an error row', () => {
    const r = evaluateAlgorithms({ seed: 1, series: 1, weeks: 120, evaluationWeeks: 40, algorithms: ['mpm'] });
    expect(r.rows[0]!.error?.zh).toBeTruthy();
  });
});
