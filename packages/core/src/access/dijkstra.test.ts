import { describe, expect, it } from 'vitest';
import { DijkstraSearch, nearestFacility, travelTimesDijkstra } from './dijkstra.ts';
import { haversineM, type LngLat } from './geo.ts';
import { buildGraph } from './graph.ts';
import { DRIVE_PROFILE, roadSpeedKmh } from './profiles.ts';
import { type Snap, snapPoints } from './snap.ts';
import { bruteSegments, floydWarshall, randomNetwork } from './testing.ts';

const OFFROAD_MPS = 5 / 3.6;

/** Point-to-point seconds by brute force: Floyd–Warshall between nodes, the snapped ends by hand. */
function bruteTime(segs: ReturnType<typeof bruteSegments>['segs'], d: Float64Array[], s: Snap, q: Snap): number {
  if (s.segment < 0 || q.segment < 0) return Infinity;
  const S = segs[s.segment]!;
  const Q = segs[q.segment]!;
  const off = (s.offroadM + q.offroadM) / OFFROAD_MPS;
  const leave = [
    [S.ia, s.t * S.bwd],
    [S.ib, (1 - s.t) * S.fwd],
  ] as const;
  const arrive = [
    [Q.ia, q.t * Q.fwd],
    [Q.ib, (1 - q.t) * Q.bwd],
  ] as const;
  let best = Infinity;
  if (s.segment === q.segment) {
    if (q.t === s.t) best = 0;
    else best = q.t > s.t ? (q.t - s.t) * S.fwd : (s.t - q.t) * S.bwd;
  }
  for (const [x, lx] of leave) for (const [y, ay] of arrive) if (lx + d[x]![y]! + ay < best) best = lx + d[x]![y]! + ay;
  return best + off;
}

function randomPoints(random: () => number, n: number): LngLat[] {
  return Array.from({ length: n }, () => ({
    lng: 113.9 + (random() < 0.25 ? 1 : 0) + random() * 0.06,
    lat: 35.3 + random() * 0.06,
  }));
}

describe('travel times against Floyd–Warshall on random networks', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`network ${seed}: one-to-many and nearest facility`, () => {
      const { lines, random } = randomNetwork(seed, 40);
      const graph = buildGraph(lines, DRIVE_PROFILE);
      const { segs, n } = bruteSegments(lines, (l) => roadSpeedKmh(DRIVE_PROFILE, l));
      // Segments in the same order as the lines give them (the snaps' segment indexes name brute segments).
      expect(graph.segmentCount).toBe(segs.length);
      segs.forEach((s, i) => {
        expect([graph.lng[graph.segA[i]!], graph.lat[graph.segA[i]!]]).toEqual([s.a.lng, s.a.lat]);
        expect([graph.lng[graph.segB[i]!], graph.lat[graph.segB[i]!]]).toEqual([s.b.lng, s.b.lat]);
      });
      const d = floydWarshall(n, segs);
      // A point 200 km away stays unsnapped and unreachable.
      const pts = [...randomPoints(random, 25), { lng: 116, lat: 37 }];
      const snaps = snapPoints(graph, pts, { maxKm: 5 });
      expect(snaps.at(-1)!.segment).toBe(-1);
      // Same-segment pairs must occur (points snapped to one segment) for the direct case to be tested.
      const m = travelTimesDijkstra(graph, snaps, snaps);
      let finite = 0;
      let infinite = 0;
      snaps.forEach((s, i) => {
        snaps.forEach((q, j) => {
          const want = bruteTime(segs, d, s, q);
          const got = m[i * snaps.length + j]!;
          if (want === Infinity) {
            infinite++;
            expect(got).toBe(Infinity);
          } else {
            finite++;
            expect(got).toBeCloseTo(want, 6);
          }
        });
      });
      expect(finite).toBeGreaterThan(50);
      expect(infinite).toBeGreaterThan(20);

      const demand = snaps.slice(0, 18);
      const fac = snaps.slice(18);
      for (const direction of ['toFacility', 'fromFacility'] as const) {
        const near = nearestFacility(graph, demand, fac, { direction });
        demand.forEach((p, i) => {
          const times = fac.map((f) =>
            direction === 'toFacility' ? bruteTime(segs, d, p, f) : bruteTime(segs, d, f, p),
          );
          const want = Math.min(...times);
          if (want === Infinity) {
            expect(near.seconds[i]).toBe(Infinity);
            expect(near.facility[i]).toBe(-1);
          } else {
            expect(near.seconds[i]).toBeCloseTo(want, 6);
            expect(times[near.facility[i]!]).toBeCloseTo(want, 6);
          }
        });
      }
      // A limit leaves farther points unreached.
      const limited = nearestFacility(graph, demand, fac, { maxSeconds: 120 });
      for (let i = 0; i < demand.length; i++) {
        const s = limited.seconds[i]!;
        expect(s === Infinity || s <= 120).toBe(true);
      }
    });
  }

  it('one-way segments bind when driving and not when walking', () => {
    const a = { lng: 114, lat: 35 };
    const b = { lng: 114.01, lat: 35 };
    const graph = buildGraph([{ coords: [a, b], speedKmh: 36, oneway: true }], DRIVE_PROFILE);
    expect(graph.edgeCount).toBe(1);
    const search = new DijkstraSearch(graph);
    search.run([[{ node: 1, sec: 0 }]]);
    expect(search.dist[0]).toBe(Infinity);
    search.run([[{ node: 0, sec: 0 }]]);
    expect(search.dist[1]).toBeCloseTo(haversineM(a, b) / 10, 9);
  });
});
