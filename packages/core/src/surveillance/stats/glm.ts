/**
 * Log-link GLMs (Poisson / quasi-Poisson, and negative binomial with a fixed θ for glm.nb), fitted by
 * iteratively reweighted least squares the way R's glm.fit does it: same start (the family's
 * mustart, e.g. mu = y + 0.1 for Poisson), same convergence rule
 * (|dev − dev_old| / (|dev| + 0.1) < 1e-8, at most 25 iterations), same floor of the mean at
 * machine epsilon, and — important for matching R to 1e-9 — the working weights, QR factor and
 * therefore the covariance, hat values and Pearson dispersion are those of the *last* iteration,
 * evaluated at the mean from before its final update, while coefficients and fitted means are the
 * updated ones. Differences here would show up as ~1e-5 differences in Farrington thresholds.
 */

const DBL_EPSILON = 2.220446049250313e-16;

export interface GlmInput {
  /** Design matrix given as columns (each of length n). Put the intercept column first. */
  columns: readonly (readonly number[])[];
  y: readonly number[];
  offset?: readonly number[];
  /** Prior weights (R's `weights`); rows with weight 0 are left out of the fit like in R. */
  weights?: readonly number[];
  maxit?: number;
  epsilon?: number;
}

export interface GlmFit {
  /** NaN for columns that are aliased (linearly dependent), like R's NA coefficients. */
  coefficients: number[];
  aliased: boolean[];
  converged: boolean;
  iterations: number;
  mu: number[];
  eta: number[];
  /** Working weights of the last iteration (R's `fit$weights`). */
  workingWeights: number[];
  /** Unscaled covariance (X'WX)⁻¹ over the non-aliased coefficients, in their order. */
  covUnscaled: number[][];
  rank: number;
  dfResidual: number;
  /** Pearson dispersion as summary.glm reports it for quasi families (NaN if dfResidual = 0). */
  dispersion: number;
  deviance: number;
  /** Diagonal of the hat matrix (R's hatvalues / lm.influence). */
  hat: number[];
}

function linkinv(eta: number): number {
  return Math.max(Math.exp(eta), DBL_EPSILON);
}

/** Poisson deviance residual from log y and η = log μ (μ above its floor; below it, log μ itself). */
function poissonDevRow(y: number, mu: number, eta: number, logY: number, wt: number): number {
  if (!(y > 0)) return 2 * mu * wt;
  const logMu = mu > DBL_EPSILON ? eta : Math.log(mu);
  return 2 * wt * (y * (logY - logMu) - (y - mu));
}

function devResid(y: number, mu: number, wt: number): number {
  return y > 0 ? 2 * wt * (y * Math.log(y / mu) - (y - mu)) : 2 * mu * wt;
}

export interface Qr {
  coef: number[];
  aliased: boolean[];
  /** upper-triangular R over non-aliased columns, row-major rank×rank */
  r: number[][];
  rank: number;
}

/**
 * Householder least squares of b on the columns of A (n×p, column-major copies). A column whose
 * remaining norm falls below tol × its original norm is declared aliased, mirroring the limited
 * pivoting of LINPACK dqrdc2 used by R.
 */
