import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph.ts';
import { isochrone } from './isochrone.ts';
import { DRIVE_PROFILE } from './profiles.ts';
import { snapPoints } from './snap.ts';

/** Ray casting over a MultiPolygon's rings (holes flip the parity). */
function inside(mp: number[][][][], lng: number, lat: number): boolean {
  let odd = false;
  for (const poly of mp)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi! > lat !== yj! > lat && lng < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) odd = !odd;
      }
  return odd;
}

// A straight east–west road of ≈18 km at 36 km/h (10 m/s); 0.01° of longitude ≈ 911 m at 35°N.
const west = { lng: 114, lat: 35 };
const east = { lng: 114.2, lat: 35 };

describe('isochrone polygons', () => {
  it('covers the road as far as the time allows, plus the off-road walk, and no farther', () => {
    const graph = buildGraph([{ coords: [west, east], speedKmh: 36 }], DRIVE_PROFILE);
    const [src] = snapPoints(graph, [{ lng: 114.1, lat: 35 }], { maxKm: 1 });
    const [five, ten] = isochrone(graph, src!, [300, 600]);
    // 300 s = 3 km either way along the road (≈ 0.033°).
    expect(inside(five!.geometry.coordinates, 114.12, 35)).toBe(true);
    expect(inside(five!.geometry.coordinates, 114.075, 35)).toBe(true);
    expect(inside(five!.geometry.coordinates, 114.14, 35)).toBe(false);
    expect(inside(ten!.geometry.coordinates, 114.14, 35)).toBe(true);
    expect(inside(ten!.geometry.coordinates, 114.17, 35)).toBe(false);
    // 150 m off the road near the source is a walk of 108 s; 1 km off the road is beyond maxOffroadM.
    expect(inside(five!.geometry.coordinates, 114.1, 35.00135)).toBe(true);
    expect(inside(ten!.geometry.coordinates, 114.1, 35.009)).toBe(false);
  });

  it('follows one-way roads: toward the source only from behind it', () => {
    const graph = buildGraph([{ coords: [west, east], speedKmh: 36, oneway: true }], DRIVE_PROFILE);
    const [src] = snapPoints(graph, [{ lng: 114.1, lat: 35 }], { maxKm: 1 });
    const [to] = isochrone(graph, src!, [300]);
    expect(inside(to!.geometry.coordinates, 114.075, 35)).toBe(true);
    expect(inside(to!.geometry.coordinates, 114.125, 35)).toBe(false);
    const [from] = isochrone(graph, src!, [300], { direction: 'fromSource' });
    expect(inside(from!.geometry.coordinates, 114.075, 35)).toBe(false);
    expect(inside(from!.geometry.coordinates, 114.125, 35)).toBe(true);
  });

  it('an unsnapped source has empty polygons', () => {
    const graph = buildGraph([{ coords: [west, east], speedKmh: 36 }], DRIVE_PROFILE);
    const [src] = snapPoints(graph, [{ lng: 115, lat: 36 }], { maxKm: 1 });
    expect(isochrone(graph, src!, [600])[0]!.geometry.coordinates).toEqual([]);
  });
});
