// Validation and masking of the two national identifiers the registry stores: the unified social credit
// code of an institution (统一社会信用代码, GB 32100-2015) and the citizen ID number of a person
// (公民身份号码, GB 11643-1999). Both carry a check character, so a typo is caught on entry rather than
// surfacing later as a duplicate or an unmatched record.
import type { Bilingual } from '../platform/text.ts';

export type { Bilingual };

/** Largest value of a PostgreSQL integer (int4) column: ids and versions above it are input errors. */
export const INT4_MAX = 2_147_483_647;

export type Invalid<R extends string> = { ok: false; reason: R; message: Bilingual };
export type Validation<R extends string, T extends object = object> = ({ ok: true } & T) | Invalid<R>;

function fail<R extends string>(reason: R, zh: string, en: string): Invalid<R> {
  return { ok: false, reason, message: { zh, en } };
}

/** Province-level prefixes of GB/T 2260; a code outside them cannot be a real area code. */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Loose GB/T 2260 shape check: six digits under a real province. Whether the county exists is the area registry's job. */
export function isPlausibleAreaCode(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}

// ---------------------------------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015)
// ---------------------------------------------------------------------------------------------------

/** The 31 characters of GB 32100: digits and capitals without I, O, Z, S, V (too easily misread). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authorities (登记管理部门, 1st character) and the institution types (机构类别, 2nd
 * character) each may issue. Health institutions are mostly 12 (事业单位), 52 (民办非企业单位/社会服务机构),
 * 91 (企业) and 92 (个体工商户).
 */
export const USCC_AUTHORITIES: Readonly<
  Record<string, { label: Bilingual; types: Readonly<Record<string, Bilingual>> }>
> = {
  '1': {
    label: { zh: '机构编制', en: 'Institutional staffing' },
    types: {
      '1': { zh: '机关', en: 'Government organ' },
      '2': { zh: '事业单位', en: 'Public institution' },
      '3': { zh: '中央编办直接管理机构编制的群众团体', en: 'Mass organisation' },
      '9': { zh: '其他', en: 'Other' },
    },
  },
  '2': {
    label: { zh: '外交', en: 'Foreign affairs' },
    types: { '1': { zh: '外国常驻新闻机构', en: 'Foreign press office' }, '9': { zh: '其他', en: 'Other' } },
  },
  '3': {
    label: { zh: '司法行政', en: 'Justice' },
    types: {
      '1': { zh: '律师执业机构', en: 'Law firm' },
      '2': { zh: '公证处', en: 'Notary office' },
      '3': { zh: '基层法律服务所', en: 'Legal service office' },
      '4': { zh: '司法鉴定机构', en: 'Forensic institution' },
      '5': { zh: '仲裁委员会', en: 'Arbitration commission' },
      '9': { zh: '其他', en: 'Other' },
    },
  },
  '4': {
    label: { zh: '文化', en: 'Culture' },
    types: { '1': { zh: '外国在华文化中心', en: 'Foreign cultural centre' }, '9': { zh: '其他', en: 'Other' } },
  },
  '5': {
    label: { zh: '民政', en: 'Civil affairs' },
    types: {
      '1': { zh: '社会团体', en: 'Social organisation' },
      '2': { zh: '民办非企业单位', en: 'Private non-enterprise unit' },
      '3': { zh: '基金会', en: 'Foundation' },
      '9': { zh: '其他', en: 'Other' },
    },
  },
  '6': {
    label: { zh: '旅游', en: 'Tourism' },
    types: {
      '1': { zh: '外国旅游部门常驻代表机构', en: 'Foreign tourism office' },
      '2': { zh: '港澳台地区旅游部门常驻内地（大陆）代表机构', en: 'HK/Macao/Taiwan tourism office' },
      '9': { zh: '其他', en: 'Other' },
    },
  },
  '7': {
    label: { zh: '宗教', en: 'Religion' },
    types: {
      '1': { zh: '宗教活动场所', en: 'Religious venue' },
      '2': { zh: '宗教院校', en: 'Religious school' },
      '9': { zh: '其他', en: 'Other' },
    },
  },
  '8': {
    label: { zh: '工会', en: 'Trade unions' },
    types: { '1': { zh: '基层工会', en: 'Grassroots union' }, '9': { zh: '其他', en: 'Other' } },
  },
  '9': {
    label: { zh: '工商（市场监管）', en: 'Market regulation' },
    types: {
      '1': { zh: '企业', en: 'Enterprise' },
      '2': { zh: '个体工商户', en: 'Individual business' },
      '3': { zh: '农民专业合作社', en: 'Farmers’ cooperative' },
    },
  },
  A: {
    label: { zh: '中央军委改革和编制办公室', en: 'Central Military Commission' },
    types: { '1': { zh: '军队事业单位', en: 'Military public institution' }, '9': { zh: '其他', en: 'Other' } },
  },
  N: {
    label: { zh: '农业', en: 'Agriculture' },
    types: {
      '1': { zh: '组级集体经济组织', en: 'Group collective' },
      '2': { zh: '村级集体经济组织', en: 'Village collective' },
      '3': { zh: '乡镇级集体经济组织', en: 'Township collective' },
      '9': { zh: '其他', en: 'Other' },
    },
  },
  Y: { label: { zh: '其他', en: 'Other' }, types: { '1': { zh: '其他', en: 'Other' } } },
};

function usccValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/** Check character (18th) for the first 17 characters; throws on characters outside the charset. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`usccCheckChar expects 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccValue(first17[i]!);
    if (v < 0) throw new RangeError(`character ${first17[i]} is not allowed in a USCC`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[c]!;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Check character of the 9-character organisation code (组织机构代码, GB 11714) that forms characters
 * 9–17 of every USCC: letters count A=10…Z=35, C9 = 11 − (Σ mod 11), 10 → X, 11 → 0.
 */
export function orgCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`orgCodeCheckChar expects 8 characters, got ${first8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = Number.parseInt(first8[i]!, 36);
    if (Number.isNaN(v)) throw new RangeError(`character ${first8[i]} is not allowed in an organisation code`);
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type UsccReason = 'length' | 'charset' | 'authority' | 'type' | 'area' | 'org-code' | 'check';

export interface UsccParts {
  authority: string;
  type: string;
  /** GB/T 2260 code of the registering area (登记管理机关行政区划码). */
  areaCode: string;
  /** 主体标识码: the GB 11714 organisation code. */
  orgCode: string;
}

export interface UsccOptions {
  /**
   * Check characters 9–17 against the GB 11714 rule too (default true). Turn off only for legacy data
   * known to contain codes issued before the organisation-code rule was enforced.
   */
  orgCodeCheck?: boolean;
}

/** Validates a USCC. Input is trimmed and upper-cased first: users paste codes with spaces and lower case. */
export function validateUscc(
  code: string,
  options: UsccOptions = {},
): Validation<UsccReason, { code: string; parts: UsccParts }> {
  const c = code.trim().toUpperCase();
  if (c.length !== 18)
    return fail('length', `统一社会信用代码应为18位，实际为${c.length}位`, `A USCC has 18 characters, got ${c.length}`);
  for (const ch of c) {
    if (usccValue(ch) < 0) {
      return fail(
        'charset',
        `统一社会信用代码含有非法字符“${ch}”（不使用I、O、Z、S、V）`,
        `Character "${ch}" is not allowed (I, O, Z, S, V are never used)`,
      );
    }
  }
  const authority = USCC_AUTHORITIES[c[0]!];
  if (!authority)
    return fail('authority', `登记管理部门代码“${c[0]}”无效`, `Registration authority "${c[0]}" is not defined`);
  if (!authority.types[c[1]!]) {
    return fail(
      'type',
      `机构类别代码“${c[1]}”与登记管理部门“${authority.label.zh}”不符`,
      `Type "${c[1]}" is not defined for authority ${authority.label.en}`,
    );
  }
  const areaCode = c.slice(2, 8);
  // 100000 marks bodies registered at the central level (中央), which have no GB/T 2260 area.
  if (areaCode !== '100000' && !isPlausibleAreaCode(areaCode))
    return fail('area', `第3–8位行政区划码“${areaCode}”无效`, `Characters 3–8 "${areaCode}" are not an area code`);
  const orgCode = c.slice(8, 17);
  if (options.orgCodeCheck !== false && orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode[8]) {
    return fail(
      'org-code',
      `第9–17位组织机构代码“${orgCode}”校验码错误`,
      `Characters 9–17 "${orgCode}" fail the organisation-code check`,
    );
  }
  if (usccCheckChar(c.slice(0, 17)) !== c[17])
    return fail(
      'check',
      '统一社会信用代码校验码错误，请核对',
      'The check character does not match; the code is mistyped',
    );
  return { ok: true, code: c, parts: { authority: c[0]!, type: c[1]!, areaCode, orgCode } };
}

// ---------------------------------------------------------------------------------------------------
// Citizen ID number (GB 11643-1999)
// ---------------------------------------------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('citizenIdCheckChar expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export type CitizenIdReason = 'length' | 'charset' | 'area' | 'birth-date' | 'check';

export interface CitizenIdOptions {
  /** ISO date; a birth date after it is rejected. Passed in because core never reads the clock. */
  asOf?: string;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** Validates an 18-character citizen ID; a lower-case x is accepted and normalised. */
export function validateCitizenId(
  id: string,
  options: CitizenIdOptions = {},
): Validation<CitizenIdReason, { id: string; areaCode: string; birthDate: string; sex: 'male' | 'female' }> {
  const c = id.trim().toUpperCase();
  if (c.length !== 18)
    return fail(
      'length',
      `公民身份号码应为18位，实际为${c.length}位`,
      `A citizen ID has 18 characters, got ${c.length}`,
    );
  if (!/^\d{17}[\dX]$/.test(c))
    return fail(
      'charset',
      '公民身份号码前17位应为数字，末位为数字或X',
      'The first 17 characters must be digits and the last a digit or X',
    );
  const areaCode = c.slice(0, 6);
  if (!isPlausibleAreaCode(areaCode))
    return fail('area', `地址码“${areaCode}”无效`, `Address code "${areaCode}" is not an area code`);
  const y = Number(c.slice(6, 10));
  const m = Number(c.slice(10, 12));
  const d = Number(c.slice(12, 14));
  const birthDate = `${c.slice(6, 10)}-${c.slice(10, 12)}-${c.slice(12, 14)}`;
  if (y < 1850 || !isValidDate(y, m, d) || (options.asOf !== undefined && birthDate > options.asOf)) {
    return fail('birth-date', `出生日期“${birthDate}”无效`, `Birth date ${birthDate} is not valid`);
  }
  if (citizenIdCheckChar(c.slice(0, 17)) !== c[17])
    return fail(
      'check',
      '公民身份号码校验码错误，请核对',
      'The check character does not match; the number is mistyped',
    );
  // The sequence code's last digit is odd for men and even for women (GB 11643 §4.4).
  const sex = Number(c[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, id: c, areaCode, birthDate, sex };
}

// ---------------------------------------------------------------------------------------------------
// Masking for lists, logs and exports (个人信息保护法: show no more than the task needs)
// ---------------------------------------------------------------------------------------------------

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return (
    value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - keepEnd) + value.slice(value.length - keepEnd)
  );
}

/**
 * 410702199001011234 → *****************4: the last character only. Beside a card's county, sex and age
 * the first six and last four (the former form) left ≈ 33 candidates; one character leaves ≈ 16,600 (the
 * count is in core/surveillance/identifiers.ts). Short or malformed input is masked the same way.
 */
export function maskCitizenId(id: string): string {
  const c = id.trim().toUpperCase();
  return maskMiddle(c, 0, Math.min(1, Math.max(0, c.length - 1)));
}

/** 13812345678 → *******5678: the last four digits; a +86/86 prefix and separators are dropped first. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length > 4) return maskMiddle(digits, 0, 4);
  return '*'.repeat(digits.length);
}
