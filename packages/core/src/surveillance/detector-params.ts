// The parameters of each detector, once: type, range, default, a label and a line of help in both languages.
// The settings form is built from this (typed fields instead of raw JSON) and the server checks a setting
// against it, reporting every bad parameter at once by its label before the detector itself is run for the
// rules that tie parameters together (glrnb's M ≥ Mtilde, enough history for b years …). Names, defaults
// and bounds are the detectors' own (R surveillance's control lists; see each detector's file).
import type { Bilingual } from '../platform/text.ts';
import type { Algorithm } from './detect.ts';

export type ParamValue = number | boolean | string | null | readonly [number, number];

export interface ParamSpec {
  key: string;
  /** 'json': a structure no field can show (glrnb mu0), edited as JSON under more parameters. */
  kind: 'integer' | 'number' | 'boolean' | 'choice' | 'pair' | 'json';
  label: Bilingual;
  help: Bilingual;
  /** What an absent parameter means (null: decided by the detector, e.g. estimated; see `defaultText`). */
  default: ParamValue;
  defaultText?: Bilingual;
  min?: number;
  max?: number;
  /** The minimum itself is not allowed (alpha > 0). */
  exclusiveMin?: boolean;
  options?: readonly string[];
  /** A 'pair': the two numbers' labels, the first ≥ 0, the second an integer ≥ 1 (limit54). */
  parts?: readonly [Bilingual, Bilingual];
  /** Daily series only (the field is hidden for weekly ones). */
  dailyOnly?: boolean;
  /** Also accepted in a form the field cannot show (cusum m as a number, glrnb alpha 'estimate'). */
  alsoAccepts?: 'number' | 'estimate';
  /** Shown under "more parameters" rather than with the main ones. */
  advanced?: boolean;
}

const L = (zh: string, en: string): Bilingual => ({ zh, en });

const alphaTwoSided = (d: number): ParamSpec => ({
  key: 'alpha',
  kind: 'number',
  label: L('显著性水平 alpha', 'Significance level alpha'),
  help: L('越小越不易报警；0.05 对应上界取 97.5% 分位数', 'Smaller alarms less; 0.05 gives the 97.5% quantile'),
  default: d,
  min: 0,
  max: 1,
  exclusiveMin: true,
});

const FARRINGTON_COMMON: ParamSpec[] = [
  {
    key: 'b',
    kind: 'integer',
    label: L('基线年数 b', 'Years back b'),
    help: L('用往年同期的多少年作基线', 'How many past years form the baseline'),
    default: 5,
    min: 1,
    max: 20,
  },
  {
    key: 'w',
    kind: 'integer',
    label: L('半窗宽 w（周）', 'Half window w (weeks)'),
    help: L('往年同期前后各取几周', 'Weeks either side of the same week in past years'),
    default: 3,
    min: 0,
    max: 26,
  },
  alphaTwoSided(0.05),
  {
    key: 'limit54',
    kind: 'pair',
    label: L('最少病例规则', 'Minimum-cases rule'),
    help: L(
      '最近若干期病例合计不足时不报警（默认 4 期内少于 5 例不报警）',
      'No alarm unless the last periods hold enough cases (default 5 in 4)',
    ),
    default: [5, 4],
    parts: [L('病例数', 'cases'), L('期数', 'periods')],
  },
  {
    key: 'reweight',
    kind: 'boolean',
    label: L('降低既往暴发权重', 'Down-weight past outbreaks'),
    help: L('基线中的异常高值按残差降权', 'Outlying baseline weeks get less weight'),
    default: true,
  },
  {
    key: 'trend',
    kind: 'boolean',
    label: L('拟合长期趋势', 'Fit a trend'),
    help: L('基线有显著趋势时纳入模型', 'Keep a time trend when it is significant'),
    default: true,
  },
  {
    key: 'powertrans',
    kind: 'choice',
    label: L('幂变换', 'Power transformation'),
    help: L('计算上界前对计数的变换', 'Transformation of the counts before the bound'),
    default: '2/3',
    options: ['2/3', '1/2', 'none'],
    advanced: true,
  },
];

