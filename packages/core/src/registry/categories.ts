// The national classification of health institutions (卫生机构（组织）分类与代码, WS 218) as used by the
// yearly health statistics returns, plus the ownership, grade and network vocabularies that go with it.
// Codes are the WS 218 letters (A 医院 … O 健康教育机构). The standard predates the independently
// established medical centres licensed since 2016 (医学检验实验室, 血液透析中心, …); for those Weijian
// uses its own Z1–Z9 codes, marked `source: 'weijian'` so exports can map them to whatever a
// province's return expects. The sub-codes of A5 and D were transcribed without the standard's text
// at hand (A5Z for 其他专科医院 especially): check them against WS 218 before a statutory export.

import type { Bilingual } from '../platform/text.ts';

export type InstitutionFamily = 'hospital' | 'public-health' | 'primary' | 'other';

export interface InstitutionCategory {
  code: string;
  zh: string;
  en: string;
  family: InstitutionFamily;
  /** Code of the enclosing category; absent for top-level ones (A, B, C, …). */
  parent?: string;
  /** 'weijian' where WS 218 has no code and this one is ours. */
  source: 'WS 218' | 'weijian';
}

type Row = [code: string, zh: string, en: string, family: InstitutionFamily, parent?: string];

const WS218: Row[] = [
  ['A', '医院', 'Hospital', 'hospital'],
  ['A1', '综合医院', 'General hospital', 'hospital', 'A'],
  ['A2', '中医医院', 'Traditional Chinese medicine hospital', 'hospital', 'A'],
  ['A3', '中西医结合医院', 'Integrated Chinese and Western medicine hospital', 'hospital', 'A'],
  ['A4', '民族医院', 'Ethnic-medicine hospital', 'hospital', 'A'],
  ['A41', '蒙医医院', 'Mongolian-medicine hospital', 'hospital', 'A4'],
  ['A42', '藏医医院', 'Tibetan-medicine hospital', 'hospital', 'A4'],
  ['A43', '维医医院', 'Uyghur-medicine hospital', 'hospital', 'A4'],
  ['A44', '傣医医院', 'Dai-medicine hospital', 'hospital', 'A4'],
  ['A49', '其他民族医院', 'Other ethnic-medicine hospital', 'hospital', 'A4'],
  ['A5', '专科医院', 'Specialised hospital', 'hospital', 'A'],
  ['A51', '口腔医院', 'Stomatological hospital', 'hospital', 'A5'],
  ['A52', '眼科医院', 'Eye hospital', 'hospital', 'A5'],
  ['A53', '耳鼻喉科医院', 'ENT hospital', 'hospital', 'A5'],
  ['A54', '肿瘤医院', 'Cancer hospital', 'hospital', 'A5'],
  ['A55', '心血管病医院', 'Cardiovascular hospital', 'hospital', 'A5'],
  ['A56', '胸科医院', 'Chest hospital', 'hospital', 'A5'],
  ['A57', '血液病医院', 'Haematology hospital', 'hospital', 'A5'],
  ['A58', '妇产（科）医院', 'Obstetrics and gynaecology hospital', 'hospital', 'A5'],
  ['A59', '儿童医院', 'Children’s hospital', 'hospital', 'A5'],
  ['A5A', '精神病医院', 'Psychiatric hospital', 'hospital', 'A5'],
  ['A5B', '传染病医院', 'Infectious-disease hospital', 'hospital', 'A5'],
  ['A5C', '皮肤病医院', 'Dermatology hospital', 'hospital', 'A5'],
  ['A5D', '结核病医院', 'Tuberculosis hospital', 'hospital', 'A5'],
  ['A5E', '麻风病医院', 'Leprosy hospital', 'hospital', 'A5'],
  ['A5F', '职业病医院', 'Occupational-disease hospital', 'hospital', 'A5'],
  ['A5G', '骨科医院', 'Orthopaedic hospital', 'hospital', 'A5'],
  ['A5H', '康复医院', 'Rehabilitation hospital', 'hospital', 'A5'],
  ['A5J', '整形外科医院', 'Plastic-surgery hospital', 'hospital', 'A5'],
  ['A5K', '美容医院', 'Cosmetic hospital', 'hospital', 'A5'],
  ['A5Z', '其他专科医院', 'Other specialised hospital', 'hospital', 'A5'],
  ['A6', '疗养院', 'Sanatorium', 'hospital', 'A'],
  ['A7', '护理院', 'Nursing hospital', 'hospital', 'A'],
  ['B', '社区卫生服务中心（站）', 'Community health service', 'primary'],
  ['B1', '社区卫生服务中心', 'Community health centre', 'primary', 'B'],
  ['B2', '社区卫生服务站', 'Community health station', 'primary', 'B'],
  ['C', '卫生院', 'Health centre', 'primary'],
  ['C1', '街道卫生院', 'Street health centre', 'primary', 'C'],
  ['C2', '乡镇卫生院', 'Township health centre', 'primary', 'C'],
  ['C21', '乡镇中心卫生院', 'Central township health centre', 'primary', 'C2'],
  ['C22', '乡镇一般卫生院', 'Ordinary township health centre', 'primary', 'C2'],
  ['D', '门诊部、诊所、医务室、村卫生室', 'Outpatient department, clinic, infirmary, village clinic', 'primary'],
  ['D1', '门诊部', 'Outpatient department', 'primary', 'D'],
  ['D11', '综合门诊部', 'General outpatient department', 'primary', 'D1'],
  ['D12', '中医门诊部', 'TCM outpatient department', 'primary', 'D1'],
  ['D13', '中西医结合门诊部', 'Integrated-medicine outpatient department', 'primary', 'D1'],
  ['D14', '民族医门诊部', 'Ethnic-medicine outpatient department', 'primary', 'D1'],
  ['D15', '专科门诊部', 'Specialised outpatient department', 'primary', 'D1'],
  ['D2', '诊所', 'Clinic', 'primary', 'D'],
  ['D21', '普通诊所', 'General clinic', 'primary', 'D2'],
  ['D22', '中医诊所', 'TCM clinic', 'primary', 'D2'],
  ['D23', '中西医结合诊所', 'Integrated-medicine clinic', 'primary', 'D2'],
  ['D24', '民族医诊所', 'Ethnic-medicine clinic', 'primary', 'D2'],
  ['D25', '口腔诊所', 'Dental clinic', 'primary', 'D2'],
  ['D3', '卫生所（室）', 'Health room', 'primary', 'D'],
  ['D4', '医务室', 'Infirmary', 'primary', 'D'],
  ['D5', '中小学卫生保健所', 'School health office', 'primary', 'D'],
  ['D6', '村卫生室', 'Village clinic', 'primary', 'D'],
  ['E', '急救中心（站）', 'Emergency medical centre', 'public-health'],
  ['E1', '急救中心', 'Emergency medical centre', 'public-health', 'E'],
  ['E2', '急救站', 'Emergency medical station', 'public-health', 'E'],
  ['F', '采供血机构', 'Blood collection and supply', 'public-health'],
  ['F1', '血站', 'Blood station', 'public-health', 'F'],
  ['F11', '血液中心', 'Blood centre', 'public-health', 'F1'],
  ['F12', '中心血站', 'Central blood station', 'public-health', 'F1'],
  ['F13', '中心血库', 'Central blood bank', 'public-health', 'F1'],
  ['F2', '单采血浆站', 'Plasmapheresis station', 'public-health', 'F'],
  ['G', '妇幼保健机构', 'Maternal and child health institution', 'public-health'],
  ['G1', '妇幼保健院', 'Maternal and child health hospital', 'public-health', 'G'],
  ['G2', '妇幼保健所', 'Maternal and child health institute', 'public-health', 'G'],
  ['G3', '妇幼保健站', 'Maternal and child health station', 'public-health', 'G'],
  ['H', '专科疾病防治机构', 'Specialised disease prevention and treatment institution', 'public-health'],
  ['H1', '专科疾病防治院', 'Specialised disease prevention hospital', 'public-health', 'H'],
  ['H2', '专科疾病防治所（站、中心）', 'Specialised disease prevention institute', 'public-health', 'H'],
  ['J', '疾病预防控制中心', 'Center for disease control and prevention', 'public-health'],
  ['J1', '疾病预防控制中心', 'Center for disease control and prevention', 'public-health', 'J'],
  ['K', '卫生监督机构', 'Health supervision institution', 'public-health'],
  ['K1', '卫生监督所（局）', 'Health supervision institute', 'public-health', 'K'],
  ['O', '健康教育机构', 'Health education institution', 'public-health'],
  ['O1', '健康教育所（中心）', 'Health education centre', 'public-health', 'O'],
  ['P', '其他卫生机构', 'Other health institution', 'other'],
];

