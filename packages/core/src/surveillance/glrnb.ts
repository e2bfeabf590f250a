/**
 * Poisson generalized-likelihood-ratio detector for a change in the intercept (Höhle & Paul 2008),
 * reproducing R surveillance's algo.glrnb() with alpha = 0 (i.e. algo.glrpois).
 *
 * In-control means μ0,t come from a Poisson GLM fitted to all points before the range,
 * log μ0,t = β0 [+ β1 t] + Σ_{s=1..S} (γ_s cos(2πst/freq) + δ_s sin(2πst/freq)), t = 1, 2, … (R's
 * `mu0 = list(S, trend)`), or are given as a vector over the range. The statistic at n is
 * max_k sup_κ Σ_{t=k..n} log f_κ(x_t)/f_0(x_t) with κ restricted to ≥ 0 (dir 'inc') or ≤ 0 ('dec'),
 * k ranging over all earlier points (M = −1) or the window max(0, n−M) ≤ k ≤ n−Mtilde. An alarm is
 * raised when it reaches c.ARL, after which the detector restarts at the next point (as in R).
 * ret 'value' reports the statistic, ret 'cases' the smallest count at t that would have alarmed
 * (for 'dec': the smallest count that would *not* keep it alarming).
 * R quirks kept: the windowed statistic never uses the segment consisting of the current point
 * alone (k ≤ n − Mtilde), and it starts only at the (Mtilde+1)-th point of each run.
 */
import { fail, requireInteger, requireNumber, requireOneOf } from './errors.ts';
import { glmPoisson } from './stats/glm.ts';
import type { DetectionResult, SeriesInput } from './types.ts';

export interface GlrnbParams {
  'c.ARL'?: number;
  Mtilde?: number;
  M?: number;
  change?: 'intercept';
  dir?: 'inc' | 'dec';
  ret?: 'value' | 'cases';
  /** model for the in-control mean, or the in-control means over the range */
  mu0?: { S?: number; trend?: boolean } | readonly number[];
  /** only 0 (Poisson) is implemented */
  alpha?: 0;
}

/** C's fmax ignores NaN arguments; R's C code relies on that. */
function fmax(a: number, b: number): number {
  if (Number.isNaN(b)) return a;
  if (Number.isNaN(a)) return b;
  return Math.max(a, b);
}

function glrAt(
  x: Int32Array | number[],
  mu: readonly number[],
  n: number,
  dir: number,
  M: number,
  Mtilde: number,
): number {
  let sumx = 0;
  let summu = 0;
  let best = -1e99;
  const step = (k: number) => {
    sumx += x[k] as number;
    summu += mu[k] as number;
    const kappa = dir * fmax(0, dir * Math.log(sumx / summu));
    const s = kappa * sumx + (1 - Math.exp(kappa)) * summu;
    if (s > best) best = s;
  };
  if (M <= 0) {
    for (let k = n; k >= 0; k--) step(k);
  } else {
    for (let l = n - Mtilde + 1; l <= n; l++) {
      sumx += x[l] as number;
      summu += mu[l] as number;
    }
    for (let k = n - Mtilde; k >= Math.max(0, n - M); k--) step(k);
  }
  return best;
}

/** One run of the C routine glr_cusum / glr_cusum_window: returns the 1-based alarm index N. */
function run(x: number[], mu: number[], cARL: number, M: number, Mtilde: number, dir: number, wantCases: boolean) {
  const lx = x.length;
  const val = new Array<number>(lx).fill(0);
  const cases = new Array<number>(lx).fill(0);
  let N = lx;
  const first = M > 0 ? Mtilde : Math.max(0, Mtilde - 1);
  for (let n = first; n < lx; n++) {
    val[n] = glrAt(x, mu, n, dir, M, Mtilde);
    if (wantCases) {
      let xnew = -1;
      let g = cARL - dir;
      const old = x[n] as number;
      while (dir * g < cARL * dir) {
        xnew++;
        x[n] = xnew;
        g = glrAt(x, mu, n, dir, M, Mtilde);
        if (xnew > 1e7) break; // guard; R would loop forever
      }
      cases[n] = xnew;
      x[n] = old;
    }
    if ((val[n] as number) >= cARL) {
      N = n;
      break;
    }
  }
  return { N: N + 1, val, cases };
}

