// The columns of the three exchange kinds (institutions, yearly resources, yearly population). Templates,
// imports and exports all derive from these lists, so an exported file re-imports without edits.

import type { Bilingual } from '../../platform/text.ts';
import { POPULATION_FIELDS, RESOURCE_FIELDS } from '../fields.ts';

export const EXCHANGE_KINDS = ['institutions', 'resources', 'population'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const KIND_LABELS: Record<ExchangeKind, Bilingual> = {
  institutions: { zh: '医疗卫生机构', en: 'Institutions' },
  resources: { zh: '机构年度资源', en: 'Yearly resources' },
  population: { zh: '区划年度人口', en: 'Yearly population' },
};

export type ValueType =
  | 'id'
  | 'text'
  | 'uscc'
  | 'category'
  | 'gradeLevel'
  | 'gradeClass'
  | 'ownership'
  | 'boolean'
  | 'area'
  | 'decimal'
  | 'date'
  | 'year'
  | 'count';

export interface ColumnSpec {
  /** Key of the value in the mapped record (camelCase, as in the API). */
  key: string;
  /** Header written into templates and exports. */
  zh: string;
  en: string;
  /** Further headers accepted on import (older templates, the statistics forms' wording). */
  aliases?: readonly string[];
  type: ValueType;
  /** Every row must have a value. */
  required?: boolean;
  /** The column must be present in the file. */
  requiredColumn?: boolean;
  /** Written by exports for reading; accepted and ignored on import. */
  informational?: boolean;
  unit?: string;
  note: Bilingual;
}

const INSTITUTION_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'id',
    zh: '机构ID',
    en: 'Institution ID',
    aliases: ['机构编号', 'ID'],
    type: 'id',
    note: {
      zh: '新增机构留空；填写平台中已有机构的ID则更新该机构',
      en: 'Leave empty for a new institution; an existing ID updates that institution',
    },
  },
  {
    key: 'name',
    zh: '机构名称',
    en: 'Name',
    aliases: ['名称', '单位名称'],
    type: 'text',
    required: true,
    requiredColumn: true,
    note: { zh: '必填，不超过100字', en: 'Required, at most 100 characters' },
  },
  {
    key: 'uscc',
    zh: '统一社会信用代码',
    en: 'Unified social credit code',
    aliases: ['USCC', '信用代码'],
    type: 'uscc',
    note: {
      zh: '18位，按 GB 32100 校验；不得与其他机构重复',
      en: '18 characters, checked per GB 32100; unique across institutions',
    },
  },
  {
    key: 'category',
    zh: '机构类别代码',
    en: 'Category code',
    aliases: ['机构类别', '机构分类代码', '类别代码', 'Category'],
    type: 'category',
    required: true,
    requiredColumn: true,
    note: {
      zh: '必填，卫生机构分类代码（WS 218），见下方代码表',
      en: 'Required, health institution category (WS 218), see the code list below',
    },
  },
  {
    key: 'categoryName',
    zh: '机构类别名称',
    en: 'Category name',
    type: 'text',
    informational: true,
    note: { zh: '仅供核对，导入时忽略', en: 'For reading only; ignored on import' },
  },
  {
    key: 'gradeLevel',
    zh: '级别',
    en: 'Grade level',
    aliases: ['医院级别', '等级'],
    type: 'gradeLevel',
    note: {
      zh: '一级、二级、三级、未定级（或 1、2、3；空 = 未定级）',
      en: '一级, 二级, 三级, 未定级 (or 1, 2, 3; empty = ungraded)',
    },
  },
  {
    key: 'gradeClass',
    zh: '等次',
    en: 'Grade class',
    aliases: ['医院等次'],
    type: 'gradeClass',
    note: {
      zh: '甲、乙、丙（空 = 未定等）；填写等次时须填写级别',
      en: '甲, 乙, 丙 (empty = unclassed); needs a grade level',
    },
  },
  {
    key: 'ownership',
    zh: '举办主体',
    en: 'Ownership',
    aliases: [
      '经济类型',
      '主办单位',
      '经济类型/举办主体',
      '举办主体/经济类型',
      '举办主体（经济类型）',
      '经济类型（举办主体）',
    ],
    type: 'ownership',
    required: true,
    requiredColumn: true,
    note: {
      zh: '必填：政府办、其他公立、社会办',
      en: 'Required: 政府办 (government), 其他公立 (other public), 社会办 (private)',
    },
  },
  {
    key: 'forProfit',
    zh: '营利性',
    en: 'For-profit',
    aliases: ['是否营利', '营利性质', '分类管理'],
    type: 'boolean',
    note: {
      zh: '是/否 或 营利/非营利（空 = 非营利）；政府办机构不能为营利性',
      en: '是/否 or 营利/非营利 (empty = not for profit)',
    },
  },
  {
    key: 'areaCode',
    zh: '所在区划代码',
    en: 'Area code',
    aliases: ['区划代码', '行政区划代码', '所在地区划代码', '所在地区代码'],
    type: 'area',
    required: true,
    requiredColumn: true,
    note: {
      zh: '必填，县级（6位）、乡镇街道（9位）或村社区（12位）代码，须在本人管辖范围内',
      en: 'Required: county (6), township (9) or village (12 digits) code within your scope',
    },
  },
  {
    key: 'areaName',
    zh: '所在区划名称',
    en: 'Area name',
    type: 'text',
    informational: true,
    note: { zh: '仅供核对，导入时忽略', en: 'For reading only; ignored on import' },
  },
  {
    key: 'lng',
    zh: '经度',
    en: 'Longitude',
    type: 'decimal',
    unit: '度',
    note: { zh: '十进制度（73–136），与纬度同时填写', en: 'Decimal degrees (73–136), together with latitude' },
  },
  {
    key: 'lat',
    zh: '纬度',
    en: 'Latitude',
    type: 'decimal',
    unit: '度',
    note: { zh: '十进制度（3–54），与经度同时填写', en: 'Decimal degrees (3–54), together with longitude' },
  },
  {
    key: 'openedOn',
    zh: '成立日期',
    en: 'Opening date',
    aliases: ['开业日期', '成立时间'],
    type: 'date',
    note: { zh: 'YYYY-MM-DD', en: 'YYYY-MM-DD' },
  },
  {
    key: 'closedOn',
    zh: '撤销日期',
    en: 'Closing date',
    aliases: ['注销日期', '撤销时间'],
    type: 'date',
    note: { zh: 'YYYY-MM-DD，仍在运营留空', en: 'YYYY-MM-DD, empty while operating' },
  },
];

