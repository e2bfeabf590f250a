// Who may be enrolled in a programme or given a check, per the 国家基本公共卫生服务规范（第三版）:
// 高血压 and 2型糖尿病 serve residents aged 35 and over; child care is for children 0–6 (under 7); maternal
// care and its visits are for women; the 老年人健康管理 yearly check is for those who are 65 or over by the end
// of the check's year (the indicator counts them that whole year). Nothing is dated before the birth.
import type { Bilingual } from '../platform/text.ts';
import { ageAt } from './dates.ts';
import type { CheckType, Program, Sex } from './types.ts';

const PROGRAM_NAMES: Record<Program, Bilingual> = {
  hypertension: { zh: '高血压患者健康管理', en: 'hypertension care' },
  diabetes: { zh: '2型糖尿病患者健康管理', en: 'type 2 diabetes care' },
  smd: { zh: '严重精神障碍患者管理', en: 'severe mental disorder care' },
  tb: { zh: '肺结核患者健康管理', en: 'tuberculosis care' },
  maternal: { zh: '孕产妇健康管理', en: 'maternal care' },
  child: { zh: '0–6岁儿童健康管理', en: 'child care (0–6)' },
};

/** Why a resident cannot be enrolled in `program` from `start`, or null when they can. */
export function enrolmentRefusal(input: {
  program: Program;
  sex: Sex;
  birthDate: string;
  start: string;
}): Bilingual | null {
  const { program, sex, birthDate, start } = input;
  const name = PROGRAM_NAMES[program];
  if (start < birthDate)
    return {
      zh: `纳入管理日期 ${start} 早于出生日期 ${birthDate}`,
      en: `the start ${start} is before the birth date ${birthDate}`,
    };
  const age = ageAt(birthDate, start);
  if ((program === 'hypertension' || program === 'diabetes') && age < 35)
    return {
      zh: `${name.zh}面向35岁及以上居民（纳入时 ${age} 岁）`,
      en: `${name.en} is for residents aged 35 and over (${age} at the start)`,
    };
  if (program === 'child' && age >= 7)
    return {
      zh: `${name.zh}面向7岁以下儿童（纳入时 ${age} 岁）`,
      en: `${name.en} is for children under 7 (${age} at the start)`,
    };
  if (program === 'maternal' && sex !== 'F')
    return { zh: `${name.zh}仅适用于女性`, en: `${name.en} is for women only` };
  return null;
}

/** Why a resident cannot be given a check of `type` on `date`, or null when they can. */
export function checkRefusal(input: { type: CheckType; sex: Sex; birthDate: string; date: string }): Bilingual | null {
  const { type, sex, birthDate, date } = input;
  if (date < birthDate)
    return {
      zh: `检查日期 ${date} 早于出生日期 ${birthDate}`,
      en: `the check date ${date} is before the birth date ${birthDate}`,
    };
  if (type === 'elderly-annual') {
    const age = ageAt(birthDate, `${date.slice(0, 4)}-12-31`);
    if (age < 65)
      return {
        zh: `老年人健康体检面向当年满65岁及以上居民（年末 ${age} 岁）`,
        en: `the yearly check is for residents 65 or over by 31 December (${age})`,
      };
  } else if (type === 'child') {
    const age = ageAt(birthDate, date);
    if (age >= 7)
      return { zh: `儿童健康检查面向7岁以下儿童（${age} 岁）`, en: `child checks are for children under 7 (${age})` };
  } else if (sex !== 'F') {
    return { zh: '孕产妇检查仅适用于女性', en: 'prenatal and postpartum checks are for women only' };
  }
  return null;
}
