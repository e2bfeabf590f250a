/**
 * Poisson and negative-binomial densities, distribution functions and quantiles, agreeing with R's
 * dpois/ppois/qpois and dnbinom/pnbinom/qnbinom (prob parametrisation). Quantiles are integers, so
 * they match R exactly as long as the distribution function is accurate to ~1e-13.
 */
import { bd0, stirlerr } from './gamma-fn.ts';
import { qnorm } from './normal.ts';

const DBL_MIN = 2.2250738585072014e-308;
const DBL_EPSILON = 2.220446049250313e-16;
const LN_2PI = 1.8378770664093453; // log(2π)

/** Poisson probability mass P(X = x), x ≥ 0 integer (R's dpois_raw). */
export function dpois(x: number, lambda: number): number {
  if (lambda === 0) return x === 0 ? 1 : 0;
  if (!Number.isFinite(lambda) || x < 0) return 0;
  if (x <= lambda * DBL_MIN) return Math.exp(-lambda);
  if (lambda < x * DBL_MIN) return Math.exp(-lambda + x * Math.log(lambda) - lgammaInt(x + 1));
  return Math.exp(-stirlerr(x) - bd0(x, lambda)) / Math.sqrt(2 * Math.PI * x);
}

function lgammaInt(n: number): number {
  // only reached for astronomically small lambda; precision is irrelevant there
  let s = 0;
  for (let i = 2; i < n; i++) s += Math.log(i);
  return s;
}

/** R's dbinom_raw: binomial mass with real n, x (used by dnbinom). */
function dbinomRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    const lc = p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
    return Math.exp(lc);
  }
  if (x === n) {
    const lc = q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
    return Math.exp(lc);
  }
  if (x < 0 || x > n) return 0;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/** Negative-binomial mass P(X = x) with size > 0 (real) and success probability prob. */
export function dnbinom(x: number, size: number, prob: number): number {
  if (x < 0) return 0;
  if (x === 0 && size === 0) return 1;
  const ans = dbinomRaw(size, x + size, prob, 1 - prob);
  return (size / (size + x)) * ans;
}

/**
 * Sums a discrete mass downwards from x with the ratio pmf(k−1)/pmf(k); stops when the terms no
 * longer change the sum. Gives P(X ≤ x) with ~1e-14 relative error without an incomplete-beta or
 * incomplete-gamma routine.
 */
function sumDown(x: number, top: number, ratio: (k: number) => number, upperTail: () => number): number {
  if (top === 0 || !Number.isFinite(top)) return upperTail();
  let sum = top;
  let term = top;
  for (let k = x; k > 0; k--) {
    term *= ratio(k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

/** P(X ≤ x) for X ~ Poisson(lambda). */
export function ppois(x: number, lambda: number): number {
  if (Number.isNaN(x) || Number.isNaN(lambda) || lambda < 0) return Number.NaN;
  if (x < 0) return 0;
  if (lambda === 0) return 1;
  const xi = Math.floor(x + 1e-7);
  return sumDown(
    xi,
    dpois(xi, lambda),
    (k) => k / lambda,
    () => (xi > lambda ? 1 : 0),
  );
}

/** P(X ≤ x) for X ~ NegBin(size, prob) (number of failures before `size` successes). */
export function pnbinom(x: number, size: number, prob: number): number {
  if (Number.isNaN(x) || Number.isNaN(size) || Number.isNaN(prob)) return Number.NaN;
  if (size < 0 || prob <= 0 || prob > 1) return Number.NaN;
  if (x < 0) return 0;
  if (size === 0 || prob === 1) return 1;
  const xi = Math.floor(x + 1e-7);
  const q = 1 - prob;
  const mean = (size * q) / prob;
  return sumDown(
    xi,
    dnbinom(xi, size, prob),
    (k) => k / ((k - 1 + size) * q),
    () => (xi > mean ? 1 : 0),
  );
}

/**
 * Smallest integer y ≥ 0 with F(y) ≥ p (with R's fuzz for left continuity), starting from the
 * Cornish–Fisher approximation like R's qpois/qnbinom.
 */
function discreteQuantile(p: number, mu: number, sigma: number, gamma: number, cdf: (y: number) => number): number {
  if (p + 1.01 * DBL_EPSILON >= 1) return Number.POSITIVE_INFINITY;
  const z0 = qnorm(p);
  let y = Math.max(0, Math.round(mu + sigma * (z0 + (gamma * (z0 * z0 - 1)) / 6)));
  const target = p * (1 - 64 * DBL_EPSILON);
  // Coarse steps first for far-off starting values (R also searches in steps of y/1000 when y is large).
  let incr = Math.max(1, Math.floor(y * 0.001));
  for (;;) {
    if (cdf(y) >= target) {
      while (y > 0 && cdf(Math.max(0, y - incr)) >= target) y = Math.max(0, y - incr);
    } else {
      while (cdf(y) < target) y += incr;
    }
    // Invariant: cdf(y) >= target, and cdf(y - incr) < target (or y == 0).
    if (incr === 1 || y === 0) return y;
    incr = Math.max(1, Math.floor(incr / 100));
  }
}

/** Quantile of Poisson(lambda), as R's qpois(p, lambda). */
export function qpois(p: number, lambda: number): number {
  if (Number.isNaN(p) || Number.isNaN(lambda)) return Number.NaN;
  if (!Number.isFinite(lambda) || lambda < 0 || p < 0 || p > 1) return Number.NaN;
  if (lambda === 0 || p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const sigma = Math.sqrt(lambda);
  return discreteQuantile(p, lambda, sigma, 1 / sigma, (y) => ppois(y, lambda));
}

/** Quantile of NegBin(size, prob), as R's qnbinom(p, size, prob). */
export function qnbinom(p: number, size: number, prob: number): number {
  if (Number.isNaN(p) || Number.isNaN(size) || Number.isNaN(prob)) return Number.NaN;
  if (prob <= 0 || prob > 1 || size < 0 || p < 0 || p > 1) return Number.NaN;
  if (prob === 1 || size === 0 || p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const Q = 1 / prob;
  const P = (1 - prob) * Q;
  const mu = size * P;
  const sigma = Math.sqrt(size * P * Q);
  const gamma = (Q + P) / sigma;
  return discreteQuantile(p, mu, sigma, gamma, (y) => pnbinom(y, size, prob));
}
