/**
 * Count-data GLR detectors (Höhle & Paul 2008), reproducing R surveillance's algo.glrnb():
 *
 * - `alpha = 0`: Poisson GLR (R's algo.glrpois / C glr_cusum, glr_cusum_window, glr_epi_window);
 * - `alpha > 0`: negative binomial with that fixed dispersion, Var = μ + αμ² (C glr_nb_window,
 *   glr_nbgeneral_window);
 * - `alpha` omitted, `null` or `'estimate'` (R's default: control$alpha is NULL unless given): NB with
 *   α = 1/θ, θ estimated together with the in-control model by MASS::glm.nb (stats/glm-nb.ts). Like R,
 *   this needs a fitted mu0; with mu0 given as a vector, alpha must be given.
 *
 * In-control means μ0,t come from a GLM fitted to all points before the range (rows with a missing
 * count left out, as glm's na.omit does), log μ0,t = β0 [+ β1 t] + Σ_{s=1..S} (γ_s cos(2πst/freq) +
 * δ_s sin(2πst/freq)), t = 1, 2, … (R's `mu0 = list(S, trend)`): Poisson for alpha = 0, NB(θ = 1/α)
 * for a fixed alpha, glm.nb for an estimated one. Or they are given as a vector over the range.
 *
 * change 'intercept': the statistic at n is max_k sup_κ Σ_{t=k..n} log f_κ(x_t)/f_0(x_t), μ_κ = μ0·e^κ,
 * κ restricted to ≥ 0 (dir 'inc') or ≤ 0 ('dec'). change 'epi' (epidemic chart, Held et al. 2005):
 * μ_λ,t = μ0,t + λ·x_{t−1}; dir does not apply (R ignores it; we reject 'dec').
 * k ranges over all earlier points of the run (M = −1) or a window of M points. An alarm is raised
 * when the statistic reaches c.ARL (exceeds it for the Poisson epidemic chart), after which the
 * detector restarts at the next point (as in R). ret 'value' reports the statistic, ret 'cases' the
 * smallest count at t that would have alarmed (for Poisson 'dec': the smallest count that would
 * *not* keep it alarming). `expected` = μ0.
 *
 * R quirks kept (each pinned by a fixture):
 * - Poisson, windowed: the statistic never uses the segment consisting of the current point alone
 *   (k ≤ n − Mtilde), and it starts only at the (Mtilde+1)-th point of each run. The NB and
 *   epidemic charts use k ≤ n − Mtilde + 1 and start at the Mtilde-th point.
 * - NB: κ̂ is found by Newton–Raphson (start 0.5 for the first k of each n, then the previous k's
 *   clamped estimate; stop at |Δκ| ≤ 1e-6, κ ≤ −18 or 1000 steps), and the NB epidemic chart reuses
 *   the *intercept* chart's κ̂ as its log λ (R's C code does; the GLR of that chart is therefore not
 *   the maximised likelihood ratio).
 * - NB ret 'cases' is R's brute force: move the count at t by ±1 until the alarm decision at t
 *   changes; a count of 0 that does not alarm gives 1e99 (R's loop requires a count ≥ 1), as does
 *   no change up to xMax + 1; an alarm that persists down to 0 gives 0 (R: NA → 0). For 'dec' no
 *   move ever changes the decision, so it is 1e99 without an alarm and 0 with one. The statistic is
 *   monotone in the count, so we find the changing count by bisection instead of R's ±1 walk.
 * - The Poisson epidemic chart's first run has x_0 = 0 before the range, later runs the count at the
 *   last alarm.
 */
import { fail, requireInteger, requireNumber, requireOneOf } from './errors.ts';
import { glmLog, glmPoisson, negativeBinomialFamily } from './stats/glm.ts';
import { glmNb } from './stats/glm-nb.ts';
import type { DetectionResult, SeriesInput } from './types.ts';

export interface GlrnbParams {
  'c.ARL'?: number;
  Mtilde?: number;
  M?: number;
  change?: 'intercept' | 'epi';
  dir?: 'inc' | 'dec';
  ret?: 'value' | 'cases';
  /** model for the in-control mean, or the in-control means over the range */
  mu0?: { S?: number; trend?: boolean; refit?: false } | readonly number[];
  /**
   * NB dispersion (Var = μ + αμ²): 0 = Poisson; > 0 fixed; omitted / null / 'estimate' = estimated by
   * glm.nb with the in-control model (R's default).
   */
  alpha?: number | null | 'estimate';
  /** largest count tried by the NB ret 'cases' search (R's xMax, default 1e4) */
  xMax?: number;
}

