import { describe, expect, it } from 'vitest';
import { haversineM } from './geo.ts';
import { buildGraph } from './graph.ts';
import { DRIVE_PROFILE, WALK_PROFILE } from './profiles.ts';
import { arriveSeeds, departSeeds, snapPoints } from './snap.ts';
import { randomNetwork } from './testing.ts';

describe('snapping to the nearest point on a road', () => {
  it('matches a dense scan of every segment on random networks', () => {
    for (const seed of [11, 12, 13]) {
      const { lines, random } = randomNetwork(seed, 40);
      const graph = buildGraph(lines, DRIVE_PROFILE);
      const pts = Array.from({ length: 60 }, () => ({
        lng: 113.88 + (random() < 0.3 ? 1 : 0) + random() * 0.1,
        lat: 35.28 + random() * 0.1,
      }));
      const snaps = snapPoints(graph, pts, { maxKm: 50 });
      pts.forEach((p, i) => {
        // Brute force: the nearest of 500 points along each segment.
        let best = Infinity;
        for (let s = 0; s < graph.segmentCount; s++) {
          const a = graph.segA[s]!;
          const b = graph.segB[s]!;
          for (let k = 0; k <= 500; k++) {
            const t = k / 500;
            const q = {
              lng: graph.lng[a]! + t * (graph.lng[b]! - graph.lng[a]!),
              lat: graph.lat[a]! + t * (graph.lat[b]! - graph.lat[a]!),
            };
            best = Math.min(best, haversineM(p, q));
          }
        }
        const snap = snaps[i]!;
        expect(snap.segment).toBeGreaterThanOrEqual(0);
        // Within half the sampling step (≈1.5 m) plus the flat projection's error over a few km.
        expect(Math.abs(snap.offroadM - best)).toBeLessThan(Math.max(2, best * 0.003));
        expect(haversineM(p, snap.onRoad)).toBeCloseTo(snap.offroadM, 6);
      });
    }
  });

  it('lands inside a segment, not on its nearest node; clamps beyond the ends; reports far points', () => {
    const a = { lng: 114, lat: 35 };
    const b = { lng: 114.02, lat: 35 };
    const graph = buildGraph([{ coords: [a, b], speedKmh: 36 }], DRIVE_PROFILE);
    const [mid, before, far, onNode] = snapPoints(
      graph,
      [{ lng: 114.005, lat: 35.001 }, { lng: 113.99, lat: 35 }, { lng: 114.01, lat: 35.1 }, b],
      { maxKm: 2 },
    );
    expect(mid!.segment).toBe(0);
    expect(mid!.t).toBeCloseTo(0.25, 3);
    expect(mid!.offroadM).toBeCloseTo(111.2, 0);
    expect(before!.t).toBe(0);
    expect(before!.offroadM).toBeCloseTo(haversineM(a, { lng: 113.99, lat: 35 }), 3);
    expect(far!.segment).toBe(-1);
    expect(far!.offroadM).toBeGreaterThan(11_000);
    expect(onNode!.t).toBe(1);
    expect(onNode!.offroadM).toBe(0);
    // Two-way: leaving the midpoint reaches both ends; the connector counts.
    const seeds = departSeeds(graph, mid!, 100);
    const len = haversineM(a, b);
    expect(seeds.map((s) => s.sec)).toEqual(
      [100 + (0.25 * len) / 10, 100 + (0.75 * len) / 10].map((x) => expect.closeTo(x, 3)),
    );
  });

  it('on a one-way segment leaves only forwards and arrives only from behind', () => {
    const graph = buildGraph(
      [
        {
          coords: [
            { lng: 114, lat: 35 },
            { lng: 114.02, lat: 35 },
          ],
          speedKmh: 36,
          oneway: true,
        },
      ],
      DRIVE_PROFILE,
    );
    const [snap] = snapPoints(graph, [{ lng: 114.01, lat: 35 }], { maxKm: 1 });
    expect(departSeeds(graph, snap!, 0).map((s) => s.node)).toEqual([1]);
    expect(arriveSeeds(graph, snap!, 0).map((s) => s.node)).toEqual([0]);
  });

  it('an empty network or one of unwalkable roads leaves every point unsnapped', () => {
    const empty = buildGraph([], DRIVE_PROFILE);
    expect(snapPoints(empty, [{ lng: 114, lat: 35 }], { maxKm: 5 })[0]!.segment).toBe(-1);
    const motorway = buildGraph(
      [
        {
          coords: [
            { lng: 114, lat: 35 },
            { lng: 114.02, lat: 35 },
          ],
          highway: 'motorway',
        },
      ],
      WALK_PROFILE,
    );
    expect(motorway.segmentCount).toBe(0);
    expect(snapPoints(motorway, [{ lng: 114.01, lat: 35 }], { maxKm: 5 })[0]!.segment).toBe(-1);
  });
});
