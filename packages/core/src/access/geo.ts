// Great-circle distances and a local flat projection for the access context.

export type LngLat = { lng: number; lat: number };

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres. */
export function haversineM(a: LngLat, b: LngLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * An equirectangular projection to metres around a reference latitude: within a city (≈100 km) the error of
 * a distance is well under 1%, enough to pick the nearest road segment and a grid cell; lengths that count
 * (edge lengths, connectors) are great-circle.
 */
export class LocalProjection {
  readonly kx: number;
  readonly ky = EARTH_RADIUS_M * RAD;
  constructor(readonly lat0: number) {
    this.kx = EARTH_RADIUS_M * RAD * Math.cos(lat0 * RAD);
  }
  x(lng: number): number {
    return lng * this.kx;
  }
  y(lat: number): number {
    return lat * this.ky;
  }
  lng(x: number): number {
    return x / this.kx;
  }
  lat(y: number): number {
    return y / this.ky;
  }
}
