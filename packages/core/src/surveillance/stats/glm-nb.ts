/**
 * Negative-binomial regression with an estimated dispersion, as MASS::glm.nb fits it (used by R
 * surveillance's algo.glrnb when `alpha` is NULL):
 *
 * 1. a Poisson glm.fit (start μ = y + 0.1);
 * 2. θ = theta.ml(y, μ) — Newton–Raphson on the profile score of θ, started at n / Σ (y/μ − 1)²,
 *    at most `limit − 1` = 24 steps, stopping once |Δθ| ≤ ε^¼ (ε = machine epsilon);
 * 3. alternate: refit the NB(θ) glm.fit from η = log μ, re-estimate θ — from the means of the
 *    *previous* fit, as MASS does — until |ΔL|/√(2·max(1, df)) + |Δθ| ≤ 1e-8 (L: the NB
 *    log-likelihood), at most 25 alternations.
 *
 * Every step is the same as in MASS, so θ and the coefficients agree with R to rounding; with
 * under-dispersed data θ → ∞ and MASS stops at its iteration limit (R warns "iteration limit
 * reached"), which we report as `warning` too.
 */
import { digamma, lgamma, trigamma } from './gamma-fn.ts';
import { type GlmFit, type GlmInput, glmLog, glmPoisson, negativeBinomialFamily } from './glm.ts';

const EPS_QUARTER = 2 ** -13; // .Machine$double.eps^0.25

export interface ThetaMl {
  theta: number;
  /** MASS's attr(th, "warn"): "iteration limit reached" or "estimate truncated at zero" */
  warning?: string;
}

/** MASS::theta.ml with unit weights. */
export function thetaMl(y: readonly number[], mu: readonly number[], limit = 25): ThetaMl {
  const n = y.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += ((y[i] as number) / (mu[i] as number) - 1) ** 2;
  let t0 = n / s;
  const score = (th: number) => {
    const dg = digamma(th);
    const lt = Math.log(th);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      const mi = mu[i] as number;
      sum += digamma(th + yi) - dg + lt + 1 - Math.log(th + mi) - (yi + th) / (mi + th);
    }
    return sum;
  };
  const info = (th: number) => {
    const tg = trigamma(th);
    const it = 1 / th;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      const mi = mu[i] as number;
      sum += -trigamma(th + yi) + tg - it + 2 / (mi + th) - (yi + th) / (mi + th) ** 2;
    }
    return sum;
  };
  let it = 0;
  let del = 1;
  while (++it < limit && Math.abs(del) > EPS_QUARTER) {
    t0 = Math.abs(t0);
    del = score(t0) / info(t0);
    t0 += del;
  }
  let warning: string | undefined;
  if (t0 < 0) {
    t0 = 0;
    warning = 'estimate truncated at zero';
  }
  if (it === limit) warning = 'iteration limit reached';
  return { theta: t0, ...(warning ? { warning } : {}) };
}

function nbLoglik(th: number, mu: readonly number[], y: readonly number[]): number {
  const lgTh = lgamma(th);
  const thLogTh = th * Math.log(th);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    s +=
      lgamma(th + yi) -
      lgTh -
      lgamma(yi + 1) +
      thLogTh +
      yi * Math.log(mi + (yi === 0 ? 1 : 0)) -
      (th + yi) * Math.log(th + mi);
  }
  return s;
}

export interface GlmNbFit {
  fit: GlmFit;
  theta: number;
  /** the last theta.ml warning, or "alternation limit reached" */
  warning?: string;
}

/** MASS::glm.nb(y ~ X) with unit weights and no offset. */
export function glmNb(input: Pick<GlmInput, 'columns' | 'y'>, maxit = 25, epsilon = 1e-8): GlmNbFit {
  const y = input.y;
  let fit = glmPoisson({ columns: input.columns, y, maxit, epsilon });
  let mu = fit.mu;
  let th = thetaMl(y, mu, maxit);
  const d1 = Math.sqrt(2 * Math.max(1, fit.dfResidual));
  const d2 = 1;
  let del = 1;
  let Lm = nbLoglik(th.theta, mu, y);
  let Lm0 = Lm + 2 * d1;
  let iter = 0;
  while (++iter <= maxit && Math.abs(Lm0 - Lm) / d1 + Math.abs(del) / d2 > epsilon) {
    const eta = mu.map((m) => Math.log(m));
    fit = glmLog({ columns: input.columns, y, maxit, epsilon, etastart: eta }, negativeBinomialFamily(th.theta));
    const t0 = th.theta;
    th = thetaMl(y, mu, maxit);
    mu = fit.mu;
    del = t0 - th.theta;
    Lm0 = Lm;
    Lm = nbLoglik(th.theta, mu, y);
  }
  const warning = iter > maxit ? 'alternation limit reached' : th.warning;
  return { fit, theta: th.theta, ...(warning ? { warning } : {}) };
}
