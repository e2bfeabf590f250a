// The access map's ECharts option, pure (tested without drawing): roads as polylines, villages as points —
// shaded red where the nearest institution is farther than the time limit (or none is reachable), or coloured
// by their 2SFCA ratio — institutions, one institution's isochrones as filled polygons, and the sites a
// placement proposes. Everything is drawn on a `geo` component (the city's county outlines when the server ships
// them) framed on the data's box: no map tiles, so the page works offline.
import type { EChartsOption } from '../platform/EChart.tsx';
import type { FcaPoint, Isochrone } from './queries.ts';
import type { MapInstitution, PlacementSite, RoadFeature, VillageMinutes } from './types.ts';

export interface MapLayers {
  roads: boolean;
  villages: 'minutes' | 'fca' | 'none';
  institutions: boolean;
}

export interface MapData {
  mapName: string;
  roads: RoadFeature[];
  villages: VillageMinutes[];
  minutes: number;
  institutions: MapInstitution[];
  isochrones: Isochrone[];
  fca: FcaPoint[];
  proposed: PlacementSite[];
}

export interface MapTexts {
  roads: string;
  covered: string;
  uncovered: string;
  institutions: string;
  isochrone: string;
  proposed: string;
  fca: string;
  minutesOf: (name: string, minutes: number | null) => string;
}

export const UNCOVERED_COLOUR = '#cf1322';
export const COVERED_COLOUR = '#73d13d';
export const SITE_COLOUR = '#fa8c16';
const ROAD_COLOURS: Record<string, string> = {
  motorway: '#d4380d',
  trunk: '#d46b08',
  primary: '#d4b106',
  secondary: '#8c8c8c',
  tertiary: '#a6a6a6',
};

/** Whether a village counts as outside the circle: no reachable institution, or farther than the limit. */
export const isUncovered = (v: Pick<VillageMinutes, 'minutes'>, minutes: number) =>
  v.minutes === null || v.minutes > minutes;

/** [minLng, minLat, maxLng, maxLat] of every point drawn (roads, villages, institutions); null when none. */
export function dataBox(
  d: Pick<MapData, 'roads' | 'villages' | 'institutions'>,
): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (lng: number, lat: number) => {
    box[0] = Math.min(box[0], lng);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lng);
    box[3] = Math.max(box[3], lat);
  };
  for (const v of d.villages) add(v.lng, v.lat);
  for (const i of d.institutions) add(i.lng, i.lat);
  if (!d.villages.length)
    for (const f of d.roads)
      if (f.geometry.type === 'LineString')
        for (const [x, y] of f.geometry.coordinates as [number, number][]) add(x, y);
  return Number.isFinite(box[0]) ? box : null;
}

/** The outer rings of a Polygon or MultiPolygon. */
function rings(g: Isochrone['geometry']): number[][][] {
  if (g.type === 'Polygon') return (g.coordinates as number[][][]).slice(0, 1);
  return (g.coordinates as number[][][][]).map((p) => p[0]!).filter(Boolean);
}

