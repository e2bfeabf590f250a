// The follow-up rules of the 国家基本公共卫生服务规范（第三版）for the chronic programmes: how a visit is
// classified from its readings, when the next one is due, and when a patient must be referred.
//   高血压: 控制满意 SBP<140 and DBP<90 → next visit in 3 months; 控制不满意 or 药物不良反应 → recheck within
//     2 weeks; SBP≥180 or DBP≥110 → 紧急转诊 (and a visit within 2 weeks to follow the referral);
//     两次连续控制不满意/不良反应, or a new or worse complication → 建议转诊.
//   2型糖尿病: 控制满意 FBG<7.0 mmol/L; FBG≥16.7 or ≤3.9, or SBP≥180 / DBP≥110 → 紧急转诊; otherwise as above.
//   严重精神障碍: 病情稳定 → 3 months; otherwise 2 weeks (the 规范's 基本稳定/不稳定 map to 控制不满意).
//   肺结核: 强化期 (first 2 months of treatment) every 10 days, 继续期 monthly; an adverse reaction or a
//     complication → referral and a visit within 2 weeks.
// Maternal and child visits follow their own calendars (schedules.ts); a follow-up of those programmes
// proposes the next month as a fallback.
import type { Bilingual } from '../platform/text.ts';
import { addDays, addMonths, minDate, quarterEnd, quarterStart as quarterStartOf } from './dates.ts';
import type { Classification, FollowupMode, Program } from './types.ts';

export const BP_CONTROLLED = { sbp: 140, dbp: 90 } as const;
export const BP_URGENT = { sbp: 180, dbp: 110 } as const;
/** mmol/L: fasting glucose below this is 控制满意. */
export const FBG_CONTROLLED = 7.0;
export const FBG_URGENT_HIGH = 16.7;
export const FBG_URGENT_LOW = 3.9;
/** Days to the recheck of an uncontrolled patient (2 周内). */
export const RECHECK_DAYS = 14;

export interface FollowupInput {
  program: Program;
  date: string;
  mode: FollowupMode;
  sbp: number | null;
  dbp: number | null;
  fbg: number | null;
  /** The clinician's classification: adverse reactions and complications are theirs to say, not the readings'. */
  classification?: Classification | null;
  /** Earlier follow-ups of the same programme, newest first. */
  previous: readonly { date: string; classification: Classification | null }[];
  /** Start of the enrolment: tells a TB patient's 强化期 (first 2 months) from the 继续期. */
  enrolmentStart?: string | null;
}

export interface FollowupAssessment {
  classification: Classification;
  nextDue: string;
  urgent: boolean;
  referralSuggested: boolean;
  reasons: Bilingual[];
}

const NOT_CONTROLLED: ReadonlySet<Classification | null> = new Set(['uncontrolled', 'adverse']);

function readingsClassification(input: FollowupInput): Classification | null {
  const { sbp, dbp, fbg } = input;
  if (input.program === 'hypertension') {
    if (sbp === null && dbp === null) return null;
    return (sbp ?? 0) < BP_CONTROLLED.sbp && (dbp ?? 0) < BP_CONTROLLED.dbp ? 'controlled' : 'uncontrolled';
  }
  if (input.program === 'diabetes') {
    if (fbg === null) return null;
    return fbg < FBG_CONTROLLED ? 'controlled' : 'uncontrolled';
  }
  return null;
}

/** Months/days to the next visit of a patient whose visit was classified so (before any urgent override). */
function nextVisit(program: Program, date: string, classification: Classification, enrolmentStart?: string | null) {
  const recheck = addDays(date, RECHECK_DAYS);
  if (program === 'tb') {
    const intensive = enrolmentStart != null && date < addMonths(enrolmentStart, 2);
    const routine = intensive ? addDays(date, 10) : addMonths(date, 1);
    return classification === 'controlled' ? routine : minDate(routine, recheck);
  }
  if (program === 'maternal' || program === 'child') return addMonths(date, 1);
  return classification === 'controlled' ? addMonths(date, 3) : recheck;
}