export function qrSolve(cols: Float64Array[], b: Float64Array, tol: number): Qr {
  const n = b.length;
  const p = cols.length;
  const aliased = new Array<boolean>(p).fill(false);
  const active: number[] = [];
  const vs: Float64Array[] = [];
  const betas: number[] = [];
  const rCols: number[][] = []; // for each active column: its R entries above/at diagonal
  const work = cols.map((c) => Float64Array.from(c));
  const rhs = Float64Array.from(b);
  const origNorm = cols.map((c) => {
    let s = 0;
    for (const v of c) s += v * v;
    return Math.sqrt(s);
  });
  for (let j = 0; j < p; j++) {
    const col = work[j] as Float64Array;
    const k = active.length; // row index of the next pivot
    // apply previous reflectors already done (we update columns eagerly below)
    let norm = 0;
    for (let i = k; i < n; i++) norm += (col[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (k >= n || norm < tol * (origNorm[j] as number) || norm === 0) {
      aliased[j] = true;
      continue;
    }
    const x0 = col[k] as number;
    const alpha = x0 >= 0 ? -norm : norm;
    const v = new Float64Array(n);
    v[k] = x0 - alpha;
    for (let i = k + 1; i < n; i++) v[i] = col[i] as number;
    let vnorm2 = 0;
    for (let i = k; i < n; i++) vnorm2 += (v[i] as number) ** 2;
    const beta = vnorm2 === 0 ? 0 : 2 / vnorm2;
    // R entries of column j
    const rc: number[] = [];
    for (let i = 0; i < k; i++) rc.push(col[i] as number);
    rc.push(alpha);
    rCols.push(rc);
    // apply reflector to the later columns and to rhs
    for (let jj = j + 1; jj < p; jj++) {
      const c = work[jj] as Float64Array;
      let s = 0;
      for (let i = k; i < n; i++) s += (v[i] as number) * (c[i] as number);
      s *= beta;
      for (let i = k; i < n; i++) c[i] = (c[i] as number) - s * (v[i] as number);
    }
    let s = 0;
    for (let i = k; i < n; i++) s += (v[i] as number) * (rhs[i] as number);
    s *= beta;
    for (let i = k; i < n; i++) rhs[i] = (rhs[i] as number) - s * (v[i] as number);
    vs.push(v);
    betas.push(beta);
    active.push(j);
  }
  const rank = active.length;
  const r: number[][] = Array.from({ length: rank }, () => new Array<number>(rank).fill(0));
  for (let c = 0; c < rank; c++) {
    const rc = rCols[c] as number[];
    for (let i = 0; i <= c; i++) (r[i] as number[])[c] = rc[i] as number;
  }
  // back substitution
  const sol = new Array<number>(rank).fill(0);
  for (let i = rank - 1; i >= 0; i--) {
    let s = rhs[i] as number;
    for (let c = i + 1; c < rank; c++) s -= ((r[i] as number[])[c] as number) * (sol[c] as number);
    sol[i] = s / ((r[i] as number[])[i] as number);
  }
  const coef = new Array<number>(p).fill(Number.NaN);
  active.forEach((j, idx) => {
    coef[j] = sol[idx] as number;
  });
  return { coef, aliased, r, rank };
}

/** (RᵀR)⁻¹ = R⁻¹ R⁻ᵀ for upper-triangular R. */
export function invRtR(r: number[][]): number[][] {
  const k = r.length;
  const rinv: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    (rinv[j] as number[])[j] = 1 / ((r[j] as number[])[j] as number);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += ((r[i] as number[])[m] as number) * ((rinv[m] as number[])[j] as number);
      (rinv[i] as number[])[j] = -s / ((r[i] as number[])[i] as number);
    }
  }
  const cov: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let m = j; m < k; m++) s += ((rinv[i] as number[])[m] as number) * ((rinv[j] as number[])[m] as number);
      (cov[i] as number[])[j] = s;
      (cov[j] as number[])[i] = s;
    }
  }
  return cov;
}

/**
 * Cholesky factorisation of the weighted cross-product XᵀWX with R-like aliasing: a column whose
 * Schur-complement diagonal falls below tol² × its own diagonal is linearly dependent on earlier
 * columns (the same criterion as LINPACK's limited pivoting, expressed on XᵀWX) and is dropped.
 * Working on XᵀWX instead of a QR of √W·X lets us exploit the sparse design (intercept, trend and
 * one seasonal indicator per row): O(n) per IRLS step instead of O(n p²), which is what makes
 * farringtonFlexible with noPeriods = 10 fast.
 */
