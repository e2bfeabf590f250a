import { describe, expect, it } from 'vitest';
import { NodeIndex, OsmWayCollector, parseMaxspeed, parseOneway, unpackLines } from './osm-lines.ts';

describe('OSM road tags', () => {
  it('reads oneway and maxspeed as OSM writes them', () => {
    expect(['yes', 'true', '1', '-1', 'reverse', 'no', undefined, 'alternating'].map(parseOneway)).toEqual([
      1, 1, 1, -1, -1, 0, 0, 0,
    ]);
    expect(parseMaxspeed('60')).toBe(60);
    expect(parseMaxspeed('50 km/h')).toBe(50);
    expect(parseMaxspeed('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseMaxspeed('80;60')).toBe(60);
    expect(parseMaxspeed('walk')).toBeNull();
    expect(parseMaxspeed('CN:urban')).toBeNull();
  });
});

describe('OsmWayCollector', () => {
  it('keeps road ways, reverses oneway=-1, splits ways at nodes missing from the extract', () => {
    const c = new OsmWayCollector();
    c.node(3, 113.02, 35);
    c.node(1, 113, 35);
    c.node(2, 113.01, 35);
    c.node(5, 113.04, 35);
    c.way([1, 2, 3], { highway: 'primary', maxspeed: '40' });
    c.way([1, 2], { highway: 'residential', oneway: '-1' });
    c.way([2, 3], { building: 'yes' });
    c.way([2, 3], { highway: 'construction' });
    c.way([1, 2, 99, 3, 5], { highway: 'track' });
    const lines = unpackLines(c.finish());
    expect(lines.map((l) => l.highway)).toEqual(['primary', 'residential', 'track', 'track']);
    expect(lines[0]!.maxspeedKmh).toBe(40);
    expect(lines[1]).toMatchObject({ oneway: true, coords: [{ lng: 113.01 }, { lng: 113 }] });
    expect(lines[2]!.coords).toHaveLength(2);
    expect(lines[3]!.coords.map((p) => p.lng)).toEqual([113.02, 113.04]);
    expect(c.stats).toMatchObject({ nodes: 4, ways: 5, roads: 3, missingNodes: 1 });
  });

  it('finds nodes added out of order', () => {
    const idx = new NodeIndex();
    const ids = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3001);
    for (const id of ids) idx.add(id, id / 1000, 35 - id / 1000);
    for (const id of [0, 1, 2999, 1500]) expect(idx.get(id)).toEqual([id / 1000, 35 - id / 1000]);
    expect(idx.get(5000)).toBeNull();
  });
});
