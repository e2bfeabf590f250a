import { describe, expect, it } from 'vitest';
import { accessMapOption, dataBox, isUncovered, UNCOVERED_COLOUR } from './map-option.ts';
import type { VillageMinutes } from './types.ts';

const village = (code: string, lng: number, minutes: number | null): VillageMinutes => ({
  code,
  name: `村${code}`,
  townshipCode: '410782101',
  lng,
  lat: 35.3,
  households: 100,
  minutes,
  facilityId: minutes === null ? null : 1,
  facilityName: minutes === null ? null : '卫生院',
});

const texts = {
  roads: 'roads',
  covered: 'covered',
  uncovered: 'uncovered',
  institutions: 'institutions',
  isochrone: 'isochrone',
  proposed: 'proposed',
  fca: 'fca',
  minutesOf: (name: string, m: number | null) => `${name} ${m}`,
};

describe('access map option', () => {
  it('shades the villages beyond the limit or unreachable, frames the data, draws roads, isochrone and sites', () => {
    const villages = [
      village('1', 113.9, 5),
      village('2', 114.0, 15),
      village('3', 114.1, 15.5),
      village('4', 114.2, null),
    ];
    expect(villages.map((v) => isUncovered(v, 15))).toEqual([false, false, true, true]);
    const option = accessMapOption(
      {
        mapName: 'm',
        roads: [
          {
            type: 'Feature',
            properties: { highway: 'trunk' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [113.9, 35.3],
                [114.2, 35.3],
              ],
            },
          },
        ],
        villages,
        minutes: 15,
        institutions: [{ id: 7, name: '卫生院', category: 'B100', lng: 114.0, lat: 35.31 }],
        isochrones: [
          {
            minutes: 15,
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [113.95, 35.25],
                  [114.05, 35.25],
                  [114.05, 35.35],
                  [113.95, 35.25],
                ],
              ],
            },
          },
        ],
        fca: [],
        proposed: [{ id: '410782101', name: '上八里镇', lng: 114.2, lat: 35.3, addedHouseholds: 100 }],
      },
      { roads: true, villages: 'minutes', institutions: true },
      texts,
    ) as {
      series: { id: string; data: unknown[]; itemStyle?: { color?: string } }[];
      geo: { boundingCoords: number[][] };
    };
    const byId = Object.fromEntries(option.series.map((s) => [s.id, s]));
    expect(Object.keys(byId)).toEqual(['roads', 'isochrone', 'covered', 'uncovered', 'institutions', 'proposed']);
    expect(byId.uncovered!.data).toHaveLength(2);
    expect(byId.uncovered!.itemStyle?.color).toBe(UNCOVERED_COLOUR);
    expect(byId.covered!.data).toHaveLength(2);
    expect(byId.isochrone!.data).toHaveLength(1);
    expect(byId.institutions!.data).toEqual([{ name: '卫生院', value: [114.0, 35.31], id: 7 }]);
    // Framed on the villages and institutions with a margin: west–north corner first.
    const [[w, n], [e, s]] = option.geo.boundingCoords as [[number, number], [number, number]];
    expect(w).toBeLessThan(113.9);
    expect(e).toBeGreaterThan(114.2);
    expect(n).toBeGreaterThan(35.31);
    expect(s).toBeLessThan(35.3);
  });

  it('colours villages by their 2SFCA ratio with a legend, and has no box without data', () => {
    const option = accessMapOption(
      {
        mapName: 'm',
        roads: [],
        villages: [],
        minutes: 15,
        institutions: [],
        isochrones: [],
        fca: [
          { code: '1', name: 'a', lng: 114, lat: 35, ratio: 1.5 },
          { code: '2', name: 'b', lng: 114.1, lat: 35, ratio: null },
          { code: '3', name: 'c', lng: 114.2, lat: 35, ratio: 3 },
        ],
        proposed: [],
      },
      { roads: true, villages: 'fca', institutions: true },
      texts,
    ) as { series: { id: string; data: unknown[] }[]; visualMap: { min: number; max: number; seriesIndex: number } };
    expect(option.series.map((s) => s.id)).toEqual(['fca']);
    expect(option.series[0]!.data).toHaveLength(2);
    expect(option.visualMap).toMatchObject({ min: 1.5, max: 3, seriesIndex: 0 });
    expect(dataBox({ roads: [], villages: [], institutions: [] })).toBeNull();
  });
});
