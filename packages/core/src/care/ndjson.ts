// The NDJSON exchange of care records (issue 15 §7): one JSON object per line, five kinds. The same parser
// serves the bulk import and `weijian care evaluate`, so a file either system accepts means the same to both.
// Strict by design: a field this format does not know is refused rather than ignored, because a misspelt
// optional field ("fgb") would otherwise silently drop a reading and change an indicator. `null` is read as
// an absent optional field. Every refusal names the line and the field in both languages.

import { type Bilingual, isMalformedText } from '../platform/text.ts';
import { validateCitizenId } from '../registry/validators.ts';
import {
  type CareCheck,
  type CareContract,
  type CareEnrolment,
  type CareFollowup,
  type CareResident,
  CHECK_TYPES,
  CLASSIFICATIONS,
  type Classification,
  FOLLOWUP_MODES,
  PROGRAMS,
  RESIDENCE_KINDS,
  type ResidenceKind,
} from './types.ts';

export type CareNdjsonResident = { kind: 'resident' } & CareResident & {
    idNumber?: string;
    name?: string;
    phone?: string;
    household?: string;
    residence?: ResidenceKind;
  };
export type CareNdjsonEnrolment = { kind: 'enrolment' } & CareEnrolment;
export type CareNdjsonFollowup = { kind: 'followup' } & CareFollowup & { classification?: Classification };
export type CareNdjsonCheck = { kind: 'check' } & CareCheck;
export type CareNdjsonContract = { kind: 'contract' } & CareContract;
export type CareNdjsonItem =
  | CareNdjsonResident
  | CareNdjsonEnrolment
  | CareNdjsonFollowup
  | CareNdjsonCheck
  | CareNdjsonContract;
export type CareNdjsonKind = CareNdjsonItem['kind'];
export const CARE_NDJSON_KINDS: readonly CareNdjsonKind[] = ['resident', 'enrolment', 'followup', 'check', 'contract'];

export type CareLineResult =
  | { ok: true; item: CareNdjsonItem }
  | { ok: false; field: string | null; message: Bilingual };

/** Longest id, resident reference, team code or name accepted. */
export const MAX_ID_LENGTH = 64;
export const MIN_DATE = '1850-01-01';
export const MAX_DATE = '2100-12-31';

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date written YYYY-MM-DD (clock.ts isCalendarDate without building a Date: 1M lines). */
function isDate(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m]!) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

