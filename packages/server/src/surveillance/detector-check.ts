// Detector settings are checked when they are saved, not at 3 a.m. when the engine runs: first against the
// parameter definitions (core detector-params.ts), every bad parameter at once and named by its label as the
// settings form shows it; then by running the detector once on a quiet series, for what ties parameters
// together (glrnb's M ≥ Mtilde, a Farrington model that cannot be fitted …).
import {
  type Algorithm,
  DetectionInputError,
  detect,
  detectorParamIssues,
  paramName,
  paramSpecOf,
} from '@weijian/core/surveillance';
import { invalid } from '../platform/errors.ts';

/** 422 naming every parameter (or `params`) a detector refuses; `frequency` 52 (weekly) or 365 (daily). */
export function checkDetector(algorithm: Algorithm, params: Record<string, unknown>, frequency: 52 | 365): void {
  const issues = detectorParamIssues(algorithm, params);
  if (issues.length) throw invalid(issues);
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
    if (!(e instanceof DetectionInputError)) throw e;
    // The detector names its field by key (params.M); say which parameter that is on the form.
    const spec = paramSpecOf(algorithm, e.field);
    const name = spec ? paramName(spec) : null;
    const message = name ? { zh: `${name.zh}：${e.zh}`, en: `${name.en}: ${e.en}` } : { zh: e.zh, en: e.en };
    throw invalid([{ path: e.field.startsWith('params') ? e.field : 'params', message }]);
  }
}