const FARRINGTON: ParamSpec[] = [
  ...FARRINGTON_COMMON,
  {
    key: 'fitFun',
    kind: 'choice',
    label: L('拟合函数', 'Fitting function'),
    help: L(
      '选 populationOffset 时以人口为偏移量（需人口数据）',
      'populationOffset adds log(population) (needs population)',
    ),
    default: 'algo.farrington.fitGLM.fast',
    options: ['algo.farrington.fitGLM.fast', 'algo.farrington.fitGLM', 'algo.farrington.fitGLM.populationOffset'],
    advanced: true,
  },
  {
    key: 'plot',
    kind: 'boolean',
    label: L('绘图', 'Plot'),
    help: L('仅为兼容 R 的参数表；必须为否', 'Kept for R compatibility; must be false'),
    default: false,
    advanced: true,
  },
];

const FARRINGTON_FLEXIBLE: ParamSpec[] = [
  ...FARRINGTON_COMMON.map((p) =>
    p.key === 'alpha' ? { ...p, help: L('单侧显著性水平；越小越不易报警', 'One-sided level; smaller alarms less') } : p,
  ),
  {
    key: 'noPeriods',
    kind: 'integer',
    label: L('季节分段数', 'Seasonal periods'),
    help: L(
      '1 为仅用同期窗口；大于 1 时全年分段拟合季节性',
      '1 uses the window only; more fits seasonality by segments',
    ),
    default: 1,
    min: 1,
    max: 52,
  },
  {
    key: 'pastWeeksNotIncluded',
    kind: 'integer',
    label: L('排除最近周数', 'Recent weeks left out'),
    help: L('最近几周不进入基线（默认等于 w）', 'Recent weeks kept out of the baseline (default: w)'),
    default: null,
    defaultText: L('等于 w', 'same as w'),
    min: 0,
    max: 104,
    advanced: true,
  },
  {
    key: 'thresholdMethod',
    kind: 'choice',
    label: L('上界算法', 'Threshold method'),
    help: L(
      'delta 为原始方法；nbPlugin、muan 为负二项分位数法',
      'delta is the original; nbPlugin and muan use negative binomial quantiles',
    ),
    default: 'delta',
    options: ['delta', 'nbPlugin', 'muan'],
    advanced: true,
  },
  {
    key: 'weightsThreshold',
    kind: 'number',
    label: L('降权阈值', 'Reweighting threshold'),
    help: L('残差超过此值的基线周被降权', 'Baseline weeks with residuals above this are down-weighted'),
    default: 2.58,
    advanced: true,
  },
  {
    key: 'pThresholdTrend',
    kind: 'number',
    label: L('趋势显著性阈值', 'Trend p threshold'),
    help: L('趋势项 p 值低于此值才保留', 'The trend is kept when its p-value is below this'),
    default: 0.05,
    min: 0,
    max: 1,
    advanced: true,
  },
  {
    key: 'populationOffset',
    kind: 'boolean',
    label: L('人口偏移', 'Population offset'),
    help: L('以人口为偏移量拟合（需人口数据）', 'Fit with log(population) as offset (needs population)'),
    default: false,
    advanced: true,
  },
];

