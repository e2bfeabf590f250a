import { describe, expect, it } from 'vitest';
import { inIndicatorKeyPopulation, keyPopulation } from './key-population.ts';
import type { CareEnrolment } from './types.ts';

const e = (
  resident: string,
  program: CareEnrolment['program'],
  start: string,
  end: string | null = null,
): CareEnrolment => ({
  resident,
  program,
  start,
  end,
});

describe('keyPopulation', () => {
  it('derives age groups and managed programmes at the date', () => {
    const enrolments = [
      e('a', 'hypertension', '2020-01-01'),
      e('a', 'diabetes', '2020-01-01', '2025-06-30'),
      e('b', 'smd', '2020-01-01'),
    ];
    expect(keyPopulation({ id: 'a', birthDate: '1961-12-31' }, enrolments, '2026-12-31')).toEqual([
      'elderly',
      'hypertension',
    ]);
    expect(keyPopulation({ id: 'a', birthDate: '1961-12-31' }, enrolments, '2025-06-30')).toEqual([
      'hypertension',
      'diabetes',
    ]);
    expect(keyPopulation({ id: 'c', birthDate: '2020-01-01' }, enrolments, '2026-12-31')).toEqual(['child']);
    expect(keyPopulation({ id: 'c', birthDate: '2019-12-31' }, enrolments, '2026-12-31')).toEqual([]);
  });
  it('a maternal enrolment managed at the date is pregnant; hand flags are kept but not in the indicator', () => {
    const flags = keyPopulation(
      { id: 'p', birthDate: '1995-03-01', poor: true },
      [e('p', 'maternal', '2026-08-01')],
      '2026-12-31',
    );
    expect(flags).toEqual(['pregnant', 'poor']);
    expect(inIndicatorKeyPopulation(['poor', 'disabled'])).toBe(false);
    expect(inIndicatorKeyPopulation(flags)).toBe(true);
  });
});
