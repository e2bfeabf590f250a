/**
 * The notifiable infectious disease catalogue (法定传染病目录) with Weijian's default early-warning
 * settings. The server seeds its editable `disease_settings` table from this list on start
 * (insert-if-missing), so an analyst's edits survive upgrades and a county can add local diseases.
 *
 * Classes follow the Law on the Prevention and Control of Infectious Diseases and the NHC
 * announcements that adjusted it (H7N9 added 2013; COVID-19 added 2020 and managed as 乙类乙管 since
 * 2023-01-08; mpox added to 乙类 on 2023-09-20). UNCERTAIN, marked below: the 2025 revision of the law
 * (in force 2025-09-01) moves the list itself into a catalogue published by the health administration;
 * we have not verified that catalogue's text, so the list is the 2023 one. Check it against the
 * current NHC announcement before production use — the table is editable for exactly this reason.
 *
 * Codes are Weijian's own stable codes (A = 甲类, B = 乙类, C = 丙类, L = locally monitored), not the
 * internal codes of 中国疾病预防控制信息系统, which are not published; `icd10` gives the usual ICD-10
 * category for exchange.
 *
 * Reporting deadlines (传染病信息报告管理规范, 2015): 2 h for 甲类 and diseases managed as 甲类 (乙类甲管),
 * 24 h for the rest. Fixed-threshold rules follow CIDARS: one case of a 甲类 / 乙类甲管 disease or of a
 * few rare, high-consequence diseases is an immediate signal; clusters (≥ N cases in one school,
 * kindergarten or village within D days) are set below the 突发公共卫生事件 reporting thresholds
 * (mostly 10 cases in a week) on purpose, so the signal comes before the event.
 */

import type { Bilingual } from '../platform/text.ts';
import type { Algorithm } from './detect.ts';

export type DiseaseClass = 'A' | 'B' | 'B-A' | 'C' | 'local';

export const DISEASE_CLASS_LABELS: Record<DiseaseClass, Bilingual> = {
  A: { zh: '甲类', en: 'Class A' },
  B: { zh: '乙类', en: 'Class B' },
  'B-A': { zh: '乙类（按甲类管理）', en: 'Class B managed as class A' },
  C: { zh: '丙类', en: 'Class C' },
  local: { zh: '其他（地方监测）', en: 'Other (locally monitored)' },
};

export type AreaLevel = 'county' | 'township';
export type PeriodUnit = 'day' | 'week';

export interface DiseaseDefinition {
  code: string;
  name: Bilingual;
  icd10: string;
  class: DiseaseClass;
  /** Hours from diagnosis to the online report (网络直报). */
  deadlineHours: 2 | 24;
  /** A single reported case raises a signal at once (fixed threshold 1). */
  immediate: boolean;
  /** ≥ cases in one school/kindergarten (students, children) or village within `days` → signal. */
  cluster: { cases: number; days: number } | null;
  /** The statistical detector run per area × period. */
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: AreaLevel;
  frequency: PeriodUnit;
  /**
   * Syndrome group for fusion: signals join one event only within a group (a 手足口病 cluster and a
   * school rash spike, not 乙肝 and cough-medicine sales). Diseases outside the groups use their own code.
   */
  syndrome: string;
}

/** Syndrome groups shared with the syndromic streams. */
export const SYNDROMES: Record<string, Bilingual & { diseases: string[] }> = {
  respiratory: {
    zh: '呼吸道症候群',
    en: 'Respiratory',
    diseases: ['A01', 'B01', 'B05', 'B13', 'B15', 'B16', 'B17', 'B26', 'B27', 'C01'],
  },
  gastrointestinal: {
    zh: '肠道症候群',
    en: 'Gastrointestinal',
    diseases: ['A02', 'B0301', 'B0305', 'B12', 'B14', 'C10'],
  },
  rash: { zh: '发热出疹症候群', en: 'Fever with rash', diseases: ['B06', 'B19', 'B28', 'C03', 'C11', 'L01'] },
};

export function syndromeOfDisease(code: string): string {
  for (const [k, v] of Object.entries(SYNDROMES)) if (v.diseases.includes(code)) return k;
  return code;
}

/** Weekly county series, the CIDARS-level default: improved Farrington, conservative alpha. */
const COUNTY_WEEKLY = {
  algorithm: 'farrington-flexible' as const,
  params: { b: 4, w: 3, alpha: 0.01, reweight: true, trend: true, limit54: [5, 4], thresholdMethod: 'delta' },
  areaLevel: 'county' as const,
  frequency: 'week' as const,
};

/** Diseases that spread in schools are watched per township and day, where a school outbreak shows. */
const TOWNSHIP_DAILY = {
  algorithm: 'ears-c2' as const,
  params: { baseline: 7, minSigma: 1, alpha: 0.001 },
  areaLevel: 'township' as const,
  frequency: 'day' as const,
};

