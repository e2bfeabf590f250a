import { describe, expect, it } from 'vitest';
import { GeoJsonError, parsePoints, parseRoadNetwork } from './geojson.ts';

const line = (
  properties: Record<string, unknown>,
  coordinates: unknown = [
    [114, 35],
    [114.01, 35],
  ],
) => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoJsonError);
    return (e as GeoJsonError).text;
  }
  throw new Error('not refused');
};

describe('GeoJSON road networks', () => {
  it('reads speeds, classes, maxspeed and the one-way forms', () => {
    const lines = parseRoadNetwork(
      fc(
        line({ speed_kmh: 40, oneway: true }),
        line({ highway: 'primary', oneway: 'yes', maxspeed: '30 mph' }),
        line({ highway: 'residential', oneway: '-1' }),
        line({}),
      ),
    );
    expect(lines.map((l) => [l.speedKmh, l.highway, l.oneway])).toEqual([
      [40, null, true],
      [null, 'primary', true],
      [null, 'residential', true],
      [null, null, false],
    ]);
    expect(lines[1]!.maxspeedKmh).toBeCloseTo(48.28, 2);
    expect(lines[2]!.coords[0]).toEqual({ lng: 114.01, lat: 35 });
  });

  it('refuses an empty network, other geometries and unknown property types, naming the feature', () => {
    expect(refusal(() => parseRoadNetwork(fc())).en).toMatch(/empty/);
    expect(refusal(() => parseRoadNetwork({ type: 'Topology' })).zh).toMatch(/不是 GeoJSON/);
    const t = refusal(() => parseRoadNetwork(fc(line({}), line({ speed_kmh: 'fast', id: 'r2' }))));
    expect(t.zh).toContain('第 2 个要素 (id r2)');
    expect(t.en).toMatch(/speed_kmh/);
    expect(refusal(() => parseRoadNetwork(fc(line({ oneway: 'sometimes' })))).en).toMatch(/oneway/);
    expect(refusal(() => parseRoadNetwork(fc(line({ highway: 3 })))).en).toMatch(/highway/);
    expect(refusal(() => parseRoadNetwork(fc(line({}, [[114, 35]])))).en).toMatch(/two coordinates/);
    expect(
      refusal(() =>
        parseRoadNetwork(
          fc(
            line({}, [
              [114, 35],
              [200, 35],
            ]),
          ),
        ),
      ).en,
    ).toMatch(/out of range/);
    const point = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 35] } };
    expect(refusal(() => parseRoadNetwork(fc(point))).en).toMatch(/LineString, not Point/);
  });
});

describe('GeoJSON points', () => {
  const pt = (properties: Record<string, unknown>, id?: unknown) => ({
    type: 'Feature',
    id,
    properties,
    geometry: { type: 'Point', coordinates: [114, 35] },
  });
  const what = { zh: '需求点', en: 'demand' };
  it('takes ids from properties or the feature, weights default 1', () => {
    expect(parsePoints(fc(pt({ id: 'a', weight: 3 }), pt({}, 7)), what)).toEqual([
      { id: 'a', at: { lng: 114, lat: 35 }, weight: 3 },
      { id: '7', at: { lng: 114, lat: 35 }, weight: 1 },
    ]);
  });
  it('refuses missing or repeated ids and bad weights', () => {
    expect(refusal(() => parsePoints(fc(pt({})), what)).zh).toMatch(/需求点第 1 个要素：缺少 id/);
    expect(refusal(() => parsePoints(fc(pt({ id: 'a' }), pt({ id: 'a' })), what)).en).toMatch(/twice/);
    expect(refusal(() => parsePoints(fc(pt({ id: 'a', weight: '5' })), what)).en).toMatch(/weight/);
    expect(refusal(() => parsePoints(fc(), what)).en).toMatch(/empty/);
  });
});