const ears = (alpha: number, c3: boolean): ParamSpec[] => [
  {
    key: 'baseline',
    kind: 'integer',
    label: L('基线期数', 'Baseline periods'),
    help: L('用最近多少期计算均值和标准差', 'Periods used for the mean and standard deviation'),
    default: 7,
    min: 3,
    max: 365,
  },
  {
    key: 'alpha',
    kind: 'number',
    label: L('显著性水平 alpha', 'Significance level alpha'),
    help: L(
      '上界取正态分布 1−alpha 分位数；越小越不易报警',
      'The bound is the 1−alpha normal quantile; smaller alarms less',
    ),
    default: alpha,
    min: 0,
    max: 1,
    exclusiveMin: true,
  },
  {
    key: 'minSigma',
    kind: 'number',
    label: L('标准差下限', 'Minimum sigma'),
    help: L('基线全为 0 时避免一例即报警', 'Keeps a single case from alarming over a zero baseline'),
    default: 0,
    min: 0,
    max: 1000,
  },
  ...(c3
    ? [
        {
          key: 'variant',
          kind: 'choice',
          label: L('C3 口径', 'C3 variant'),
          help: L('cdc 为 CDC 定义；r 与 R 的 earsC 完全一致', 'cdc follows CDC; r matches R earsC exactly'),
          default: 'cdc',
          options: ['cdc', 'r'],
          advanced: true,
        } satisfies ParamSpec,
      ]
    : []),
];

const ESSENCE_COMMON: ParamSpec[] = [
  {
    key: 'guardBand',
    kind: 'integer',
    label: L('保护带（期）', 'Guard band (periods)'),
    help: L(
      '基线与当前期之间空出的期数，防止暴发早期进入基线',
      'Periods between baseline and today, so an outbreak’s start stays out',
    ),
    default: 2,
    min: 0,
    max: 60,
  },
  {
    key: 'alpha',
    kind: 'number',
    label: L('显著性水平 alpha', 'Significance level alpha'),
    help: L('越小越不易报警', 'Smaller alarms less'),
    default: 0.05,
    min: 0,
    max: 0.5,
    exclusiveMin: true,
  },
  {
    key: 'minSigma',
    kind: 'number',
    label: L('标准差下限', 'Minimum sigma'),
    help: L('避免基线很平时小波动即报警', 'Keeps small changes over a flat baseline from alarming'),
    default: 0.5,
    min: 0,
    max: 1000,
    advanced: true,
  },
];

const EWMA: ParamSpec[] = [
  {
    key: 'lambda',
    kind: 'number',
    label: L('平滑系数 lambda', 'Smoothing lambda'),
    help: L('越大越看重最近几期', 'Larger weighs the latest periods more'),
    default: 0.4,
    min: 0,
    max: 1,
    exclusiveMin: true,
  },
  {
    key: 'baseline',
    kind: 'integer',
    label: L('基线期数', 'Baseline periods'),
    help: L('计算均值和标准差的期数', 'Periods for the mean and standard deviation'),
    default: 28,
    min: 2,
    max: 730,
  },
  ...ESSENCE_COMMON,
];

const dayOfWeek: ParamSpec = {
  key: 'dayOfWeek',
  kind: 'boolean',
  label: L('星期效应', 'Day-of-week effect'),
  help: L('按星期几调整（日数据默认是）', 'Adjust by weekday (default on for daily data)'),
  default: null,
  defaultText: L('日数据为是', 'on for daily data'),
};

const REGRESSION: ParamSpec[] = [
  {
    key: 'baseline',
    kind: 'integer',
    label: L('回归基线期数', 'Regression baseline'),
    help: L('拟合回归的期数', 'Periods the regression is fitted on'),
    default: 56,
    min: 3,
    max: 730,
  },
  ...ESSENCE_COMMON,
  dayOfWeek,
];

const SWITCH: ParamSpec[] = [
  ...EWMA,
  {
    key: 'regressionBaseline',
    kind: 'integer',
    label: L('回归基线期数', 'Regression baseline'),
    help: L('回归模型拟合的期数', 'Periods the regression is fitted on'),
    default: 56,
    min: 3,
    max: 730,
  },
  {
    key: 'r2Threshold',
    kind: 'number',
    label: L('切换阈值 R²', 'Switch threshold R²'),
    help: L('回归拟合优度达到此值时用回归，否则用 EWMA', 'Regression when its fit reaches this, else EWMA'),
    default: 0.6,
    min: 0,
    max: 1,
  },
  dayOfWeek,
];

