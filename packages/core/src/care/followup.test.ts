import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageAt, daysBetween, quarterEnd, quarterStart } from './dates.ts';
import { assessFollowup, type FollowupInput, programmeDue } from './followup.ts';

const base: FollowupInput = {
  program: 'hypertension',
  date: '2026-03-10',
  mode: 'clinic',
  sbp: null,
  dbp: null,
  fbg: null,
  previous: [],
};

describe('dates', () => {
  it('adds months the way PostgreSQL does (clamped to the month end)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-10', -3)).toBe('2025-12-10');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-03-01', -1)).toBe('2000-02-29');
    expect(addDays('1969-12-31', 1)).toBe('1970-01-01');
    expect(daysBetween('1900-01-01', '2026-12-07')).toBe(46_361);
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28');
    // Every day of four centuries round-trips against the platform's own calendar.
    let d = '1850-01-01';
    const t = new Date(Date.UTC(1850, 0, 1));
    const wrong: string[] = [];
    for (let i = 0; i < 146_097; i++) {
      if (d !== t.toISOString().slice(0, 10)) wrong.push(d);
      d = addDays(d, 1);
      t.setUTCDate(t.getUTCDate() + 1);
    }
    expect(wrong).toEqual([]);
    expect(d).toBe('2250-01-01');
  });
  it('counts completed years and quarters', () => {
    expect(ageAt('1961-12-31', '2026-12-31')).toBe(65);
    expect(ageAt('1962-01-01', '2026-12-31')).toBe(64);
    expect(ageAt('2020-02-29', '2021-02-28')).toBe(0);
    expect(quarterEnd('2026-05-15')).toBe('2026-06-30');
    expect(quarterStart('2026-12-31')).toBe('2026-10-01');
  });
});

describe('assessFollowup', () => {
  it('hypertension 135/85: controlled, next visit in 3 months', () => {
    const a = assessFollowup({ ...base, sbp: 135, dbp: 85 });
    expect(a).toMatchObject({
      classification: 'controlled',
      nextDue: '2026-06-10',
      urgent: false,
      referralSuggested: false,
    });
  });
  it('hypertension 150/85 or 130/90: uncontrolled, recheck in 2 weeks', () => {
    expect(assessFollowup({ ...base, sbp: 150, dbp: 85 })).toMatchObject({
      classification: 'uncontrolled',
      nextDue: '2026-03-24',
    });
    expect(assessFollowup({ ...base, sbp: 130, dbp: 90 }).classification).toBe('uncontrolled');
  });
  it('SBP 180 or DBP 110 is an urgent referral', () => {
    const a = assessFollowup({ ...base, sbp: 180, dbp: 95 });
    expect(a).toMatchObject({ urgent: true, referralSuggested: true, nextDue: '2026-03-24' });
    expect(a.reasons.map((r) => r.zh).join()).toContain('紧急转诊');
    expect(assessFollowup({ ...base, sbp: 150, dbp: 110 }).urgent).toBe(true);
    expect(assessFollowup({ ...base, sbp: 179, dbp: 109 }).urgent).toBe(false);
  });
  it('two consecutive uncontrolled visits suggest a referral; one does not', () => {
    const once = assessFollowup({
      ...base,
      sbp: 150,
      dbp: 95,
      previous: [{ date: '2026-02-20', classification: 'controlled' }],
    });
    expect(once.referralSuggested).toBe(false);
    const twice = assessFollowup({
      ...base,
      sbp: 150,
      dbp: 95,
      previous: [{ date: '2026-02-24', classification: 'uncontrolled' }],
    });
    expect(twice.referralSuggested).toBe(true);
    // An adverse reaction after an uncontrolled visit counts as the second.
    expect(
      assessFollowup({
        ...base,
        classification: 'adverse',
        previous: [{ date: '2026-02-24', classification: 'uncontrolled' }],
      }).referralSuggested,
    ).toBe(true);
  });
  it('a complication is the clinician’s to say and always suggests referral', () => {
    const a = assessFollowup({ ...base, sbp: 120, dbp: 80, classification: 'complication' });
    expect(a).toMatchObject({ classification: 'complication', referralSuggested: true, nextDue: '2026-03-24' });
  });
  it('readings override a contradicting classification; without readings the clinician’s stands', () => {
    const a = assessFollowup({ ...base, sbp: 160, dbp: 95, classification: 'controlled' });
    expect(a.classification).toBe('uncontrolled');
    expect(a.reasons[0]!.en).toContain('contradict');
    expect(assessFollowup({ ...base, mode: 'phone', classification: 'uncontrolled' }).classification).toBe(
      'uncontrolled',
    );
    expect(assessFollowup({ ...base, mode: 'phone' })).toMatchObject({
      classification: 'controlled',
      nextDue: '2026-06-10',
    });
  });
  it('diabetes: FBG <7.0 controlled; ≥16.7 or ≤3.9 urgent; BP ≥180 urgent too', () => {
    const d = { ...base, program: 'diabetes' as const };
    expect(assessFollowup({ ...d, fbg: 6.9 })).toMatchObject({ classification: 'controlled', nextDue: '2026-06-10' });
    expect(assessFollowup({ ...d, fbg: 7.0 })).toMatchObject({ classification: 'uncontrolled', urgent: false });
    expect(assessFollowup({ ...d, fbg: 16.7 }).urgent).toBe(true);
    expect(assessFollowup({ ...d, fbg: 3.9 }).urgent).toBe(true);
    expect(assessFollowup({ ...d, fbg: 4.0 }).urgent).toBe(false);
    expect(assessFollowup({ ...d, fbg: 6.0, sbp: 185, dbp: 100 })).toMatchObject({
      classification: 'controlled',
      urgent: true,
      nextDue: '2026-03-24',
    });
  });
  it('TB: every 10 days in the first two months, then monthly', () => {
    const t = { ...base, program: 'tb' as const, enrolmentStart: '2026-02-01' };
    expect(assessFollowup({ ...t, date: '2026-03-10' }).nextDue).toBe('2026-03-20');
    expect(assessFollowup({ ...t, date: '2026-04-10' }).nextDue).toBe('2026-05-10');
    expect(assessFollowup({ ...t, date: '2026-04-10', classification: 'adverse' })).toMatchObject({
      nextDue: '2026-04-24',
      referralSuggested: true,
    });
  });
});

