// A two-row preview as POST /plans/import/preview answers it: one confident link, one low-confidence link
// with an unparsed target.
import type { Preview, PreviewRow } from '../types.ts';

const row = (over: Partial<PreviewRow>): PreviewRow => ({
  row: 2,
  seq: '1',
  domain: '健康水平',
  name: '人均预期寿命',
  unit: '岁',
  baselineText: '78.5',
  baseline: 78.5,
  targetText: '≥79',
  target: { kind: 'threshold', op: '>=', value: 79, unit: '岁', text: '≥79' },
  targetDisplay: { zh: '≥79岁', en: '≥79 years' },
  targetState: 'ok',
  nature: 'expected',
  direction: 'higher',
  catalogueCode: 'life_expectancy',
  matchConfidence: 0.97,
  candidates: [{ code: 'life_expectancy', zh: '人均预期寿命', confidence: 0.97, matched: '人均预期寿命' }],
  issues: [],
  ...over,
});

export const preview: Preview = {
  filename: 'plan.xlsx',
  format: 'xlsx',
  table: null,
  header: { row: 1, baselineYear: 2020, targetYear: 2025, columns: {} },
  plan: { baselineYear: 2020, periodStart: 2021, periodEnd: 2025 },
  rows: [
    row({}),
    row({
      row: 3,
      seq: '2',
      name: '每千人口医疗机构床位数',
      unit: '张',
      targetText: '适度增长',
      target: { kind: 'unparsed', text: '适度增长' },
      targetDisplay: { zh: '适度增长', en: '适度增长' },
      targetState: 'unparsed',
      catalogueCode: 'beds_per_1000',
      matchConfidence: 0.6,
      candidates: [
        { code: 'beds_per_1000', zh: '每千人口医疗卫生机构床位数', confidence: 0.6, matched: '床位数' },
        { code: 'doctors_per_1000', zh: '每千人口执业（助理）医师数', confidence: 0.3, matched: '每千人口' },
      ],
    }),
  ],
  errors: [],
  summary: { rows: 2, targetsUnderstood: 1, targetsUnparsed: 1, noTarget: 0, linked: 2 },
};