/** In-control means from the harmonic Poisson GLM of R's estimateGLRNbHook. */
export function glrMu0(
  observed: readonly number[],
  from: number,
  to: number,
  freq: number,
  S: number,
  trend: boolean,
): number[] {
  const t = Array.from({ length: from }, (_, i) => i + 1);
  const row = (tt: number) => {
    const r = [1];
    if (trend) r.push(tt);
    for (let s = 1; s <= S; s++) {
      r.push(Math.cos(((2 * s * Math.PI) / freq) * tt), Math.sin(((2 * s * Math.PI) / freq) * tt));
    }
    return r;
  };
  const rows = t.map(row);
  const p = (rows[0] as number[]).length;
  const columns = Array.from({ length: p }, (_, j) => rows.map((r) => r[j] as number));
  const fit = glmPoisson({ columns, y: observed.slice(0, from) });
  const out: number[] = [];
  for (let tt = from + 1; tt <= to + 1; tt++) {
    const r = row(tt);
    let eta = 0;
    r.forEach((v, j) => {
      const c = fit.coefficients[j] as number;
      if (!Number.isNaN(c)) eta += v * c;
    });
    out.push(Math.exp(eta));
  }
  return out;
}

export function glrnb(input: SeriesInput, params: GlrnbParams = {}): DetectionResult {
  const cARL = requireNumber('params.c.ARL', params['c.ARL'] ?? 5, 0, Infinity, true);
  const Mtilde = requireInteger('params.Mtilde', params.Mtilde ?? 1, 1);
  const M = requireInteger('params.M', params.M ?? -1, -1);
  if (M > 0 && M < Mtilde) fail('params.M', 'params.M 必须为 -1 或 ≥ Mtilde', 'params.M must be -1 or ≥ Mtilde');
  requireOneOf('params.change', params.change ?? 'intercept', ['intercept'] as const);
  const dir = requireOneOf('params.dir', params.dir ?? 'inc', ['inc', 'dec'] as const) === 'inc' ? 1 : -1;
  const ret = requireOneOf('params.ret', params.ret ?? 'value', ['value', 'cases'] as const);
  if ((params.alpha ?? 0) !== 0) {
    fail('params.alpha', '目前仅支持泊松 GLR（alpha = 0）', 'only the Poisson GLR (alpha = 0) is implemented');
  }
  const [from, to] = input.range;
  const L = to - from + 1;
  const xs: number[] = [];
  for (let i = from; i <= to; i++) {
    const v = input.observed[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      fail('observed', `评估范围内第 ${i} 点缺失`, `observation ${i} inside the range is missing`);
    }
    xs.push(Math.trunc(v));
  }
  let mu0: number[];
  if (Array.isArray(params.mu0)) {
    if (params.mu0.length !== L)
      fail('params.mu0', 'params.mu0 的长度必须等于 range 的长度', 'params.mu0 must have one value per range point');
    mu0 = [...(params.mu0 as readonly number[])];
  } else {
    const spec = (params.mu0 ?? {}) as { S?: number; trend?: boolean };
    if (from < 1) fail('range', 'range 之前必须有数据用于拟合 mu0', 'data before range are needed to fit mu0');
    const hist = input.observed.slice(0, from).map((v) => (v === null ? Number.NaN : v));
    mu0 = glrMu0(hist, from, to, input.frequency, requireInteger('params.mu0.S', spec.S ?? 1, 0), spec.trend ?? false);
  }

  const upper = new Array<number>(L).fill(0);
  const alarm = new Array<boolean>(L).fill(false);
  let x = xs;
  let mu = mu0;
  let done = 0;
  let last: ReturnType<typeof run> | undefined;
  let alarms = 0;
  while (done < L) {
    last = run([...x], mu, cARL, M, Mtilde, dir, ret === 'cases');
    const src = ret === 'value' ? last.val : last.cases;
    if (last.N <= x.length) {
      for (let i = 0; i < last.N; i++) upper[done + i] = src[i] as number;
      alarm[done + last.N - 1] = true;
      x = x.slice(last.N);
      mu = mu.slice(last.N);
      alarms++;
    }
    done += last.N;
  }
  if (last) {
    const src = ret === 'value' ? last.val : last.cases;
    const start = alarms === 0 ? 0 : done - last.N;
    for (let i = 0; i < src.length && start + i < L; i++) upper[start + i] = src[i] as number;
  }
  return {
    upperbound: upper.map((u) => (Number.isNaN(u) || u < 0 ? 0 : u)),
    alarm,
    expected: mu0.map((m) => (Number.isFinite(m) ? m : null)),
  };
}
