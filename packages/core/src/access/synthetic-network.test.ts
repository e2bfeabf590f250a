import { describe, expect, it } from 'vitest';
import { lineCount, unpackLines } from './osm-lines.ts';
import { type SyntheticCounty, spanningTree, syntheticNetwork, syntheticVillagePosition } from './synthetic-network.ts';

function city(): SyntheticCounty[] {
  const counties: SyntheticCounty[] = [];
  for (let c = 0; c < 3; c++) {
    const seat = { lng: 113.8 + c * 0.2, lat: 35.2 + (c % 2) * 0.1 };
    const townships = Array.from({ length: 4 }, (_, t) => {
      const at = { lng: seat.lng + (t - 1.5) * 0.05, lat: seat.lat + 0.04 };
      const code = `41070${c}00${t}`;
      return {
        code,
        at,
        urban: c === 0,
        villages: Array.from({ length: 5 }, (_, v) => {
          const vc = `${code}00${v}`;
          return { code: vc, at: syntheticVillagePosition(vc, at, c === 0), urban: c === 0 };
        }),
      };
    });
    counties.push({ code: `41070${c}`, seat, district: c === 0, townships });
  }
  return counties;
}

describe('syntheticNetwork', () => {
  it('is deterministic and reaches every place through shared coordinates', () => {
    const a = syntheticNetwork(city());
    const b = syntheticNetwork(city());
    expect(Array.from(a.coords)).toEqual(Array.from(b.coords));
    const lines = unpackLines(a);
    // Union-find over coordinates: every village, township and seat lies on one connected network.
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      const p = parent.get(k) ?? k;
      if (p === k) return k;
      const r = find(p);
      parent.set(k, r);
      return r;
    };
    const key = (p: { lng: number; lat: number }) => `${Math.round(p.lng * 1e6)},${Math.round(p.lat * 1e6)}`;
    for (const l of lines)
      for (let i = 1; i < l.coords.length; i++) parent.set(find(key(l.coords[i - 1]!)), find(key(l.coords[i]!)));
    const places = city().flatMap((c) => [
      c.seat,
      ...c.townships.flatMap((t) => [t.at, ...t.villages.map((v) => v.at)]),
    ]);
    const roots = new Set(
      places.map((p) => find(key({ lng: Math.round(p.lng * 1e6) / 1e6, lat: Math.round(p.lat * 1e6) / 1e6 }))),
    );
    expect(roots.size).toBe(1);
    expect(new Set(lines.map((l) => l.highway))).toEqual(
      new Set(['trunk', 'secondary', 'tertiary', 'residential', 'unclassified', 'primary']),
    );
    expect(lineCount(a)).toBeGreaterThan(60);
  });

  it('spans n points with n - 1 edges', () => {
    const pts = [0, 1, 2, 3, 4].map((i) => ({ lng: 113 + i * 0.01, lat: 35 + (i % 2) * 0.01 }));
    expect(spanningTree(pts)).toHaveLength(4);
  });
});
