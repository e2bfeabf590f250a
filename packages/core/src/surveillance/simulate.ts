/**
 * Outbreak simulation for choosing a detector (after Noufaily et al. 2013, §4): a weekly baseline
 * drawn from a negative binomial with a seasonal log-linear mean
 *
 *   μ_t = exp(θ + β·t + Σ_{j=1..m} γ_{1j} cos(2πjt/52) + γ_{2j} sin(2πjt/52)),   Var = φ·μ_t,
 *
 * plus injected outbreaks of known start and size: an outbreak starting in week s has
 * Poisson(k · sd_s) cases (sd_s = √(φ μ_s), so outbreaks scale with the baseline's noise) whose onsets
 * spread over the following weeks by a log-normal delay (median 1 week, floored). Everything is seeded
 * (mulberry32), so a seed reproduces the same series on every machine.
 */

import { mulberry32, type Random } from '../platform/prng.ts';
import { lgamma } from './stats/gamma-fn.ts';

export interface ScenarioParams {
  name: string;
  /** log baseline level (θ). */
  theta: number;
  /** linear trend per week (β). */
  beta: number;
  /** seasonal harmonics [γ1, γ2] per harmonic j = 1..m. */
  seasonality: [number, number][];
  /** dispersion φ ≥ 1 (1 = Poisson). */
  phi: number;
}

export interface SimulationOptions {
  seed?: number;
  /** length of the series in weeks (default 7 years: 5 years of baseline for Farrington + 2 evaluated). */
  weeks?: number;
  /** weeks at the end in which outbreaks start (default 104). */
  evaluationWeeks?: number;
  /** outbreaks injected into the evaluation weeks (default 4). */
  outbreaks?: number;
  /** outbreak size multiplier k (default 5). */
  k?: number;
}

export interface InjectedOutbreak {
  /** 0-based week index of the first outbreak case. */
  start: number;
  /** last week with an outbreak case. */
  end: number;
  cases: number;
}

export interface SimulatedSeries {
  scenario: string;
  seed: number;
  frequency: 52;
  observed: number[];
  /** the baseline mean μ_t */
  baseline: number[];
  /** outbreak cases per week (included in observed) */
  outbreakCases: number[];
  outbreaks: InjectedOutbreak[];
  evaluationRange: [number, number];
}

/** Scenarios spanning rare to common, seasonal diseases (counts of a county or a city per week). */
export const SCENARIOS: readonly ScenarioParams[] = [
  { name: 'rare', theta: -0.5, beta: 0, seasonality: [[0.2, 0.3]], phi: 1 },
  { name: 'seasonal', theta: 1.5, beta: 0, seasonality: [[0.6, 0.6]], phi: 1.5 },
  { name: 'common-trend', theta: 3, beta: 0.002, seasonality: [[0.3, 0.5]], phi: 2 },
];

export function baselineMean(s: ScenarioParams, t: number): number {
  let eta = s.theta + s.beta * t;
  s.seasonality.forEach(([g1, g2], j) => {
    const w = (2 * Math.PI * (j + 1) * t) / 52;
    eta += g1 * Math.cos(w) + g2 * Math.sin(w);
  });
  return Math.exp(eta);
}

export function simulateSeries(scenario: ScenarioParams, opts: SimulationOptions = {}): SimulatedSeries {
  const seed = opts.seed ?? 1;
  const n = opts.weeks ?? 7 * 52;
  const evalWeeks = Math.min(opts.evaluationWeeks ?? 104, n);
  const nOutbreaks = opts.outbreaks ?? 4;
  const k = opts.k ?? 5;
  const rnd = mulberry32(seed);
  const baseline: number[] = [];
  const observed: number[] = [];
  for (let t = 0; t < n; t++) {
    const mu = baselineMean(scenario, t);
    baseline.push(mu);
    observed.push(rnegbin(rnd, mu, scenario.phi));
  }
  const outbreakCases = new Array<number>(n).fill(0);
  const outbreaks: InjectedOutbreak[] = [];
  const from = n - evalWeeks;
  // Starts are spread over the evaluation weeks, one per slot, so outbreaks do not overlap.
  const slot = Math.floor(evalWeeks / Math.max(1, nOutbreaks));
  for (let i = 0; i < nOutbreaks && slot >= 4; i++) {
    const start = from + i * slot + Math.floor(rnd() * (slot - 3));
    const sd = Math.sqrt(scenario.phi * baseline[start]!);
    const cases = Math.max(1, rpois(rnd, k * sd));
    let end = start;
    for (let c = 0; c < cases; c++) {
      // Log-normal delay with median 1 week: about half the cases fall in the start week.
      const delay = Math.floor(Math.exp(0.5 * rnorm(rnd)));
      const w = Math.min(n - 1, start + delay);
      outbreakCases[w]! += 1;
      if (w > end) end = w;
    }
    outbreaks.push({ start, end, cases });
  }
  for (let t = 0; t < n; t++) observed[t]! += outbreakCases[t]!;
  return {
    scenario: scenario.name,
    seed,
    frequency: 52,
    observed,
    baseline,
    outbreakCases,
    outbreaks,
    evaluationRange: [from, n - 1],
  };
}

// --- random variates -------------------------------------------------------------------------------

export function rnorm(rnd: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - rnd();
  const v = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang (2000); shape < 1 by the boost u^(1/shape). */
export function rgamma(rnd: Random, shape: number): number {
  if (shape < 1) return rgamma(rnd, shape + 1) * (1 - rnd()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rnorm(rnd);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rnd();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Poisson: multiplication method below 10, Hörmann's PTRS (transformed rejection) above. */
export function rpois(rnd: Random, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    const L = Math.exp(-lambda);
    let k = 0;
    let p = rnd();
    while (p > L) {
      k++;
      p *= rnd();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rnd() - 0.5;
    const V = rnd();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1))
      return k;
  }
}

/** Negative binomial with mean μ and variance φ·μ (gamma–Poisson mixture); φ = 1 is Poisson. */
export function rnegbin(rnd: Random, mu: number, phi: number): number {
  if (phi <= 1) return rpois(rnd, mu);
  const size = mu / (phi - 1);
  return rpois(rnd, rgamma(rnd, size) * (phi - 1));
}
