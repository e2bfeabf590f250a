// Short names of the care indicators for lists and the command line (the catalogue holds the full
// definitions shown next to each figure).
import type { Bilingual } from '../platform/text.ts';
import type { CareIndicatorCode } from './types.ts';

export const CARE_INDICATOR_LABELS: Record<CareIndicatorCode, Bilingual> = {
  'ehr-coverage': { zh: '居民电子健康档案建档率', en: 'Health record coverage' },
  'family-doctor-signing': { zh: '家庭医生签约率', en: 'Family doctor contracting' },
  'family-doctor-signing-key': { zh: '重点人群家庭医生签约率', en: 'Family doctor contracting (key populations)' },
  'hypertension-management': { zh: '高血压患者基层规范管理服务率', en: 'Hypertension standardised management' },
  'diabetes-management': { zh: '2型糖尿病患者基层规范管理服务率', en: 'Type 2 diabetes standardised management' },
  'smi-management': { zh: '严重精神障碍管理率', en: 'Severe mental disorder management' },
  'elderly-health-management': { zh: '65岁及以上老年人健康管理率', en: 'Health management of people 65+' },
  'maternal-system-management': { zh: '孕产妇系统管理率', en: 'Systematic maternal care' },
  'child-u3-system-management': { zh: '3岁以下儿童系统管理率', en: 'Systematic care of children under 3' },
  'child-0-6-health-management': { zh: '0-6岁儿童健康管理率', en: 'Health management of children 0–6' },
  'hypertension-bp-control': { zh: '高血压患者血压控制率', en: 'Hypertension BP control' },
  'diabetes-glucose-control': { zh: '2型糖尿病患者血糖控制率', en: 'Type 2 diabetes glucose control' },
  'smi-standard-management': { zh: '严重精神障碍患者规范管理率', en: 'Severe mental disorder standardised management' },
};