function cholSolve(A: Float64Array, bvec: Float64Array, p: number, tol: number) {
  const aliased = new Array<boolean>(p).fill(false);
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j] as number;
    for (let k = 0; k < j; k++) if (!aliased[k]) d -= (L[j * p + k] as number) ** 2;
    if (!(d > tol * tol * (A[j * p + j] as number)) || d <= 0) {
      aliased[j] = true;
      continue;
    }
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j] as number;
      for (let k = 0; k < j; k++) if (!aliased[k]) s -= (L[i * p + k] as number) * (L[j * p + k] as number);
      L[i * p + j] = s / ljj;
    }
  }
  const act: number[] = [];
  for (let j = 0; j < p; j++) if (!aliased[j]) act.push(j);
  const r = act.length;
  // forward/back substitution on the active sub-system
  const yv = new Float64Array(r);
  for (let u = 0; u < r; u++) {
    const i = act[u] as number;
    let s = bvec[i] as number;
    for (let v = 0; v < u; v++) s -= (L[i * p + (act[v] as number)] as number) * (yv[v] as number);
    yv[u] = s / (L[i * p + i] as number);
  }
  const xv = new Float64Array(r);
  for (let u = r - 1; u >= 0; u--) {
    const i = act[u] as number;
    let s = yv[u] as number;
    for (let v = u + 1; v < r; v++) s -= (L[(act[v] as number) * p + i] as number) * (xv[v] as number);
    xv[u] = s / (L[i * p + i] as number);
  }
  const coef = new Array<number>(p).fill(Number.NaN);
  act.forEach((j, u) => {
    coef[j] = xv[u] as number;
  });
  return { coef, aliased, rank: r, L, act };
}

/** (XᵀWX)⁻¹ over the active columns from the Cholesky factor: L⁻ᵀL⁻¹. Only needed once per fit. */
function cholInverse(L: Float64Array, act: readonly number[], p: number): number[][] {
  const r = act.length;
  const Linv: number[][] = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  for (let u = 0; u < r; u++) {
    const iu = act[u] as number;
    (Linv[u] as number[])[u] = 1 / (L[iu * p + iu] as number);
    for (let v = u + 1; v < r; v++) {
      const iv = act[v] as number;
      let s = 0;
      for (let m = u; m < v; m++)
        s += (L[iv * p + (act[m] as number)] as number) * ((Linv[m] as number[])[u] as number);
      (Linv[v] as number[])[u] = -s / (L[iv * p + iv] as number);
    }
  }
  const cov: number[][] = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  for (let u = 0; u < r; u++) {
    for (let v = u; v < r; v++) {
      let s = 0;
      for (let m = v; m < r; m++) s += ((Linv[m] as number[])[u] as number) * ((Linv[m] as number[])[v] as number);
      (cov[u] as number[])[v] = s;
      (cov[v] as number[])[u] = s;
    }
  }
  return cov;
}

/**
 * A log-link family as glm.fit uses it: the IRLS weight μ_η²/V(μ) (with μ_η = μ for the log link),
 * the deviance residual and the starting mean (`family$initialize`).
 */
export interface LogLinkFamily {
  weight(mu: number): number;
  devResid(y: number, mu: number, wt: number): number;
  mustart(y: number): number;
}

export const POISSON: LogLinkFamily = { weight: (m) => m, devResid, mustart: (y) => y + 0.1 };

/**
 * MASS::negative.binomial(theta) with the log link: V(μ) = μ + μ²/θ, R's deviance residuals
 * 2·wt·(y log(max(1, y)/μ) − (y + θ) log((y + θ)/(μ + θ))) and the start μ = y + (y = 0)/6.
 */
export function negativeBinomialFamily(theta: number): LogLinkFamily {
  return {
    weight: (m) => (m * m) / (m + (m * m) / theta),
    devResid: (y, mu, wt) =>
      2 * wt * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta))),
    mustart: (y) => y + (y === 0 ? 1 : 0) / 6,
  };
}

/** Fits log E[y] = Xβ + offset with Poisson variance (quasi-Poisson dispersion reported). */
export function glmPoisson(input: GlmInput): GlmFit {
  return glmLog(input, POISSON);
}

