// The parameters of the baseline-comparison detectors (Farrington, EARS, ESSENCE's EWMA and regression) as
// data: type, range, default, a label and a line of help in both languages. Names, defaults and bounds are
// the detectors' own (R surveillance's control lists; see each detector's file). Read through
// detector-params.ts, which checks settings against them; the other detectors' are in detector-param-specs-more.ts.
import type { Bilingual } from '../platform/text.ts';

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

export const L = (zh: string, en: string): Bilingual => ({ zh, en });

export const alphaTwoSided = (d: number): ParamSpec => ({
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

export const FARRINGTON: ParamSpec[] = [
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

export const FARRINGTON_FLEXIBLE: ParamSpec[] = [
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

export const ears = (alpha: number, c3: boolean): ParamSpec[] => [
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

export const EWMA: ParamSpec[] = [
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

export const REGRESSION: ParamSpec[] = [
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

export const SWITCH: ParamSpec[] = [
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