const CUSUM: ParamSpec[] = [
  {
    key: 'k',
    kind: 'number',
    label: L('参考值 k', 'Reference value k'),
    help: L(
      '每期累积前减去的量（标准差单位）；越大越迟钝',
      'Subtracted each period (in SDs); larger is less sensitive',
    ),
    default: 1.04,
    min: 0,
    max: 100,
  },
  {
    key: 'h',
    kind: 'number',
    label: L('决策界 h', 'Decision bound h'),
    help: L('累积和超过此值报警；越大越不易报警', 'Alarm when the sum exceeds this; larger alarms less'),
    default: 2.26,
    min: 0,
    max: 100,
    exclusiveMin: true,
  },
  {
    key: 'm',
    kind: 'choice',
    label: L('均值估计', 'Mean estimate'),
    help: L('mean 为既往均值；glm 为带季节的回归', 'mean is the past mean; glm a seasonal regression'),
    default: 'mean',
    options: ['mean', 'glm'],
    alsoAccepts: 'number',
  },
  {
    key: 'trans',
    kind: 'choice',
    label: L('标准化方法', 'Standardisation'),
    help: L('计数标准化的方法', 'How counts are standardised'),
    default: 'standard',
    options: ['standard', 'rossi', 'anscombe', 'anscombe2nd', 'pearsonNegBin', 'none'],
    advanced: true,
  },
  {
    key: 'alpha',
    kind: 'number',
    label: L('负二项离散度', 'Negative binomial dispersion'),
    help: L('仅用于 pearsonNegBin 标准化', 'Used by pearsonNegBin only'),
    default: 0.1,
    min: 0,
    max: 100,
    advanced: true,
  },
  {
    key: 'start',
    kind: 'integer',
    label: L('首期在年内序号', 'First period in its year'),
    help: L('glm 均值用于季节项', 'Used by the glm mean for seasonality'),
    default: 1,
    min: 1,
    max: 366,
    advanced: true,
  },
];

const BAYES: ParamSpec[] = [
  {
    key: 'b',
    kind: 'integer',
    label: L('往年年数 b', 'Years back b'),
    help: L('0 为只用最近几期作基线', '0 uses the latest periods only'),
    default: 0,
    min: 0,
    max: 20,
  },
  {
    key: 'w',
    kind: 'integer',
    label: L('窗宽 w', 'Window w'),
    help: L('基线取的期数（b=0）或同期前后期数', 'Baseline periods (b = 0) or periods around the same week'),
    default: 6,
    min: 0,
    max: 104,
  },
  {
    key: 'actY',
    kind: 'boolean',
    label: L('含当年', 'Include this year'),
    help: L('b>0 时基线也取当年最近几期', 'With b > 0, also use this year’s latest periods'),
    default: true,
  },
  alphaTwoSided(0.05),
];

