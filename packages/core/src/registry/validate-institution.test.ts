import { describe, expect, it } from 'vitest';
import { type InstitutionInput, isCalendarDate, validateInstitution } from './validate-institution.ts';

const base: InstitutionInput = {
  name: '辉县市人民医院',
  uscc: null,
  category: 'A1',
  gradeLevel: 2,
  gradeClass: '甲',
  ownership: 'government',
  forProfit: false,
  areaCode: '410782001',
  lng: 113.8,
  lat: 35.46,
  openedOn: '1950-01-01',
  closedOn: null,
  networkId: null,
};

describe('validateInstitution', () => {
  it('accepts a complete record', () => {
    expect(validateInstitution(base)).toEqual([]);
  });
  it('rejects impossible dates that Date.parse would roll over', () => {
    expect(isCalendarDate('2020-02-30')).toBe(false);
    expect(isCalendarDate('2020-02-29')).toBe(true);
    expect(validateInstitution({ ...base, openedOn: '2020-02-30' }).map((i) => i.field)).toEqual(['openedOn']);
  });
  it('names each problem field in Chinese', () => {
    const issues = validateInstitution({ ...base, category: 'XX', ownership: 'government', forProfit: true, lng: 10 });
    expect(issues.map((i) => i.field)).toEqual(['category', 'forProfit', 'lng']);
    expect(issues[0]!.message.zh).toContain('XX');
  });
});
