// Detector settings are checked by running the detector once on a quiet series: a bad parameter is named
// when the setting is saved, not at 3 a.m. when the engine runs.
import { type Algorithm, DetectionInputError, detect } from '@weijian/core/surveillance';
import { invalid } from '../platform/errors.ts';

/** 422 naming the parameter (or `params`) a detector refuses; `frequency` 52 (weekly) or 365 (daily). */
export function checkDetector(algorithm: Algorithm, params: Record<string, unknown>, frequency: 52 | 365): void {
  const n = frequency === 52 ? 8 * 52 : 6 * 365;
  try {
    detect({
      algorithm,
      frequency,
      observed: Array.from({ length: n }, (_, i) => i % 3),
      range: [n - 1, n - 1],
      params,
    });
  } catch (e) {
    if (e instanceof DetectionInputError)
      throw invalid([{ path: e.field.startsWith('params') ? e.field : 'params', message: { zh: e.zh, en: e.en } }]);
    throw e;
  }
}
