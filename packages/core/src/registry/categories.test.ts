import { describe, expect, it } from 'vitest';
import {
  categoryByCode,
  childCategories,
  familyOf,
  GRADE_CLASSES,
  GRADE_LEVELS,
  gradeLabel,
  INSTITUTION_CATEGORIES,
  isGeneralHospital,
  isHospital,
  isUnder,
  NETWORK_TYPES,
  OWNERSHIPS,
} from './categories.ts';

describe('INSTITUTION_CATEGORIES', () => {
  it('has unique codes whose parents exist and share their family', () => {
    const codes = new Set<string>();
    for (const c of INSTITUTION_CATEGORIES) {
      expect(codes.has(c.code), c.code).toBe(false);
      codes.add(c.code);
      if (c.parent !== undefined) {
        const parent = categoryByCode(c.parent);
        expect(parent, c.code).toBeDefined();
        expect(parent?.family).toBe(c.family);
      }
      expect(c.zh.length).toBeGreaterThan(0);
      expect(c.en.length).toBeGreaterThan(0);
    }
  });

  it('covers the categories the statistics returns need', () => {
    for (const code of [
      'A1',
      'A2',
      'A3',
      'A4',
      'A59',
      'A58',
      'A5A',
      'A5B',
      'A54',
      'A5H',
      'A52',
      'A51',
      'A7',
      'B1',
      'B2',
      'C1',
      'C21',
      'C22',
      'D1',
      'D2',
      'D4',
      'D6',
      'E1',
      'F1',
      'G1',
      'H1',
      'J1',
      'K1',
      'O1',
      'P',
    ]) {
      expect(categoryByCode(code), code).toBeDefined();
    }
    for (const code of ['Z1', 'Z2', 'Z3', 'Z4', 'Z5', 'Z6', 'Z7', 'Z8', 'Z9']) {
      expect(categoryByCode(code)?.source).toBe('weijian');
    }
    expect(categoryByCode('A1')?.source).toBe('WS 218');
    expect(categoryByCode('XX')).toBeUndefined();
  });

  it('classifies hospitals and families', () => {
    expect(isHospital('A5A')).toBe(true);
    expect(isHospital('A')).toBe(true);
    expect(isHospital('G1')).toBe(false);
    expect(isHospital('nope')).toBe(false);
    expect(isGeneralHospital('A1')).toBe(true);
    expect(isGeneralHospital('A2')).toBe(false);
    expect(isUnder('C21', 'C')).toBe(true);
    expect(familyOf('D6')).toBe('primary');
    expect(familyOf('J1')).toBe('public-health');
    expect(familyOf('Z4')).toBe('other');
    expect(familyOf('A7')).toBe('hospital');
    expect(familyOf('nope')).toBeUndefined();
    expect(childCategories('C2').map((c) => c.code)).toEqual(['C21', 'C22']);
    expect(childCategories().map((c) => c.code)).toContain('J');
  });
});

describe('vocabularies', () => {
  it('are bilingual', () => {
    for (const v of [...OWNERSHIPS, ...GRADE_LEVELS, ...GRADE_CLASSES, ...NETWORK_TYPES]) {
      expect(v.zh.length).toBeGreaterThan(0);
      expect(v.en.length).toBeGreaterThan(0);
    }
    expect(OWNERSHIPS.map((o) => o.code)).toEqual(['government', 'other-public', 'private']);
    expect(NETWORK_TYPES.find((n) => n.code === 'county-medical-community')?.zh).toBe('紧密型县域医共体');
  });

  it('labels grades the way hospitals are named', () => {
    expect(gradeLabel(3, '甲').zh).toBe('三级甲等');
    expect(gradeLabel(2, null).zh).toBe('二级');
    expect(gradeLabel(null, null).zh).toBe('未定级');
  });
});
