// biome-ignore-all lint/correctness/noPrecisionLoss: coefficients are quoted digit for digit from AS 241 and Cody (as in R's nmath) so they can be checked against the sources; rounding to doubles is intended.
/**
 * Standard normal distribution, written to agree with R's `qnorm` / `pnorm` to machine precision,
 * because the detectors' thresholds (Farrington, EARS, …) are compared with R output.
 */

/**
 * Quantile of N(mean, sd²). Wichura's AS 241 (PPND16), the algorithm R's qnorm() uses.
 */
export function qnorm(p: number, mean = 0, sd = 1): number {
  if (Number.isNaN(p) || Number.isNaN(mean) || Number.isNaN(sd)) return Number.NaN;
  if (p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (sd < 0) return Number.NaN;
  if (sd === 0) return mean;
  const q = p - 0.5;
  let val: number;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    val =
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1.0);
  } else {
    let r = q < 0 ? p : 1 - p;
    r = Math.sqrt(-Math.log(r));
    if (r <= 5) {
      r -= 1.6;
      val =
        (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
          1.27045825245236838258) *
          r +
          3.64784832476320460504) *
          r +
          5.7694972214606914055) *
          r +
          4.6303378461565452959) *
          r +
          1.42343711074968357734) /
        (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
          0.14810397642748007459) *
          r +
          0.68976733498510000455) *
          r +
          1.6763848301838038494) *
          r +
          2.05319162663775882187) *
          r +
          1.0);
    } else {
      r -= 5;
      val =
        (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
          0.026532189526576123093) *
          r +
          0.29656057182850489123) *
          r +
          1.7848265399172913358) *
          r +
          5.4637849111641143699) *
          r +
          6.6579046435011037772) /
        (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
          7.868691311456132591e-4) *
          r +
          0.0148753612908506148525) *
          r +
          0.13692988092273580531) *
          r +
          0.59983220655588793769) *
          r +
          1.0);
    }
    if (q < 0) val = -val;
  }
  return mean + sd * val;
}

const M_SQRT_32 = 5.656854249492380195206754896838;
const M_1_SQRT_2PI = 0.398942280401432677939946059934;

/**
 * Lower tail of N(mean, sd²): Cody's rational Chebyshev approximation (R's pnorm_both), so the
 * tails agree with R well below 1e-300.
 */
export function pnorm(x: number, mean = 0, sd = 1, lowerTail = true): number {
  if (Number.isNaN(x) || Number.isNaN(mean) || Number.isNaN(sd)) return Number.NaN;
  if (sd < 0) return Number.NaN;
  const z = (x - mean) / sd;
  if (!Number.isFinite(z)) {
    if (Number.isNaN(z)) return Number.NaN; // x == mean and sd == 0 gives 0/0: R returns 1 for lower tail
    return z < 0 === lowerTail ? 0 : 1;
  }
  const [cum, ccum] = pnormBoth(z);
  return lowerTail ? cum : ccum;
}

const A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113,
];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
  0.02307344176494017303,
];
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5,
];

function at(a: readonly number[], i: number): number {
  return a[i] as number;
}

/** Returns [P(Z ≤ x), P(Z > x)] for the standard normal. */
function pnormBoth(x: number): [number, number] {
  const eps = 2.220446049250313e-16 * 0.5;
  const y = Math.abs(x);
  let cum: number;
  let ccum: number;
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > eps) {
      const xsq = x * x;
      xnum = at(A, 4) * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + at(A, i)) * xsq;
        xden = (xden + at(B, i)) * xsq;
      }
    }
    const temp = (x * (xnum + at(A, 3))) / (xden + at(B, 3));
    return [0.5 + temp, 0.5 - temp];
  }
  if (y <= M_SQRT_32) {
    let xnum = at(C, 8) * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + at(C, i)) * y;
      xden = (xden + at(D, i)) * y;
    }
    const temp = (xnum + at(C, 7)) / (xden + at(D, 7));
    const xsq = Math.trunc(y * 16) / 16;
    const del = (y - xsq) * (y + xsq);
    cum = Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * temp;
    ccum = 1 - cum;
  } else {
    const xsq = 1 / (x * x);
    let xnum = at(P, 5) * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + at(P, i)) * xsq;
      xden = (xden + at(Q, i)) * xsq;
    }
    let temp = (xsq * (xnum + at(P, 4))) / (xden + at(Q, 4));
    temp = (M_1_SQRT_2PI - temp) / y;
    const xsq2 = Math.trunc(x * 16) / 16;
    const del = (x - xsq2) * (x + xsq2);
    cum = Math.exp(-xsq2 * xsq2 * 0.5) * Math.exp(-del * 0.5) * temp;
    ccum = 1 - cum;
  }
  // cum holds the tail beyond |x|; swap for positive x.
  return x > 0 ? [ccum, cum] : [cum, ccum];
}