/**
 * glm.fit for a log-link family. `etastart` replaces the family's starting mean, as glm.nb passes
 * the previous fit's linear predictor.
 */
export function glmLog(input: GlmInput & { etastart?: readonly number[] }, family: LogLinkFamily): GlmFit {
  const { columns, y } = input;
  const n = y.length;
  const p = columns.length;
  const offset = input.offset;
  const weights = input.weights;
  const maxit = input.maxit ?? 25;
  const epsilon = input.epsilon ?? 1e-8;
  // R's glm.fit passes min(1e-7, epsilon/1000) to its QR; on XᵀWX we cannot resolve below ~1e-7.
  const tol = 1e-7;

  // Sparse rows: indices and values of the non-zero design entries of each row (typed arrays keep
  // the IRLS loop monomorphic and allocation-free).
  let nnz = 0;
  for (let c = 0; c < p; c++) {
    const col = columns[c] as readonly number[];
    for (let i = 0; i < n; i++) if (col[i] !== 0) nnz++;
  }
  const rowStart = new Int32Array(n + 1);
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  {
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < p; c++) {
        const v = (columns[c] as readonly number[])[i] as number;
        if (v !== 0) {
          idx[k] = c;
          val[k] = v;
          k++;
        }
      }
      rowStart[i + 1] = k;
    }
  }
  const offArr = new Float64Array(n);
  const pwArr = new Float64Array(n).fill(1);
  const yArr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (offset) offArr[i] = offset[i] as number;
    if (weights) pwArr[i] = weights[i] as number;
    yArr[i] = y[i] as number;
  }

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] = input.etastart ? (input.etastart[i] as number) : Math.log(family.mustart(yArr[i] as number));
    mu[i] = linkinv(eta[i] as number);
  }
  // Poisson, the Farrington hot path, is computed inline: y·log(y/μ) = y·(log y − η) while μ is above
  // its floor, which saves a log per row and iteration; other families go through their devResid. (No
  // closures in here: the TypeScript loader wraps each one it creates in a naming helper, per call.)
  const poisson = family === POISSON;
  const logY = new Float64Array(n);
  if (poisson) for (let i = 0; i < n; i++) logY[i] = (yArr[i] as number) > 0 ? Math.log(yArr[i] as number) : 0;
  let devold = 0;
  for (let i = 0; i < n; i++) {
    devold += poisson
      ? poissonDevRow(yArr[i] as number, mu[i] as number, eta[i] as number, logY[i] as number, pwArr[i] as number)
      : family.devResid(yArr[i] as number, mu[i] as number, pwArr[i] as number);
  }

  let conv = false;
  let iter = 0;
  let sol: ReturnType<typeof cholSolve> | undefined;
  const wLast = new Float64Array(n);
  const A = new Float64Array(p * p);
  const bvec = new Float64Array(p);
  let dev = devold;
  for (iter = 1; iter <= maxit; iter++) {
    A.fill(0);
    bvec.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = pwArr[i] as number;
      if (!(wi > 0)) {
        wLast[i] = 0;
        continue;
      }
      const e = eta[i] as number;
      // For the log link dμ/dη = max(exp(η), ε) = μ itself, so one exp per row suffices.
      const m = mu[i] as number;
      const z = e - (offArr[i] as number) + ((yArr[i] as number) - m) / m;
      const w2 = poisson ? wi * m : wi * family.weight(m);
      wLast[i] = w2;
      for (let a = rowStart[i] as number; a < (rowStart[i + 1] as number); a++) {
        const ca = idx[a] as number;
        const va = (val[a] as number) * w2;
        bvec[ca] = (bvec[ca] as number) + va * z;
        for (let b = rowStart[i] as number; b <= a; b++) {
          const cb = idx[b] as number;
          A[ca * p + cb] = (A[ca * p + cb] as number) + va * (val[b] as number);
        }
      }
    }
    for (let r = 0; r < p; r++) for (let c = r + 1; c < p; c++) A[r * p + c] = A[c * p + r] as number;
    sol = cholSolve(A, bvec, p, tol);
    const coef = sol.coef;
    for (let c = 0; c < p; c++) {
      if (!sol.aliased[c] && !Number.isFinite(coef[c] as number)) throw new Error('non-finite coefficients in GLM fit');
    }
    dev = 0;
    for (let i = 0; i < n; i++) {
      let s = offArr[i] as number;
      for (let a = rowStart[i] as number; a < (rowStart[i + 1] as number); a++) {
        const c = idx[a] as number;
        if (!sol.aliased[c]) s += (val[a] as number) * (coef[c] as number);
      }
      eta[i] = s;
      const m = linkinv(s);
      mu[i] = m;
      dev += poisson
        ? poissonDevRow(yArr[i] as number, m, s, logY[i] as number, pwArr[i] as number)
        : family.devResid(yArr[i] as number, m, pwArr[i] as number);
    }
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      conv = true;
      break;
    }
    devold = dev;
  }
  if (iter > maxit) iter = maxit;
  if (!sol) throw new Error('GLM fit did not run');

  const rank = sol.rank;
  let nOk = 0;
  for (let i = 0; i < n; i++) if (pwArr[i] !== 0) nOk++;
  const dfResidual = nOk - rank;
  const cov = cholInverse(sol.L, sol.act, p);
  const pos = new Int32Array(p).fill(-1);
  {
    let k = 0;
    for (let c = 0; c < p; c++) if (!sol.aliased[c]) pos[c] = k++;
  }
  let pearson = 0;
  const hat = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const wt = wLast[i] as number;
    if (!(wt > 0)) continue;
    const r = ((y[i] as number) - (mu[i] as number)) / (mu[i] as number);
    pearson += wt * r * r;
    let h = 0;
    for (let a = rowStart[i] as number; a < (rowStart[i + 1] as number); a++) {
      const ua = pos[idx[a] as number] as number;
      if (ua < 0) continue;
      for (let b = rowStart[i] as number; b < (rowStart[i + 1] as number); b++) {
        const ub = pos[idx[b] as number] as number;
        if (ub < 0) continue;
        h += (val[a] as number) * ((cov[ua] as number[])[ub] as number) * (val[b] as number);
      }
    }
    h *= wt;
    hat[i] = h > 1 - 10 * DBL_EPSILON ? 1 : h;
  }
  const dispersion = dfResidual > 0 ? pearson / dfResidual : Number.NaN;
  return {
    coefficients: sol.coef,
    aliased: sol.aliased,
    converged: conv,
    iterations: iter,
    mu: Array.from(mu),
    eta: Array.from(eta),
    workingWeights: Array.from(wLast),
    covUnscaled: cov,
    rank,
    dfResidual,
    dispersion,
    deviance: dev,
    hat,
  };
}

/**
 * Prediction at a new covariate row x (same column order as the design): linear predictor and its
 * standard error sqrt(xᵀ C x · dispersion), like predict.glm(type = "link", se.fit = TRUE).
 */
export function predictLink(
  fit: GlmFit,
  x: readonly number[],
  offset = 0,
  dispersion = fit.dispersion,
): { fit: number; se: number } {
  let eta = offset;
  const xa: number[] = [];
  x.forEach((v, j) => {
    if (!fit.aliased[j]) {
      eta += v * (fit.coefficients[j] as number);
      xa.push(v);
    }
  });
  let q = 0;
  for (let u = 0; u < xa.length; u++) {
    for (let v = 0; v < xa.length; v++)
      q += (xa[u] as number) * ((fit.covUnscaled[u] as number[])[v] as number) * (xa[v] as number);
  }
  return { fit: eta, se: Math.sqrt(q * dispersion) };
}

/** Index of column j among the non-aliased columns (for reading covUnscaled), or −1. */
export function activeIndex(fit: GlmFit, j: number): number {
  if (fit.aliased[j]) return -1;
  let k = 0;
  for (let c = 0; c < j; c++) if (!fit.aliased[c]) k++;
  return k;
}
