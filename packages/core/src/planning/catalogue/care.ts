// 健康服务 computed by the care module (issue 15 §6) from the records township health centres and village
// doctors keep: each a module measure over another module measure (a programme's managed patients) or over
// the registry's 常住人口 by age. Where care has no records for an area-year the reported value is used.
// The note is the definition, shown next to the figure.
import type { Bilingual } from '../../platform/text.ts';
import type { Direction } from '../types.ts';
import type { CareMeasure, Expr } from './expr.ts';
import type { IndicatorDef, ReportedSource } from './types.ts';
import { fromModule } from './types.ts';

const m = (measure: CareMeasure) => ({ module: 'care', measure }) as const;

// Shared wording of the definitions.
const YEAR_END = {
  zh: '年龄按当年12月31日计；死亡或迁出日期在12月31日及以前者不计。',
  en: 'Age at 31 December; residents who died or moved out on or before 31 December do not count.',
};
const MANAGED = {
  zh: '在管患者：纳入管理日期不晚于12月31日且未在12月31日前结案。只计该项目当年、纳入管理后的随访。',
  en: 'Managed patients: enrolled on or before 31 December and not discharged before it. Only follow-ups of the programme dated in the year on or after enrolment count.',
};
const REQUIRED = {
  zh: '应随访次数：从纳入管理日期与1月1日中较晚者所在季度至第四季度的季度数（上年已管理者为4）；电话随访不计。',
  en: 'Required follow-ups: the quarters from that of the later of enrolment and 1 January to Q4 (4 for patients enrolled before the year); phone follow-ups do not count.',
};

function join(...parts: Bilingual[]): Bilingual {
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') };
}

function care(
  code: string,
  zh: string,
  aliases: string[],
  en: string,
  numerator: CareMeasure,
  denominator: Expr,
  note: Bilingual,
  direction: Direction = 'higher',
  defaultSource: ReportedSource = 'administrative',
): IndicatorDef {
  return {
    code,
    zh,
    aliases,
    en,
    unit: '%',
    multiplier: 100,
    direction,
    domain: '健康服务',
    source: fromModule(m(numerator), denominator, 100, defaultSource, note),
    decimals: 1,
  };
}

