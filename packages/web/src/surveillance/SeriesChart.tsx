// The event chart: a disease's or stream's counts in the signal's area with the detector's expected value,
// upper bound and alarms (GET /surveillance/series), the event's window shaded.
import { Alert, Empty, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartsOption } from '../platform/EChart.tsx';
import { formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { useSurvT } from './i18n.ts';
import { pick } from './queries.ts';
import type { Series } from './types.ts';

/** Index of the period containing `date` (the last period starting on or before it). */
function periodOf(starts: string[], date: string): number {
  let k = -1;
  for (let i = 0; i < starts.length; i++) if (starts[i]! <= date) k = i;
  return k;
}

export function SeriesChart({
  series,
  window,
  title,
}: {
  series: Series;
  window?: { from: string; to: string };
  title: string;
}) {
  const t = useSurvT();
  const { lang } = useLocale();
  const alarms = series.alarm.filter((a) => a === true).length;
  const option = useMemo<EChartsOption>(() => {
    const x = series.periodStart;
    const fromIdx = window ? periodOf(x, window.from) : -1;
    const toIdx = window ? periodOf(x, window.to) : -1;
    const fmt = (v: unknown) => (typeof v === 'number' ? formatRatio(v, lang, Number.isInteger(v) ? 0 : 1) : '—');
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: fmt,
      },
      legend: { top: 0, data: [t('observed'), t('expected'), t('upperbound'), t('alarm')] },
      grid: { left: 48, right: 24, top: 40, bottom: 64 },
      dataZoom: [{ type: 'slider', bottom: 8, height: 20 }, { type: 'inside' }],
      xAxis: { type: 'category', data: x, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('observed'),
          data: series.observed,
          itemStyle: { color: '#91caff' },
          barMaxWidth: 14,
          markArea:
            fromIdx >= 0 && toIdx >= 0
              ? {
                  silent: true,
                  itemStyle: { color: 'rgba(245, 34, 45, 0.08)' },
                  label: { show: true, position: 'insideTop', color: '#cf1322', fontSize: 11 },
                  data: [[{ name: t('eventWindow'), xAxis: x[fromIdx] }, { xAxis: x[toIdx] }]],
                }
              : undefined,
        },
        {
          type: 'line',
          name: t('expected'),
          data: series.expected,
          showSymbol: false,
          lineStyle: { color: '#52c41a', type: 'dashed', width: 1.5 },
          itemStyle: { color: '#52c41a' },
          connectNulls: false,
        },
        {
          type: 'line',
          name: t('upperbound'),
          data: series.upperbound,
          step: 'middle',
          showSymbol: false,
          lineStyle: { color: '#f5222d', width: 1.5 },
          itemStyle: { color: '#f5222d' },
          connectNulls: false,
        },
        {
          type: 'scatter',
          name: t('alarm'),
          data: series.alarm.map((a, i) => (a === true ? (series.observed[i] ?? 0) : null)),
          symbol: 'triangle',
          symbolSize: 12,
          itemStyle: { color: '#cf1322' },
          z: 5,
        },
      ],
    };
  }, [series, window, t, lang]);

  if (!series.periodStart.length) return <Empty description={t('noSeries')} />;
  return (
    <div>
      <Typography.Text
        strong
        style={{ display: 'block', textAlign: 'center', marginBottom: 4 }}
        data-testid="series-title"
      >
        {title}
      </Typography.Text>
      {series.error && <Alert type="warning" showIcon title={pick(series.error, lang)} style={{ marginBottom: 8 }} />}
      <EChart
        option={option}
        style={{ height: 360 }}
        data-testid="series-chart"
        data-alarms={String(alarms)}
        data-points={String(series.periodStart.length)}
      />
    </div>
  );
}
