// The visit calendars of the 国家基本公共卫生服务规范（第三版）that are not chronic follow-ups: children 0–6
// (新生儿家庭访视 within a week, 满月 at 28–30 days, then 3, 6, 8, 12, 18, 24, 30 and 36 months, then once a
// year to 6), pregnancy (早孕建册 before 13 weeks, 5 prenatal visits, 产后访视, 产后42天检查) and the yearly
// check of people aged 65 and over. Each `…Due` answers a work list's question: given what was done, which
// visit is next, by when, and is it late.
import type { Bilingual } from '../platform/text.ts';
import { addDays, addMonths, addYears, ageAt, maxDate } from './dates.ts';

export interface ScheduledVisit {
  key: string;
  label: Bilingual;
  /** The date the visit is due (the 规范's age or week). */
  due: string;
}

const CHILD_VISITS: readonly { key: string; days?: number; months?: number; zh: string; en: string }[] = [
  { key: 'newborn', days: 7, zh: '新生儿家庭访视', en: 'Newborn home visit' },
  { key: 'month-1', days: 28, zh: '满月健康管理', en: 'One-month check' },
  ...[3, 6, 8, 12, 18, 24, 30, 36].map((m) => ({
    key: `month-${m}`,
    months: m,
    zh: `${m}月龄健康检查`,
    en: `${m}-month check`,
  })),
  ...[4, 5, 6].map((y) => ({ key: `year-${y}`, months: y * 12, zh: `${y}岁健康检查`, en: `${y}-year check` })),
];

/** A child's visits from birth to 6 years. */
export function childSchedule(birthDate: string): ScheduledVisit[] {
  return CHILD_VISITS.map((v) => ({
    key: v.key,
    label: { zh: v.zh, en: v.en },
    due: v.days !== undefined ? addDays(birthDate, v.days) : addMonths(birthDate, v.months!),
  }));
}

/** A check this many days before a visit's date is that visit (a 3-month check done at 11 weeks counts). */
export const CHILD_EARLY_DAYS = 14;

export interface DueVisit extends ScheduledVisit {
  overdue: boolean;
}

/**
 * The child's next visit as of `asOf` given the latest child check: the most recent visit missed since then
 * (overdue), else the next one ahead; null once the child is 7 or every visit is done.
 */
export function childCheckDue(birthDate: string, asOf: string, lastCheck: string | null): DueVisit | null {
  if (ageAt(birthDate, asOf) >= 7) return null;
  const covered = lastCheck ? addDays(lastCheck, CHILD_EARLY_DAYS) : null;
  const pending = childSchedule(birthDate).filter((v) => covered === null || v.due > covered);
  let missed: ScheduledVisit | undefined;
  for (const v of pending) if (v.due < asOf) missed = v;
  const next = missed ?? pending[0];
  return next ? { ...next, overdue: next.due < asOf } : null;
}

/** How many of a child's scheduled visits fall in a calendar year (the child-u3 indicator's requirement). */
export function childVisitsDueIn(birthDate: string, year: number): number {
  const y = String(year).padStart(4, '0');
  let n = 0;
  for (const v of childSchedule(birthDate)) if (v.due.startsWith(y)) n++;
  return n;
}

// Pregnancy, counted from the last menstrual period (LMP) in completed weeks.
/** 早孕建册 must happen before this many days of pregnancy (13 weeks). */
export const BOOKING_DAYS = 91;
export const PRENATAL_VISITS_REQUIRED = 5;
/** Days from LMP to the expected date of delivery (280). */
export const GESTATION_DAYS = 280;

const PRENATAL: readonly { key: string; byDays: number; zh: string; en: string }[] = [
  {
    key: 'prenatal-1',
    byDays: BOOKING_DAYS - 1,
    zh: '早孕建册及第1次产前检查（13周前）',
    en: 'Booking and 1st prenatal visit (before 13 weeks)',
  },
  { key: 'prenatal-2', byDays: 20 * 7 + 6, zh: '第2次产前检查（16–20周）', en: '2nd prenatal visit (weeks 16–20)' },
  { key: 'prenatal-3', byDays: 24 * 7 + 6, zh: '第3次产前检查（21–24周）', en: '3rd prenatal visit (weeks 21–24)' },
  { key: 'prenatal-4', byDays: 36 * 7 + 6, zh: '第4次产前检查（28–36周）', en: '4th prenatal visit (weeks 28–36)' },
  { key: 'prenatal-5', byDays: 40 * 7 + 6, zh: '第5次产前检查（37–40周）', en: '5th prenatal visit (weeks 37–40)' },
];

/** A pregnancy's visits; the postpartum ones from the delivery date, else from the expected date. */
export function maternalSchedule(lmp: string, delivery: string | null = null): ScheduledVisit[] {
  const born = delivery ?? addDays(lmp, GESTATION_DAYS);
  return [
    ...PRENATAL.map((v) => ({ key: v.key, label: { zh: v.zh, en: v.en }, due: addDays(lmp, v.byDays) })),
    {
      key: 'postpartum',
      label: { zh: '产后访视（出院后3–7天）', en: 'Postpartum home visit (3–7 days)' },
      due: addDays(born, 7),
    },
    { key: 'postpartum-42', label: { zh: '产后42天健康检查', en: '42-day postpartum check' }, due: addDays(born, 42) },
  ];
}

/**
 * A pregnant or recently delivered woman's next visit as of `asOf`: the next of the five prenatal visits
 * (by the count of prenatal checks done) until delivery, then the postpartum visit, then the 42-day check;
 * null when all are done.
 */
export function maternalDue(input: {
  lmp: string;
  delivery: string | null;
  prenatalChecks: number;
  postpartumDone: boolean;
  postpartum42Done: boolean;
  asOf: string;
}): DueVisit | null {
  const visits = maternalSchedule(input.lmp, input.delivery);
  let next: ScheduledVisit | undefined;
  if (!input.delivery && input.prenatalChecks < PRENATAL_VISITS_REQUIRED) next = visits[input.prenatalChecks];
  else if (!input.postpartumDone) next = visits[PRENATAL_VISITS_REQUIRED];
  else if (!input.postpartum42Done) next = visits[PRENATAL_VISITS_REQUIRED + 1];
  return next ? { ...next, overdue: next.due < input.asOf } : null;
}

export const ELDERLY_AGE = 65;

/**
 * The yearly 老年人健康体检 as of `asOf`: a year after the latest complete check (which always lands in the next
 * calendar year, as the indicator counts); never checked → due from the start of the year the person turns 65
 * (the indicator counts them that whole year) or of `asOf`'s year. Null before the year they turn 65.
 */
export function elderlyCheckDue(
  birthDate: string,
  lastCheck: string | null,
  asOf: string,
): { due: string; overdue: boolean } | null {
  const turns65 = addYears(birthDate, ELDERLY_AGE);
  if (turns65.slice(0, 4) > asOf.slice(0, 4)) return null;
  const due = lastCheck ? addYears(lastCheck, 1) : maxDate(`${turns65.slice(0, 4)}-01-01`, `${asOf.slice(0, 4)}-01-01`);
  return { due, overdue: due < asOf };
}
