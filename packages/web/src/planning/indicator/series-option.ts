// The line chart of the indicator over the plan's years: the region (bold, dark), every child area, the chosen
// area emphasised, and the expected path (dashed).
import type { EChartsOption } from '../../platform/EChart.tsx';
import { formatRatio } from '../../platform/format.ts';
import type { Lang } from '../../platform/locale.tsx';
import type { ByAreaResponse } from '../types.ts';

export const PALETTE = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
  '#2f4554',
  '#61a0a8',
  '#d48265',
  '#749f83',
  '#ca8622',
  '#bda29a',
  '#6e7074',
];

export interface SeriesInput {
  byYear: { data?: ByAreaResponse }[];
  years: number[];
  regionCode: string;
  area: string;
  expectedLabel: string;
  lang: Lang;
  decimals: number;
  unit: string | null;
}

export function seriesOption({
  byYear,
  years,
  regionCode,
  area,
  expectedLabel,
  lang,
  decimals,
  unit,
}: SeriesInput): EChartsOption {
  const rows = new Map<string, { name: string; values: (number | null)[] }>();
  const expected: (number | null)[] = [];
  byYear.forEach((q, n) => {
    const d = q.data;
    expected[n] = d?.area.expected ?? null;
    if (!d) return;
    for (const it of [d.area, ...d.items]) {
      const r = rows.get(it.areaCode) ?? { name: it.areaName, values: years.map(() => null) };
      r.values[n] = it.actual?.value ?? null;
      rows.set(it.areaCode, r);
    }
  });
  const series = [...rows.entries()].map(([code, r], n) => ({
    name: r.name,
    type: 'line',
    data: r.values,
    connectNulls: true,
    symbolSize: code === regionCode ? 7 : 4,
    lineStyle: { width: code === regionCode ? 4 : code === area ? 3 : 1.5 },
    itemStyle: { color: code === regionCode ? '#262626' : PALETTE[n % PALETTE.length] },
    z: code === regionCode ? 10 : 2,
    emphasis: { focus: 'series' },
  }));
  series.push({
    name: expectedLabel,
    type: 'line',
    data: expected,
    connectNulls: true,
    symbolSize: 0,
    lineStyle: { width: 2, type: 'dashed' } as never,
    itemStyle: { color: '#8c8c8c' },
    z: 9,
    emphasis: { focus: 'series' },
  });
  return {
    animationDuration: 300,
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: number | null) => formatRatio(v, lang, decimals),
    },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
    yAxis: { type: 'value', scale: true, name: unit ?? '' },
    series,
  };
}