/** Classifies a follow-up and proposes the next date by the 规范. */
export function assessFollowup(input: FollowupInput): FollowupAssessment {
  const reasons: Bilingual[] = [];
  const fromReadings = readingsClassification(input);
  const given = input.classification ?? null;
  let classification: Classification;
  if (given === 'adverse' || given === 'complication') {
    classification = given;
  } else if (fromReadings !== null) {
    classification = fromReadings;
    if (given !== null && given !== fromReadings)
      reasons.push({
        zh: '分类按测量值确定（与填写的分类不一致）',
        en: 'Classified by the readings (they contradict the classification entered)',
      });
  } else {
    classification = given ?? 'controlled';
  }

  const { sbp, dbp, fbg } = input;
  let urgent = false;
  if ((sbp ?? 0) >= BP_URGENT.sbp || (dbp ?? 0) >= BP_URGENT.dbp) {
    urgent = true;
    reasons.push({
      zh: `血压 ${sbp ?? '-'}/${dbp ?? '-'} mmHg（收缩压≥180或舒张压≥110），需紧急转诊`,
      en: `BP ${sbp ?? '-'}/${dbp ?? '-'} mmHg (SBP ≥180 or DBP ≥110): urgent referral`,
    });
  }
  if (fbg !== null && (fbg >= FBG_URGENT_HIGH || fbg <= FBG_URGENT_LOW)) {
    urgent = true;
    reasons.push({
      zh: `空腹血糖 ${fbg} mmol/L（≥16.7或≤3.9），需紧急转诊`,
      en: `Fasting glucose ${fbg} mmol/L (≥16.7 or ≤3.9): urgent referral`,
    });
  }

  let referralSuggested = urgent;
  if (classification === 'complication') {
    referralSuggested = true;
    reasons.push({
      zh: '出现新的并发症或原有并发症加重，建议转诊',
      en: 'New or worse complication: referral suggested',
    });
  } else if (NOT_CONTROLLED.has(classification) && NOT_CONTROLLED.has(input.previous[0]?.classification ?? null)) {
    referralSuggested = true;
    reasons.push({
      zh: '连续两次控制不满意或药物不良反应，建议转诊',
      en: 'Two consecutive visits uncontrolled or with adverse reactions: referral suggested',
    });
  } else if (input.program === 'tb' && classification === 'adverse') {
    referralSuggested = true;
    reasons.push({ zh: '抗结核药物不良反应，建议转诊', en: 'Adverse reaction to TB drugs: referral suggested' });
  }

  let nextDue = nextVisit(input.program, input.date, classification, input.enrolmentStart);
  if (urgent) nextDue = minDate(nextDue, addDays(input.date, RECHECK_DAYS));
  if (classification === 'controlled' && !urgent)
    reasons.push({ zh: '控制满意，按期随访', en: 'Controlled: next routine visit' });
  else if (classification !== 'controlled')
    reasons.push({ zh: '控制不满意，2周内复查', en: 'Not controlled: recheck within 2 weeks' });
  return { classification, nextDue, urgent, referralSuggested, reasons };
}

/** Programmes whose patients must be seen face to face every calendar quarter (the indicators' rule). */
export const QUARTERLY_PROGRAMS: ReadonlySet<Program> = new Set(['hypertension', 'diabetes', 'smd']);

export interface DueFollowup {
  date: string;
  mode: FollowupMode;
  classification: Classification | null;
  /** The next date proposed when it was saved (care_followups.next_due); recomputed when absent. */
  nextDue?: string | null;
}

export interface ProgrammeDue {
  due: string;
  overdue: boolean;
  /** interval: the 规范's interval from the last visit; quarter: no face-to-face visit yet this quarter;
   *  enrolment: no visit since enrolment (due by the end of the enrolment's quarter). */
  basis: 'interval' | 'quarter' | 'enrolment';
}

/**
 * When a managed patient's next follow-up is due as of `asOf`: the interval from the latest visit, but for the
 * quarterly programmes never later than the end of the current quarter while it has no face-to-face visit —
 * so a work list that is kept empty keeps the patient 规范管理 in the indicators.
 */
export function programmeDue(input: {
  program: Program;
  enrolmentStart: string;
  followups: readonly DueFollowup[];
  asOf: string;
}): ProgrammeDue {
  const { program, enrolmentStart, asOf } = input;
  let last: DueFollowup | null = null;
  let f2fThisQuarter = false;
  const quarterStart = quarterStartOf(asOf);
  for (const f of input.followups) {
    if (f.date < enrolmentStart || f.date > asOf) continue;
    if (!last || f.date > last.date) last = f;
    if (f.mode !== 'phone' && f.date >= quarterStart) f2fThisQuarter = true;
  }
  let due: string;
  let basis: ProgrammeDue['basis'];
  if (last) {
    due = last.nextDue ?? nextVisit(program, last.date, last.classification ?? 'controlled', enrolmentStart);
    basis = 'interval';
  } else {
    due = quarterEnd(enrolmentStart);
    basis = 'enrolment';
  }
  if (QUARTERLY_PROGRAMS.has(program) && !f2fThisQuarter && asOf >= enrolmentStart) {
    const end = quarterEnd(asOf);
    if (end < due) {
      due = end;
      basis = 'quarter';
    }
  }
  return { due, overdue: due < asOf, basis };
}
