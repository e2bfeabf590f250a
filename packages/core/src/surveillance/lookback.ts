/**
 * How many periods of history a detector reads before the first evaluated point, from its parameters.
 * The signal engine fetches exactly this much (plus a margin) instead of the whole series, so an
 * incremental run after an ingestion batch stays cheap.
 */
import type { Algorithm } from './detect.ts';
import type { Frequency } from './types.ts';

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

export function lookbackPeriods(algorithm: Algorithm, params: Record<string, unknown>, frequency: Frequency): number {
  const w = num(params.w, 3);
  switch (algorithm) {
    case 'farrington':
    case 'farrington-flexible':
      return num(params.b, 5) * frequency + w + 1;
    case 'bayes':
      // algo.bayes reads back to t − b·freq − w; R's defaults are b = 0, w = 6.
      return num(params.b, 0) * frequency + num(params.w, 6) + 1;
    case 'mpm': {
      const len = frequency === 365 ? num(params.windowDays, 7) : 1;
      return num(params.years, 3) * frequency + num(params.halfWindow, 2) * len + len;
    }
    case 'ears-c1':
    case 'ears-c2':
    case 'ears-c3':
      return num(params.baseline, 7) + 5;
    case 'ewma':
    case 'regression':
    case 'switch':
      return Math.max(num(params.baseline, 28), num(params.regressionBaseline, 56)) + num(params.guardBand, 2) + 1;
    case 'fixed':
      return num(params.window, 1);
    // CUSUM and the GLR fit their in-control mean on the points before the range: two years of them.
    case 'cusum':
    case 'glrnb':
      return 2 * frequency;
  }
}
