// Where the event is: the county's townships with the event's townships in its risk colour, or, when no
// township boundaries are shipped, the city's counties with the event's county highlighted.
import { Alert, Skeleton, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartsOption, echarts } from '../platform/EChart.tsx';
import { useSurvT } from './i18n.ts';
import { type GeoJson, RISK_COLORS, useBoundariesOrNull } from './queries.ts';
import type { EventDetail } from './types.ts';

const registered = new Set<string>();

function mapName(code: string, geo: GeoJson): string {
  // The same key and naming as registry/AreaMap.tsx: regions are named by their code.
  const name = `wj-${code}`;
  if (!registered.has(name)) {
    const features = geo.features.map((f) => ({
      ...f,
      properties: { ...f.properties, name: String(f.properties.code ?? f.properties.name ?? '') },
    }));
    echarts.registerMap(name, { type: 'FeatureCollection', features } as never);
    registered.add(name);
  }
  return name;
}

export function EventMap({ event }: { event: EventDetail }) {
  const t = useSurvT();
  const county = event.countyCode;
  const city = county.slice(0, 4);
  const townships = useBoundariesOrNull(county);
  const counties = useBoundariesOrNull(townships.data === null ? city : null);

  const level = townships.data ? 'township' : counties.data ? 'county' : null;
  const geo = townships.data ?? counties.data ?? null;

  // Areas to highlight: the event's and its signals' townships (township map), else its county.
  const highlighted = useMemo(() => {
    if (level === 'township') {
      const codes = new Set<string>();
      for (const s of [event, ...event.signals]) if (s.areaCode.length >= 9) codes.add(s.areaCode.slice(0, 9));
      return codes;
    }
    return new Set([county]);
  }, [level, event, county]);

  const option = useMemo<EChartsOption | null>(() => {
    if (!geo || !level) return null;
    const map = mapName(level === 'township' ? county : city, geo);
    const nameByCode = new Map(
      geo.features.map((f) => [String(f.properties.code ?? ''), String(f.properties.name ?? '')]),
    );
    const color = RISK_COLORS[event.riskLevel] ?? '#f5222d';
    // A county-wide event on a township map: every township of the county is shown lighter.
    const wholeCounty = level === 'township' && highlighted.size === 0;
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => nameByCode.get(p.name) ?? p.name },
      series: [
        {
          type: 'map',
          map,
          roam: true,
          selectedMode: false,
          itemStyle: { areaColor: '#f5f5f5', borderColor: '#bfbfbf' },
          label: {
            show: true,
            fontSize: 10,
            color: '#595959',
            formatter: (p: { name: string }) => nameByCode.get(p.name) ?? '',
          },
          emphasis: { itemStyle: { areaColor: '#ffd666' } },
          data: geo.features.map((f) => {
            const code = String(f.properties.code ?? '');
            const on = highlighted.has(code) || wholeCounty;
            return {
              name: code,
              value: on ? 1 : 0,
              itemStyle: on ? { areaColor: color, opacity: wholeCounty ? 0.55 : 0.9 } : undefined,
              label: on ? { color: '#fff', fontWeight: 'bold' } : undefined,
            };
          }),
        },
      ],
    };
  }, [geo, level, county, city, event.riskLevel, highlighted]);

  if (townships.isPending || (townships.data === null && counties.isPending)) return <Skeleton active />;
  if (!option) {
    return (
      <Space orientation="vertical" data-testid="event-map" data-map-mode="none">
        <Alert type="info" showIcon title={t('mapNone')} />
        <Space wrap>
          {[...new Set([event.areaName, ...event.signals.map((s) => s.areaName)])].map((n) => (
            <Tag key={n} color="red">
              {n}
            </Tag>
          ))}
        </Space>
      </Space>
    );
  }
  return (
    <div>
      {level === 'county' && <Alert type="info" showIcon title={t('mapCountyFallback')} style={{ marginBottom: 8 }} />}
      <EChart
        option={option}
        style={{ height: 360 }}
        data-testid="event-map"
        data-map-mode={level ?? 'none'}
        data-highlighted={[...highlighted].join(',')}
      />
    </div>
  );
}
