// 健康服务 — care delivery. The primary-care indicators the care module computes are in care.ts; the rest are
// produced by modules not built yet (referral, surveillance) or not computed from care records yet. Until then
// the values are reported per area and year; `futureSource` says which module will compute them.
import type { Direction } from '../types.ts';
import { CARE_COMPUTED } from './care.ts';
import type { FutureSource, IndicatorDef, ReportedSource } from './types.ts';
import { reported } from './types.ts';

function rate(
  code: string,
  zh: string,
  aliases: string[],
  en: string,
  direction: Direction,
  futureSource: FutureSource,
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
    source: reported(defaultSource, futureSource),
    decimals: 1,
  };
}

export const SERVICE_CARE: readonly IndicatorDef[] = [
  ...CARE_COMPUTED,
  rate(
    'immunization-coverage',
    '适龄儿童免疫规划疫苗接种率',
    [
      '以乡镇为单位适龄儿童免疫规划疫苗接种率',
      '适龄儿童免疫规划疫苗接种率（以乡镇为单位）',
      '规划疫苗接种率',
      '免疫规划疫苗接种率',
    ],
    'Routine immunisation coverage of eligible children (by township)',
    'higher',
    'care',
  ),
  rate('prenatal-screening', '产前筛查率', [], 'Prenatal screening rate', 'higher', 'care'),
  rate(
    'newborn-screening',
    '新生儿遗传代谢性疾病筛查率',
    ['新生儿疾病筛查率', '新生儿筛查率'],
    'Newborn screening rate for inherited metabolic disorders',
    'higher',
    'care',
  ),
  rate(
    'primary-tcm-visit-share',
    '基层中医诊疗量占比',
    ['基层医疗卫生机构中医诊疗量占比', '基层中医药服务量占比'],
    'TCM share of primary-care visits',
    'higher',
    'care',
  ),
  rate(
    'county-visit-rate',
    '县域就诊率',
    ['县域内就诊率'],
    'Share of visits kept within the county',
    'higher',
    'referral',
  ),
  rate(
    'county-inpatient-rate',
    '县域内住院率',
    ['县域住院率'],
    'Share of admissions kept within the county',
    'higher',
    'referral',
  ),
  rate(
    'nosocomial-infection',
    '院内感染发生率',
    ['医院感染发生率', '医院感染率'],
    'Hospital-acquired infection rate',
    'lower',
    'surveillance',
  ),
  {
    code: 'antibiotic-use-intensity',
    zh: '抗菌药物使用强度',
    aliases: ['住院患者抗菌药物使用强度'],
    en: 'Antibiotic use intensity (DDDs per 100 patient-days)',
    unit: null,
    multiplier: 100,
    direction: 'lower',
    domain: '健康服务',
    source: reported('administrative', 'care', { zh: '单位：DDDs/百人天', en: 'Unit: DDDs per 100 patient-days' }),
    decimals: 1,
  },
];