export function accessMapOption(d: MapData, layers: MapLayers, text: MapTexts): EChartsOption {
  const box = dataBox(d);
  const pad = box ? Math.max(box[2] - box[0], box[3] - box[1]) * 0.04 + 0.005 : 0;
  const series: Record<string, unknown>[] = [];
  if (layers.roads && d.roads.length)
    series.push({
      id: 'roads',
      name: text.roads,
      type: 'lines',
      coordinateSystem: 'geo',
      polyline: true,
      silent: true,
      // The series colour is the legend's; each road draws in its class colour.
      lineStyle: { color: '#8c8c8c', width: 1, opacity: 0.8 },
      data: d.roads
        .filter((f) => f.geometry.type === 'LineString')
        .map((f) => ({
          coords: f.geometry.coordinates as [number, number][],
          lineStyle: {
            color: ROAD_COLOURS[f.properties.highway ?? ''] ?? '#bfbfbf',
            width: f.properties.highway === 'trunk' || f.properties.highway === 'motorway' ? 2 : 1,
          },
        })),
    });
  const isoRings = d.isochrones.flatMap((iso) => rings(iso.geometry).map((ring) => ({ value: [0, 0], ring })));
  if (isoRings.length)
    series.push({
      id: 'isochrone',
      name: text.isochrone,
      type: 'custom',
      coordinateSystem: 'geo',
      silent: true,
      data: isoRings,
      renderItem: (params: { dataIndex: number }, api: { coord: (p: number[]) => number[] }) => {
        const ring = isoRings[params.dataIndex]?.ring ?? [];
        return {
          type: 'polygon',
          shape: { points: ring.map((p) => api.coord(p)) },
          style: { fill: 'rgba(22, 119, 255, 0.18)', stroke: '#1677ff', lineWidth: 1.5 },
        };
      },
    });
  if (layers.villages === 'minutes') {
    const covered = d.villages.filter((v) => !isUncovered(v, d.minutes));
    const uncovered = d.villages.filter((v) => isUncovered(v, d.minutes));
    const point = (v: VillageMinutes) => ({
      name: v.name,
      value: [v.lng, v.lat, v.minutes ?? -1],
      households: v.households,
    });
    series.push(
      {
        id: 'covered',
        name: text.covered,
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 4,
        itemStyle: { color: COVERED_COLOUR, opacity: 0.7 },
        data: covered.map(point),
        tooltip: {
          formatter: (p: { dataIndex: number }) =>
            text.minutesOf(covered[p.dataIndex]?.name ?? '', covered[p.dataIndex]?.minutes ?? null),
        },
      },
      {
        id: 'uncovered',
        name: text.uncovered,
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 7,
        itemStyle: { color: UNCOVERED_COLOUR, opacity: 0.85 },
        data: uncovered.map(point),
        tooltip: {
          formatter: (p: { dataIndex: number }) =>
            text.minutesOf(uncovered[p.dataIndex]?.name ?? '', uncovered[p.dataIndex]?.minutes ?? null),
        },
      },
    );
  }
  const fcaKnown = d.fca.filter((f) => f.ratio !== null);
  if (layers.villages === 'fca')
    series.push({
      id: 'fca',
      name: text.fca,
      type: 'scatter',
      coordinateSystem: 'geo',
      symbolSize: 6,
      data: fcaKnown.map((f) => ({ name: f.name, value: [f.lng, f.lat, f.ratio] })),
    });
  if (layers.institutions && d.institutions.length)
    series.push({
      id: 'institutions',
      name: text.institutions,
      type: 'scatter',
      coordinateSystem: 'geo',
      symbol: 'triangle',
      symbolSize: 8,
      itemStyle: { color: '#1677ff', borderColor: '#fff', borderWidth: 1 },
      data: d.institutions.map((i) => ({ name: i.name, value: [i.lng, i.lat], id: i.id })),
      tooltip: { formatter: '{b}' },
    });
  if (d.proposed.length)
    series.push({
      id: 'proposed',
      name: text.proposed,
      type: 'scatter',
      coordinateSystem: 'geo',
      symbol: 'pin',
      symbolSize: 26,
      itemStyle: { color: SITE_COLOUR },
      label: { show: true, position: 'right', formatter: '{b}', fontSize: 11, color: '#262626' },
      data: d.proposed.map((s) => ({ name: s.name, value: [s.lng, s.lat] })),
      z: 10,
    });
  const fcaRatios = fcaKnown.map((f) => f.ratio as number);
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0, data: series.filter((s) => s.id !== 'fca').map((s) => s.name as string) },
    geo: {
      map: d.mapName,
      roam: true,
      ...(box
        ? {
            boundingCoords: [
              [box[0] - pad, box[3] + pad],
              [box[2] + pad, box[1] - pad],
            ],
          }
        : {}),
      itemStyle: { areaColor: '#fafafa', borderColor: '#d9d9d9' },
      emphasis: { disabled: true },
      silent: true,
    },
    ...(layers.villages === 'fca' && fcaRatios.length
      ? {
          visualMap: {
            seriesIndex: series.findIndex((s) => s.id === 'fca'),
            min: Math.min(...fcaRatios),
            max: Math.max(Math.max(...fcaRatios), Math.min(...fcaRatios) + 1e-9),
            calculable: true,
            left: 'left',
            bottom: 10,
            precision: 2,
            text: [text.fca, ''],
            inRange: { color: ['#fff1f0', '#ffa39e', '#1677ff'] },
          },
        }
      : {}),
    series,
  } as EChartsOption;
}
