// What the request validator calls fields and allowed values when it refuses one: the words of the forms
// (年份, 实有床位, 性别必须是男、女), never the keys of the wire (`year`, `bedsActual`, `male`). Built from core's
// dictionaries, which are pure data any layer may read; a module adds its own with `registerLabels`.
import { ROLE_LABELS } from '@weijian/core/identity';
import { TASK_STATUS_LABELS } from '@weijian/core/planning/tasks';
import type { Bilingual } from '@weijian/core/platform';
import { OWNERSHIPS, POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import { CARD_FIELD_LABELS, CLASSIFICATION_LABELS } from '@weijian/core/surveillance';

const L = (zh: string, en: string): Bilingual => ({ zh, en });

/** Field names by key (the last named segment of an issue's path). */
const FIELDS = new Map<string, Bilingual>([
  // Request plumbing every list and form shares.
  ['year', L('年份', 'Year')],
  ['baselineYear', L('基期年份', 'Baseline year')],
  ['periodStart', L('规划起始年', 'First year of the period')],
  ['periodEnd', L('规划终止年', 'Last year of the period')],
  ['from', L('开始日期', 'Start date')],
  ['to', L('结束日期', 'End date')],
  ['asOf', L('统计日期', 'As-of date')],
  ['limit', L('每页条数', 'Page size')],
  ['offset', L('起始位置', 'Offset')],
  ['cursor', L('翻页位置', 'Page cursor')],
  ['lang', L('语言', 'Language')],
  ['version', L('版本号', 'Version')],
  ['id', L('编号', 'Id')],
  ['code', L('代码', 'Code')],
  ['area', L('区划', 'Area')],
  ['areaCode', L('区划代码', 'Area code')],
  ['q', L('关键字', 'Search text')],
  ['sort', L('排序', 'Sort order')],
  ['format', L('文件格式', 'File format')],
  ['dryRun', L('仅校验', 'Check only')],
  // People and places.
  ['username', L('用户名', 'Username')],
  ['displayName', L('姓名', 'Display name')],
  ['password', L('密码', 'Password')],
  ['role', L('角色', 'Role')],
  ['name', L('名称', 'Name')],
  ['category', L('机构类别', 'Category')],
  ['ownership', L('经济类型', 'Ownership')],
  ['institution', L('机构', 'Institution')],
  ['network', L('医共体/医疗集团', 'Network')],
  // Plans and tasks.
  ['title', L('标题', 'Title')],
  ['state', L('状态', 'State')],
  ['status', L('状态', 'Status')],
  ['progress', L('进度', 'Progress')],
  ['kind', L('类型', 'Kind')],
  ['dueDate', L('完成时限', 'Due date')],
  ['startDate', L('开始日期', 'Start date')],
  ['leadDepartment', L('牵头部门', 'Lead department')],
  ['departments', L('配合部门', 'Partner departments')],
  ['milestones', L('里程碑', 'Milestones')],
  ['note', L('进展说明', 'Note')],
  ['budget', L('投资额', 'Budget')],
  // Surveillance.
  ['disease', L('病种', 'Disease')],
  ['algorithm', L('预警算法', 'Detector')],
  ['frequency', L('频度', 'Frequency')],
  ['reason', L('原因', 'Reason')],
  ...[...RESOURCE_FIELDS, ...POPULATION_FIELDS].map((f) => [f.key, L(f.zh, f.en)] as const),
  ...Object.entries(CARD_FIELD_LABELS),
]);

/** Allowed values by code, as the forms show them. One meaning per code across the API. */
const OPTIONS = new Map<string, Bilingual>([
  ['male', L('男', 'male')],
  ['female', L('女', 'female')],
  ['unknown', L('未知', 'unknown')],
  ['task', L('任务', 'task')],
  ['project', L('项目', 'project')],
  ['zh', L('中文', 'Chinese')],
  ['en', L('英文', 'English')],
  ['csv', L('CSV', 'CSV')],
  ['xlsx', L('Excel（XLSX）', 'Excel (XLSX)')],
  ['week', L('周', 'week')],
  ['day', L('日', 'day')],
  ['month', L('月', 'month')],
  ...Object.entries(TASK_STATUS_LABELS),
  ...Object.entries(CLASSIFICATION_LABELS),
  ...Object.entries(ROLE_LABELS),
  ...OWNERSHIPS.map((o) => [o.code, L(o.zh, o.en)] as const),
]);

/** A module's own field and value names (e.g. its filters), added at start. Core's dictionaries come first. */
export function registerLabels(labels: { fields?: Record<string, Bilingual>; options?: Record<string, Bilingual> }) {
  for (const [k, v] of Object.entries(labels.fields ?? {})) if (!FIELDS.has(k)) FIELDS.set(k, v);
  for (const [k, v] of Object.entries(labels.options ?? {})) if (!OPTIONS.has(k)) OPTIONS.set(k, v);
}

/** The label of the field an issue's path ends in (`indicators.0.target.value` → value), if it has one. */
export function fieldLabel(path: readonly PropertyKey[]): Bilingual | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'number' || (typeof key === 'string' && /^\d+$/.test(key))) continue;
    return FIELDS.get(String(key)) ?? null;
  }
  return null;
}

/** 男、女或未知 / male, female or unknown: allowed values by their labels (a code without one quoted). */
export function optionList(values: readonly unknown[]): Bilingual {
  const zh = values.map((v) => OPTIONS.get(String(v))?.zh ?? `“${String(v)}”`);
  const en = values.map((v) => OPTIONS.get(String(v))?.en ?? `"${String(v)}"`);
  const join = (xs: string[], sep: string, or: string) =>
    xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(sep)}${or}${xs.at(-1)}`;
  return { zh: join(zh, '、', '或'), en: join(en, ', ', ' or ') };
}