const GLRNB: ParamSpec[] = [
  {
    key: 'c.ARL',
    kind: 'number',
    label: L('报警阈值 c.ARL', 'Alarm threshold c.ARL'),
    help: L('似然比统计量超过此值报警；越大越不易报警', 'Alarm when the statistic exceeds this; larger alarms less'),
    default: 5,
    min: 0,
    max: 1000,
    exclusiveMin: true,
  },
  {
    key: 'Mtilde',
    kind: 'integer',
    label: L('最少变化期数 Mtilde', 'Minimum change periods Mtilde'),
    help: L('变化至少持续的期数', 'Periods a change must last at least'),
    default: 1,
    min: 1,
    max: 104,
  },
  {
    key: 'M',
    kind: 'integer',
    label: L('回看期数 M', 'Look-back M'),
    help: L('-1 为回看到序列开头；否则不小于 Mtilde', '-1 looks back to the start; else at least Mtilde'),
    default: -1,
    min: -1,
    max: 1040,
  },
  {
    key: 'dir',
    kind: 'choice',
    label: L('方向', 'Direction'),
    help: L('inc 检测上升，dec 检测下降', 'inc detects increases, dec decreases'),
    default: 'inc',
    options: ['inc', 'dec'],
  },
  {
    key: 'change',
    kind: 'choice',
    label: L('变化类型', 'Change type'),
    help: L('intercept 为水平跃升；epi 为流行式增长', 'intercept is a level shift; epi epidemic growth'),
    default: 'intercept',
    options: ['intercept', 'epi'],
    advanced: true,
  },
  {
    key: 'ret',
    kind: 'choice',
    label: L('上界形式', 'Bound returned'),
    help: L('value 为统计量；cases 为需要多少病例才报警', 'value is the statistic; cases the count that would alarm'),
    default: 'value',
    options: ['value', 'cases'],
    advanced: true,
  },
  {
    key: 'alpha',
    kind: 'number',
    label: L('负二项离散度', 'Negative binomial dispersion'),
    help: L('0 为泊松；留空则由数据估计', '0 is Poisson; blank estimates it'),
    default: null,
    defaultText: L('自动估计', 'estimated'),
    min: 0,
    max: 100,
    alsoAccepts: 'estimate',
    advanced: true,
  },
  {
    key: 'xMax',
    kind: 'integer',
    label: L('病例数搜索上限', 'Largest count tried'),
    help: L('ret 为 cases 时搜索的最大病例数', 'Largest count searched when ret is cases'),
    default: 10_000,
    min: 0,
    max: 1_000_000,
    advanced: true,
  },
  {
    key: 'mu0',
    kind: 'json',
    label: L('基线均值模型', 'In-control mean model'),
    help: L(
      '默认由评估期之前的数据拟合；如需指定请写 JSON',
      'Fitted on the data before the range; write JSON to set it',
    ),
    default: null,
    defaultText: L('自动拟合', 'fitted'),
    advanced: true,
  },
];

const MPM: ParamSpec[] = [
  {
    key: 'percentile',
    kind: 'number',
    label: L('百分位数', 'Percentile'),
    help: L('往年同期的第几百分位数作为上界', 'The bound is this percentile of past same periods'),
    default: 80,
    min: 0,
    max: 100,
  },
  {
    key: 'years',
    kind: 'integer',
    label: L('往年年数', 'Years back'),
    help: L('用往年多少年同期数据', 'How many past years are used'),
    default: 3,
    min: 1,
    max: 20,
  },
  {
    key: 'halfWindow',
    kind: 'integer',
    label: L('半窗宽（期）', 'Half window (periods)'),
    help: L('往年同期前后各取几期', 'Periods either side of the same period'),
    default: 2,
    min: 0,
    max: 26,
  },
  {
    key: 'windowDays',
    kind: 'integer',
    label: L('移动窗口（天）', 'Moving window (days)'),
    help: L('日数据按几天合计比较', 'Days summed for daily data'),
    default: 7,
    min: 1,
    max: 60,
    dailyOnly: true,
  },
  {
    key: 'minCases',
    kind: 'number',
    label: L('最少病例数', 'Minimum cases'),
    help: L('少于此数不报警', 'No alarm below this count'),
    default: 1,
    min: 0,
    max: 10_000,
  },
];

const FIXED: ParamSpec[] = [
  {
    key: 'threshold',
    kind: 'number',
    label: L('阈值', 'Threshold'),
    help: L('窗口内病例数达到此值即报警', 'Alarm when the window holds this many cases'),
    default: 1,
    min: 0,
    max: 100_000,
  },
  {
    key: 'window',
    kind: 'integer',
    label: L('窗口期数', 'Window (periods)'),
    help: L('合计病例数的期数', 'Periods summed'),
    default: 1,
    min: 1,
    max: 365,
  },
];

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
