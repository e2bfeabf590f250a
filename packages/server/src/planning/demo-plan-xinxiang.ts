// The demo city's plan: 《新乡市“十四五”医疗卫生健康服务体系发展规划》 (seed 000) states its targets in
// running text, not in a table. This is that text made into the usual indicator table: every target text
// is quoted as the seed writes it, and `quote` gives the sentence it comes from. Baselines are the 2020
// figures the seed states (—: the seed gives none). Where the seed states a 2020 figure but no 2025 target
// (the per-1,000 resource ratios), the target is the national 十四五 level and marked `assumed`; natures
// (预期性/约束性) are not in the seed either and follow the national plans' usage. Demo data, synthetic.
import type { Target } from '@weijian/core/planning';

/** A target without its text (the row's targetText is its text). */
export type ManualTarget = Target extends infer T ? (T extends Target ? Omit<T, 'text'> : never) : never;

export interface DemoPlanRow {
  domain: string;
  name: string;
  catalogueCode: string | null;
  unit: string | null;
  baselineText: string;
  targetText: string;
  nature: 'expected' | 'binding';
  /** Where the seed says it (the sentence the target text is quoted from). */
  quote: string;
  /** The target as a person structured it, where the text alone cannot be parsed. */
  manual?: ManualTarget;
  /** Target not stated in the seed (see the file comment). */
  assumed?: true;
}

export const XINXIANG_PLAN = {
  regionCode: '4107',
  name: '新乡市“十四五”医疗卫生健康服务体系发展规划',
  periodStart: 2021,
  periodEnd: 2025,
  baselineYear: 2020,
  sourceFile: 'seed 000: 新乡市人民政府办公室 2022年11月25日印发',
};

