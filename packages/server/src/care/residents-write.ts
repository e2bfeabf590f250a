// Writing a record of the person index: the stored columns of a new record or an edit with every problem named
// at once (身份证号 against sex and birth date, phone, area a village of the caller's scope, keeper, dates) and
// the duplicate rule (one live record per 身份证号 and per external id in a county).

import { chinaToday } from '@weijian/core/platform';
import { maskCitizenId, maskPhone, validateCitizenId } from '@weijian/core/registry';
import { maskName } from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Queryable } from '../platform/db.ts';
import { AppError, type ErrorDetail, invalid } from '../platform/errors.ts';
import type { AreaRecord } from '../registry/index.ts';
import type { CareBase } from './base.ts';
import { CitizenIdPurpose, normalisePhone, PhonePurpose } from './residents-identifiers.ts';
import { type ResidentRow, type ResidentWrite, residentByExternalId, residentByIdHmac } from './residents-repo.ts';

export interface ResidentFields {
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  area: string;
  idNumber?: string | null;
  phone?: string | null;
  household?: string | null;
  residence?: 'resident' | 'registered' | 'both';
  established?: string | null;
  keeperInstitutionId?: number | null;
  externalId?: string | null;
  deathDate?: string | null;
  movedOut?: string | null;
  disabled?: boolean;
  poor?: boolean;
  history?: string | null;
  allergies?: string | null;
}

/** ICD-10 as the 基本公卫 records write it: a letter, two digits, optionally a point and one or two digits. */
export const ICD10 = /^[A-Z]\d{2}(\.\d{1,2})?$/;

/**
 * The stored columns of a new record or an edit (`before` given: the fields not sent keep their value),
 * every problem named at once: ID against sex and birth date, phone, area (a village of the caller's scope),
 * keeper institution, dates.
 */
export async function residentWrite(
  base: CareBase,
  policy: AccessPolicy,
  f: Partial<ResidentFields>,
  before: ResidentRow | null,
): Promise<ResidentWrite> {
  const issues: ErrorDetail[] = [];
  const bad = (path: string, zh: string, en: string) => issues.push({ path, message: { zh, en } });
  const today = chinaToday();
  const pr = base.protector;
  const name = f.name !== undefined ? f.name.trim() : (before?.name ?? '');
  if (!name) bad('name', '请填写姓名', 'Give the name');
  const sex = f.sex ?? before?.sex ?? 'M';
  const birthDate = f.birthDate ?? before?.birthDate ?? '';
  if (birthDate > today) bad('birthDate', '出生日期不能晚于今天', 'The birth date is in the future');
  const w: ResidentWrite = {
    countyCode: before?.countyCode ?? '',
    externalId: f.externalId !== undefined ? f.externalId?.trim() || null : (before?.externalId ?? null),
    name,
    sex,
    birthDate,
    areaCode: f.area ?? before?.areaCode ?? '',
    townshipCode: '',
    household: f.household !== undefined ? f.household?.trim() || null : (before?.household ?? null),
    residence: f.residence ?? before?.residence ?? 'resident',
    idEnc: before?.idEnc ?? null,
    idHmac: before?.idHmac ?? null,
    idMasked: before?.idMasked ?? null,
    phoneEnc: before?.phoneEnc ?? null,
    phoneHmac: before?.phoneHmac ?? null,
    phoneMasked: before?.phoneMasked ?? null,
    established: f.established !== undefined ? f.established : (before?.established ?? null),
    keeperInstitutionId:
      f.keeperInstitutionId !== undefined ? f.keeperInstitutionId : (before?.keeperInstitutionId ?? null),
    deathDate: f.deathDate !== undefined ? f.deathDate : (before?.deathDate ?? null),
    movedOut: f.movedOut !== undefined ? f.movedOut : (before?.movedOut ?? null),
    disabled: f.disabled ?? before?.disabled ?? false,
    poor: f.poor ?? before?.poor ?? false,
    history: f.history !== undefined ? f.history?.trim() || null : (before?.history ?? null),
    allergies: f.allergies !== undefined ? f.allergies?.trim() || null : (before?.allergies ?? null),
  };
  // 身份证号: GB 11643 check character; its sex and birth date must be the record's.
  if (f.idNumber !== undefined) {
    const raw = f.idNumber?.trim() ?? '';
    if (!raw) {
      w.idEnc = w.idHmac = w.idMasked = null;
    } else {
      const v = validateCitizenId(raw, { asOf: today });
      if (!v.ok) issues.push({ path: 'idNumber', message: v.message });
      else {
        w.idEnc = pr.encrypt(v.id);
        w.idHmac = pr.hmac(CitizenIdPurpose, v.id);
        w.idMasked = maskCitizenId(v.id);
        if ((v.sex === 'male' ? 'M' : 'F') !== sex) {
          bad('sex', '性别与身份证号不符', 'The sex does not match the ID number');
        }
        if (v.birthDate !== birthDate) {
          bad('birthDate', `出生日期与身份证号（${v.birthDate}）不符`, `The birth date differs from the ID number's`);
        }
      }
    }
  } else if (before?.idEnc && (f.sex !== undefined || f.birthDate !== undefined)) {
    const v = validateCitizenId(pr.decrypt(before.idEnc));
    if (v.ok && (v.sex === 'male' ? 'M' : 'F') !== sex)
      bad('sex', '性别与身份证号不符', 'The sex does not match the ID number');
    if (v.ok && v.birthDate !== birthDate)
      bad('birthDate', '出生日期与身份证号不符', "The birth date differs from the ID number's");
  }
  if (f.phone !== undefined) {
    const raw = f.phone?.trim() ?? '';
    if (!raw) w.phoneEnc = w.phoneHmac = w.phoneMasked = null;
    else {
      const digits = normalisePhone(raw);
      if (!digits) bad('phone', `联系电话“${maskPhone(raw)}”格式不正确`, 'The phone number is not a phone number');
      else {
        w.phoneEnc = pr.encrypt(digits);
        w.phoneHmac = pr.hmac(PhonePurpose, digits);
        w.phoneMasked = maskPhone(digits);
      }
    }
  }
  for (const k of ['established', 'deathDate', 'movedOut'] as const) {
    const v = w[k];
    if (v && v > today) bad(k, '日期不能晚于今天', 'The date is in the future');
    if (v && birthDate && v < birthDate) bad(k, '日期不能早于出生日期', 'The date is before the birth date');
  }
  // Area: a village/community of the tree, within what the caller may write.
  let areaOk = true;
  if (f.area !== undefined || !before) {
    areaOk = false;
    const tree = await base.areas.tree();
    const node = tree.get(w.areaCode) as AreaRecord | undefined;
    if (node?.level !== 5) {
      bad('area', `${w.areaCode} 不是村（社区）区划代码`, `${w.areaCode} is not a village/community code`);
    } else {
      w.countyCode = node.countyCode ?? w.areaCode.slice(0, 6);
      if (!(await mayPlace(base, policy, w.areaCode, w.countyCode))) {
        bad('area', `${node.name}不在您的管辖范围内`, `${node.name} is outside your scope`);
      } else areaOk = true;
    }
  }
  w.townshipCode = w.areaCode.slice(0, 9);
  // Keeper: an institution user's own by default; else an institution of the record's county.
  if (!before && w.keeperInstitutionId === null && policy.principal.role === 'institution') {
    w.keeperInstitutionId = policy.principal.scopeInstitutionId;
  }
  if (w.keeperInstitutionId !== null && w.keeperInstitutionId !== before?.keeperInstitutionId) {
    const inst = (await base.institutions.byIds([w.keeperInstitutionId])).get(w.keeperInstitutionId);
    if (!inst) bad('keeperInstitutionId', '建档机构不存在', 'No such institution');
    else if (areaOk && inst.countyCode !== w.countyCode) {
      bad('keeperInstitutionId', `${inst.name}不在档案所在县区`, `${inst.name} is not in the record's county`);
    } else if (!policy.isAdmin && policy.principal.role === 'institution' && inst.id !== policy.scopeInstitutionId) {
      bad(
        'keeperInstitutionId',
        '机构用户只能由本机构建档',
        'An institution user keeps records for their own institution',
      );
    }
  }
  if (!before && w.established === null && w.keeperInstitutionId !== null) w.established = today;
  if (issues.length) throw invalid(issues);
  return w;
}

