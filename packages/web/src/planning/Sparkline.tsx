// A mini line chart of an indicator's actual values over the plan period, with the expected path dashed.
import { useMemo } from 'react';
import { EChart, type EChartsOption } from '../platform/EChart.tsx';
import { formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';

export interface SparkPoint {
  year: number;
  actual: number | null;
  expected: number | null;
}

export function Sparkline({ points, colour, decimals }: { points: SparkPoint[]; colour: string; decimals: number }) {
  const { lang } = useLocale();
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      tooltip: {
        trigger: 'axis',
        confine: true,
        textStyle: { fontSize: 11 },
        formatter: (ps: { axisValue: string; seriesName: string; value: number | null }[]) =>
          [
            ps[0]?.axisValue ?? '',
            ...ps.filter((p) => p.value != null).map((p) => `${p.seriesName}: ${formatRatio(p.value, lang, decimals)}`),
          ].join('<br/>'),
      },
      xAxis: { type: 'category', show: false, data: points.map((p) => String(p.year)), boundaryGap: false },
      yAxis: { type: 'value', show: false, scale: true },
      series: [
        {
          name: lang === 'zh' ? '实际' : 'Actual',
          type: 'line',
          data: points.map((p) => p.actual),
          symbol: 'circle',
          symbolSize: 4,
          connectNulls: true,
          lineStyle: { width: 2, color: colour },
          itemStyle: { color: colour },
        },
        {
          name: lang === 'zh' ? '预期' : 'Expected',
          type: 'line',
          data: points.map((p) => p.expected),
          symbol: 'none',
          connectNulls: true,
          lineStyle: { width: 1, type: 'dashed', color: '#8c8c8c' },
        },
      ],
    }),
    [points, colour, decimals, lang],
  );
  const hasData = points.some((p) => p.actual !== null);
  if (!hasData) return <span style={{ color: '#bfbfbf' }}>—</span>;
  return <EChart option={option} style={{ width: 140, height: 36 }} data-testid="sparkline" />;
}