describe('programmeDue', () => {
  const h = { program: 'hypertension' as const, enrolmentStart: '2025-06-01' };
  it('the interval from the latest visit when this quarter already has a face-to-face one', () => {
    const r = programmeDue({
      ...h,
      asOf: '2026-02-20',
      followups: [{ date: '2026-01-15', mode: 'clinic', classification: 'controlled' }],
    });
    expect(r).toEqual({ due: '2026-04-15', overdue: false, basis: 'interval' });
  });
  it('uses the stored next date, and an uncontrolled visit’s 2-week recheck goes overdue', () => {
    const stored = programmeDue({
      ...h,
      asOf: '2026-02-20',
      followups: [{ date: '2026-01-15', mode: 'clinic', classification: 'controlled', nextDue: '2026-03-01' }],
    });
    expect(stored.due).toBe('2026-03-01');
    const r = programmeDue({
      ...h,
      asOf: '2026-02-20',
      followups: [{ date: '2026-02-01', mode: 'home', classification: 'uncontrolled' }],
    });
    expect(r).toEqual({ due: '2026-02-15', overdue: true, basis: 'interval' });
  });
  it('a quarter with only a phone follow-up is due by the quarter’s end', () => {
    const r = programmeDue({
      ...h,
      asOf: '2026-02-20',
      followups: [
        { date: '2025-12-20', mode: 'clinic', classification: 'controlled' },
        { date: '2026-02-10', mode: 'phone', classification: 'controlled' },
      ],
    });
    expect(r).toEqual({ due: '2026-03-31', overdue: false, basis: 'quarter' });
  });
  it('no visit since enrolment: due by the end of the enrolment quarter', () => {
    expect(
      programmeDue({ program: 'diabetes', enrolmentStart: '2026-02-05', asOf: '2026-02-20', followups: [] }),
    ).toEqual({
      due: '2026-03-31',
      overdue: false,
      basis: 'enrolment',
    });
    expect(
      programmeDue({ program: 'diabetes', enrolmentStart: '2025-11-05', asOf: '2026-02-20', followups: [] }),
    ).toMatchObject({
      due: '2025-12-31',
      overdue: true,
    });
  });
  it('ignores visits before the enrolment', () => {
    const r = programmeDue({
      ...h,
      enrolmentStart: '2026-02-01',
      asOf: '2026-02-20',
      followups: [{ date: '2026-01-20', mode: 'clinic', classification: 'controlled' }],
    });
    expect(r.basis).toBe('enrolment');
  });
});
