import { describe, expect, it } from 'vitest';
import {
  childCheckDue,
  childSchedule,
  childVisitsDueIn,
  elderlyCheckDue,
  maternalDue,
  maternalSchedule,
} from './schedules.ts';

describe('child schedule', () => {
  it('has the 规范 visits from a week to 6 years', () => {
    const s = childSchedule('2025-01-31');
    expect(s.map((v) => v.due)).toEqual([
      '2025-02-07',
      '2025-02-28',
      '2025-04-30',
      '2025-07-31',
      '2025-09-30',
      '2026-01-31',
      '2026-07-31',
      '2027-01-31',
      '2027-07-31',
      '2028-01-31',
      '2029-01-31',
      '2030-01-31',
      '2031-01-31',
    ]);
    expect(s[0]!.label.zh).toBe('新生儿家庭访视');
  });
  it('next visit: the first one ahead when nothing is missed', () => {
    expect(childCheckDue('2025-01-31', '2025-02-01', null)).toMatchObject({
      key: 'newborn',
      due: '2025-02-07',
      overdue: false,
    });
    // The 3-month check done 2 weeks early covers the 3-month visit.
    expect(childCheckDue('2025-01-31', '2025-05-01', '2025-04-17')).toMatchObject({ key: 'month-6', overdue: false });
  });
  it('next visit: the latest missed one, overdue', () => {
    expect(childCheckDue('2025-01-31', '2026-09-01', '2025-07-31')).toMatchObject({
      key: 'month-18',
      due: '2026-07-31',
      overdue: true,
    });
    expect(childCheckDue('2025-01-31', '2032-02-01', null)).toBeNull();
  });
  it('counts the visits due in a year', () => {
    // Born 2025-01-31: 2025 has newborn, month-1, 3, 6, 8 → 5; 2026 has 12 and 18 → 2.
    expect(childVisitsDueIn('2025-01-31', 2025)).toBe(5);
    expect(childVisitsDueIn('2025-01-31', 2026)).toBe(2);
    expect(childVisitsDueIn('2026-12-28', 2026)).toBe(0);
  });
});

describe('maternal schedule', () => {
  it('prenatal visits by weeks of pregnancy, postpartum from delivery', () => {
    const s = maternalSchedule('2026-01-01');
    expect(s.map((v) => [v.key, v.due])).toEqual([
      ['prenatal-1', '2026-04-01'],
      ['prenatal-2', '2026-05-27'],
      ['prenatal-3', '2026-06-24'],
      ['prenatal-4', '2026-09-16'],
      ['prenatal-5', '2026-10-14'],
      ['postpartum', '2026-10-15'],
      ['postpartum-42', '2026-11-19'],
    ]);
    expect(maternalSchedule('2026-01-01', '2026-09-30').at(-1)!.due).toBe('2026-11-11');
  });
  it('the next visit follows the count done, then the postpartum visits', () => {
    const m = { lmp: '2026-01-01', delivery: null, postpartumDone: false, postpartum42Done: false };
    expect(maternalDue({ ...m, prenatalChecks: 0, asOf: '2026-04-02' })).toMatchObject({
      key: 'prenatal-1',
      overdue: true,
    });
    expect(maternalDue({ ...m, prenatalChecks: 2, asOf: '2026-06-01' })).toMatchObject({
      key: 'prenatal-3',
      overdue: false,
    });
    expect(maternalDue({ ...m, delivery: '2026-09-30', prenatalChecks: 4, asOf: '2026-10-01' })).toMatchObject({
      key: 'postpartum',
      due: '2026-10-07',
    });
    expect(
      maternalDue({ ...m, delivery: '2026-09-30', prenatalChecks: 5, postpartumDone: true, asOf: '2026-11-12' }),
    ).toMatchObject({ key: 'postpartum-42', overdue: true });
    expect(
      maternalDue({
        ...m,
        delivery: '2026-09-30',
        prenatalChecks: 5,
        postpartumDone: true,
        postpartum42Done: true,
        asOf: '2026-11-12',
      }),
    ).toBeNull();
  });
});

describe('elderly yearly check', () => {
  it('a year after the last check', () => {
    expect(elderlyCheckDue('1950-05-01', '2025-11-20', '2026-03-01')).toEqual({ due: '2026-11-20', overdue: false });
    expect(elderlyCheckDue('1950-05-01', '2024-11-20', '2026-03-01')).toEqual({ due: '2025-11-20', overdue: true });
  });
  it('never checked: from the start of the year they turn 65, not before', () => {
    expect(elderlyCheckDue('1961-10-01', null, '2026-03-01')).toEqual({ due: '2026-01-01', overdue: true });
    expect(elderlyCheckDue('1962-01-01', null, '2026-03-01')).toBeNull();
    expect(elderlyCheckDue('1940-01-01', null, '2026-01-01')).toEqual({ due: '2026-01-01', overdue: false });
  });
});
