import { describe, expect, it } from 'vitest';
import { checkRefusal, enrolmentRefusal } from './eligibility.ts';

describe('enrolmentRefusal', () => {
  it('hypertension and diabetes from 35, child under 7, maternal women only', () => {
    const e = { sex: 'M' as const, birthDate: '1991-06-01' };
    expect(enrolmentRefusal({ ...e, program: 'hypertension', start: '2026-05-31' })?.zh).toContain('35岁及以上');
    expect(enrolmentRefusal({ ...e, program: 'hypertension', start: '2026-06-01' })).toBeNull();
    expect(enrolmentRefusal({ ...e, program: 'diabetes', start: '2026-01-01' })?.en).toContain('34 at the start');
    expect(enrolmentRefusal({ ...e, program: 'smd', start: '2026-01-01' })).toBeNull();
    expect(enrolmentRefusal({ ...e, program: 'maternal', start: '2026-01-01' })?.en).toContain('women only');
    expect(enrolmentRefusal({ ...e, sex: 'F', program: 'maternal', start: '2026-01-01' })).toBeNull();
    expect(enrolmentRefusal({ sex: 'F', birthDate: '2019-06-01', program: 'child', start: '2026-05-31' })).toBeNull();
    expect(
      enrolmentRefusal({ sex: 'F', birthDate: '2019-06-01', program: 'child', start: '2026-06-01' }),
    ).not.toBeNull();
    expect(enrolmentRefusal({ ...e, program: 'tb', start: '1990-01-01' })?.en).toContain('before the birth date');
  });
});

describe('checkRefusal', () => {
  it('elderly check by age at the year end, child checks under 7, maternal checks women only', () => {
    expect(checkRefusal({ type: 'elderly-annual', sex: 'M', birthDate: '1961-12-31', date: '2026-02-01' })).toBeNull();
    expect(
      checkRefusal({ type: 'elderly-annual', sex: 'M', birthDate: '1962-01-01', date: '2026-02-01' })?.zh,
    ).toContain('65');
    expect(checkRefusal({ type: 'child', sex: 'M', birthDate: '2019-06-01', date: '2026-06-01' })).not.toBeNull();
    expect(checkRefusal({ type: 'child', sex: 'M', birthDate: '2019-06-01', date: '2026-05-31' })).toBeNull();
    expect(checkRefusal({ type: 'prenatal', sex: 'M', birthDate: '1990-01-01', date: '2026-01-01' })).not.toBeNull();
    expect(checkRefusal({ type: 'postpartum-42', sex: 'F', birthDate: '1990-01-01', date: '2026-01-01' })).toBeNull();
    expect(checkRefusal({ type: 'child', sex: 'F', birthDate: '2026-02-01', date: '2026-01-01' })).not.toBeNull();
  });
});