export const XINXIANG_ROWS: readonly DemoPlanRow[] = [
  {
    domain: '健康水平',
    name: '人均预期寿命',
    catalogueCode: 'life-expectancy',
    unit: '岁',
    baselineText: '76.7',
    targetText: '比“十三五”末提高1岁',
    nature: 'expected',
    quote: '人均预期寿命比“十三五”末提高1岁，健康预期寿命同步提高。',
  },
  {
    domain: '健康水平',
    name: '健康预期寿命',
    catalogueCode: 'healthy-life-expectancy',
    unit: '岁',
    baselineText: '—',
    targetText: '同步提高',
    nature: 'expected',
    quote: '人均预期寿命比“十三五”末提高1岁，健康预期寿命同步提高。',
  },
  {
    domain: '健康水平',
    name: '孕产妇死亡率',
    catalogueCode: 'maternal-mortality',
    unit: '1/10万',
    baselineText: '3.81',
    targetText: '继续保持较低的孕产妇死亡率',
    nature: 'binding',
    quote: '进一步提高孕产妇、新生儿危急重症救治能力，继续保持较低的孕产妇死亡率和婴儿死亡率。',
    manual: { kind: 'trend', direction: 'maintain' },
  },
  {
    domain: '健康水平',
    name: '婴幼儿死亡率',
    catalogueCode: 'infant-mortality',
    unit: '‰',
    baselineText: '2.36',
    targetText: '继续保持较低的孕产妇死亡率和婴儿死亡率',
    nature: 'binding',
    quote: '2020年孕产妇死亡率3.81/10万，婴幼儿死亡率2.36‰；……继续保持较低的孕产妇死亡率和婴儿死亡率。',
    manual: { kind: 'trend', direction: 'maintain' },
  },
  {
    // Not a figure the seed reports: its value comes from the early-warning module's case reports (the demo's
    // synthetic cards), so the plan shows surveillance feeding plan monitoring.
    domain: '健康水平',
    name: '甲乙类法定传染病报告发病率',
    catalogueCode: 'notifiable-disease-incidence',
    unit: '1/10万',
    baselineText: '—',
    targetText: '控制和降低传染病流行水平',
    nature: 'expected',
    quote: '加强新冠肺炎、艾滋病、病毒性肝炎、结核病等重大传染病防控，……努力控制和降低传染病流行水平。',
    manual: { kind: 'trend', direction: 'decrease' },
  },
  {
    domain: '健康生活',
    name: '居民健康素养水平',
    catalogueCode: 'health-literacy',
    unit: '%',
    baselineText: '—',
    targetText: '不断提升',
    nature: 'expected',
    quote: '推动全民健康素养水平不断提升。',
  },
  {
    domain: '健康生活',
    name: '居民心理健康素养水平',
    catalogueCode: 'mental-health-literacy',
    unit: '%',
    baselineText: '—',
    targetText: '达到20%以上',
    nature: 'expected',
    quote: '到2025年，经常参加体育锻炼人数比例达到38.5%，居民心理健康素养水平达到20%以上。',
  },
  {
    domain: '健康生活',
    name: '经常参加体育锻炼人数比例',
    catalogueCode: 'regular-exercise',
    unit: '%',
    baselineText: '—',
    targetText: '达到38.5%',
    nature: 'expected',
    quote: '到2025年，经常参加体育锻炼人数比例达到38.5%，居民心理健康素养水平达到20%以上。',
  },
  {
    domain: '健康生活',
    name: '儿童青少年总体近视率',
    catalogueCode: 'child-myopia',
    unit: '%',
    baselineText: '—',
    targetText: '力争每年降低1个百分点左右',
    nature: 'expected',
    quote: '全市儿童青少年总体近视率力争每年降低1个百分点左右。',
  },
  {
    domain: '健康服务',
    name: '每千常住人口医疗卫生机构床位数',
    catalogueCode: 'beds-per-1000',
    unit: '张',
    baselineText: '6.61',
    targetText: '7.4',
    nature: 'expected',
    quote: '每千常住人口医疗卫生机构床位数6.61张，比2015年增加1.57张。',
    assumed: true,
  },
  {
    domain: '健康服务',
    name: '每千常住人口卫生技术人员数',
    catalogueCode: 'health-technicians-per-1000',
    unit: '人',
    baselineText: '7.01',
    targetText: '稳步提高',
    nature: 'expected',
    quote: '每千常住人口卫生技术人员数7.01人，比2015年提高1.22人。',
    assumed: true,
  },
  {
    domain: '健康服务',
    name: '每千常住人口执业（助理）医师数',
    catalogueCode: 'doctors-per-1000',
    unit: '人',
    baselineText: '2.88',
    targetText: '3.2',
    nature: 'expected',
    quote: '执业(助理)医师18006人，每千常住人口执业(助理)医师数2.88人。',
    assumed: true,
  },
  {
    domain: '健康服务',
    name: '每千常住人口注册护士数',
    catalogueCode: 'nurses-per-1000',
    unit: '人',
    baselineText: '2.98',
    targetText: '3.8',
    nature: 'expected',
    quote: '注册护士18634人，每千常住人口注册护士数2.98人。',
    assumed: true,
  },
  {
    domain: '健康服务',
    name: '每万常住人口全科医生数',
    catalogueCode: 'gps-per-10000',
    unit: '人',
    baselineText: '3.17',
    targetText: '3.93',
    nature: 'expected',
    quote: '全科医生1987人，每万常住人口全科医生数3.17人。',
    assumed: true,
  },
  {
    domain: '健康服务',
    name: '每千常住人口社会办医院床位数',
    catalogueCode: 'private-hospital-beds-per-1000',
    unit: '张',
    baselineText: '—',
    targetText: '不低于1.5张',
    nature: 'expected',
    quote: '按照每千常住人口不低于1.5张床位为社会办医院预留规划空间。',
  },
  {
    domain: '健康服务',
    name: '三级公立医院数量',
    catalogueCode: 'tertiary-public-hospitals',
    unit: '所',
    baselineText: '—',
    targetText: '达到20所',
    nature: 'expected',
    quote: '到2025年，全市三级公立医院达到20所。',
  },
  {
    domain: '健康服务',
    name: '县域内基层就诊率',
    catalogueCode: 'county-primary-visit-share',
    unit: '%',
    baselineText: '—',
    targetText: '稳定在65%左右',
    nature: 'expected',
    quote: '到“十四五”末，全市域外转率显著降低，县域就诊率控制在90%以上，县域内基层就诊率稳定在65%左右。',
  },
  {
    domain: '健康服务',
    name: '县域就诊率',
    catalogueCode: 'county-visit-rate',
    unit: '%',
    baselineText: '—',
    targetText: '达到90%以上',
    nature: 'expected',
    quote: '县域就诊率达到90%以上，疑难危重病例市域外转率持续降低。',
  },
  {
    domain: '健康服务',
    name: '基层医疗卫生机构中医诊疗量占比',
    catalogueCode: 'primary-tcm-visit-share',
    unit: '%',
    baselineText: '—',
    targetText: '达到诊疗总量的30%',
    nature: 'expected',
    quote: '基层医疗卫生机构中医诊疗量达到诊疗总量的30%。',
    manual: { kind: 'threshold', op: '>=', value: 30, unit: '%' },
  },
  {
    domain: '健康服务',
    name: '能够提供中医药服务的社区卫生服务机构和乡镇卫生院占比',
    catalogueCode: 'tcm-capable-primary-coverage',
    unit: '%',
    baselineText: '—',
    targetText: '所有社区卫生服务机构、乡镇卫生院和70%的村卫生室能够提供中医药服务',
    nature: 'expected',
    quote: '所有社区卫生服务机构、乡镇卫生院和70%的村卫生室能够提供中医药服务。',
    manual: { kind: 'threshold', op: '>=', value: 100, unit: '%' },
  },
  {
    domain: '健康服务',
    name: '公有产权村卫生室比例',
    catalogueCode: 'public-village-clinic-share',
    unit: '%',
    baselineText: '—',
    targetText: '达到90%以上',
    nature: 'expected',
    quote: '推进公有产权村卫生室标准化建设，公有产权村卫生室比例达到90%以上。',
  },
  {
    domain: '健康服务',
    name: '二级及以上综合医院设立老年医学科比例',
    catalogueCode: 'geriatrics-department-share',
    unit: '%',
    baselineText: '—',
    targetText: '均要设立1个老年医学科',
    nature: 'expected',
    quote: '全市二级及以上综合医院、中医院均要设立1个老年医学科和康复医学科。',
    manual: { kind: 'threshold', op: '>=', value: 100, unit: '%' },
  },
  {
    domain: '健康服务',
    name: '产前筛查率',
    catalogueCode: 'prenatal-screening',
    unit: '%',
    baselineText: '—',
    targetText: '达75%以上',
    nature: 'expected',
    quote: '2025年产前筛查率达75%以上，新生儿遗传代谢性疾病筛查率保持在98%以上。',
  },
  {
    domain: '健康服务',
    name: '新生儿遗传代谢性疾病筛查率',
    catalogueCode: 'newborn-screening',
    unit: '%',
    baselineText: '—',
    targetText: '保持在98%以上',
    nature: 'expected',
    quote: '2025年产前筛查率达75%以上，新生儿遗传代谢性疾病筛查率保持在98%以上。',
  },
  {
    domain: '健康服务',
    name: '孕产妇系统管理率',
    catalogueCode: 'maternal-system-management',
    unit: '%',
    baselineText: '—',
    targetText: '保持在85%以上',
    nature: 'expected',
    quote: '强化孕产妇健康管理……孕产妇系统管理率保持在85%以上。',
  },
  {
    domain: '健康服务',
    name: '3岁以下儿童系统管理率',
    catalogueCode: 'child-u3-system-management',
    unit: '%',
    baselineText: '—',
    targetText: '保持在85%以上',
    nature: 'expected',
    quote: '做实0~6岁儿童健康管理，加强儿童早期发展服务，3岁以下儿童系统管理率保持在85%以上。',
  },
  {
    domain: '健康服务',
    name: '老年人规范化健康管理覆盖率',
    catalogueCode: 'elderly-health-management',
    unit: '%',
    baselineText: '—',
    targetText: '持续提升',
    nature: 'expected',
    quote: '推动老年人规范化健康管理覆盖率持续提升。',
  },
  {
    domain: '健康保障',
    name: '个人卫生支出占卫生总费用比例',
    catalogueCode: 'oop-share',
    unit: '%',
    baselineText: '—',
    targetText: '控制在27%左右',
    nature: 'binding',
    quote: '多层次医疗保障体系更加完善，个人卫生支出占卫生总费用比例控制在27%左右。',
  },
  {
    domain: '健康环境',
    name: '省级及以上卫生乡镇比例',
    catalogueCode: 'provincial-hygienic-towns-share',
    unit: '%',
    baselineText: '—',
    targetText: '不低于55%',
    nature: 'expected',
    quote: '到2025年，国家卫生县城覆盖率要达到70%，省级卫生城市、县城全覆盖，省级及以上卫生乡镇比例不低于55%。',
  },
  {
    domain: '健康环境',
    name: '国家卫生县城覆盖率',
    // Not in the catalogue: kept unlinked, as an import leaves a row no catalogue indicator fits.
    catalogueCode: null,
    unit: '%',
    baselineText: '—',
    targetText: '要达到70%',
    nature: 'expected',
    quote: '到2025年，国家卫生县城覆盖率要达到70%。',
  },
];

