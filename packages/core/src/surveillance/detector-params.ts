// The parameters of each detector, once (detector-param-specs.ts): the settings form is built from them
// (typed fields instead of raw JSON) and the server checks a setting against them, reporting every bad
// parameter at once by its label before the detector itself is run for the rules that tie parameters together
// (glrnb's M ≥ Mtilde, enough history for b years …).
import type { Bilingual } from '../platform/text.ts';
import type { Algorithm } from './detect.ts';
import {
  EWMA,
  ears,
  FARRINGTON,
  FARRINGTON_FLEXIBLE,
  L,
  type ParamSpec,
  REGRESSION,
  SWITCH,
} from './detector-param-specs.ts';
import { BAYES, CUSUM, FIXED, GLRNB, MPM } from './detector-param-specs-more.ts';

export type { ParamSpec, ParamValue } from './detector-param-specs.ts';

export const DETECTOR_PARAMS: Record<Algorithm, readonly ParamSpec[]> = {
  farrington: FARRINGTON,
  'farrington-flexible': FARRINGTON_FLEXIBLE,
  'ears-c1': ears(0.001, false),
  'ears-c2': ears(0.001, false),
  'ears-c3': ears(0.025, true),
  cusum: CUSUM,
  bayes: BAYES,
  glrnb: GLRNB,
  mpm: MPM,
  ewma: EWMA,
  regression: REGRESSION,
  switch: SWITCH,
  fixed: FIXED,
};

/** The detectors by name, as a duty officer reads them. */
export const DETECTOR_LABELS: Record<Algorithm, Bilingual> = {
  farrington: L('Farrington 算法', 'Farrington'),
  'farrington-flexible': L('改进 Farrington 算法', 'Farrington flexible'),
  'ears-c1': L('EARS C1', 'EARS C1'),
  'ears-c2': L('EARS C2', 'EARS C2'),
  'ears-c3': L('EARS C3', 'EARS C3'),
  cusum: L('累积和（CUSUM）', 'CUSUM'),
  bayes: L('贝叶斯法', 'Bayes'),
  glrnb: L('负二项似然比（GLR-NB）', 'GLR negative binomial'),
  mpm: L('移动百分位数法', 'Moving percentile'),
  ewma: L('指数加权移动平均（EWMA）', 'EWMA'),
  regression: L('回归法', 'Regression'),
  switch: L('回归/EWMA 自动切换', 'Regression/EWMA switch'),
  fixed: L('固定阈值', 'Fixed threshold'),
};

export interface ParamIssue {
  /** `params.<key>` */
  path: string;
  message: Bilingual;
}

const fmt = (n: number) => String(n);

function rangeText(p: ParamSpec, integer: boolean): Bilingual {
  const lo = p.min === undefined ? null : `${p.exclusiveMin ? '>' : '≥'} ${fmt(p.min)}`;
  const hi = p.max === undefined ? null : `≤ ${fmt(p.max)}`;
  const span = [lo, hi].filter(Boolean).join('，');
  const spanEn = [lo, hi].filter(Boolean).join(', ');
  return integer
    ? { zh: `应为整数${span ? `（${span}）` : ''}`, en: `must be an integer${spanEn ? ` (${spanEn})` : ''}` }
    : { zh: `应为数值${span ? `（${span}）` : ''}`, en: `must be a number${spanEn ? ` (${spanEn})` : ''}` };
}

function numberOk(v: unknown, p: ParamSpec, integer: boolean): boolean {
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) return false;
  if (p.min !== undefined && (v < p.min || (p.exclusiveMin && v === p.min))) return false;
  return p.max === undefined || v <= p.max;
}

function problem(p: ParamSpec, v: unknown): Bilingual | null {
  switch (p.kind) {
    case 'json':
      return null; // the detector checks it
    case 'integer':
    case 'number':
      if (p.alsoAccepts === 'estimate' && v === 'estimate') return null;
      return numberOk(v, p, p.kind === 'integer') ? null : rangeText(p, p.kind === 'integer');
    case 'boolean':
      return typeof v === 'boolean' ? null : L('应为“是”或“否”', 'must be true or false');
    case 'choice':
      if (p.alsoAccepts === 'number' && typeof v === 'number' && Number.isFinite(v) && v >= 0) return null;
      return typeof v === 'string' && p.options!.includes(v)
        ? null
        : L(`应为以下之一：${p.options!.join('、')}`, `must be one of: ${p.options!.join(', ')}`);
    case 'pair': {
      const ok =
        Array.isArray(v) &&
        v.length === 2 &&
        typeof v[0] === 'number' &&
        Number.isFinite(v[0]) &&
        v[0] >= 0 &&
        Number.isInteger(v[1]) &&
        (v[1] as number) >= 1;
      const [a, b] = p.parts!;
      return ok
        ? null
        : L(
            `应为两个数：${a.zh}（≥ 0）和${b.zh}（≥ 1 的整数）`,
            `must be two numbers: ${a.en} (≥ 0) and ${b.en} (integer ≥ 1)`,
          );
    }
  }
}

/** A parameter's name as the form shows it: 基线期数（baseline）. */
export const paramName = (p: ParamSpec): Bilingual => ({
  zh: `${p.label.zh}（${p.key}）`,
  en: `${p.label.en} (${p.key})`,
});

/**
 * Every problem of a detector's parameters at once, each naming the parameter by its label: unknown names
 * (a typo would otherwise be ignored and the default used), wrong types and values out of range. Absent and
 * null parameters take their defaults.
 */
export function detectorParamIssues(algorithm: Algorithm, params: Record<string, unknown>): ParamIssue[] {
  const specs = DETECTOR_PARAMS[algorithm];
  const issues: ParamIssue[] = [];
  for (const [key, v] of Object.entries(params)) {
    const p = specs.find((s) => s.key === key);
    if (!p) {
      const known = specs.map((s) => s.key).join(', ');
      const name = DETECTOR_LABELS[algorithm];
      issues.push({
        path: `params.${key}`,
        message: L(
          `${name.zh}没有参数“${key}”（可用：${known}）`,
          `${name.en} has no parameter "${key}" (known: ${known})`,
        ),
      });
      continue;
    }
    if (v === null || v === undefined) continue;
    const bad = problem(p, v);
    if (bad) {
      const n = paramName(p);
      issues.push({ path: `params.${key}`, message: { zh: `${n.zh}${bad.zh}`, en: `${n.en} ${bad.en}` } });
    }
  }
  return issues;
}

/** The spec of `params.<key>` (or `params.<key>[0]`, `params.mu0.S`), for naming a detector's own refusal. */
export function paramSpecOf(algorithm: Algorithm, field: string): ParamSpec | undefined {
  const key = /^params\.([^[.]+(?:\.ARL)?)/.exec(field)?.[1];
  return key ? DETECTOR_PARAMS[algorithm].find((s) => s.key === key) : undefined;
}
