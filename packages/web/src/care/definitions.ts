// The definition of every care indicator for year Y (issue 15 §6), shown next to its figure. The server may
// send its own wording (`definition` of GET /care/indicators); these are the words when it does not.
import type { Bilingual } from './types.ts';

const MANAGED = {
  zh: '管理人数：Y-12-31 前纳入管理且未在 Y-12-31 前结束；年龄按 Y-12-31 计；Y-12-31 前死亡或迁出者不计。',
  en: 'Managed: enrolled by Y-12-31 and not ended before it; age at Y-12-31; dead or moved out by Y-12-31 excluded.',
};
const QUARTERS = {
  zh: '应随访次数 = 自（纳入日期与 Y-01-01 中较晚者）所在季度至第四季度的季度数；只计 Y 年内、纳入后的本项目随访。',
  en: 'Required follow-ups = the quarters from the later of (enrolment, Y-01-01) to Q4; only that programme’s follow-ups in Y after enrolment count.',
};

export const DEFINITIONS: Record<string, Bilingual> = {
  'ehr-coverage': {
    zh: '居民电子健康档案建档率 = Y-12-31 前已建档的居民 ÷ 居民数（平台中为常住人口）。',
    en: 'Records established by Y-12-31 ÷ residents (the registry’s resident population in the platform).',
  },
  'family-doctor-signing': {
    zh: '家庭医生签约率 = 签约覆盖 Y-12-31 的居民 ÷ 居民数。',
    en: 'Residents with a contract covering Y-12-31 ÷ residents.',
  },
  'family-doctor-signing-key': {
    zh: '重点人群签约率：同上，分母为重点人群（65岁及以上、任一项目管理中、Y-12-31 孕产妇管理中、0–6岁儿童）。',
    en: 'The same over the key population (65+, managed in any programme, pregnant at Y-12-31, children 0–6).',
  },
  'hypertension-management': {
    zh: `高血压患者基层规范管理服务率 = 面对面随访（门诊或家庭，不含电话）次数达到应随访次数的管理患者 ÷ 管理患者。${QUARTERS.zh}${MANAGED.zh}`,
    en: `Managed patients with at least the required face-to-face follow-ups (clinic or home, not phone) ÷ managed patients. ${QUARTERS.en} ${MANAGED.en}`,
  },
  'diabetes-management': {
    zh: `2型糖尿病患者基层规范管理服务率：口径同高血压。${QUARTERS.zh}${MANAGED.zh}`,
    en: `As for hypertension, over type 2 diabetes patients. ${QUARTERS.en} ${MANAGED.en}`,
  },
  'smi-management': {
    zh: `严重精神障碍患者管理率 = Y 年内至少随访一次（任何方式）的管理患者 ÷ 管理患者。${MANAGED.zh}`,
    en: `Managed patients with at least one follow-up (any mode) in Y ÷ managed patients. ${MANAGED.en}`,
  },
  'smi-standard-management': {
    zh: `严重精神障碍患者规范管理率：面对面随访次数达到应随访次数的管理患者 ÷ 管理患者。${QUARTERS.zh}`,
    en: `Managed patients with at least the required face-to-face follow-ups ÷ managed patients. ${QUARTERS.en}`,
  },
  'hypertension-bp-control': {
    zh: '高血压患者血压控制率 = Y 年内最近一次有血压的随访收缩压<140 且舒张压<90 的管理患者 ÷ 管理患者（无读数者计为未控制）。',
    en: 'Managed patients whose latest follow-up in Y with a BP has SBP <140 and DBP <90 ÷ managed patients (none: not controlled).',
  },
  'diabetes-glucose-control': {
    zh: '糖尿病患者血糖控制率 = Y 年内最近一次空腹血糖<7.0 mmol/L 的管理患者 ÷ 管理患者（无读数者计为未控制）。',
    en: 'Managed patients whose latest fasting glucose in Y is <7.0 mmol/L ÷ managed patients (none: not controlled).',
  },
  'elderly-health-management': {
    zh: '65岁及以上老年人健康管理率 = Y 年内有完整年度体检的65岁及以上居民 ÷ 65岁及以上居民。',
    en: 'Residents aged 65+ with a complete yearly check dated in Y ÷ residents aged 65+.',
  },
  'maternal-system-management': {
    zh: '孕产妇系统管理率：早孕建册（13周前）、产前随访≥5次、产后访视及42天检查均完成的产妇 ÷ 产妇。',
    en: 'Mothers registered before 13 weeks with ≥5 prenatal visits, a postpartum visit and the 42-day check ÷ mothers.',
  },
  'child-u3-system-management': {
    zh: '3岁以下儿童系统管理率：按月龄完成规定次数儿童健康检查的3岁以下儿童 ÷ 3岁以下儿童。',
    en: 'Children under 3 with the scheduled checks for their age ÷ children under 3.',
  },
  'child-0-6-health-management': {
    zh: '0–6岁儿童健康管理率 = Y 年内至少一次儿童健康检查的0–6岁（未满7岁）儿童 ÷ 0–6岁儿童。',
    en: 'Children aged 0–6 (under 7) with at least one child check in Y ÷ children aged 0–6.',
  },
};

export const INDICATOR_NAMES: Record<string, Bilingual> = {
  'ehr-coverage': { zh: '居民电子健康档案建档率', en: 'Health record coverage' },
  'family-doctor-signing': { zh: '家庭医生签约率', en: 'Family-doctor signing rate' },
  'family-doctor-signing-key': { zh: '重点人群家庭医生签约率', en: 'Signing rate, key population' },
  'hypertension-management': { zh: '高血压患者基层规范管理服务率', en: 'Hypertension standard management' },
  'diabetes-management': { zh: '2型糖尿病患者基层规范管理服务率', en: 'Type 2 diabetes standard management' },
  'smi-management': { zh: '严重精神障碍患者管理率', en: 'Severe mental disorder management' },
  'smi-standard-management': { zh: '严重精神障碍患者规范管理率', en: 'Severe mental disorder standard management' },
  'hypertension-bp-control': { zh: '高血压患者血压控制率', en: 'Hypertension BP control' },
  'diabetes-glucose-control': { zh: '糖尿病患者血糖控制率', en: 'Diabetes glucose control' },
  'elderly-health-management': { zh: '65岁及以上老年人健康管理率', en: 'Elderly (65+) health management' },
  'maternal-system-management': { zh: '孕产妇系统管理率', en: 'Maternal systematic management' },
  'child-u3-system-management': { zh: '3岁以下儿童系统管理率', en: 'Children under 3 systematic management' },
  'child-0-6-health-management': { zh: '0–6岁儿童健康管理率', en: 'Children 0–6 health management' },
};
