// Deterministic placement: a point uniformly distributed in a disc of `maxKm` around a centre.

import type { Rng } from '../platform/prng.ts';

const KM_PER_DEGREE = 111.32;

export function placeNear(rng: Rng, lng: number, lat: number, maxKm: number): { lng: number; lat: number } {
  const r = maxKm * Math.sqrt(rng.next());
  const theta = 2 * Math.PI * rng.next();
  const dLat = (r * Math.sin(theta)) / KM_PER_DEGREE;
  const dLng = (r * Math.cos(theta)) / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
  return { lng: round6(lng + dLng), lat: round6(lat + dLat) };
}

/** Great-circle distance in km (haversine), for tests and sanity checks. */
export function distanceKm(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Gives townships without coordinates a spot near their county seat: tighter in urban districts. */
export function placeTownships(
  rng: Rng,
  counties: readonly {
    kind: string;
    lng: number;
    lat: number;
    townships: { located: boolean; lng: number; lat: number }[];
  }[],
): void {
  for (const c of counties) {
    const radius = c.kind === 'district' || c.kind === 'zone' ? 6 : 12;
    for (const t of c.townships) {
      const spot = placeNear(rng, c.lng, c.lat, radius);
      if (t.located) continue;
      t.lng = spot.lng;
      t.lat = spot.lat;
    }
  }
}
