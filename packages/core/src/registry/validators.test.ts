import { describe, expect, it } from 'vitest';
import {
  citizenIdCheckChar,
  maskCitizenId,
  maskPhone,
  orgCodeCheckChar,
  USCC_CHARSET,
  usccCheckChar,
  validateCitizenId,
  validateUscc,
} from './validators.ts';

/** Builds a valid USCC from its parts so tests do not depend on hand-computed check characters. */
function makeUscc(prefix2: string, area: string, org8: string): string {
  const first17 = prefix2 + area + org8 + orgCodeCheckChar(org8);
  return first17 + usccCheckChar(first17);
}

describe('validateUscc', () => {
  // Published codes, checked by hand against both the GB 32100 and GB 11714 rules.
  it.each([
    '91350100M000100Y43',
    '9144030071526726XG',
    '91330100799655058B',
    '91110000802100433B',
    '911100001000044477',
  ])('accepts the published code %s', (code) => {
    expect(validateUscc(code).ok).toBe(true);
  });

  it('accepts computed codes of health institutions and reports their parts', () => {
    const code = makeUscc('12', '410702', '41580047');
    const r = validateUscc(code);
    expect(r).toMatchObject({ ok: true, parts: { authority: '1', type: '2', areaCode: '410702' } });
    expect(validateUscc(makeUscc('52', '410782', 'MJ5K3Y2P')).ok).toBe(true);
    expect(validateUscc(makeUscc('92', '410783', 'MA9XG4H1')).ok).toBe(true);
  });

  it('normalises case and spaces', () => {
    expect(validateUscc(' 91350100m000100y43 ').ok).toBe(true);
  });

  it('accepts the central-level area 100000', () => {
    expect(validateUscc(makeUscc('12', '100000', '40000065')).ok).toBe(true);
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100O43', 'charset'],
    ['91350100I000100Y43', 'charset'],
    ['B1350100M000100Y43', 'authority'],
    ['94350100M000100Y43', 'type'],
    ['91990100M000100Y43', 'area'],
    ['91350100M000100Y53', 'org-code'],
    ['91350100M000100Y44', 'check'],
  ])('rejects %s with reason %s', (code, reason) => {
    const r = validateUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message.zh.length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
    }
  });

  it('can skip the organisation-code check for legacy data', () => {
    expect(validateUscc('91350100M000100Y53', { orgCodeCheck: false })).toMatchObject({ ok: false, reason: 'check' });
  });

  it('detects every single-character substitution', () => {
    const code = makeUscc('12', '410700', '41580047');
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_CHARSET) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(validateUscc(typo, { orgCodeCheck: false }).ok, typo).toBe(false);
      }
    }
  });

  it('maps a check value of 31 to 0 and rejects bad input to the helper', () => {
    // Find a 17-char prefix whose sum is divisible by 31 by brute force over the last character.
    let found = false;
    for (const ch of USCC_CHARSET) {
      const p = `1241070041580047${ch}`;
      if (usccCheckChar(p) === '0') found = true;
    }
    expect(found).toBe(true);
    expect(() => usccCheckChar('123')).toThrow(RangeError);
    expect(() => usccCheckChar('9135010OM000100Y4')).toThrow(RangeError);
  });
});

describe('validateCitizenId', () => {
  it('accepts the GB 11643 examples and returns birth date and sex', () => {
    expect(validateCitizenId('11010519491231002X')).toEqual({
      ok: true,
      id: '11010519491231002X',
      areaCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(validateCitizenId('440524188001010014')).toMatchObject({ ok: true, birthDate: '1880-01-01', sex: 'male' });
  });

  it('accepts a lower-case x and computed IDs of 新乡 residents', () => {
    expect(validateCitizenId('11010519491231002x').ok).toBe(true);
    const first17 = '41070219900229123'; // 1990 is not a leap year: must fail on the date
    expect(validateCitizenId(first17 + citizenIdCheckChar(first17))).toMatchObject({ ok: false, reason: 'birth-date' });
    const leap = '41078220000229123';
    expect(validateCitizenId(leap + citizenIdCheckChar(leap))).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
      sex: 'male',
    });
    const woman = '41072119850615004';
    expect(validateCitizenId(woman + citizenIdCheckChar(woman))).toMatchObject({ ok: true, sex: 'female' });
  });

  it.each([
    ['1101051949123100', 'length'],
    ['11010519491231002Y', 'charset'],
    ['1101051949X231002X', 'charset'],
    ['99010519491231002X', 'area'],
    ['11010519491331002X', 'birth-date'],
    ['11010518001231002X', 'birth-date'],
    ['110105194912310021', 'check'],
  ])('rejects %s with reason %s', (id, reason) => {
    expect(validateCitizenId(id)).toMatchObject({ ok: false, reason });
  });

  it('rejects birth dates after asOf', () => {
    const p = '41070220300101123';
    const id = p + citizenIdCheckChar(p);
    expect(validateCitizenId(id).ok).toBe(true);
    expect(validateCitizenId(id, { asOf: '2025-12-31' })).toMatchObject({ ok: false, reason: 'birth-date' });
  });
});

describe('masking', () => {
  // Issue 12 changed the form: the first six and last four beside county, sex and age let an ID be rebuilt.
  it('masks citizen IDs keeping the last character only', () => {
    expect(maskCitizenId('410702199001011234')).toBe('*****************4');
    expect(maskCitizenId('11010519491231002x')).toBe('*****************X');
    expect(maskCitizenId('410702********1234')).toBe('*****************4');
    expect(maskCitizenId('123')).toBe('**3');
  });

  it('masks phone numbers keeping the last four digits', () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('*******5678');
    expect(maskPhone('8613812345678')).toBe('*******5678');
    expect(maskPhone('138****5678')).toBe('*******5678');
    expect(maskPhone('3731234')).toBe('***1234');
    expect(maskPhone('123')).toBe('***');
  });
});