const WEIJIAN: Row[] = [
  ['Z', '独立设置的医疗机构', 'Independently established medical centre', 'other'],
  ['Z1', '医学检验实验室', 'Medical laboratory', 'other', 'Z'],
  ['Z2', '病理诊断中心', 'Pathology centre', 'other', 'Z'],
  ['Z3', '医学影像诊断中心', 'Medical imaging centre', 'other', 'Z'],
  ['Z4', '血液透析中心', 'Haemodialysis centre', 'other', 'Z'],
  ['Z5', '消毒供应中心', 'Sterile supply centre', 'other', 'Z'],
  ['Z6', '健康体检中心', 'Health check-up centre', 'other', 'Z'],
  ['Z7', '安宁疗护中心', 'Hospice centre', 'other', 'Z'],
  ['Z8', '康复医疗中心', 'Rehabilitation centre', 'other', 'Z'],
  ['Z9', '护理中心', 'Nursing centre', 'other', 'Z'],
];

function toCategory(source: InstitutionCategory['source']) {
  return ([code, zh, en, family, parent]: Row): InstitutionCategory =>
    parent === undefined ? { code, zh, en, family, source } : { code, zh, en, family, parent, source };
}

export const INSTITUTION_CATEGORIES: readonly InstitutionCategory[] = [
  ...WS218.map(toCategory('WS 218')),
  ...WEIJIAN.map(toCategory('weijian')),
];

