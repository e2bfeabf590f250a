// The yearly facts of the registry, declared once: the database columns, import templates, API
// payloads and web forms are all derived from these lists, so a field added here shows up everywhere.

export interface FactField {
  /** camelCase key used in API payloads and TypeScript. */
  key: string;
  /** Chinese label as it appears in the national health statistics report forms (卫生统计报表). */
  zh: string;
  en: string;
  /** Unit shown next to the value. */
  unit: string;
  group: string;
}

/** Resources reported by one institution for one year (卫生资源与医疗服务年报). */
export const RESOURCE_FIELDS = [
  { key: 'bedsApproved', zh: '编制床位', en: 'Approved beds', unit: '张', group: 'beds' },
  { key: 'bedsActual', zh: '实有床位', en: 'Actual beds', unit: '张', group: 'beds' },
  { key: 'bedsOpen', zh: '实际开放床位', en: 'Open beds', unit: '张', group: 'beds' },
  { key: 'bedsIcu', zh: 'ICU床位', en: 'ICU beds', unit: '张', group: 'beds' },
  { key: 'bedsIcuConvertible', zh: '可转换ICU床位', en: 'Convertible ICU beds', unit: '张', group: 'beds' },
  { key: 'bedsPediatric', zh: '儿科床位', en: 'Paediatric beds', unit: '张', group: 'beds' },
  { key: 'bedsPsychiatric', zh: '精神科床位', en: 'Psychiatric beds', unit: '张', group: 'beds' },
  { key: 'bedsRehab', zh: '康复床位', en: 'Rehabilitation beds', unit: '张', group: 'beds' },
  { key: 'bedsInfectious', zh: '传染科床位', en: 'Infectious-disease beds', unit: '张', group: 'beds' },
  { key: 'bedsNursing', zh: '护理床位', en: 'Nursing beds', unit: '张', group: 'beds' },
  { key: 'bedsEmergencyObs', zh: '急诊观察床位', en: 'Emergency observation beds', unit: '张', group: 'beds' },
  { key: 'bedsHospice', zh: '安宁疗护床位', en: 'Hospice beds', unit: '张', group: 'beds' },
  { key: 'staffTotal', zh: '卫生人员', en: 'Health workers', unit: '人', group: 'staff' },
  { key: 'healthTechnicians', zh: '卫生技术人员', en: 'Health technicians', unit: '人', group: 'staff' },
  { key: 'doctors', zh: '执业（助理）医师', en: 'Practising (assistant) doctors', unit: '人', group: 'staff' },
  { key: 'assistantDoctors', zh: '其中：执业助理医师', en: 'of which assistant doctors', unit: '人', group: 'staff' },
  { key: 'nurses', zh: '注册护士', en: 'Registered nurses', unit: '人', group: 'staff' },
  { key: 'pharmacists', zh: '药师（士）', en: 'Pharmacists', unit: '人', group: 'staff' },
  { key: 'technicians', zh: '技师（士）', en: 'Technicians', unit: '人', group: 'staff' },
  { key: 'generalPractitioners', zh: '全科医生', en: 'General practitioners', unit: '人', group: 'staff' },
  { key: 'tcmDoctors', zh: '中医类别执业（助理）医师', en: 'TCM doctors', unit: '人', group: 'staff' },
  { key: 'publicHealthStaff', zh: '公共卫生人员', en: 'Public-health staff', unit: '人', group: 'staff' },
  {
    key: 'publicHealthDoctors',
    zh: '公共卫生类别执业（助理）医师',
    en: 'Public-health doctors',
    unit: '人',
    group: 'staff',
  },
  { key: 'psychiatrists', zh: '精神科执业（助理）医师', en: 'Psychiatrists', unit: '人', group: 'staff' },
  { key: 'pediatricians', zh: '儿科执业（助理）医师', en: 'Paediatricians', unit: '人', group: 'staff' },
  { key: 'villageDoctors', zh: '乡村医生', en: 'Village doctors', unit: '人', group: 'staff' },
  { key: 'healthSupervisors', zh: '卫生监督员', en: 'Health supervisors', unit: '人', group: 'staff' },
  { key: 'ambulances', zh: '救护车', en: 'Ambulances', unit: '辆', group: 'equipment' },
  {
    key: 'ambulancesNegativePressure',
    zh: '其中：负压救护车',
    en: 'of which negative-pressure',
    unit: '辆',
    group: 'equipment',
  },
  { key: 'largeEquipment', zh: '大型医用设备', en: 'Large medical equipment', unit: '台', group: 'equipment' },
  { key: 'outpatientVisits', zh: '总诊疗人次', en: 'Outpatient and emergency visits', unit: '人次', group: 'service' },
  { key: 'discharges', zh: '出院人数', en: 'Discharges', unit: '人', group: 'service' },
  { key: 'openBedDays', zh: '实际开放总床日数', en: 'Open bed-days', unit: '床日', group: 'service' },
  { key: 'occupiedBedDays', zh: '实际占用总床日数', en: 'Occupied bed-days', unit: '床日', group: 'service' },
  {
    key: 'dischargedBedDays',
    zh: '出院者占用总床日数',
    en: 'Bed-days of discharged patients',
    unit: '床日',
    group: 'service',
  },
] as const satisfies readonly FactField[];

export type ResourceKey = (typeof RESOURCE_FIELDS)[number]['key'];
/** Unreported fields are null, never 0: "not reported" and "none" differ in a statistics return. */
export type ResourceValues = { [K in ResourceKey]: number | null };

/** Population of one area for one year (常住/户籍人口, by sex and age band, births and deaths). */
export const POPULATION_FIELDS = [
  { key: 'resident', zh: '常住人口', en: 'Resident population', unit: '人', group: 'total' },
  { key: 'registered', zh: '户籍人口', en: 'Registered population', unit: '人', group: 'total' },
  { key: 'male', zh: '男性', en: 'Male', unit: '人', group: 'sex' },
  { key: 'female', zh: '女性', en: 'Female', unit: '人', group: 'sex' },
  { key: 'age0To2', zh: '0–2岁', en: 'Aged 0–2', unit: '人', group: 'age' },
  { key: 'age3To6', zh: '3–6岁', en: 'Aged 3–6', unit: '人', group: 'age' },
  { key: 'age7To14', zh: '7–14岁', en: 'Aged 7–14', unit: '人', group: 'age' },
  { key: 'age15To59', zh: '15–59岁', en: 'Aged 15–59', unit: '人', group: 'age' },
  { key: 'age60To64', zh: '60–64岁', en: 'Aged 60–64', unit: '人', group: 'age' },
  { key: 'age65Plus', zh: '65岁及以上', en: 'Aged 65 and over', unit: '人', group: 'age' },
  { key: 'births', zh: '活产数', en: 'Live births', unit: '人', group: 'vital' },
  { key: 'deaths', zh: '死亡人数', en: 'Deaths', unit: '人', group: 'vital' },
] as const satisfies readonly FactField[];

export type PopulationKey = (typeof POPULATION_FIELDS)[number]['key'];
export type PopulationValues = { [K in PopulationKey]: number | null };

/** camelCase → snake_case column name (bedsIcu → beds_icu, age0To2 → age0_to2). */
export function columnOf(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
