/**
 * Student t and gamma distributions (distribution functions and quantiles), accurate to ~1e-12
 * relative against R's pt/qt/pgamma/qgamma. Used for the t-test of the Farrington trend term
 * (summary.glm of a quasi-Poisson fit reports t-based p-values), the ESSENCE regression detector's
 * prediction interval, and exact Poisson confidence limits.
 */
import { lgamma } from './gamma-fn.ts';
import { qnorm } from './normal.ts';

const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction for the regularized incomplete beta (modified Lentz). */
function betacf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function pbeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lbt) * betacf(a, b, x)) / a;
  return 1 - (Math.exp(lbt) * betacf(b, a, 1 - x)) / b;
}

/** P(T ≤ x) for Student's t with df degrees of freedom. */
export function pt(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (!Number.isFinite(x)) return x < 0 ? 0 : 1;
  // Tail through the incomplete beta of df/(df+x²); the small tail is computed directly, never as 1 − big.
  const t2 = x * x;
  const tail = t2 < df ? 0.5 * (1 - pbeta(t2 / (df + t2), 0.5, df / 2)) : 0.5 * pbeta(df / (df + t2), df / 2, 0.5);
  return x < 0 ? tail : 1 - tail;
}

/** Density of Student's t. */
export function dt(x: number, df: number): number {
  const l =
    lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((x * x) / df);
  return Math.exp(l);
}

/** Quantile of Student's t: Newton's method on pt from a normal start, guarded by bisection. */
export function qt(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || df <= 0 || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -qt(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5)); // Cauchy, exact
  // Work on the lower tail (x < 0). Bracket [lo, 0].
  let lo = -1;
  while (pt(lo, df) > p) lo *= 2;
  let hi = 0;
  let x = Math.max(lo, Math.min(qnorm(p) * (1 + 1 / df), -1e-8));
  for (let i = 0; i < 200; i++) {
    const f = pt(x, df) - p;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / dt(x, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x)) return next;
    x = next;
  }
  return x;
}

/** Regularized lower incomplete gamma P(a, x) (series for x < a+1, continued fraction otherwise). */
export function pgamma(x: number, shape: number, scale = 1): number {
  if (Number.isNaN(x) || shape <= 0 || scale <= 0) return Number.NaN;
  const z = x / scale;
  if (z <= 0) return 0;
  if (!Number.isFinite(z)) return 1;
  const gln = lgamma(shape);
  if (z < shape + 1) {
    let ap = shape;
    let sum = 1 / shape;
    let del = sum;
    for (let n = 0; n < 100000; n++) {
      ap += 1;
      del *= z / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(-z + shape * Math.log(z) - gln);
  }
  let b = z + 1 - shape;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - shape);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return 1 - Math.exp(-z + shape * Math.log(z) - gln) * h;
}

/** Quantile of the gamma distribution (Wilson–Hilferty start, safeguarded Newton). */
export function qgamma(p: number, shape: number, scale = 1): number {
  if (Number.isNaN(p) || shape <= 0 || scale <= 0 || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const z = qnorm(p);
  const c = 1 / (9 * shape);
  let x = Math.max(1e-300, shape * (1 - c + z * Math.sqrt(c)) ** 3);
  if (shape < 1) x = Math.max(x, Math.exp((Math.log(p * shape) + lgamma(shape)) / shape));
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 300; i++) {
    const f = pgamma(x, shape) - p;
    if (f > 0) hi = x;
    else lo = x;
    const dens = Math.exp((shape - 1) * Math.log(x) - x - lgamma(shape));
    let next = x - f / dens;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = Number.isFinite(hi) ? (lo + hi) / 2 : x * 2;
    if (Math.abs(next - x) <= 1e-15 * x) return next * scale;
    x = next;
  }
  return x * scale;
}
