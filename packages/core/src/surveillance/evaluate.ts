/**
 * Scores detectors on simulated series with known outbreaks (simulate.ts), to help choose an algorithm
 * per disease. Over the evaluation weeks of every simulated series:
 *
 * - sensitivity: outbreaks with at least one alarm between their first and last outbreak week, over
 *   all outbreaks;
 * - false-alarm rate: alarms in weeks without outbreak cases, over such weeks with a decision;
 * - PPV: alarms in outbreak weeks, over all alarms;
 * - time to detection: mean weeks from an outbreak's start to its first alarm (detected outbreaks);
 * - undecided: share of evaluated weeks with no bound (null alarm), e.g. Farrington's limit54.
 *
 * A detector that cannot run on a series (too short for its baseline) is reported with `error`.
 */
import type { Bilingual } from '../platform/text.ts';
import { type Algorithm, detect } from './detect.ts';
import { DetectionInputError } from './errors.ts';
import {
  SCENARIOS,
  type ScenarioParams,
  type SimulatedSeries,
  type SimulationOptions,
  simulateSeries,
} from './simulate.ts';

/** Detectors compared by default, with the parameters a county would start from. */
export const EVALUATION_DEFAULTS: Partial<Record<Algorithm, Record<string, unknown>>> = {
  farrington: { b: 5, w: 3, alpha: 0.01 },
  'farrington-flexible': { b: 5, w: 3, alpha: 0.01 },
  'ears-c1': { baseline: 7, alpha: 0.001 },
  'ears-c2': { baseline: 7, alpha: 0.001 },
  'ears-c3': { baseline: 7, alpha: 0.025 },
  cusum: { k: 1.04, h: 2.26, m: 'glm', trans: 'rossi' },
  // R's algo.bayes defaults (b = 0, w = 6, actY, alpha 0.05): b = 5 would need 5 years and 3 weeks
  // before the first evaluated week, more than the simulated 5 years of baseline.
  bayes: { b: 0, w: 6, actY: true, alpha: 0.05 },
  // alpha left out: estimated by glm.nb, R's default for algo.glrnb.
  glrnb: { 'c.ARL': 5, ret: 'value' },
  mpm: { percentile: 90, years: 3, halfWindow: 2 },
  ewma: { lambda: 0.4, baseline: 28, guardBand: 2, alpha: 0.01 },
};

export interface EvaluationOptions extends SimulationOptions {
  algorithms?: Algorithm[];
  /** simulated series per scenario (default 10), seeds seed, seed+1, … */
  series?: number;
  scenarios?: readonly ScenarioParams[];
  params?: Partial<Record<Algorithm, Record<string, unknown>>>;
}

export interface EvaluationRow {
  algorithm: Algorithm;
  scenario: string;
  outbreaks: number;
  detected: number;
  sensitivity: number | null;
  falseAlarmRate: number | null;
  ppv: number | null;
  meanTimeToDetection: number | null;
  undecided: number;
  alarms: number;
  ms: number;
  error?: Bilingual;
}

export interface EvaluationResult {
  seed: number;
  series: number;
  weeks: number;
  evaluationWeeks: number;
  scenarios: { name: string; theta: number; phi: number }[];
  rows: EvaluationRow[];
}

/** Scores one detector's alarms on one simulated series. */
export function scoreAlarms(sim: SimulatedSeries, alarm: readonly (boolean | null)[]) {
  const [from] = sim.evaluationRange;
  let falseAlarms = 0;
  let quietWeeks = 0;
  let trueAlarms = 0;
  let alarms = 0;
  let undecided = 0;
  alarm.forEach((a, i) => {
    const t = from + i;
    if (a === null) {
      undecided++;
      return;
    }
    const inOutbreak = sim.outbreakCases[t]! > 0;
    if (a) alarms++;
    if (inOutbreak && a) trueAlarms++;
    if (!inOutbreak) {
      quietWeeks++;
      if (a) falseAlarms++;
    }
  });
  let detected = 0;
  const delays: number[] = [];
  for (const o of sim.outbreaks) {
    for (let t = o.start; t <= o.end; t++) {
      if (alarm[t - from] === true) {
        detected++;
        delays.push(t - o.start);
        break;
      }
    }
  }
  return { outbreaks: sim.outbreaks.length, detected, delays, falseAlarms, quietWeeks, trueAlarms, alarms, undecided };
}

export function evaluateAlgorithms(opts: EvaluationOptions = {}): EvaluationResult {
  const seed = opts.seed ?? 1;
  const nSeries = opts.series ?? 10;
  const algorithms = opts.algorithms ?? (Object.keys(EVALUATION_DEFAULTS) as Algorithm[]);
  const scenarios = opts.scenarios ?? SCENARIOS;
  const rows: EvaluationRow[] = [];
  let weeks = 0;
  let evalWeeks = 0;
  for (const scenario of scenarios) {
    const sims = Array.from({ length: nSeries }, (_, i) => simulateSeries(scenario, { ...opts, seed: seed + i }));
    weeks = sims[0]?.observed.length ?? 0;
    evalWeeks = sims[0] ? sims[0].evaluationRange[1] - sims[0].evaluationRange[0] + 1 : 0;
    for (const algorithm of algorithms) {
      const params = opts.params?.[algorithm] ?? EVALUATION_DEFAULTS[algorithm] ?? {};
      const totals = {
        outbreaks: 0,
        detected: 0,
        falseAlarms: 0,
        quietWeeks: 0,
        trueAlarms: 0,
        alarms: 0,
        undecided: 0,
      };
      const delays: number[] = [];
      const started = performance.now();
      let error: Bilingual | undefined;
      for (const sim of sims) {
        let alarm: (boolean | null)[];
        try {
          alarm = detect({
            algorithm,
            frequency: 52,
            observed: sim.observed,
            range: sim.evaluationRange,
            params,
          }).alarm;
        } catch (e) {
          if (!(e instanceof DetectionInputError)) throw e;
          error = { zh: e.zh, en: e.en };
          break;
        }
        const s = scoreAlarms(sim, alarm);
        totals.outbreaks += s.outbreaks;
        totals.detected += s.detected;
        totals.falseAlarms += s.falseAlarms;
        totals.quietWeeks += s.quietWeeks;
        totals.trueAlarms += s.trueAlarms;
        totals.alarms += s.alarms;
        totals.undecided += s.undecided;
        delays.push(...s.delays);
      }
      const r3 = (x: number) => Math.round(x * 1000) / 1000;
      rows.push({
        algorithm,
        scenario: scenario.name,
        outbreaks: totals.outbreaks,
        detected: totals.detected,
        sensitivity: error || !totals.outbreaks ? null : r3(totals.detected / totals.outbreaks),
        falseAlarmRate: error || !totals.quietWeeks ? null : r3(totals.falseAlarms / totals.quietWeeks),
        ppv: error || !totals.alarms ? null : r3(totals.trueAlarms / totals.alarms),
        meanTimeToDetection: error || !delays.length ? null : r3(delays.reduce((a, b) => a + b, 0) / delays.length),
        undecided: error ? 1 : r3(totals.undecided / Math.max(1, nSeries * evalWeeks)),
        alarms: totals.alarms,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(error ? { error } : {}),
      });
    }
  }
  return {
    seed,
    series: nSeries,
    weeks,
    evaluationWeeks: evalWeeks,
    scenarios: scenarios.map((s) => ({ name: s.name, theta: s.theta, phi: s.phi })),
    rows,
  };
}
