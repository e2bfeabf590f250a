import { describe, expect, it } from 'vitest';
import type { Principal } from '../identity/roles.ts';
import { citizenIdCheckChar } from '../registry/validators.ts';
import { ageInOnsetYear, holdsIdentifierRight, maskCard, maskCitizenId, WITHHELD } from './identifiers.ts';

const ID = '410782198403150317';

/**
 * Every 身份证号 consistent with what a masked card shows: the county's six digits, the age in the onset
 * year, the sex (parity of the 17th digit) and the visible tail of the mask.
 */
function candidates(county: string, age: number, onset: string, male: boolean, mask: string): number {
  const tail = mask.replace(/^\*+/, '');
  let n = 0;
  const start = Date.UTC(Number(onset.slice(0, 4)) - age - 2, 0, 1);
  for (let t = start; t < start + 3 * 366 * 86_400_000; t += 86_400_000) {
    const birth = new Date(t).toISOString().slice(0, 10);
    if (ageInOnsetYear(birth, onset) !== age) continue;
    for (let seq = 0; seq < 1000; seq++) {
      if ((seq % 2 === 1) !== male) continue;
      const first17 = `${county}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      if ((first17 + citizenIdCheckChar(first17)).endsWith(tail)) n++;
    }
  }
  return n;
}

describe('identifier masks', () => {
  it('leave at least 10,000 candidate IDs beside county, age and sex', () => {
    const masked = maskCitizenId(ID);
    expect(masked).toBe('*****************7');
    const n = candidates('410782', 38, '2023-01-10', true, masked);
    expect(n).toBeGreaterThanOrEqual(10_000);
    // The forms rejected: the last two characters, and the usual first six + last four.
    expect(candidates('410782', 38, '2023-01-10', true, ID.slice(-2))).toBeLessThan(10_000);
    expect(candidates('410782', 38, '2023-01-10', true, ID.slice(-4))).toBeLessThan(1_000);
  });

  it('mask an API-shaped card: no birth date, no detail beyond the township, no clear identifiers', () => {
    const card = {
      id: 1,
      patientName: '张小明',
      parentName: '张大山',
      citizenId: ID,
      citizenIdMasked: '410782********0317',
      phone: '13912345678',
      phoneMasked: '139****5678',
      birthDate: '1984-03-15',
      ageYears: 38,
      onsetDate: '2023-01-10',
      workplace: '城关小学',
      addressCode: '410782001002',
      addressText: '城关镇某街 12 号',
      remarks: '联系人：其妻 13811112222',
      citizenIdEnc: 'v1.x',
      sex: 'male',
    };
    const m = maskCard(card);
    expect(m).toEqual({
      id: 1,
      patientName: '张**',
      parentName: '张**',
      citizenId: null,
      citizenIdMasked: '*****************7',
      phone: null,
      phoneMasked: '*******5678',
      birthDate: null,
      ageYears: 39,
      onsetDate: '2023-01-10',
      workplace: WITHHELD,
      addressCode: '410782001',
      addressText: WITHHELD,
      remarks: WITHHELD,
      sex: 'male',
    });
    expect(JSON.stringify(m)).not.toMatch(/1984|0315|1234|城关|1381111/);
  });

  it('give two cards of one person on either side of a birthday the same age', () => {
    const card = (onsetDate: string, ageYears: number) => maskCard({ birthDate: '1984-03-15', onsetDate, ageYears });
    // On the onset days the person was 38 and 39: together that would date the birthday within two weeks.
    expect(card('2023-03-08', 38).ageYears).toBe(39);
    expect(card('2023-03-22', 39).ageYears).toBe(39);
    // A card given with an age only keeps it.
    expect(maskCard({ birthDate: null, onsetDate: '2023-03-08', ageYears: 7 }).ageYears).toBe(7);
  });

  it('mask a stored snapshot the same way, dropping ciphertext and digests', () => {
    const m = maskCard(
      {
        patient_name: '李四',
        parent_name: null,
        citizen_id_enc: 'v1.a.b.c',
        citizen_id_masked: '410782********0317',
        phone_enc: 'v1.d',
        phone_masked: '139****5678',
        person_hmac: 'h',
        birth_date: '1984-03-15',
        workplace: null,
        address_code: '410782001',
        address_text: null,
        disease_code: 'B22',
      },
      'snake',
    );
    expect(m).toEqual({
      patient_name: '李*',
      parent_name: null,
      citizen_id_masked: '*****************7',
      phone_masked: '*******5678',
      birth_date: null,
      workplace: null,
      address_code: '410782001',
      address_text: null,
      disease_code: 'B22',
    });
  });

  it('derive the mask from a clear ID when no mask was given', () => {
    expect(maskCard({ citizenId: ID, phone: '13912345678' })).toEqual({
      citizenId: null,
      citizenIdMasked: '*****************7',
      phone: null,
      phoneMasked: '*******5678',
    });
  });
});

describe('the identifier right', () => {
  const within = (code: string, root: string) => code.startsWith(root);
  const who = (role: Principal['role'], scopeAreaCode: string | null, scopeInstitutionId: number | null = null) =>
    ({ userId: 1, username: 'u', role, scopeAreaCode, scopeInstitutionId }) as Principal;
  const card = { countyCode: '410782', institution: { id: 7, areaCode: '410783001' } };

  it('is never held by read-only users', () => {
    expect(holdsIdentifierRight(who('readonly', '4107'), card, within)).toBe(false);
  });
  it('is held by the reporting institution only', () => {
    expect(holdsIdentifierRight(who('institution', null, 7), card, within)).toBe(true);
    expect(holdsIdentifierRight(who('institution', null, 8), card, within)).toBe(false);
  });
  it('is held by the patient’s county, the reporting institution’s county, the city and the administrator', () => {
    expect(holdsIdentifierRight(who('county', '410782'), card, within)).toBe(true);
    expect(holdsIdentifierRight(who('county', '410783'), card, within)).toBe(true);
    expect(holdsIdentifierRight(who('county', '410781'), card, within)).toBe(false);
    expect(holdsIdentifierRight(who('city', '4107'), card, within)).toBe(true);
    expect(holdsIdentifierRight(who('city', '4108'), card, within)).toBe(false);
    expect(holdsIdentifierRight(who('admin', null), card, within)).toBe(true);
  });
});
