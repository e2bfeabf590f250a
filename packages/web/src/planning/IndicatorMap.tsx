// The children of a plan's region coloured by one indicator (by value or by status), on the region's GeoJSON
// boundaries (GET /areas/{code}/boundaries, as the registry map) or as a bar chart when none are shipped.
import { Alert } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartsOption, registerAreaMap } from '../platform/EChart.tsx';
import { formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { byValueDesc, mapMode, valueLegend } from '../platform/map-legend.ts';
import type { GeoJsonCollection } from '../registry/queries.ts';
import { STATUS_COLOR } from './display.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import type { Status } from './types.ts';

export interface MapItem {
  code: string;
  name: string;
  value: number | null;
  status: Status;
}

export function IndicatorMap({
  regionCode,
  boundaries,
  items,
  label,
  decimals,
  colourBy,
  onSelect,
}: {
  regionCode: string;
  boundaries: GeoJsonCollection | null;
  items: MapItem[];
  label: string;
  decimals: number;
  colourBy: 'value' | 'status';
  onSelect?: (code: string) => void;
}) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const byCode = useMemo(() => new Map(items.map((i) => [i.code, i])), [items]);
  const mode = mapMode(boundaries);

  const option = useMemo<EChartsOption>(() => {
    const statusText = (s: Status) => t(`status_${s}` as PlanningKey);
    const tooltip = (code: string) => {
      const i = byCode.get(code);
      if (!i) return code;
      return `${i.name}<br/>${label}: ${formatRatio(i.value, lang, decimals)}<br/>${statusText(i.status)}`;
    };
    if (mode === 'map' && boundaries) {
      const map = registerAreaMap(`wj-plan-${regionCode}`, boundaries);
      return {
        tooltip: { trigger: 'item', formatter: (p: { name: string }) => tooltip(p.name) },
        ...(colourBy === 'value'
          ? {
              visualMap: valueLegend(
                items.map((i) => i.value),
                decimals,
              ),
            }
          : {}),
        series: [
          {
            type: 'map',
            map,
            roam: true,
            name: label,
            label: { show: true, fontSize: 11, formatter: (p: { name: string }) => byCode.get(p.name)?.name ?? '' },
            emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd666' } },
            data: items.map((i) => ({
              name: i.code,
              value: i.value,
              ...(colourBy === 'status' ? { itemStyle: { areaColor: STATUS_COLOR[i.status] } } : {}),
            })),
          },
        ],
      };
    }
    const sorted = byValueDesc(items, (i) => i.value);
    return {
      tooltip: { trigger: 'item', formatter: (p: { data: { code: string } }) => tooltip(p.data.code) },
      grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', scale: true },
      yAxis: { type: 'category', inverse: true, data: sorted.map((i) => i.name) },
      series: [
        {
          type: 'bar',
          name: label,
          data: sorted.map((i) => ({
            value: i.value,
            code: i.code,
            itemStyle: { color: colourBy === 'status' ? STATUS_COLOR[i.status] : '#1677ff' },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => formatRatio(p.value, lang, decimals),
          },
        },
      ],
    };
  }, [items, byCode, mode, boundaries, regionCode, colourBy, label, decimals, lang, t]);

  return (
    <div>
      {mode === 'bar' && <Alert type="info" showIcon title={t('mapFallback')} style={{ marginBottom: 8 }} />}
      <EChart
        option={option}
        style={{ height: mode === 'map' ? 440 : Math.max(200, items.length * 28 + 40) }}
        data-testid="indicator-map"
        data-map-mode={mode}
        onClick={(p) => {
          if (!onSelect) return;
          if (mode === 'map' && p.name && byCode.has(p.name)) onSelect(p.name);
          const code = (p.data as { code?: string } | undefined)?.code;
          if (mode === 'bar' && code) onSelect(code);
        }}
      />
    </div>
  );
}
