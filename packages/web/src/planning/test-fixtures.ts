// A small plan and its evaluations as the planning endpoints answer them, for the component tests.
import type { Evaluation, EvaluationItem, PlanDetail, PlanIndicator, Status } from './types.ts';

export const indicator = (seq: number, over: Partial<PlanIndicator> = {}): PlanIndicator => ({
  seq,
  domain: '健康水平',
  name: `指标${seq}`,
  catalogueCode: null,
  matchConfidence: null,
  unit: '岁',
  baselineText: '78',
  baseline: 78,
  target: { kind: 'threshold', op: '>=', value: 80, unit: '岁' },
  targetText: '≥80',
  targetSource: 'parsed',
  nature: 'expected',
  direction: 'higher',
  areaTargets: [],
  ...over,
});

export const plan: PlanDetail = {
  id: 3,
  regionCode: '4107',
  regionName: '新乡市',
  countyCode: null,
  name: '新乡市卫生健康规划',
  periodStart: 2021,
  periodEnd: 2025,
  baselineYear: 2020,
  status: 'active',
  currentVersion: 1,
  version: 4,
  synthetic: false,
  createdBy: 'admin',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  indicatorCount: 3,
  shownVersion: 1,
  defaultArea: '4107',
  versions: [],
  indicators: [
    indicator(1, { name: '人均预期寿命', catalogueCode: 'life_expectancy' }),
    indicator(2, { name: '孕产妇死亡率', domain: '健康服务', nature: 'binding', unit: '/10万', direction: 'lower' }),
    indicator(3, { name: '每千人口床位数', domain: '健康水平', unit: '张' }),
  ],
};

export const item = (ind: PlanIndicator, year: number, value: number | null, status: Status): EvaluationItem => ({
  seq: ind.seq,
  domain: ind.domain,
  name: ind.name,
  catalogueCode: ind.catalogueCode,
  catalogueName: null,
  unit: ind.unit,
  decimals: 1,
  nature: ind.nature,
  direction: ind.direction,
  baselineText: ind.baselineText,
  baseline: ind.baseline,
  targetText: ind.targetText,
  target: ind.target,
  targetDisplay: { zh: ind.targetText, en: ind.targetText },
  targetSource: 'parsed',
  areaTarget: false,
  year,
  actual: value === null ? null : { value, kind: 'reported', source: 'statistics', asOf: null, components: {} },
  expected: 79,
  status,
  statusLabel: { zh: status, en: status },
  distance: null,
});

/** Values in 2020–2023; 2024 and 2025 have none yet. */
export function evaluation(area: string, year: number): Evaluation {
  const known = year <= 2023;
  const [a, b, c] = plan.indicators as [PlanIndicator, PlanIndicator, PlanIndicator];
  const items = [
    item(a, year, known ? 79.5 : null, known ? 'on-track' : 'no-data'),
    item(b, year, known ? 12 : null, known ? 'met' : 'no-data'),
    item(c, year, known ? 5.1 : null, known ? 'lagging' : 'no-data'),
  ];
  const counts = { met: 0, 'on-track': 0, lagging: 0, warning: 0, 'no-data': 0 };
  for (const i of items) counts[i.status]++;
  return {
    plan: { ...plan, regionName: '新乡市' },
    evaluatedAt: '2024-05-01T00:00:00Z',
    area: { code: area, name: area === '4107' ? '新乡市' : '红旗区', level: area === '4107' ? 2 : 3 },
    year,
    asOf: '2024-05-01T00:00:00Z',
    counts,
    total: items.length,
    items,
  };
}