/**
 * Synthetic city-level series of the reported indicators, 2020–2024 ([2020 value, 2024 value]); years between
 * lie on the line with a little seeded noise and counties scatter around the city. Chosen so the dashboard
 * shows a realistic mix: some targets met, most on track, several lagging, two binding ones in warning.
 */
export const XINXIANG_REPORTED: Readonly<Record<string, readonly [number, number]>> = {
  'life-expectancy': [76.7, 77.3], // lagging: +0.6 of the +1.0 by 2024
  'healthy-life-expectancy': [68.1, 68.9], // on track (increase)
  'maternal-mortality': [3.81, 6.2], // warning: binding, risen
  'infant-mortality': [2.36, 2.05], // on track (kept low)
  'health-literacy': [24.6, 31.2], // on track (increase)
  'mental-health-literacy': [12.5, 21.3], // met
  'regular-exercise': [35.0, 36.4], // lagging
  'child-myopia': [54.2, 49.9], // on track (−1 point a year)
  'county-visit-rate': [86.0, 89.6], // on track
  'primary-tcm-visit-share': [22.0, 25.0], // lagging
  'tcm-capable-primary-coverage': [96.0, 100], // met
  'public-village-clinic-share': [72.0, 91.0], // met
  'geriatrics-department-share': [45.0, 78.0], // lagging
  'prenatal-screening': [68.0, 76.5], // met
  'newborn-screening': [98.3, 98.6], // met
  'maternal-system-management': [90.1, 91.0], // met
  'child-u3-system-management': [88.0, 84.2], // lagging
  'elderly-health-management': [62.0, 68.0], // on track (increase)
  'oop-share': [29.8, 29.5], // warning: binding, far from 27%
  'provincial-hygienic-towns-share': [38.0, 47.0], // lagging
};
