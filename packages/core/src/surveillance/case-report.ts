/**
 * The infectious disease report card (传染病报告卡, 中华人民共和国传染病报告卡 2015 edition): field list,
 * value sets and the checks a report must pass before it is stored. Pure and hand-written (no schema
 * library) because bulk ingestion validates thousands of cards per second.
 *
 * Times without a zone are read as China Standard Time (+08:00), which is what reporting doctors type.
 */
import { chinaDateOf } from '../platform/clock.ts';
import type { Bilingual } from '../platform/text.ts';
import { INT4_MAX, validateCitizenId } from '../registry/validators.ts';

export const CLASSIFICATIONS = ['suspected', 'clinical', 'confirmed', 'carrier'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABELS: Record<Classification, Bilingual> = {
  suspected: { zh: '疑似病例', en: 'Suspected' },
  clinical: { zh: '临床诊断病例', en: 'Clinically diagnosed' },
  confirmed: { zh: '确诊病例', en: 'Laboratory confirmed' },
  carrier: { zh: '病原携带者', en: 'Carrier' },
};

/** 人群分类 of the national card. */
export const OCCUPATIONS = [
  '幼托儿童',
  '散居儿童',
  '学生（大中小学）',
  '教师',
  '保育员及保姆',
  '餐饮食品业',
  '商业服务',
  '医务人员',
  '工人',
  '民工',
  '农民',
  '牧民',
  '渔（船）民',
  '干部职员',
  '离退人员',
  '家务及待业',
  '其他',
  '不详',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

/** Occupations whose 工作单位 is a school or kindergarten: their clusters are school clusters. */
export const SCHOOL_OCCUPATIONS: ReadonlySet<string> = new Set([
  '幼托儿童',
  '学生（大中小学）',
  '教师',
  '保育员及保姆',
]);

export const SEXES = ['male', 'female'] as const;

/** A card as submitted (API JSON, CSV row after header mapping). */
export interface CaseReportInput {
  clientReportId: string;
  institutionId: number;
  diseaseCode: string;
  classification: Classification;
  patientName: string;
  parentName: string | null;
  citizenId: string | null;
  sex: 'male' | 'female';
  birthDate: string | null;
  /** Age in completed years when the birth date is unknown. */
  ageYears: number | null;
  phone: string | null;
  workplace: string | null;
  occupation: Occupation;
  /** Current address (现住址): village (12 digits) or township (9 digits) code. */
  addressCode: string;
  addressText: string | null;
  onsetDate: string;
  /** ISO instants (UTC, with Z) after validation. */
  diagnosisAt: string;
  reportedAt: string;
  deathDate: string | null;
  doctorName: string;
  remarks: string | null;
}

export interface FieldProblem {
  path: string;
  message: Bilingual;
}

export type CardCheck = { ok: true; value: CaseReportInput } | { ok: false; problems: FieldProblem[] };

export const CARD_FIELD_LABELS: Record<keyof CaseReportInput, Bilingual> = {
  // 卡片编号 as in the national system: the reporting unit's own number of the card. Not the record number
  // the platform gives a stored card (登记号), which the web shows after saving and in the card's title.
  clientReportId: { zh: '卡片编号', en: 'Card number' },
  institutionId: { zh: '报告单位', en: 'Reporting institution' },
  diseaseCode: { zh: '疾病名称', en: 'Disease' },
  classification: { zh: '病例分类', en: 'Classification' },
  patientName: { zh: '患者姓名', en: 'Patient name' },
  parentName: { zh: '患儿家长姓名', en: 'Parent name' },
  citizenId: { zh: '有效证件号', en: 'Citizen ID' },
  sex: { zh: '性别', en: 'Sex' },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  ageYears: { zh: '年龄', en: 'Age' },
  phone: { zh: '联系电话', en: 'Phone' },
  workplace: { zh: '工作单位（学校）', en: 'Workplace (school)' },
  occupation: { zh: '人群分类', en: 'Occupation' },
  addressCode: { zh: '现住址区划代码', en: 'Address area code' },
  addressText: { zh: '现住详细地址', en: 'Address' },
  onsetDate: { zh: '发病日期', en: 'Onset date' },
  diagnosisAt: { zh: '诊断时间', en: 'Diagnosis time' },
  reportedAt: { zh: '报告时间', en: 'Report time' },
  deathDate: { zh: '死亡日期', en: 'Death date' },
  doctorName: { zh: '报告医生', en: 'Reporting doctor' },
  remarks: { zh: '备注', en: 'Remarks' },
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** Parses a date-time, reading a missing zone as +08:00; returns the ISO instant or null. */
export function parseChinaTime(s: string): string | null {
  const m = DATETIME.exec(s.trim());
  if (!m) return null;
  if (!isDate(`${m[1]}-${m[2]}-${m[3]}`) || +m[4]! > 23 || +m[5]! > 59) return null;
  const zone = m[7] ?? '+08:00';
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : null);

/** 甲、乙、丙或丁 / a, b, c or d: a value set named by its labels, never its codes. */
const oneOf = (labels: string[], or: string) =>
  labels.length < 2
    ? (labels[0] ?? '')
    : or === '或'
      ? `${labels.slice(0, -1).join('、')}或${labels.at(-1)}`
      : `${labels.slice(0, -1).join(', ')} ${or} ${labels.at(-1)}`;

/**
 * Checks one card. `raw` is untrusted (parsed JSON or a CSV row mapped to field names); `now` bounds
 * dates from above (no report from the future). Returns the normalised card or every problem found.
 */
export function checkCaseReport(raw: unknown, now: string, defaults: { reportedAt?: string } = {}): CardCheck {
  const problems: FieldProblem[] = [];
  const bad = (path: keyof CaseReportInput | string, zh: string, en: string) =>
    problems.push({ path, message: { zh, en } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [{ path: '', message: { zh: '报告卡必须是 JSON 对象', en: 'A card must be a JSON object' } }],
    };
  }
  const r = raw as Record<string, unknown>;
  const required = (key: keyof CaseReportInput, max: number): string => {
    const v = r[key];
    const s = typeof v === 'number' ? String(v) : str(v);
    const label = CARD_FIELD_LABELS[key];
    if (!s) bad(key, `${label.zh}不能为空`, `${label.en} is required`);
    else if (s.length > max)
      bad(key, `${label.zh}不能超过 ${max} 个字符`, `${label.en} must be at most ${max} characters`);
    return s ?? '';
  };
  const optional = (key: keyof CaseReportInput, max: number): string | null => {
    const v = r[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      const label = CARD_FIELD_LABELS[key];
      bad(key, `${label.zh}必须是文本`, `${label.en} must be text`);
      return null;
    }
    const s = str(v);
    if (s && s.length > max) {
      const label = CARD_FIELD_LABELS[key];
      bad(key, `${label.zh}不能超过 ${max} 个字符`, `${label.en} must be at most ${max} characters`);
    }
    return s;
  };
  const clientReportId = required('clientReportId', 64);
  const institutionId = r.institutionId;
  // Institution ids are PostgreSQL integers: a larger number cannot name one (and must not reach SQL).
  if (
    typeof institutionId !== 'number' ||
    !Number.isInteger(institutionId) ||
    institutionId <= 0 ||
    institutionId > INT4_MAX
  ) {
    bad(
      'institutionId',
      '报告单位必须是已登记的机构（机构编号为正整数）',
      'Reporting institution must be a registered institution (a positive id)',
    );
  }
  const diseaseCode = required('diseaseCode', 16);
  const classification = str(r.classification) as Classification | null;
  if (!classification || !(CLASSIFICATIONS as readonly string[]).includes(classification)) {
    bad(
      'classification',
      `病例分类必须是${oneOf(
        CLASSIFICATIONS.map((c) => CLASSIFICATION_LABELS[c].zh),
        '或',
      )}`,
      `Classification must be ${oneOf(
        CLASSIFICATIONS.map((c) => CLASSIFICATION_LABELS[c].en.toLowerCase()),
        'or',
      )}`,
    );
  }
  const patientName = required('patientName', 50);
  const parentName = optional('parentName', 50);
  const workplace = optional('workplace', 100);
  const addressText = optional('addressText', 200);
  const doctorName = required('doctorName', 50);
  const remarks = optional('remarks', 500);

  let sex = str(r.sex) as 'male' | 'female' | null;
  if (sex === ('男' as string)) sex = 'male';
  if (sex === ('女' as string)) sex = 'female';
  let birthDate = str(r.birthDate);
  if (birthDate && !isDate(birthDate)) {
    bad(
      'birthDate',
      `出生日期“${birthDate}”不是有效日期（YYYY-MM-DD）`,
      `Birth date "${birthDate}" is not a date (YYYY-MM-DD)`,
    );
    birthDate = null;
  }
  let citizenId = optional('citizenId', 18);
  if (citizenId) {
    const v = validateCitizenId(citizenId, { asOf: now.slice(0, 10) });
    if (!v.ok) {
      bad('citizenId', `身份证号无效：${v.message.zh}`, `Invalid citizen ID: ${v.message.en}`);
      citizenId = null;
    } else {
      citizenId = v.id;
      if (birthDate && birthDate !== v.birthDate) {
        bad(
          'birthDate',
          `出生日期与身份证号（${v.birthDate}）不一致`,
          `Birth date differs from the citizen ID (${v.birthDate})`,
        );
      }
      if (sex && sex !== v.sex) bad('sex', '性别与身份证号不一致', 'Sex differs from the citizen ID');
      birthDate ??= v.birthDate;
      sex ??= v.sex;
    }
  }
  if (!sex || !(SEXES as readonly string[]).includes(sex)) {
    bad('sex', '性别必须是男或女', 'Sex must be male or female');
  }
  let ageYears: number | null = null;
  if (r.ageYears !== undefined && r.ageYears !== null && r.ageYears !== '') {
    const a = Number(r.ageYears);
    if (!Number.isInteger(a) || a < 0 || a > 130)
      bad('ageYears', '年龄必须是 0–130 的整数', 'Age must be a whole number from 0 to 130');
    else ageYears = a;
  }
  if (!birthDate && ageYears === null) {
    bad('birthDate', '出生日期与年龄至少填写一项', 'Give the birth date or the age');
  }
  let phone = optional('phone', 20);
  if (phone) {
    const digits = phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (!/^(1\d{10}|0\d{9,11}|\d{7,8})$/.test(digits)) {
      bad('phone', `联系电话“${phone}”格式不正确`, `Phone "${phone}" is not a phone number`);
    }
    phone = digits;
  }
  const occupation = str(r.occupation);
  if (!occupation || !(OCCUPATIONS as readonly string[]).includes(occupation)) {
    bad(
      'occupation',
      `人群分类必须是以下之一：${OCCUPATIONS.join('、')}`,
      `Occupation must be one of the card's groups: ${OCCUPATIONS.join('、')}`,
    );
  }
  const addressCode = str(typeof r.addressCode === 'number' ? String(r.addressCode) : r.addressCode);
  if (!addressCode || !/^\d{9}(\d{3})?$/.test(addressCode)) {
    bad(
      'addressCode',
      '现住址必须选到乡镇（街道）或村（居）：9 位乡镇或 12 位村（居）区划代码',
      'Address must be a township or village: a 9-digit township or 12-digit village code',
    );
  }

  const today = chinaDateOf(now);
  const onsetDate = str(r.onsetDate);
  if (!onsetDate || !isDate(onsetDate))
    bad('onsetDate', '发病日期必须是有效日期（YYYY-MM-DD）', 'Onset date must be a date (YYYY-MM-DD)');
  const diagnosisAt = str(r.diagnosisAt) ? parseChinaTime(str(r.diagnosisAt)!) : null;
  if (!diagnosisAt)
    bad(
      'diagnosisAt',
      '诊断时间必须是日期时间（YYYY-MM-DD HH:mm）',
      'Diagnosis time must be a date and time (YYYY-MM-DD HH:mm)',
    );
  const rawReported = str(r.reportedAt);
  const reportedAt = rawReported ? parseChinaTime(rawReported) : (defaults.reportedAt ?? now);
  if (!reportedAt)
    bad(
      'reportedAt',
      '报告时间必须是日期时间（YYYY-MM-DD HH:mm）',
      'Report time must be a date and time (YYYY-MM-DD HH:mm)',
    );
  let deathDate = str(r.deathDate);
  if (deathDate && !isDate(deathDate)) {
    bad('deathDate', '死亡日期必须是有效日期（YYYY-MM-DD）', 'Death date must be a date (YYYY-MM-DD)');
    deathDate = null;
  }
  if (onsetDate && isDate(onsetDate)) {
    if (onsetDate > today) bad('onsetDate', '发病日期不能晚于今天', 'Onset date cannot be in the future');
    if (birthDate && onsetDate < birthDate)
      bad('onsetDate', '发病日期不能早于出生日期', 'Onset date cannot precede the birth date');
    if (diagnosisAt && chinaDateOf(diagnosisAt) < onsetDate) {
      bad('diagnosisAt', '诊断时间不能早于发病日期', 'Diagnosis time cannot precede the onset date');
    }
  }
  if (diagnosisAt && reportedAt && reportedAt < diagnosisAt) {
    bad('reportedAt', '报告时间不能早于诊断时间', 'Report time cannot precede the diagnosis time');
  }
  if (reportedAt && reportedAt > new Date(Date.parse(now) + 5 * 60_000).toISOString()) {
    bad('reportedAt', '报告时间不能晚于当前时间', 'Report time cannot be in the future');
  }
  if (birthDate && birthDate > today) bad('birthDate', '出生日期不能晚于今天', 'Birth date cannot be in the future');
  if (deathDate && onsetDate && deathDate < onsetDate)
    bad('deathDate', '死亡日期不能早于发病日期', 'Death date cannot precede the onset date');

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      clientReportId,
      institutionId: institutionId as number,
      diseaseCode,
      classification: classification!,
      patientName,
      parentName,
      citizenId,
      sex: sex!,
      birthDate,
      ageYears: ageYears ?? ageAt(birthDate!, onsetDate!),
      phone,
      workplace,
      occupation: occupation as Occupation,
      addressCode: addressCode!,
      addressText,
      onsetDate: onsetDate!,
      diagnosisAt: diagnosisAt!,
      reportedAt: reportedAt!,
      deathDate,
      doctorName,
      remarks,
    },
  };
}

/** Completed years between two ISO dates. */
export function ageAt(birthDate: string, on: string): number {
  let a = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) a--;
  return Math.max(0, a);
}

/** Report delay in minutes and whether it met the disease's deadline (报告及时性). */
export function timeliness(diagnosisAt: string, reportedAt: string, deadlineHours: number) {
  const minutes = Math.round((Date.parse(reportedAt) - Date.parse(diagnosisAt)) / 60_000);
  return { delayMinutes: minutes, timely: minutes <= deadlineHours * 60 };
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: names in lists reveal the family name only. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