/** The in-control means over the range and the dispersion used (0 for Poisson). */
export interface GlrnbBaseline {
  mu0: number[];
  alpha: number;
  /** glm.nb's warning (e.g. "iteration limit reached" when the data are not over-dispersed) */
  warning?: string;
}

/** C's fmax ignores NaN arguments; R's C code relies on that. */
function fmax(a: number, b: number): number {
  if (Number.isNaN(b)) return a;
  if (Number.isNaN(a)) return b;
  return Math.max(a, b);
}

// ----------------------------------------------------------------------------- Poisson intercept

function glrAt(x: number[], mu: readonly number[], n: number, dir: number, M: number, Mtilde: number): number {
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

interface Segment {
  /** 1-based index of the alarm, length + 1 without one (R's res$N) */
  N: number;
  val: number[];
  cases?: number[];
}

/** One run of the C routine glr_cusum / glr_cusum_window. */
function runPoisson(
  x: number[],
  mu: readonly number[],
  cARL: number,
  M: number,
  Mtilde: number,
  dir: number,
  wantCases: boolean,
): Segment {
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

// ----------------------------------------------------------------------------- negative binomial

/** Newton–Raphson for the NB intercept κ̂ on x[k..n] as in glr_nb_window (nbScore / nbFisher). */
function nbKappa(x: number[], mu: readonly number[], alpha: number, k: number, n: number, start: number): number {
  let kOld = 0.4;
  let kNew = start;
  let iter = 0;
  while (kNew > -18 && Math.abs(kNew - kOld) > 1e-6 && iter < 1000) {
    iter++;
    kOld = kNew;
    const e = Math.exp(kOld);
    const ae = alpha * e;
    let score = 0;
    let info = 0;
    for (let i = k; i <= n; i++) {
      const m = mu[i] as number;
      const xi = x[i] as number;
      const d = 1 + ae * m;
      score += (xi - e * m) / d;
      info += (m * (alpha * xi + 1)) / (d * d);
    }
    kNew = kOld + score / (e * info);
  }
  return kNew;
}

/** The NB intercept chart's statistic at n (glr_nb_window). */
function glrNbAt(
  x: number[],
  mu: readonly number[],
  alpha: number,
  n: number,
  dir: number,
  M: number,
  Mtilde: number,
  stopAt = Number.POSITIVE_INFINITY,
): number {
  let maxGLR = -1e99;
  let kappaMl = 0.5;
  const low = M === -1 ? 0 : Math.max(0, n - M);
  const up = n - (Mtilde - 1);
  const ia = 1 / alpha;
  for (let k = low; k <= up; k++) {
    kappaMl = dir * fmax(0, dir * nbKappa(x, mu, alpha, k, n, kappaMl));
    const ek = Math.exp(kappaMl);
    let lnk = 0;
    for (let i = k; i <= n; i++) {
      const am = alpha * (mu[i] as number);
      const xi = x[i] as number;
      lnk += kappaMl * xi + (xi + ia) * Math.log((1 + am) / (1 + am * ek));
    }
    if (lnk > maxGLR) maxGLR = lnk;
    if (maxGLR >= stopAt) break; // the caller only asks whether it alarms
  }
  return maxGLR;
}

/** The NB epidemic chart's statistic at n (glr_nbgeneral_window). */
function glrNbEpiAt(
  x: number[],
  xm1: readonly number[],
  mu: readonly number[],
  alpha: number,
  n: number,
  M: number,
  Mtilde: number,
): number {
  let maxGLR = -1e99;
  let thetaMl = 0.5;
  const low = M === -1 ? 0 : Math.max(0, n - M);
  const up = n - (Mtilde - 1);
  const ia = 1 / alpha;
  // The in-control terms do not depend on the change point k or θ: once per point, not per (k, i).
  const logM0 = new Float64Array(n + 1);
  const logA0 = new Float64Array(n + 1);
  for (let i = low; i <= n; i++) {
    logM0[i] = Math.log(mu[i] as number);
    logA0[i] = Math.log(1 + alpha * (mu[i] as number));
  }
  for (let k = low; k <= up; k++) {
    thetaMl = nbKappa(x, mu, alpha, k, n, thetaMl);
    const et = Math.exp(thetaMl);
    let lnk = 0;
    for (let i = k; i <= n; i++) {
      const m1 = (mu[i] as number) + et * (xm1[i] as number);
      const xi = x[i] as number;
      const a0 = logA0[i] as number;
      const a1 = Math.log(1 + alpha * m1);
      lnk += xi * (Math.log(m1) - (logM0[i] as number) + a0 - a1) + ia * (a0 - a1);
    }
    if (lnk > maxGLR) maxGLR = lnk;
  }
  return maxGLR;
}

/** The Poisson epidemic chart's statistic at n (glr_epi_window). */
function glrEpiAt(x: number[], xm1: readonly number[], mu: readonly number[], n: number, M: number, Mtilde: number) {
  let maxGLR = -1e99;
  let lambdaMl = 0.5;
  const low = M === -1 ? 0 : Math.max(0, n - M);
  const up = n - (Mtilde - 1);
  for (let k = low; k <= up; k++) {
    let phiOld = 2.0;
    let phiNew = Math.log(lambdaMl);
    let iter = 0;
    while (phiNew > -18 && Math.abs(Math.exp(phiNew) - Math.exp(phiOld)) > 1e-6 && iter < 1000) {
      iter++;
      phiOld = phiNew;
      const e = Math.exp(phiOld);
      let s = 0;
      let f = 0;
      for (let i = k; i <= n; i++) {
        const xm = xm1[i] as number;
        const xi = x[i] as number;
        const d = e * xm + (mu[i] as number);
        s += (xi * xm) / d - xm;
        f += (xi * (xm * xm)) / (d * d);
      }
      const score = e * s;
      phiNew = phiOld + score / (-score + Math.exp(2.0 * phiOld) * f);
    }
    lambdaMl = Math.exp(phiNew);
    let lnk = 0;
    for (let i = k; i <= n; i++) {
      const xm = xm1[i] as number;
      lnk += (x[i] as number) * Math.log((lambdaMl * xm) / (mu[i] as number) + 1.0) - lambdaMl * xm;
    }
    if (lnk > maxGLR) maxGLR = lnk;
  }
  return maxGLR;
}

/** One run of the C routines glr_nb_window, glr_nbgeneral_window or glr_epi_window. */
function runWindowed(lx: number, stat: (n: number) => number, cARL: number, Mtilde: number, strict: boolean): Segment {
  const val = new Array<number>(lx).fill(0);
  let N = lx;
  for (let n = Math.max(Mtilde - 1, 0); n < lx; n++) {
    const g = stat(n);
    val[n] = g;
    if (strict ? g > cARL : g >= cARL) {
      N = n;
      break;
    }
  }
  return { N: N + 1, val };
}

/**
 * R's brute-force ret = 'cases' for the NB intercept chart, for the points 1..N of a run (see the
 * file comment). `alarmsAt(v)` tells whether the count v at `pos` alarms; it is non-decreasing in
 * v for 'inc' and non-increasing for 'dec', so the ±1 walk of R is replaced by bisection.
 */
function nbCasesAt(x0: number, gotAlarm: boolean, dir: number, xMax: number, alarmsAt: (v: number) => boolean) {
  if (x0 > xMax || x0 < 1) return gotAlarm ? Number.NaN : 1e99; // R's loop does not start
  if (dir < 0) return gotAlarm ? Number.NaN : 1e99; // the walk moves away from a change
  if (!gotAlarm) {
    // smallest alarming v in (x0, xMax + 1], or none
    let lo = x0; // known not to alarm
    let hi = x0 + 1;
    let step = 1;
    while (!alarmsAt(hi)) {
      if (hi >= xMax + 1) return 1e99;
      lo = hi;
      step *= 2;
      hi = Math.min(xMax + 1, hi + step);
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (alarmsAt(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  // largest v in [0, x0) that does not alarm; the answer is v + 1 (NA if every v alarms)
  let hi = x0; // known to alarm
  let lo = x0 - 1;
  let step = 1;
  while (alarmsAt(lo)) {
    if (lo <= 0) return Number.NaN;
    hi = lo;
    step *= 2;
    lo = Math.max(0, lo - step);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (alarmsAt(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

// ----------------------------------------------------------------------------- in-control model

function designRow(tt: number, freq: number, S: number, trend: boolean): number[] {
  const r = [1];
  if (trend) r.push(tt);
  for (let s = 1; s <= S; s++) {
    r.push(Math.cos(((2 * s * Math.PI) / freq) * tt), Math.sin(((2 * s * Math.PI) / freq) * tt));
  }
  return r;
}

/**
 * In-control means over the range [from, to] from the harmonic model of R's estimateGLRNbHook, fitted
 * to observed[0..from−1] (missing counts left out): Poisson (alpha 0), NB with θ = 1/alpha, or
 * glm.nb ('estimate', returning α̂ = 1/θ̂).
 */
export function glrnbBaseline(
  observed: readonly (number | null)[],
  from: number,
  to: number,
  freq: number,
  S: number,
  trend: boolean,
  alpha: number | 'estimate',
): GlrnbBaseline {
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < from; i++) {
    const v = observed[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    rows.push(designRow(i + 1, freq, S, trend));
    y.push(v);
  }
  if (y.length === 0) fail('observed', 'range 之前没有可用于拟合 mu0 的数据', 'no counts before range to fit mu0');
  const p = (rows[0] as number[]).length;
  const columns = Array.from({ length: p }, (_, j) => rows.map((r) => r[j] as number));
  let coefficients: number[];
  let usedAlpha: number;
  let warning: string | undefined;
  if (alpha === 'estimate') {
    const nb = glmNb({ columns, y });
    if (!(nb.theta > 0) || !Number.isFinite(nb.theta)) {
      fail(
        'params.alpha',
        '无法估计负二项离散参数 alpha（θ 的估计值不是正数），请给出 params.alpha（0 为泊松）',
        'the negative binomial dispersion could not be estimated (θ is not positive); give params.alpha (0 for Poisson)',
      );
    }
    coefficients = nb.fit.coefficients;
    usedAlpha = 1 / nb.theta;
    warning = nb.warning;
  } else if (alpha === 0) {
    coefficients = glmPoisson({ columns, y }).coefficients;
    usedAlpha = 0;
  } else {
    coefficients = glmLog({ columns, y }, negativeBinomialFamily(1 / alpha)).coefficients;
    usedAlpha = alpha;
  }
  const mu0: number[] = [];
  for (let tt = from + 1; tt <= to + 1; tt++) {
    let eta = 0;
    designRow(tt, freq, S, trend).forEach((v, j) => {
      const c = coefficients[j] as number;
      if (!Number.isNaN(c)) eta += v * c;
    });
    mu0.push(Math.exp(eta));
  }
  return { mu0, alpha: usedAlpha, ...(warning ? { warning } : {}) };
}

// ----------------------------------------------------------------------------- detector

function readAlpha(v: unknown): number | 'estimate' {
  if (v === undefined || v === null || v === 'estimate') return 'estimate';
  return requireNumber('params.alpha', v, 0);
}

export function glrnb(input: SeriesInput, params: GlrnbParams = {}): DetectionResult {
  const cARL = requireNumber('params.c.ARL', params['c.ARL'] ?? 5, 0, Infinity, true);
  const Mtilde = requireInteger('params.Mtilde', params.Mtilde ?? 1, 1);
  const M = requireInteger('params.M', params.M ?? -1, -1);
  if (M > 0 && M < Mtilde) fail('params.M', 'params.M 必须为 -1 或 ≥ Mtilde', 'params.M must be -1 or ≥ Mtilde');
  const change = requireOneOf('params.change', params.change ?? 'intercept', ['intercept', 'epi'] as const);
  const dir = requireOneOf('params.dir', params.dir ?? 'inc', ['inc', 'dec'] as const) === 'inc' ? 1 : -1;
  const ret = requireOneOf('params.ret', params.ret ?? 'value', ['value', 'cases'] as const);
  const xMax = requireInteger('params.xMax', params.xMax ?? 1e4, 0);
  const alphaSpec = readAlpha(params.alpha);
  if ((params as Record<string, unknown>).theta !== undefined && (params as Record<string, unknown>).theta !== null) {
    fail(
      'params.theta',
      '不支持已知变化量的 LR 检测（params.theta），请去掉该参数',
      'the LR chart for a known change (params.theta) is not implemented; leave params.theta out',
    );
  }
  if (change === 'epi') {
    if (ret === 'cases') {
      fail(
        'params.ret',
        "流行病（epi）GLR 只能返回统计量（ret = 'value'），R 也不支持 'cases'",
        "the epidemic (epi) GLR only returns the statistic (ret = 'value'); R has no 'cases' for it either",
      );
    }
    if (dir === -1) {
      fail(
        'params.dir',
        "流行病（epi）GLR 只检测上升（dir = 'inc'），R 会忽略 'dec'",
        "the epidemic (epi) GLR only detects increases (dir = 'inc'); R ignores 'dec'",
      );
    }
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
  let alpha: number;
  if (Array.isArray(params.mu0)) {
    if (params.mu0.length !== L)
      fail('params.mu0', 'params.mu0 的长度必须等于 range 的长度', 'params.mu0 must have one value per range point');
    (params.mu0 as readonly unknown[]).forEach((v, i) => {
      requireNumber(`params.mu0[${i}]`, v, 0, Infinity, true);
    });
    if (alphaSpec === 'estimate') {
      fail(
        'params.alpha',
        '给定 mu0 向量时必须给出 params.alpha（0 为泊松），因为没有可用于估计离散参数的模型',
        'with mu0 given as a vector, params.alpha must be given (0 for Poisson): there is no model to estimate it from',
      );
    }
    mu0 = [...(params.mu0 as readonly number[])];
    alpha = alphaSpec;
  } else {
    const spec = (params.mu0 ?? {}) as { S?: number; trend?: boolean; refit?: boolean };
    if (spec.refit === true) {
      fail(
        'params.mu0.refit',
        '不支持报警后重新拟合 mu0（refit）',
        'refitting mu0 after each alarm (refit) is not implemented',
      );
    }
    if (from < 1) fail('range', 'range 之前必须有数据用于拟合 mu0', 'data before range are needed to fit mu0');
    const base = glrnbBaseline(
      input.observed,
      from,
      to,
      input.frequency,
      requireInteger('params.mu0.S', spec.S ?? 1, 0),
      spec.trend ?? false,
      alphaSpec,
    );
    mu0 = base.mu0;
    alpha = base.alpha;
  }

  const segment = (x: number[], mu: number[], xm10: number): Segment => {
    if (alpha === 0 && change === 'intercept') return runPoisson([...x], mu, cARL, M, Mtilde, dir, ret === 'cases');
    if (change === 'epi') {
      const xm1 = [xm10, ...x.slice(0, -1)];
      return alpha === 0
        ? runWindowed(x.length, (n) => glrEpiAt(x, xm1, mu, n, M, Mtilde), cARL, Mtilde, true)
        : runWindowed(x.length, (n) => glrNbEpiAt(x, xm1, mu, alpha, n, M, Mtilde), cARL, Mtilde, false);
    }
    const seg = runWindowed(x.length, (n) => glrNbAt(x, mu, alpha, n, dir, M, Mtilde), cARL, Mtilde, false);
    if (ret === 'cases') {
      const cases = new Array<number>(x.length).fill(0);
      const work = [...x];
      for (let pos = 0; pos < Math.min(x.length, seg.N); pos++) {
        const x0 = x[pos] as number;
        cases[pos] = nbCasesAt(x0, seg.N <= pos + 1, dir, xMax, (v) => {
          work[pos] = v;
          const alarms = glrNbAt(work, mu, alpha, pos, dir, M, Mtilde, cARL) >= cARL;
          work[pos] = x0;
          return alarms;
        });
      }
      seg.cases = cases;
    }
    return seg;
  };

  const upper = new Array<number>(L).fill(0);
  const alarm = new Array<boolean>(L).fill(false);
  let x = xs;
  let mu = mu0;
  let xm10 = 0;
  let done = 0;
  let last: Segment | undefined;
  let alarms = 0;
  while (done < L) {
    last = segment(x, mu, xm10);
    const src = (ret === 'value' ? last.val : last.cases) as number[];
    if (last.N <= x.length) {
      for (let i = 0; i < last.N; i++) upper[done + i] = src[i] as number;
      alarm[done + last.N - 1] = true;
      xm10 = x[last.N - 1] as number;
      x = x.slice(last.N);
      mu = mu.slice(last.N);
      alarms++;
    }
    done += last.N;
  }
  if (last) {
    const src = (ret === 'value' ? last.val : last.cases) as number[];
    const start = alarms === 0 ? 0 : done - last.N;
    for (let i = 0; i < src.length && start + i < L; i++) upper[start + i] = src[i] as number;
  }
  return {
    upperbound: upper.map((u) => (Number.isNaN(u) || u < 0 ? 0 : u)),
    alarm,
    expected: mu0.map((m) => (Number.isFinite(m) ? m : null)),
  };
}
