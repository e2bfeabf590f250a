// Validation of an institution record, shared by the API and the import.
import { categoryByCode } from './categories.ts';
import type { Issue } from './validate-facts.ts';
import { validateUscc } from './validators.ts';

export interface InstitutionInput {
  name: string;
  uscc: string | null;
  category: string;
  gradeLevel: 1 | 2 | 3 | null;
  gradeClass: '甲' | '乙' | '丙' | null;
  ownership: 'government' | 'other-public' | 'private';
  forProfit: boolean;
  areaCode: string;
  lng: number | null;
  lat: number | null;
  openedOn: string | null;
  closedOn: string | null;
  networkId: number | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD naming a real day: Date.parse would roll 2020-02-30 over to 1 March. */
export function isCalendarDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function validateInstitution(i: InstitutionInput): Issue[] {
  const issues: Issue[] = [];
  const add = (field: string, zh: string, en: string) => issues.push({ field, message: { zh, en } });
  if (!i.name.trim()) add('name', '机构名称不能为空', 'Name is required');
  else if (i.name.length > 100) add('name', '机构名称不能超过 100 个字', 'Name is longer than 100 characters');
  if (i.uscc !== null) {
    const r = validateUscc(i.uscc);
    if (!r.ok)
      add('uscc', `统一社会信用代码无效：${r.message.zh}`, `Invalid unified social credit code: ${r.message.en}`);
  }
  if (!categoryByCode(i.category))
    add('category', `机构类别代码 ${i.category} 不在分类目录中`, `Unknown category code ${i.category}`);
  if (i.gradeClass !== null && i.gradeLevel === null) {
    add('gradeClass', '填写等次（甲/乙/丙）时必须填写级别', 'A grade class needs a grade level');
  }
  if (i.ownership === 'government' && i.forProfit)
    add('forProfit', '政府办机构不能为营利性', 'A government institution cannot be for-profit');
  if ((i.lng === null) !== (i.lat === null)) add('lng', '经度和纬度须同时填写', 'Longitude and latitude go together');
  if (i.lng !== null && (i.lng < 73 || i.lng > 136))
    add('lng', '经度超出中国范围（73–136）', 'Longitude outside China (73–136)');
  if (i.lat !== null && (i.lat < 3 || i.lat > 54))
    add('lat', '纬度超出中国范围（3–54）', 'Latitude outside China (3–54)');
  for (const f of ['openedOn', 'closedOn'] as const) {
    const v = i[f];
    if (v !== null && !isCalendarDate(v)) {
      add(f, '日期格式应为 YYYY-MM-DD', 'Dates are written YYYY-MM-DD');
    }
  }
  if (i.openedOn && i.closedOn && i.closedOn < i.openedOn)
    add('closedOn', '撤销日期不能早于成立日期', 'Closing date is before the opening date');
  return issues;
}
