// Where the event is. No township boundaries are shipped (there is no offline source for them), so the map is
// the city's counties (GET /areas/{city}/boundaries, readable by every signed-in user), zoomed and centred on
// the event's county, which is filled in the event's risk colour; the event's townships are drawn as points
// where the server could place them (the township's recorded coordinates, else the centroid of its registered
// institutions — see `townships` of GET /surveillance/events/{id}). The map says so in words.
import { Alert, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartsOption, registerAreaMap } from '../platform/EChart.tsx';
import { bbox, focusOn } from '../platform/map-legend.ts';
import { eventMapNote, riskColour } from './event-map-note.ts';
import { useSurvT } from './i18n.ts';
import { useBoundariesOrNull } from './queries.ts';
import type { EventDetail, TownshipPoint } from './types.ts';

const NO_TOWNSHIPS: TownshipPoint[] = [];

export function EventMap({ event }: { event: EventDetail }) {
  const t = useSurvT();
  const county = event.countyCode;
  const city = county.slice(0, 4);
  const counties = useBoundariesOrNull(city);
  const geo = counties.data ?? null;
  const color = riskColour(event.riskLevel);

  const townships = event.townships ?? NO_TOWNSHIPS;
  const placed = useMemo(
    () => townships.filter((p): p is TownshipPoint & { lng: number; lat: number } => p.lng !== null && p.lat !== null),
    [townships],
  );
  const unplaced = townships.filter((p) => p.lng === null || p.lat === null);

  // A county the shipped boundaries lack (e.g. a development zone carved out later) cannot be outlined: the
  // map then says so instead of highlighting nothing silently, and still shows the townships as points.
  const hasCounty = !!geo?.features.some((f) => String(f.properties.code ?? '') === county);

  const option = useMemo<EChartsOption | null>(() => {
    if (!geo?.features.length) return null;
    // The same key and naming as registry/AreaMap.tsx: regions are named by their code.
    const map = registerAreaMap(`wj-${city}`, geo);
    const nameByCode = new Map(
      geo.features.map((f) => [String(f.properties.code ?? ''), String(f.properties.name ?? '')]),
    );
    const own = geo.features.filter((f) => String(f.properties.code ?? '') === county);
    const cityBox = bbox(geo.features.map((f) => f.geometry));
    // Without the county's outline, the box of its placed townships stands in for it.
    const countyBox = own.length
      ? bbox(own.map((f) => f.geometry))
      : placed.length
        ? bbox([{ coordinates: placed.map((p) => [p.lng, p.lat]) }])
        : null;
    const { center, zoom } = focusOn(cityBox, countyBox, own.length > 0);
    const withPoints = placed.length > 0;
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map,
        roam: true,
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        ...(center ? { center } : {}),
        zoom,
        selectedMode: false,
        itemStyle: { areaColor: '#f5f5f5', borderColor: '#bfbfbf' },
        label: {
          show: true,
          fontSize: 10,
          color: '#8c8c8c',
          formatter: (p: { name: string }) => nameByCode.get(p.name) ?? '',
        },
        emphasis: { itemStyle: { areaColor: '#ffd666' }, label: { color: '#262626' } },
        tooltip: { show: true, formatter: (p: { name: string }) => nameByCode.get(p.name) ?? p.name },
        regions: own.length
          ? [
              {
                name: county,
                itemStyle: {
                  areaColor: color,
                  opacity: withPoints ? 0.35 : 0.85,
                  borderColor: color,
                  borderWidth: 2,
                },
                label: { color: withPoints ? '#262626' : '#fff', fontWeight: 'bold', fontSize: 12 },
              },
            ]
          : [],
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 14,
          itemStyle: { color, borderColor: '#fff', borderWidth: 2 },
          label: { show: true, position: 'right', formatter: '{b}', fontSize: 11, color: '#262626' },
          tooltip: {
            formatter: (p: { dataIndex: number }) => {
              const pt = placed[p.dataIndex];
              if (!pt) return '';
              return pt.source === 'area'
                ? t('mapPointFromArea', { name: pt.name })
                : t('mapPointFromInstitutions', { name: pt.name, count: pt.institutions ?? 0 });
            },
          },
          data: placed.map((p) => ({ name: p.name, value: [p.lng, p.lat] })),
        },
      ],
    };
  }, [geo, city, county, color, placed, t]);

  if (counties.isPending) return <Skeleton active />;
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
  const approximate = placed.filter((p) => p.source === 'institutions');
  return (
    <div>
      <Alert
        type={hasCounty ? 'info' : 'warning'}
        showIcon
        title={t(eventMapNote(hasCounty, placed.length, townships.length), { name: event.countyName })}
        style={{ marginBottom: 8 }}
        data-testid="event-map-note"
      />
      <EChart
        option={option}
        style={{ height: 360 }}
        data-testid="event-map"
        data-map-mode="county"
        data-highlighted={hasCounty ? county : ''}
        data-points={String(placed.length)}
      />
      {(approximate.length > 0 || unplaced.length > 0) && (
        <Space orientation="vertical" size={0} style={{ marginTop: 4 }}>
          {approximate.map((p) => (
            <Typography.Text key={p.code} type="secondary" style={{ fontSize: 12 }}>
              {t('mapPointFromInstitutions', { name: p.name, count: p.institutions ?? 0 })}
            </Typography.Text>
          ))}
          {unplaced.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="event-map-unplaced">
              {t('mapPointsUnknown', { names: unplaced.map((p) => p.name).join('、') })}
            </Typography.Text>
          )}
        </Space>
      )}
    </div>
  );
}