const BY_CODE = new Map(INSTITUTION_CATEGORIES.map((c) => [c.code, c]));

export function categoryByCode(code: string): InstitutionCategory | undefined {
  return BY_CODE.get(code);
}

/** True when `code` is `ancestor` or lies under it (A5A is under A5 and A). */
export function isUnder(code: string, ancestor: string): boolean {
  let c = BY_CODE.get(code);
  while (c) {
    if (c.code === ancestor) return true;
    c = c.parent === undefined ? undefined : BY_CODE.get(c.parent);
  }
  return false;
}

/** Family of a category; undefined for an unknown code so callers notice rather than misfile. */
export function familyOf(code: string): InstitutionFamily | undefined {
  return BY_CODE.get(code)?.family;
}

export function isHospital(code: string): boolean {
  return isUnder(code, 'A');
}

export function isGeneralHospital(code: string): boolean {
  return isUnder(code, 'A1');
}

/** Categories directly under `code` (top level when omitted), in table order. */
export function childCategories(code?: string): InstitutionCategory[] {
  return INSTITUTION_CATEGORIES.filter((c) => c.parent === code);
}

// ---------------------------------------------------------------------------------------------------
// Ownership, grade and networks
// ---------------------------------------------------------------------------------------------------

export type Ownership = 'government' | 'other-public' | 'private';

/** 主办单位 as grouped in the statistics: 政府办 (health, education, civil-affairs … departments), other public (enterprise, public-institution, collective), and 社会办 (private). */
export const OWNERSHIPS: readonly ({ code: Ownership; public: boolean } & Bilingual)[] = [
  { code: 'government', public: true, zh: '政府办', en: 'Government-run' },
  { code: 'other-public', public: true, zh: '其他公立', en: 'Other public' },
  { code: 'private', public: false, zh: '社会办', en: 'Privately run' },
];

export type GradeLevel = 1 | 2 | 3 | null;
export type GradeClass = '甲' | '乙' | '丙' | null;

export const GRADE_LEVELS: readonly ({ level: GradeLevel } & Bilingual)[] = [
  { level: 3, zh: '三级', en: 'Tertiary (level 3)' },
  { level: 2, zh: '二级', en: 'Secondary (level 2)' },
  { level: 1, zh: '一级', en: 'Primary (level 1)' },
  { level: null, zh: '未定级', en: 'Ungraded' },
];

/** 等次 within a level; null (未定) for graded hospitals not yet assessed within the level. */
export const GRADE_CLASSES: readonly ({ class: GradeClass } & Bilingual)[] = [
  { class: '甲', zh: '甲等', en: 'Class A' },
  { class: '乙', zh: '乙等', en: 'Class B' },
  { class: '丙', zh: '丙等', en: 'Class C' },
  { class: null, zh: '未定等', en: 'Unclassed' },
];

/** 三级甲等, 二级, 未定级 …: the label a Chinese user expects next to a hospital's name. */
export function gradeLabel(level: GradeLevel, cls: GradeClass): Bilingual {
  const l = GRADE_LEVELS.find((g) => g.level === level) ?? GRADE_LEVELS[3]!;
  if (level === null || cls === null) return { zh: l.zh, en: l.en };
  const c = GRADE_CLASSES.find((g) => g.class === cls)!;
  return { zh: `${l.zh}${c.zh}`, en: `${l.en}, ${c.en}` };
}

export type NetworkType = 'county-medical-community' | 'urban-medical-group' | 'specialty-alliance';

export const NETWORK_TYPES: readonly ({ code: NetworkType } & Bilingual)[] = [
  { code: 'county-medical-community', zh: '紧密型县域医共体', en: 'Integrated county medical community' },
  { code: 'urban-medical-group', zh: '城市医疗集团', en: 'Urban medical group' },
  { code: 'specialty-alliance', zh: '专科联盟', en: 'Specialty alliance' },
];
