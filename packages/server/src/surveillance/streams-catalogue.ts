// The streams every installation starts with, and what an analyst may edit about a stream.
import type { Algorithm } from '@weijian/core/surveillance';

/** The editable settings of a stream. */
export interface StreamSettings {
  nameZh: string;
  nameEn: string;
  unit: string;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: 'county' | 'township';
  silentDays: number;
  syndrome: string;
  enabled: boolean;
}

export const STREAM_KINDS = ['fever-clinic', 'intestinal-clinic', 'pharmacy', 'school-absenteeism', 'custom'] as const;

interface BuiltinStream {
  code: string;
  zh: string;
  en: string;
  kind: (typeof STREAM_KINDS)[number];
  unit: string;
  params: Record<string, unknown>;
  silentDays: number;
  syndrome: string;
}

/**
 * The streams every installation starts with: EARS C2 over the last 14 days with reports, per township, with
 * a floor on σ (minSigma) so day-to-day noise of small counts does not alarm.
 */
export const BUILTIN_STREAMS: BuiltinStream[] = [
  {
    code: 'fever-clinic',
    zh: '发热门诊就诊人次',
    en: 'Fever clinic visits',
    kind: 'fever-clinic',
    unit: '人次',
    params: { baseline: 14, minSigma: 4, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'intestinal-clinic',
    zh: '肠道门诊就诊人次',
    en: 'Intestinal clinic visits',
    kind: 'intestinal-clinic',
    unit: '人次',
    params: { baseline: 14, minSigma: 4, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'gastrointestinal',
  },
  {
    code: 'pharmacy-antipyretic',
    zh: '药店退热药销售量',
    en: 'Pharmacy sales: antipyretics',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'pharmacy-antidiarrhoeal',
    zh: '药店止泻药销售量',
    en: 'Pharmacy sales: antidiarrhoeals',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'gastrointestinal',
  },
  {
    code: 'pharmacy-cough',
    zh: '药店止咳药销售量',
    en: 'Pharmacy sales: cough medicines',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'pharmacy-antiviral',
    zh: '药店抗病毒药销售量',
    en: 'Pharmacy sales: antivirals',
    kind: 'pharmacy',
    unit: '盒',
    params: { baseline: 14, minSigma: 10, alpha: 0.001 },
    silentDays: 3,
    syndrome: 'respiratory',
  },
  {
    code: 'school-absence-fever',
    zh: '学校因病缺课（发热）',
    en: 'School absenteeism: fever',
    kind: 'school-absenteeism',
    unit: '人',
    params: { baseline: 14, minSigma: 3, alpha: 0.001 },
    silentDays: 5,
    syndrome: 'respiratory',
  },
  {
    code: 'school-absence-gi',
    zh: '学校因病缺课（腹泻、呕吐）',
    en: 'School absenteeism: diarrhoea, vomiting',
    kind: 'school-absenteeism',
    unit: '人',
    params: { baseline: 14, minSigma: 3, alpha: 0.001 },
    silentDays: 5,
    syndrome: 'gastrointestinal',
  },
  {
    code: 'school-absence-rash',
    zh: '学校因病缺课（皮疹）',
    en: 'School absenteeism: rash',
    kind: 'school-absenteeism',
    unit: '人',
    params: { baseline: 14, minSigma: 3, alpha: 0.001 },
    silentDays: 5,
    syndrome: 'rash',
  },
];
