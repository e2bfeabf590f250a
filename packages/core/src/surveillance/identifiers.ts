// Who sees a case card's identifiers, and what everyone else sees instead: the one rule for lists, single
// reads, history snapshots and audit values.
//
// The threshold: without the identifier right, nothing returned beside a card may narrow its 身份证号 to
// fewer than 10,000 candidates. Counting what a card shows anyway: the county (≈ the first six digits),
// the sex (the parity of the 17th digit: 5 of 10) and the age (the birth date within one year). Left
// unknown: the birth date (365) × the 15th–16th digits (100) × the 17th (5) = 182,500 IDs, each with its
// check character fixed. Showing the last character (the check) keeps 1 in 11: ≈ 16,600 candidates.
// Showing the last two would fix the 17th digit and the check: ≈ 3,300 — too few. So masks keep the last
// character only, and the birth date itself is never shown beside them (age instead).
//
// The masked age is the age reached in the onset's calendar year (onset year − birth year), not the age on
// the onset day: the exact age on two cards of one person (a 重卡 links them) would place the birthday
// between their onsets — days apart, not a year. The year-based age says the birth year and nothing more,
// however many cards are compared.
import { mayWriteArea, mayWriteInstitution, type Principal } from '../identity/roles.ts';
import { maskCitizenId, maskPhone } from '../registry/validators.ts';
import { maskName } from './case-report.ts';

export { maskCitizenId, maskPhone };

/** What stands in for a free-text detail (address beyond the township, workplace, remarks) that is withheld. */
export const WITHHELD = '***';

/** A township code: the first nine digits of a village (12) or township (9) address code. */
export const townshipOfAddress = (addressCode: string): string => addressCode.slice(0, 9);

/**
 * Whether the caller may see a card's identifiers in full (on the audited single-record read only; lists
 * are masked for everyone). Read-only users never; institution users for the cards their institution
 * reported; area users (and the administrator) with write rights over the patient's county or over the
 * reporting institution — the two units that investigate and own the card.
 */
export function holdsIdentifierRight(
  p: Principal,
  card: { countyCode: string; institution: { id: number; areaCode: string } },
  within: (code: string, root: string) => boolean,
): boolean {
  if (p.role === 'readonly') return false;
  if (p.role === 'institution') return p.scopeInstitutionId === card.institution.id;
  return mayWriteArea(p, card.countyCode, within) || mayWriteInstitution(p, card.institution, within);
}

/** The personal fields of a card as the API names them (camelCase); any may be absent. */
const CAMEL = {
  patientName: 'patientName',
  parentName: 'parentName',
  citizenId: 'citizenId',
  citizenIdMasked: 'citizenIdMasked',
  phone: 'phone',
  phoneMasked: 'phoneMasked',
  birthDate: 'birthDate',
  ageYears: 'ageYears',
  onsetDate: 'onsetDate',
  workplace: 'workplace',
  addressCode: 'addressCode',
  addressText: 'addressText',
  remarks: 'remarks',
} as const;

/** The same fields as stored (snake_case columns; history snapshots and audit before-values). */
const SNAKE = {
  patientName: 'patient_name',
  parentName: 'parent_name',
  citizenId: 'citizen_id',
  citizenIdMasked: 'citizen_id_masked',
  phone: 'phone',
  phoneMasked: 'phone_masked',
  birthDate: 'birth_date',
  ageYears: 'age_years',
  onsetDate: 'onset_date',
  workplace: 'workplace',
  addressCode: 'address_code',
  addressText: 'address_text',
  remarks: 'remarks',
} as const;

/** Stored-only columns that never leave the server: ciphertext and keyed digests. */
const SEALED = ['citizen_id_enc', 'phone_enc', 'person_hmac', 'phone_hmac', 'citizenIdEnc', 'phoneEnc'];

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The age reached in the calendar year of `onset` (YYYY-…): the birth year is all it tells. */
export function ageInOnsetYear(birthDate: string, onset: string): number {
  return Number(onset.slice(0, 4)) - Number(birthDate.slice(0, 4));
}

/**
 * A card as a caller without the identifier right sees it: name and parent's name with the family name
 * only, 身份证号 and phone as masks (last character, last four digits), no birth date (the age in the onset
 * year instead), the
 * address down to the township, no detailed address, workplace or remarks. Works on API-shaped (`naming` camel)
 * and stored (`snake`) records; fields not present stay absent; ciphertext and digests are dropped.
 */
export function maskCard<T extends Record<string, unknown>>(card: T, naming: 'camel' | 'snake' = 'camel'): T {
  const k = naming === 'camel' ? CAMEL : SNAKE;
  const out: Record<string, unknown> = { ...card };
  for (const s of SEALED) delete out[s];
  const set = (key: string, f: (v: string) => unknown) => {
    if (key in out) out[key] = str(out[key]) ? f(out[key] as string) : (out[key] ?? null);
  };
  set(k.patientName, maskName);
  set(k.parentName, maskName);
  // A stored mask from before this rule kept more: masking the mask again keeps its last character.
  set(k.citizenIdMasked, maskCitizenId);
  set(k.phoneMasked, maskPhone);
  if (k.citizenId in out) {
    if (str(out[k.citizenId]) && !(k.citizenIdMasked in out))
      out[k.citizenIdMasked] = maskCitizenId(out[k.citizenId] as string);
    out[k.citizenId] = null;
  }
  if (k.phone in out) {
    if (str(out[k.phone]) && !(k.phoneMasked in out)) out[k.phoneMasked] = maskPhone(out[k.phone] as string);
    out[k.phone] = null;
  }
  if (k.birthDate in out) {
    const birth = out[k.birthDate];
    const onset = out[k.onsetDate];
    // A card given with an age and no birth date keeps that age: nobody knows more.
    if (str(birth) && str(onset) && k.ageYears in out) out[k.ageYears] = ageInOnsetYear(birth, onset);
    out[k.birthDate] = null;
  }
  set(k.workplace, () => WITHHELD);
  set(k.addressText, () => WITHHELD);
  // Free text: reporters write contacts, family members and workplaces there.
  set(k.remarks, () => WITHHELD);
  set(k.addressCode, townshipOfAddress);
  return out as T;
}
