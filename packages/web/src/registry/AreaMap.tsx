// Children of an area coloured by one ratio: an ECharts map from the area's GeoJSON boundaries, or a bar chart
// when the server ships no boundaries for it (404).
import { Alert } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartsOption, registerAreaMap } from '../platform/EChart.tsx';
import { formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { byValueDesc, mapMode, valueLegend } from '../platform/map-legend.ts';
import { useRegistryT } from './i18n.ts';
import type { GeoJsonCollection, Summary, SummaryRatio } from './types.ts';

interface Props {
  areaCode: string;
  boundaries: GeoJsonCollection | null;
  items: Summary[];
  ratio: SummaryRatio;
  ratioLabel: string;
  onSelect?: (code: string) => void;
}

export function AreaMap({ areaCode, boundaries, items, ratio, ratioLabel, onSelect }: Props) {
  const t = useRegistryT();
  const { lang } = useLocale();
  const nameByCode = useMemo(() => new Map(items.map((i) => [i.code, i.name])), [items]);
  const label = ratioLabel;

  const option = useMemo<EChartsOption>(() => {
    if (boundaries && mapMode(boundaries) === 'map') {
      const map = registerAreaMap(`wj-${areaCode}`, boundaries);
      return {
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string; value: number }) =>
            `${nameByCode.get(p.name) ?? p.name}<br/>${label}: ${formatRatio(p.value, lang)}`,
        },
        visualMap: valueLegend(
          items.map((i) => i[ratio]),
          2,
        ),
        series: [
          {
            type: 'map',
            map,
            roam: true,
            name: label,
            label: {
              show: true,
              fontSize: 11,
              formatter: (p: { name: string }) => nameByCode.get(p.name) ?? '',
            },
            emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd666' } },
            data: items.map((i) => ({ name: i.code, value: i[ratio] })),
          },
        ],
      };
    }
    const sorted = byValueDesc(items, (i) => i[ratio], 0);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: sorted.map((i) => i.name) },
      series: [
        {
          type: 'bar',
          name: label,
          data: sorted.map((i) => ({ value: i[ratio], code: i.code })),
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right', formatter: (p: { value: number }) => formatRatio(p.value, lang) },
        },
      ],
    };
  }, [boundaries, areaCode, items, ratio, nameByCode, label, lang]);

  const mode = mapMode(boundaries);
  return (
    <div>
      {mode === 'bar' && <Alert type="info" showIcon title={t('mapFallback')} style={{ marginBottom: 8 }} />}
      <EChart
        option={option}
        style={{ height: mode === 'map' ? 480 : Math.max(240, items.length * 28 + 48) }}
        data-testid="area-map"
        data-map-mode={mode}
        onClick={(p) => {
          if (!onSelect) return;
          if (mode === 'map' && p.name && nameByCode.has(p.name)) onSelect(p.name);
          const code = (p.data as { code?: string } | undefined)?.code;
          if (mode === 'bar' && code) onSelect(code);
        }}
      />
    </div>
  );
}