const factColumns = (fields: readonly { key: string; zh: string; en: string; unit: string }[]): ColumnSpec[] =>
  fields.map((f) => ({
    key: f.key,
    zh: f.zh,
    en: f.en,
    type: 'count' as const,
    unit: f.unit,
    note: { zh: `非负整数（${f.unit}）；空 = 未填报`, en: `Whole number ≥ 0 (${f.unit}); empty = not reported` },
  }));

const YEAR: ColumnSpec = {
  key: 'year',
  zh: '年份',
  en: 'Year',
  aliases: ['年度', '统计年度', '报告年份'],
  type: 'year',
  required: true,
  requiredColumn: true,
  note: { zh: '必填，四位年份（1949–2100）', en: 'Required, four-digit year (1949–2100)' },
};

const RESOURCE_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'institutionId',
    zh: '机构ID',
    en: 'Institution ID',
    aliases: ['机构编号', 'ID', 'id'],
    type: 'id',
    note: {
      zh: '与统一社会信用代码至少填一项，用于确定机构',
      en: 'This or the credit code identifies the institution',
    },
  },
  {
    key: 'uscc',
    zh: '统一社会信用代码',
    en: 'Unified social credit code',
    aliases: ['USCC', '信用代码'],
    type: 'uscc',
    note: { zh: '与机构ID至少填一项', en: 'This or the institution ID identifies the institution' },
  },
  {
    key: 'name',
    zh: '机构名称',
    en: 'Name',
    aliases: ['名称', '单位名称'],
    type: 'text',
    informational: true,
    note: { zh: '仅供核对，导入时忽略', en: 'For reading only; ignored on import' },
  },
  YEAR,
  ...factColumns(RESOURCE_FIELDS),
];

const POPULATION_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'areaCode',
    zh: '区划代码',
    en: 'Area code',
    aliases: ['行政区划代码', '所在区划代码'],
    type: 'area',
    required: true,
    requiredColumn: true,
    note: {
      zh: '必填，县级（6位）、乡镇街道（9位）或村社区（12位）代码',
      en: 'Required: county (6), township (9) or village (12 digits) code',
    },
  },
  {
    key: 'areaName',
    zh: '区划名称',
    en: 'Area name',
    aliases: ['行政区划名称'],
    type: 'text',
    informational: true,
    note: { zh: '仅供核对，导入时忽略', en: 'For reading only; ignored on import' },
  },
  YEAR,
  ...factColumns(POPULATION_FIELDS),
];

export const EXCHANGE_COLUMNS: Record<ExchangeKind, readonly ColumnSpec[]> = {
  institutions: INSTITUTION_COLUMNS,
  resources: RESOURCE_COLUMNS,
  population: POPULATION_COLUMNS,
};

/** Columns of a fresh template: everything but the read-only ones. */
export function templateColumns(kind: ExchangeKind): ColumnSpec[] {
  return EXCHANGE_COLUMNS[kind].filter((c) => !c.informational);
}

export function isExchangeKind(s: string): s is ExchangeKind {
  return (EXCHANGE_KINDS as readonly string[]).includes(s);
}
