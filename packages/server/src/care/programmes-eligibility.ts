// Who may enter a programme or have a check of a kind, by the 国家基本公共卫生服务规范（第三版）: hypertension
// management is for residents aged 35 and over, the child programme and child checks for children under 7,
// the yearly 老年人体检 for those turning 65 or older in the check's year, maternal care for women.
// (Held here until core/care publishes these entry rules; the ages come from core where it names them.)
import { ageAt, type CheckType, ELDERLY_AGE, type Program, type Sex } from '@weijian/core/care';
import type { Bilingual } from '@weijian/core/platform';

export const HYPERTENSION_MIN_AGE = 35;
export const CHILD_MAX_AGE = 7;

export function enrolmentRefusal(e: {
  program: Program;
  sex: Sex;
  birthDate: string;
  start: string;
}): Bilingual | null {
  const age = ageAt(e.birthDate, e.start);
  if (e.program === 'hypertension' && age < HYPERTENSION_MIN_AGE) {
    return {
      zh: `高血压患者健康管理服务对象为 ${HYPERTENSION_MIN_AGE} 岁及以上居民（登记时 ${age} 岁）`,
      en: `Hypertension management is for residents aged ${HYPERTENSION_MIN_AGE} and over (${age} at enrolment)`,
    };
  }
  if (e.program === 'child' && age >= CHILD_MAX_AGE) {
    return {
      zh: `儿童健康管理服务对象为 0–6 岁儿童（登记时 ${age} 岁）`,
      en: `Child health management is for children aged 0–6 (${age} at enrolment)`,
    };
  }
  if (e.program === 'maternal' && e.sex !== 'F') {
    return { zh: '孕产妇健康管理仅适用于女性', en: 'Maternal care is for women only' };
  }
  return null;
}

export function checkRefusal(c: { type: CheckType; sex: Sex; birthDate: string; date: string }): Bilingual | null {
  if (c.type === 'elderly-annual' && ageAt(c.birthDate, `${c.date.slice(0, 4)}-12-31`) < ELDERLY_AGE) {
    return {
      zh: `老年人健康体检适用于当年满 ${ELDERLY_AGE} 岁及以上的居民`,
      en: `The yearly older-people check is for residents turning ${ELDERLY_AGE} or older in its year`,
    };
  }
  if (c.type === 'child' && ageAt(c.birthDate, c.date) >= CHILD_MAX_AGE) {
    return { zh: '儿童健康检查适用于 0–6 岁儿童', en: 'Child checks are for children aged 0–6' };
  }
  if ((c.type === 'prenatal' || c.type === 'postpartum' || c.type === 'postpartum-42') && c.sex !== 'F') {
    return { zh: '产前检查和产后访视仅适用于女性', en: 'Prenatal and postpartum visits are for women only' };
  }
  return null;
}
