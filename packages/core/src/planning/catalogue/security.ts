// 健康保障: financing; from the health accounts (卫生总费用核算) and budget records.
import type { IndicatorDef } from './types.ts';
import { reported } from './types.ts';

export const SECURITY: readonly IndicatorDef[] = [
  {
    code: 'oop-share',
    zh: '个人卫生支出占卫生总费用比例',
    aliases: ['个人卫生支出占卫生总费用的比重', '个人卫生支出占比'],
    en: 'Out-of-pocket share of total health expenditure',
    unit: '%',
    multiplier: 100,
    direction: 'lower',
    domain: '健康保障',
    source: reported('statistical-yearbook'),
    decimals: 1,
  },
  {
    code: 'public-health-funding-per-capita',
    zh: '人均基本公共卫生服务经费',
    aliases: ['人均基本公共卫生经费', '基本公共卫生服务人均经费补助标准'],
    en: 'Basic public health funding per capita',
    unit: '元',
    multiplier: 1,
    direction: 'higher',
    domain: '健康保障',
    source: reported('administrative'),
    decimals: 0,
  },
];