/** Area users place records within their write scope; institution users in their institution's county. */
async function mayPlace(base: CareBase, policy: AccessPolicy, area: string, county: string): Promise<boolean> {
  if (policy.isAdmin) return true;
  if (policy.principal.role === 'institution') {
    const id = policy.scopeInstitutionId;
    const inst = id === null ? undefined : (await base.institutions.byIds([id])).get(id);
    return inst?.countyCode === county;
  }
  return policy.mayWriteArea(area);
}

/** 409 naming the live record that already holds this 身份证号 (masked) or external id. */
export async function refuseDuplicate(
  base: CareBase,
  q: Queryable,
  w: ResidentWrite,
  self: number | null,
): Promise<void> {
  const byId = w.idHmac ? await residentByIdHmac(q, w.countyCode, w.idHmac) : null;
  const byExt = w.externalId ? await residentByExternalId(q, w.countyCode, w.externalId) : null;
  const dup = [byId, byExt].find((r) => r && r.id !== self);
  if (!dup) return;
  const keeper =
    dup.keeperInstitutionId === null
      ? null
      : ((await base.institutions.byIds([dup.keeperInstitutionId])).get(dup.keeperInstitutionId)?.name ?? null);
  const what = dup === byId ? { zh: '身份证号', en: 'ID number' } : { zh: '外部编号', en: 'external id' };
  throw new AppError(
    'CONFLICT',
    {
      zh: `该${what.zh}已建档：档案 #${dup.id} ${maskName(dup.name)}（${dup.idMasked ?? '无身份证号'}），建档机构：${keeper ?? '未指定'}`,
      en: `This ${what.en} has a record already: #${dup.id} ${maskName(dup.name)} (${dup.idMasked ?? 'no ID number'}), kept by ${keeper ?? 'no institution'}`,
    },
    [
      {
        path: dup === byId ? 'idNumber' : 'externalId',
        message: { zh: `已有档案 #${dup.id}`, en: `Existing record #${dup.id}` },
      },
    ],
  );
}

/** A unique-index violation raced past the duplicate check: the same 409, without naming (it was not seen). */
export function rethrowUnique(e: unknown, _w: ResidentWrite): never {
  if ((e as { code?: string }).code === '23505') {
    throw new AppError('CONFLICT', {
      zh: '该身份证号或外部编号已建档',
      en: 'This ID number or external id has a record already',
    });
  }
  throw e;
}