export const CARE_COMPUTED: readonly IndicatorDef[] = [
  care(
    'smi-management',
    '严重精神障碍管理率',
    ['严重精神障碍患者管理率'],
    'Management rate of severe mental disorders',
    'smd-followed',
    m('smd-managed'),
    join(
      {
        zh: '当年至少随访1次（任何方式）的在管严重精神障碍患者 ÷ 在管患者。',
        en: 'Managed patients with severe mental disorders followed up at least once in the year (any mode) ÷ managed patients.',
      },
      MANAGED,
      YEAR_END,
    ),
  ),
  care(
    'smi-standard-management',
    '严重精神障碍患者规范管理率',
    ['严重精神障碍规范管理率'],
    'Standardised management of severe mental disorders',
    'smd-standard',
    m('smd-managed'),
    join(
      {
        zh: '当年面对面随访次数不少于应随访次数的在管严重精神障碍患者 ÷ 在管患者。',
        en: 'Managed patients with severe mental disorders with at least the required face-to-face follow-ups in the year ÷ managed patients.',
      },
      REQUIRED,
      MANAGED,
      YEAR_END,
    ),
  ),
  care(
    'hypertension-management',
    '高血压患者基层规范管理服务率',
    ['高血压患者规范管理率', '高血压患者基层规范管理率'],
    'Standardised primary-care management of hypertension',
    'hypertension-standard',
    m('hypertension-managed'),
    join(
      {
        zh: '当年面对面随访次数不少于应随访次数的在管高血压患者 ÷ 在管高血压患者。',
        en: 'Managed hypertension patients with at least the required face-to-face follow-ups in the year ÷ managed hypertension patients.',
      },
      REQUIRED,
      MANAGED,
      YEAR_END,
    ),
  ),
  care(
    'hypertension-bp-control',
    '高血压患者血压控制率',
    ['管理人群血压控制率', '高血压患者管理人群血压控制率'],
    'Blood-pressure control of managed hypertension patients',
    'hypertension-controlled',
    m('hypertension-managed'),
    join(
      {
        zh: '当年最近一次有血压记录的随访收缩压<140且舒张压<90 mmHg的在管高血压患者 ÷ 在管高血压患者（当年无血压记录者计为未控制）。',
        en: 'Managed hypertension patients whose latest follow-up of the year with a blood pressure had SBP <140 and DBP <90 mmHg ÷ managed patients (none recorded: not controlled).',
      },
      MANAGED,
      YEAR_END,
    ),
  ),
  care(
    'diabetes-management',
    '2型糖尿病患者基层规范管理服务率',
    ['糖尿病患者规范管理率', '2型糖尿病患者规范管理率', '2型糖尿病患者基层规范管理率'],
    'Standardised primary-care management of type 2 diabetes',
    'diabetes-standard',
    m('diabetes-managed'),
    join(
      {
        zh: '当年面对面随访次数不少于应随访次数的在管2型糖尿病患者 ÷ 在管2型糖尿病患者。',
        en: 'Managed type 2 diabetes patients with at least the required face-to-face follow-ups in the year ÷ managed patients.',
      },
      REQUIRED,
      MANAGED,
      YEAR_END,
    ),
  ),
  care(
    'diabetes-glucose-control',
    '2型糖尿病患者血糖控制率',
    ['管理人群血糖控制率', '糖尿病患者血糖控制率'],
    'Glucose control of managed type 2 diabetes patients',
    'diabetes-controlled',
    m('diabetes-managed'),
    join(
      {
        zh: '当年最近一次空腹血糖<7.0 mmol/L的在管2型糖尿病患者 ÷ 在管患者（当年无空腹血糖记录者计为未控制）。',
        en: 'Managed type 2 diabetes patients whose latest fasting glucose of the year was <7.0 mmol/L ÷ managed patients (none recorded: not controlled).',
      },
      MANAGED,
      YEAR_END,
    ),
  ),
  care(
    'elderly-health-management',
    '65岁及以上老年人健康管理率',
    ['65岁以上老年人健康管理率', '老年人健康管理率'],
    'Health management of people aged 65+',
    'elderly-checked',
    { population: 'age65Plus' },
    join(
      {
        zh: '当年有完整年度健康体检的65岁及以上居民 ÷ 65岁及以上常住人口（区划统计）。',
        en: 'Residents aged 65+ with a complete yearly health check dated in the year ÷ resident population aged 65+ (registry).',
      },
      YEAR_END,
    ),
  ),
  care(
    'maternal-system-management',
    '孕产妇系统管理率',
    [],
    'Systematic maternal care rate',
    'maternal-managed',
    m('maternal-delivered'),
    join(
      {
        zh: '当年分娩且孕13周前建册、末次月经至分娩间产前检查不少于5次、产后28天内有产后访视的孕产妇 ÷ 当年分娩的孕产妇（每次妊娠计1人次）。',
        en: 'Pregnancies delivered in the year that were registered before 13 weeks, had at least 5 prenatal checks between the last menstrual period and delivery and a postpartum visit within 28 days ÷ pregnancies delivered in the year.',
      },
      YEAR_END,
    ),
  ),
  care(
    'child-u3-system-management',
    '3岁以下儿童系统管理率',
    ['3岁以下儿童管理率'],
    'Systematic care rate of children under 3',
    'child-u3-managed',
    { population: 'age0To2' },
    join(
      {
        zh: '当年儿童健康检查次数不少于当年应查次数（出生后7天、28天，3、6、8、12、18、24、30月龄）的3岁以下儿童 ÷ 0–2岁常住人口（区划统计）。',
        en: 'Children under 3 with at least as many child checks in the year as visits due in it (7 and 28 days; 3, 6, 8, 12, 18, 24, 30 months) ÷ resident population aged 0–2 (registry).',
      },
      YEAR_END,
    ),
  ),
  care(
    'child-0-6-health-management',
    '0-6岁儿童健康管理率',
    ['0～6岁儿童健康管理率', '0~6岁儿童健康管理率'],
    'Health management of children aged 0–6',
    'child-checked',
    { add: [{ population: 'age0To2' }, { population: 'age3To6' }] },
    join(
      {
        zh: '当年至少有1次儿童健康检查的0–6岁（未满7岁）儿童 ÷ 0–6岁常住人口（区划统计）。',
        en: 'Children aged 0–6 (under 7) with at least one child health check in the year ÷ resident population aged 0–6 (registry).',
      },
      YEAR_END,
    ),
  ),
  care(
    'ehr-coverage',
    '居民电子健康档案建档率',
    ['居民健康档案电子建档率', '电子健康档案建档率', '居民健康档案建档率'],
    'Electronic health record coverage of residents',
    'established',
    { population: 'resident' },
    join(
      {
        zh: '建档日期不晚于12月31日的居民 ÷ 常住人口（区划统计）。',
        en: 'Residents with a health record established on or before 31 December ÷ resident population (registry).',
      },
      YEAR_END,
    ),
  ),
  care(
    'family-doctor-signing',
    '家庭医生签约率',
    ['常住人口家庭医生签约率', '家庭医生签约服务覆盖率', '家庭医生签约服务率'],
    'Family doctor contracting rate (residents)',
    'signed',
    { population: 'resident' },
    join(
      {
        zh: '有覆盖12月31日的有效签约的居民 ÷ 常住人口（区划统计）。',
        en: 'Residents with a contract covering 31 December ÷ resident population (registry).',
      },
      YEAR_END,
    ),
  ),
  care(
    'family-doctor-signing-key',
    '重点人群家庭医生签约率',
    ['重点人群家庭医生签约服务覆盖率'],
    'Family doctor contracting rate (key populations)',
    'key-signed',
    m('key-population'),
    join(
      {
        zh: '重点人群中有覆盖12月31日签约者 ÷ 重点人群。重点人群：65岁及以上、任一项目在管患者、12月31日在管孕产妇、0–6岁儿童。',
        en: 'Key population with a contract covering 31 December ÷ key population: aged 65+, managed in any programme, pregnant (maternal enrolment managed at 31 December), children aged 0–6.',
      },
      YEAR_END,
    ),
  ),
];
