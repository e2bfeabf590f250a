// Two-step floating catchment area (Luo & Wang 2003) and its enhanced form with a Gaussian distance decay
// (E2SFCA as in Dai 2010). Step 1: each facility's supply over the demand within its catchment,
// R_j = S_j / Σ_{i: t_ij ≤ d0} W(t_ij)·P_i. Step 2: each demand point's accessibility, the sum of the ratios of
// the facilities within its catchment, A_i = Σ_{j: t_ij ≤ d0} W(t_ij)·R_j, given per 1,000 residents.
// W = 1 for `none`; for `gaussian` W(t) = (e^{-½(t/d0)²} − e^{-½}) / (1 − e^{-½}): 1 at the door, 0 at the
// catchment's edge.

export interface FcaInput {
  /** Supply per facility (doctors, beds, …). */
  supply: readonly number[];
  /** Population per demand point. */
  demand: readonly number[];
  /** Travel seconds, row-major demand × facilities (Infinity: unreachable). */
  matrixSeconds: ArrayLike<number>;
  catchmentSeconds: number;
  decay: 'none' | 'gaussian';
}

const E_HALF = Math.exp(-0.5);

export function decayWeight(seconds: number, catchmentSeconds: number, decay: 'none' | 'gaussian'): number {
  if (!(seconds <= catchmentSeconds)) return 0;
  if (decay === 'none') return 1;
  const r = seconds / catchmentSeconds;
  return (Math.exp(-0.5 * r * r) - E_HALF) / (1 - E_HALF);
}

/** Accessibility per demand point, per 1,000 of population (supply reachable per 1,000 residents). */
export function twoStepFca(input: FcaInput): Float64Array {
  const { supply, demand, matrixSeconds, catchmentSeconds, decay } = input;
  const nD = demand.length;
  const nS = supply.length;
  if (matrixSeconds.length !== nD * nS) throw new Error(`matrix has ${matrixSeconds.length} cells, not ${nD}×${nS}`);
  const weights = new Float64Array(nD * nS);
  for (let k = 0; k < weights.length; k++) weights[k] = decayWeight(matrixSeconds[k]!, catchmentSeconds, decay);
  const ratio = new Float64Array(nS);
  for (let j = 0; j < nS; j++) {
    let pop = 0;
    for (let i = 0; i < nD; i++) pop += weights[i * nS + j]! * demand[i]!;
    ratio[j] = pop > 0 ? supply[j]! / pop : 0;
  }
  const out = new Float64Array(nD);
  for (let i = 0; i < nD; i++) {
    let a = 0;
    for (let j = 0; j < nS; j++) a += weights[i * nS + j]! * ratio[j]!;
    out[i] = a * 1000;
  }
  return out;
}

/** One demand point's facilities in reach: their column indexes and travel seconds (≤ the catchment). */
export interface ReachRow {
  col: ArrayLike<number>;
  sec: ArrayLike<number>;
}

/**
 * twoStepFca on sparse rows: only the pairs within the catchment are held (a city's villages × thousands of
 * institutions would not fit as a dense table). `supply` is indexed by column; a column with no supply (a
 * facility closed or moved since the rows were computed) adds nothing. Seconds are clamped to the catchment
 * (rows were cut at it, a float32 copy may round a hair above).
 */
export function twoStepFcaSparse(input: {
  supply: ArrayLike<number>;
  demand: readonly number[];
  rows: readonly ReachRow[];
  catchmentSeconds: number;
  decay: 'none' | 'gaussian';
}): Float64Array {
  const { supply, demand, rows, catchmentSeconds, decay } = input;
  if (rows.length !== demand.length) throw new Error(`${rows.length} rows for ${demand.length} demand points`);
  const weight = (s: number) => decayWeight(Math.min(s, catchmentSeconds), catchmentSeconds, decay);
  const pop = new Float64Array(supply.length);
  rows.forEach((r, i) => {
    for (let k = 0; k < r.col.length; k++) pop[r.col[k]!]! += weight(r.sec[k]!) * demand[i]!;
  });
  const ratio = new Float64Array(supply.length);
  for (let j = 0; j < ratio.length; j++) ratio[j] = pop[j]! > 0 ? supply[j]! / pop[j]! : 0;
  const out = new Float64Array(demand.length);
  rows.forEach((r, i) => {
    let a = 0;
    for (let k = 0; k < r.col.length; k++) a += weight(r.sec[k]!) * ratio[r.col[k]!]!;
    out[i] = a * 1000;
  });
  return out;
}
