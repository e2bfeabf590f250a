// Children of an area coloured by one ratio: an ECharts map from the area's GeoJSON boundaries, or a bar chart
// when the server ships no boundaries for it (404).
import { Alert } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartsOption, echarts } from '../platform/EChart.tsx';
import { formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { useRegistryT } from './i18n.ts';
import type { GeoJsonCollection } from './queries.ts';
import type { Summary, SummaryRatio } from './types.ts';

interface Props {
  areaCode: string;
  boundaries: GeoJsonCollection | null;
  items: Summary[];
  ratio: SummaryRatio;
  ratioLabel: string;
  onSelect?: (code: string) => void;
}

const registered = new Set<string>();

function mapName(code: string, geo: GeoJsonCollection): string {
  const name = `wj-${code}`;
  if (!registered.has(name)) {
    // ECharts keys regions by the `name` property; keep the code there so regions match summaries by code.
    const features = geo.features.map((f) => ({
      ...f,
      properties: { ...f.properties, name: String(f.properties.code ?? f.properties.name ?? '') },
    }));
    echarts.registerMap(name, { type: 'FeatureCollection', features } as never);
    registered.add(name);
  }
  return name;
}

export function AreaMap({ areaCode, boundaries, items, ratio, ratioLabel, onSelect }: Props) {
  const t = useRegistryT();
  const { lang } = useLocale();
  const values = items.map((i) => i[ratio]).filter((v): v is number => v != null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const nameByCode = useMemo(() => new Map(items.map((i) => [i.code, i.name])), [items]);
  const label = ratioLabel;

  const option = useMemo<EChartsOption>(() => {
    if (boundaries && boundaries.features.length > 0) {
      const map = mapName(areaCode, boundaries);
      return {
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string; value: number }) =>
            `${nameByCode.get(p.name) ?? p.name}<br/>${label}: ${formatRatio(p.value, lang)}`,
        },
        visualMap: {
          min,
          max: max === min ? min + 1 : max,
          calculable: true,
          left: 'left',
          bottom: 10,
          precision: 2,
          inRange: { color: ['#e6f4ff', '#69b1ff', '#0958d9'] },
        },
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
    const sorted = [...items].sort((a, b) => (b[ratio] ?? 0) - (a[ratio] ?? 0));
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
  }, [boundaries, areaCode, items, ratio, min, max, nameByCode, label, lang]);

  const mode = boundaries && boundaries.features.length > 0 ? 'map' : 'bar';
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
