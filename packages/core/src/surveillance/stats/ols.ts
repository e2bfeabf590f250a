/**
 * Ordinary least squares through the Householder QR of glm.ts (aliased columns dropped like R's lm),
 * with what a prediction interval needs: residual variance and (XᵀX)⁻¹.
 */
import { invRtR, qrSolve } from './glm.ts';

export interface OlsFit {
  coefficients: number[];
  aliased: boolean[];
  covUnscaled: number[][];
  rank: number;
  dfResidual: number;
  /** residual variance s² */
  sigma2: number;
  /** R² and adjusted R² (model with intercept assumed) */
  rSquared: number;
  adjRSquared: number;
}

export function ols(columns: readonly (readonly number[])[], y: readonly number[]): OlsFit {
  const n = y.length;
  const qr = qrSolve(
    columns.map((c) => Float64Array.from(c)),
    Float64Array.from(y),
    1e-7,
  );
  let rss = 0;
  let mean = 0;
  for (const v of y) mean += v / n;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    columns.forEach((c, j) => {
      if (!qr.aliased[j]) f += (c[i] as number) * (qr.coef[j] as number);
    });
    rss += ((y[i] as number) - f) ** 2;
    tss += ((y[i] as number) - mean) ** 2;
  }
  const df = n - qr.rank;
  const rSquared = tss > 0 ? 1 - rss / tss : Number.NaN;
  return {
    coefficients: qr.coef,
    aliased: qr.aliased,
    covUnscaled: invRtR(qr.r),
    rank: qr.rank,
    dfResidual: df,
    sigma2: df > 0 ? rss / df : Number.NaN,
    rSquared,
    adjRSquared: 1 - (1 - rSquared) * ((n - 1) / df),
  };
}

/** Prediction and the standard error of a new observation, s·√(1 + xᵀ(XᵀX)⁻¹x). */
export function olsPredict(fit: OlsFit, x: readonly number[]): { fit: number; sePred: number } {
  let f = 0;
  const xa: number[] = [];
  x.forEach((v, j) => {
    if (!fit.aliased[j]) {
      f += v * (fit.coefficients[j] as number);
      xa.push(v);
    }
  });
  let q = 0;
  for (let u = 0; u < xa.length; u++) {
    for (let v = 0; v < xa.length; v++)
      q += (xa[u] as number) * ((fit.covUnscaled[u] as number[])[v] as number) * (xa[v] as number);
  }
  return { fit: f, sePred: Math.sqrt(fit.sigma2 * (1 + q)) };
}
