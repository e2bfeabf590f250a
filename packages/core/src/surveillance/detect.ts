/**
 * One entry point for all time-series detectors, validating a JSON request (as read by
 * `weijian detect` or the analysts' API) and returning R-surveillance-style results.
 *
 * Request: { algorithm, frequency: 52 | 12 | 365, observed: (number|null)[], population?: number[],
 *            range: [from, to] (0-based inclusive), params: {...} } → { upperbound, alarm, expected }.
 * Errors are DetectionInputError with Chinese and English messages naming the field.
 */

import type { BayesParams } from './bayes.ts';
import { bayes } from './bayes.ts';
import type { CusumParams } from './cusum.ts';
import { cusum } from './cusum.ts';
import type { EarsParams } from './ears.ts';
import { ears } from './ears.ts';
import { fail } from './errors.ts';
import type { EwmaParams, RegressionParams, SwitchParams } from './essence.ts';
import { ewma, regression, switchDetector } from './essence.ts';
import type { FarringtonParams } from './farrington.ts';
import { farrington } from './farrington.ts';
import type { FarringtonFlexibleParams } from './farrington-flexible.ts';
import { farringtonFlexible } from './farrington-flexible.ts';
import type { FixedParams } from './fixed.ts';
import { fixedThreshold } from './fixed.ts';
import type { GlrnbParams } from './glrnb.ts';
import { glrnb } from './glrnb.ts';
import type { MpmParams } from './mpm.ts';
import { mpm } from './mpm.ts';
import type { DetectionResult, Frequency, SeriesInput } from './types.ts';

export const ALGORITHMS = [
  'farrington',
  'farrington-flexible',
  'ears-c1',
  'ears-c2',
  'ears-c3',
  'cusum',
  'bayes',
  'glrnb',
  'mpm',
  'ewma',
  'regression',
  'switch',
  'fixed',
] as const;

export type Algorithm = (typeof ALGORITHMS)[number];

export interface DetectRequest {
  algorithm: Algorithm;
  frequency: Frequency;
  observed: (number | null)[];
  population?: number[];
  range: [number, number];
  params?: Record<string, unknown>;
}

/** Validates an untrusted request object (e.g. parsed JSON) and narrows its type. */
export function validateDetectRequest(req: unknown): DetectRequest {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) {
    fail('request', '请求必须是一个 JSON 对象', 'the request must be a JSON object');
  }
  const r = req as Record<string, unknown>;
  if (typeof r.algorithm !== 'string' || !(ALGORITHMS as readonly string[]).includes(r.algorithm)) {
    fail(
      'algorithm',
      `algorithm 必须是以下之一：${ALGORITHMS.join(' | ')}`,
      `algorithm must be one of: ${ALGORITHMS.join(' | ')}`,
    );
  }
  if (r.frequency !== 52 && r.frequency !== 12 && r.frequency !== 365) {
    fail(
      'frequency',
      'frequency 必须是 52（周）、12（月）或 365（日）',
      'frequency must be 52 (weekly), 12 (monthly) or 365 (daily)',
    );
  }
  if (!Array.isArray(r.observed) || r.observed.length === 0) {
    fail('observed', 'observed 必须是非空的病例数数组', 'observed must be a non-empty array of counts');
  }
  (r.observed as unknown[]).forEach((v, i) => {
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      fail(
        `observed[${i}]`,
        `observed[${i}] 必须是非负数或 null`,
        `observed[${i}] must be a non-negative number or null`,
      );
    }
  });
  const n = (r.observed as unknown[]).length;
  if (r.population !== undefined) {
    if (!Array.isArray(r.population) || r.population.length !== n) {
      fail('population', 'population 的长度必须与 observed 相同', 'population must have the same length as observed');
    }
    (r.population as unknown[]).forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        fail(`population[${i}]`, `population[${i}] 必须是正数`, `population[${i}] must be a positive number`);
      }
    });
  }
  const range = r.range;
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((v) => Number.isInteger(v)) ||
    (range[0] as number) < 0 ||
    (range[1] as number) < (range[0] as number) ||
    (range[1] as number) >= n
  ) {
    fail(
      'range',
      `range 必须是 [起, 止]，0 ≤ 起 ≤ 止 ≤ ${n - 1}`,
      `range must be [from, to] with 0 ≤ from ≤ to ≤ ${n - 1}`,
    );
  }
  if (r.params !== undefined && (typeof r.params !== 'object' || r.params === null || Array.isArray(r.params))) {
    fail('params', 'params 必须是对象', 'params must be an object');
  }
  return r as unknown as DetectRequest;
}

/** Runs the requested detector over the range. */
export function detect(request: unknown): DetectionResult {
  const req = validateDetectRequest(request);
  const input: SeriesInput = {
    observed: req.observed,
    frequency: req.frequency,
    range: req.range,
    population: req.population,
  };
  const params = req.params ?? {};
  switch (req.algorithm) {
    case 'farrington':
      return farrington(input, params as FarringtonParams);
    case 'farrington-flexible':
      return farringtonFlexible(input, params as FarringtonFlexibleParams);
    case 'ears-c1':
      return ears('C1', input, params as EarsParams);
    case 'ears-c2':
      return ears('C2', input, params as EarsParams);
    case 'ears-c3':
      return ears('C3', input, params as EarsParams);
    case 'cusum':
      return cusum(input, params as CusumParams);
    case 'bayes':
      return bayes(input, params as BayesParams);
    case 'glrnb':
      return glrnb(input, params as GlrnbParams);
    case 'mpm':
      return mpm(input, params as MpmParams);
    case 'ewma':
      return ewma(input, params as EwmaParams);
    case 'regression':
      return regression(input, params as RegressionParams);
    case 'switch':
      return switchDetector(input, params as SwitchParams);
    case 'fixed':
      return fixedThreshold(input, params as FixedParams);
  }
}