/** Rare diseases: every case matters, a statistical baseline would be all zeros. */
const RARE = {
  algorithm: 'fixed' as const,
  params: { threshold: 1, window: 1 },
  areaLevel: 'county' as const,
  frequency: 'day' as const,
};

type Row = [
  code: string,
  zh: string,
  en: string,
  icd10: string,
  cls: DiseaseClass,
  immediate: boolean,
  cluster: [number, number] | null,
  detector: typeof COUNTY_WEEKLY | typeof TOWNSHIP_DAILY | typeof RARE,
];

const ROWS: Row[] = [
  ['A01', '鼠疫', 'Plague', 'A20', 'A', true, null, RARE],
  ['A02', '霍乱', 'Cholera', 'A00', 'A', true, null, RARE],
  ['B01', '传染性非典型肺炎', 'SARS', 'U04', 'B-A', true, null, RARE],
  ['B02', '艾滋病（含HIV感染者）', 'HIV/AIDS', 'B24', 'B', false, null, COUNTY_WEEKLY],
  ['B0301', '甲型病毒性肝炎', 'Hepatitis A', 'B15', 'B', false, [3, 14], COUNTY_WEEKLY],
  ['B0302', '乙型病毒性肝炎', 'Hepatitis B', 'B16', 'B', false, null, COUNTY_WEEKLY],
  ['B0303', '丙型病毒性肝炎', 'Hepatitis C', 'B17.1', 'B', false, null, COUNTY_WEEKLY],
  ['B0304', '丁型病毒性肝炎', 'Hepatitis D', 'B17.0', 'B', false, null, COUNTY_WEEKLY],
  ['B0305', '戊型病毒性肝炎', 'Hepatitis E', 'B17.2', 'B', false, [3, 14], COUNTY_WEEKLY],
  ['B0306', '未分型病毒性肝炎', 'Hepatitis, unspecified', 'B19', 'B', false, null, COUNTY_WEEKLY],
  ['B04', '脊髓灰质炎', 'Poliomyelitis', 'A80', 'B', true, null, RARE],
  // UNCERTAIN: managed as class A from 2004 until the 2013 adjustment; listed here as 乙类 with an
  // immediate signal either way.
  ['B05', '人感染高致病性禽流感', 'Human highly pathogenic avian influenza', 'J09', 'B', true, null, RARE],
  ['B06', '麻疹', 'Measles', 'B05', 'B', false, [2, 7], COUNTY_WEEKLY],
  ['B07', '流行性出血热', 'Haemorrhagic fever with renal syndrome', 'A98.5', 'B', false, [3, 7], COUNTY_WEEKLY],
  ['B08', '狂犬病', 'Rabies', 'A82', 'B', true, null, RARE],
  ['B09', '流行性乙型脑炎', 'Japanese encephalitis', 'A83.0', 'B', false, [2, 7], COUNTY_WEEKLY],
  ['B10', '登革热', 'Dengue', 'A90', 'B', false, [3, 7], COUNTY_WEEKLY],
  ['B1101', '肺炭疽', 'Pulmonary anthrax', 'A22.1', 'B-A', true, null, RARE],
  ['B1102', '炭疽（皮肤、肠及未分型）', 'Anthrax (cutaneous, intestinal, unspecified)', 'A22', 'B', true, null, RARE],
  ['B12', '细菌性和阿米巴性痢疾', 'Bacillary and amoebic dysentery', 'A03', 'B', false, [5, 7], COUNTY_WEEKLY],
  // School TB clusters are found by contact screening, not by a village-level count rule.
  ['B13', '肺结核', 'Pulmonary tuberculosis', 'A15', 'B', false, null, COUNTY_WEEKLY],
  ['B14', '伤寒和副伤寒', 'Typhoid and paratyphoid', 'A01', 'B', false, [3, 7], COUNTY_WEEKLY],
  ['B15', '流行性脑脊髓膜炎', 'Meningococcal meningitis', 'A39', 'B', false, [2, 7], COUNTY_WEEKLY],
  ['B16', '百日咳', 'Pertussis', 'A37', 'B', false, [3, 7], COUNTY_WEEKLY],
  ['B17', '白喉', 'Diphtheria', 'A36', 'B', true, null, RARE],
  ['B18', '新生儿破伤风', 'Neonatal tetanus', 'A33', 'B', false, null, COUNTY_WEEKLY],
  ['B19', '猩红热', 'Scarlet fever', 'A38', 'B', false, [5, 7], TOWNSHIP_DAILY],
  ['B20', '布鲁氏菌病', 'Brucellosis', 'A23', 'B', false, [3, 14], COUNTY_WEEKLY],
  ['B21', '淋病', 'Gonorrhoea', 'A54', 'B', false, null, COUNTY_WEEKLY],
  ['B22', '梅毒', 'Syphilis', 'A53', 'B', false, null, COUNTY_WEEKLY],
  ['B23', '钩端螺旋体病', 'Leptospirosis', 'A27', 'B', false, [3, 7], COUNTY_WEEKLY],
  ['B24', '血吸虫病', 'Schistosomiasis', 'B65', 'B', false, [3, 14], COUNTY_WEEKLY],
  ['B25', '疟疾', 'Malaria', 'B54', 'B', false, [3, 14], COUNTY_WEEKLY],
  ['B26', '人感染H7N9禽流感', 'Human infection with avian influenza A(H7N9)', 'J09', 'B', true, null, RARE],
  // Managed as 乙类甲管 2020-01-20 … 2023-01-07, as 乙类乙管 since 2023-01-08.
  ['B27', '新型冠状病毒感染', 'COVID-19', 'U07.1', 'B', false, [10, 7], COUNTY_WEEKLY],
  // Added to 乙类 (managed as 乙类乙管) on 2023-09-20.
  ['B28', '猴痘', 'Mpox', 'B04', 'B', false, [2, 14], COUNTY_WEEKLY],
  ['C01', '流行性感冒', 'Influenza', 'J11', 'C', false, [10, 7], TOWNSHIP_DAILY],
  ['C02', '流行性腮腺炎', 'Mumps', 'B26', 'C', false, [5, 7], TOWNSHIP_DAILY],
  ['C03', '风疹', 'Rubella', 'B06', 'C', false, [5, 7], COUNTY_WEEKLY],
  ['C04', '急性出血性结膜炎', 'Acute haemorrhagic conjunctivitis', 'B30.3', 'C', false, [5, 7], TOWNSHIP_DAILY],
  ['C05', '麻风病', 'Leprosy', 'A30', 'C', false, null, COUNTY_WEEKLY],
  ['C06', '流行性和地方性斑疹伤寒', 'Epidemic and endemic typhus', 'A75', 'C', false, [3, 7], COUNTY_WEEKLY],
  ['C07', '黑热病', 'Visceral leishmaniasis', 'B55.0', 'C', false, null, COUNTY_WEEKLY],
  ['C08', '包虫病', 'Echinococcosis', 'B67', 'C', false, null, COUNTY_WEEKLY],
  ['C09', '丝虫病', 'Filariasis', 'B74', 'C', false, null, COUNTY_WEEKLY],
  [
    'C10',
    '其他感染性腹泻病',
    'Other infectious diarrhoea',
    'A09',
    'C',
    false,
    [10, 7],
    { ...TOWNSHIP_DAILY, params: { baseline: 7, minSigma: 2, alpha: 0.001 } },
  ],
  ['C11', '手足口病', 'Hand, foot and mouth disease', 'B08.4', 'C', false, [5, 7], TOWNSHIP_DAILY],
  // Locally monitored (其他传染病): reported in 中国疾病预防控制信息系统 by most provinces.
  ['L01', '水痘', 'Varicella', 'B01', 'local', false, [5, 7], TOWNSHIP_DAILY],
  [
    'L02',
    '发热伴血小板减少综合征',
    'Severe fever with thrombocytopenia syndrome',
    'A93.8',
    'local',
    false,
    [2, 14],
    COUNTY_WEEKLY,
  ],
  ['L03', '恙虫病', 'Scrub typhus', 'A75.3', 'local', false, [3, 7], COUNTY_WEEKLY],
  ['L04', '人粒细胞无形体病', 'Human granulocytic anaplasmosis', 'A79.8', 'local', false, [2, 14], COUNTY_WEEKLY],
];

export const DISEASES: readonly DiseaseDefinition[] = ROWS.map(([code, zh, en, icd10, cls, immediate, cluster, d]) => ({
  code,
  name: { zh, en },
  icd10,
  class: cls,
  deadlineHours: cls === 'A' || cls === 'B-A' ? 2 : 24,
  immediate,
  cluster: cluster ? { cases: cluster[0], days: cluster[1] } : null,
  algorithm: d.algorithm,
  params: { ...d.params },
  areaLevel: d.areaLevel,
  frequency: d.frequency,
  syndrome: syndromeOfDisease(code),
}));

/** 甲乙类 (the numerator of 甲乙类法定传染病报告发病率): classes A, B and B-A. */
export const isClassAorB = (cls: DiseaseClass): boolean => cls === 'A' || cls === 'B' || cls === 'B-A';

export function diseaseByCode(code: string): DiseaseDefinition | undefined {
  return DISEASES.find((d) => d.code === code);
}