class LineError extends Error {
  constructor(
    readonly field: string | null,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

type Obj = Record<string, unknown>;

/** Cheap pre-test for isMalformedText (NUL or any surrogate), which is dearer per call. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is looked for
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

function text(o: Obj, field: string, required: true): string;
function text(o: Obj, field: string, required: false): string | undefined;
function text(o: Obj, field: string, required: boolean): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) {
    if (required) throw new LineError(field, '缺少必填字段', 'required field missing');
    return undefined;
  }
  if (typeof v !== 'string') throw new LineError(field, '应为字符串', 'must be a string');
  const s = v.trim();
  if (!s) {
    if (required) throw new LineError(field, '不能为空', 'must not be empty');
    return undefined;
  }
  if (s.length > MAX_ID_LENGTH)
    throw new LineError(field, `超过 ${MAX_ID_LENGTH} 个字符`, `longer than ${MAX_ID_LENGTH} characters`);
  if (SUSPECT.test(s) && isMalformedText(s)) throw new LineError(field, '含有无效字符', 'contains invalid characters');
  return s;
}

function date(o: Obj, field: string, required: true): string;
function date(o: Obj, field: string, required: false): string | null;
function date(o: Obj, field: string, required: boolean): string | null {
  const v = o[field];
  if (v === undefined || v === null) {
    if (required) throw new LineError(field, '缺少必填日期', 'required date missing');
    return null;
  }
  if (typeof v !== 'string' || !isDate(v))
    throw new LineError(field, `“${String(v)}”不是有效日期（YYYY-MM-DD）`, `"${String(v)}" is not a date (YYYY-MM-DD)`);
  if (v < MIN_DATE || v > MAX_DATE)
    throw new LineError(
      field,
      `日期 ${v} 超出范围（${MIN_DATE}–${MAX_DATE}）`,
      `date ${v} is out of range ${MIN_DATE}–${MAX_DATE}`,
    );
  return v;
}

function oneOf<T extends string>(o: Obj, field: string, values: readonly T[], required: boolean): T | undefined {
  const v = o[field];
  if (v === undefined || v === null) {
    if (required) throw new LineError(field, '缺少必填字段', 'required field missing');
    return undefined;
  }
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw new LineError(
      field,
      `“${String(v)}”无效，可选：${values.join('、')}`,
      `"${String(v)}" is not one of ${values.join(', ')}`,
    );
  return v as T;
}

function reading(o: Obj, field: string, min: number, max: number, integer: boolean): number | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
    throw new LineError(field, integer ? '应为整数' : '应为数字', integer ? 'must be an integer' : 'must be a number');
  if (v < min || v > max)
    throw new LineError(
      field,
      `${v} 超出合理范围（${min}–${max}）`,
      `${v} is outside the plausible range ${min}–${max}`,
    );
  return v;
}

function bool(o: Obj, field: string): boolean | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new LineError(field, '应为 true 或 false', 'must be true or false');
  return v;
}

function notBefore(later: string | null, laterField: string, earlier: string | null, earlierField: string) {
  if (later !== null && earlier !== null && later < earlier)
    throw new LineError(
      laterField,
      `${later} 早于 ${earlierField} ${earlier}`,
      `${later} is before ${earlierField} ${earlier}`,
    );
}

const FIELDS: Record<CareNdjsonKind, ReadonlySet<string>> = {
  resident: new Set([
    'kind',
    'id',
    'idNumber',
    'sex',
    'birthDate',
    'area',
    'established',
    'deathDate',
    'movedOut',
    'name',
    'phone',
    'household',
    'residence',
    'disabled',
    'poor',
  ]),
  enrolment: new Set(['kind', 'resident', 'program', 'start', 'end', 'lmp', 'delivery']),
  followup: new Set(['kind', 'resident', 'program', 'date', 'mode', 'sbp', 'dbp', 'fbg', 'classification']),
  check: new Set(['kind', 'resident', 'type', 'date', 'complete']),
  contract: new Set(['kind', 'resident', 'team', 'start', 'end']),
};

const AREA_CODE = /^(\d{6}|\d{9}|\d{12})$/;

function resident(o: Obj): CareNdjsonResident {
  const id = text(o, 'id', true);
  const sex = oneOf(o, 'sex', ['M', 'F'] as const, true)!;
  const birthDate = date(o, 'birthDate', true);
  const area = text(o, 'area', true);
  if (!AREA_CODE.test(area))
    throw new LineError(
      'area',
      `“${area}”不是区划代码（应为 12 位村/社区代码，或 6/9 位）`,
      `"${area}" is not an area code (12 digits, or 6/9)`,
    );
  const established = date(o, 'established', false);
  const deathDate = date(o, 'deathDate', false);
  const movedOut = date(o, 'movedOut', false);
  notBefore(established, 'established', birthDate, 'birthDate');
  notBefore(deathDate, 'deathDate', birthDate, 'birthDate');
  notBefore(movedOut, 'movedOut', birthDate, 'birthDate');
  const item: CareNdjsonResident = { kind: 'resident', id, sex, birthDate, area, established, deathDate, movedOut };
  const idNumber = text(o, 'idNumber', false);
  if (idNumber !== undefined) {
    const v = validateCitizenId(idNumber);
    if (!v.ok) throw new LineError('idNumber', v.message.zh, v.message.en);
    if (v.birthDate !== birthDate)
      throw new LineError(
        'idNumber',
        `身份证号中的出生日期 ${v.birthDate} 与 birthDate ${birthDate} 不符`,
        `the ID number's birth date ${v.birthDate} differs from birthDate ${birthDate}`,
      );
    if ((v.sex === 'male' ? 'M' : 'F') !== sex)
      throw new LineError(
        'idNumber',
        `身份证号中的性别与 sex “${sex}”不符`,
        `the ID number's sex differs from sex "${sex}"`,
      );
    item.idNumber = v.id;
  }
  const name = text(o, 'name', false);
  if (name !== undefined) item.name = name;
  const phone = text(o, 'phone', false);
  if (phone !== undefined) {
    if (!/^\+?[\d\s-]{5,20}$/.test(phone))
      throw new LineError('phone', `“${phone}”不是电话号码`, `"${phone}" is not a phone number`);
    item.phone = phone;
  }
  const household = text(o, 'household', false);
  if (household !== undefined) item.household = household;
  const residence = oneOf(o, 'residence', RESIDENCE_KINDS, false);
  if (residence !== undefined) item.residence = residence;
  const disabled = bool(o, 'disabled');
  if (disabled !== undefined) item.disabled = disabled;
  const poor = bool(o, 'poor');
  if (poor !== undefined) item.poor = poor;
  return item;
}

function enrolment(o: Obj): CareNdjsonEnrolment {
  const item: CareNdjsonEnrolment = {
    kind: 'enrolment',
    resident: text(o, 'resident', true),
    program: oneOf(o, 'program', PROGRAMS, true)!,
    start: date(o, 'start', true),
    end: date(o, 'end', false),
  };
  notBefore(item.end, 'end', item.start, 'start');
  const lmp = date(o, 'lmp', false);
  const delivery = date(o, 'delivery', false);
  if ((lmp !== null || delivery !== null) && item.program !== 'maternal') {
    const field = lmp !== null ? 'lmp' : 'delivery';
    throw new LineError(field, '仅孕产妇保健（maternal）登记可填写', 'only for a maternal enrolment');
  }
  notBefore(delivery, 'delivery', lmp, 'lmp');
  if (item.program === 'maternal') {
    item.lmp = lmp;
    item.delivery = delivery;
  }
  return item;
}

function followup(o: Obj): CareNdjsonFollowup {
  const item: CareNdjsonFollowup = {
    kind: 'followup',
    resident: text(o, 'resident', true),
    program: oneOf(o, 'program', PROGRAMS, true)!,
    date: date(o, 'date', true),
    mode: oneOf(o, 'mode', FOLLOWUP_MODES, true)!,
    // The storage's own bounds (care_followups checks), so what evaluates here also imports.
    sbp: reading(o, 'sbp', 40, 300, true),
    dbp: reading(o, 'dbp', 20, 200, true),
    fbg: reading(o, 'fbg', 0.1, 49.9, false),
  };
  const classification = oneOf(o, 'classification', CLASSIFICATIONS, false);
  if (classification !== undefined) item.classification = classification;
  return item;
}

function check(o: Obj): CareNdjsonCheck {
  return {
    kind: 'check',
    resident: text(o, 'resident', true),
    type: oneOf(o, 'type', CHECK_TYPES, true)!,
    date: date(o, 'date', true),
    complete: bool(o, 'complete') ?? true,
  };
}

function contract(o: Obj): CareNdjsonContract {
  const item: CareNdjsonContract = {
    kind: 'contract',
    resident: text(o, 'resident', true),
    team: text(o, 'team', true),
    start: date(o, 'start', true),
    end: date(o, 'end', true),
  };
  notBefore(item.end, 'end', item.start, 'start');
  return item;
}

const PARSERS: Record<CareNdjsonKind, (o: Obj) => CareNdjsonItem> = { resident, enrolment, followup, check, contract };

const where = (lineNo: number, field: string | null): Bilingual => ({
  zh: `第 ${lineNo} 行${field ? `【${field}】` : '：'}`,
  en: `line ${lineNo}${field ? ` [${field}]` : ''}: `,
});

function refuse(lineNo: number, field: string | null, zh: string, en: string): CareLineResult {
  const w = where(lineNo, field);
  return { ok: false, field, message: { zh: w.zh + zh, en: w.en + en } };
}

/** One NDJSON line (1-based `lineNo` for messages) → a care record, or a bilingual refusal naming line and field. */
export function parseCareLine(line: string, lineNo: number): CareLineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return refuse(lineNo, null, '不是有效的 JSON', 'not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse(lineNo, null, '应为一个 JSON 对象', 'must be a JSON object');
  const o = value as Obj;
  const kind = o.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(PARSERS, kind))
    return refuse(
      lineNo,
      'kind',
      `“${String(kind)}”无效，可选：${CARE_NDJSON_KINDS.join('、')}`,
      `"${String(kind)}" is not one of ${CARE_NDJSON_KINDS.join(', ')}`,
    );
  const known = FIELDS[kind as CareNdjsonKind];
  for (const key in o)
    if (!known.has(key)) return refuse(lineNo, key, `${kind} 行没有这个字段`, `no such field in a ${kind} line`);
  try {
    return { ok: true, item: PARSERS[kind as CareNdjsonKind](o) };
  } catch (e) {
    if (e instanceof LineError) return refuse(lineNo, e.field, e.zh, e.en);
    throw e;
  }
}
