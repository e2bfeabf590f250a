// The travel-time bench's network: a deterministic synthetic road grid of a prefecture-sized area (≈100 km
// square): blocks of ≈700 m, each block side drawn as two segments (a shape point mid-block, as real roads
// have), road classes in a hierarchy (every 16th street tertiary, every 48th primary, every 96th trunk), a
// share of one-way residential streets (alternating directions) and some streets missing. Villages are points
// scattered over the area, facilities a subset of them.
import type { LngLat, RoadLine } from '@weijian/core/access';
import { mulberry32 } from '@weijian/core/platform';

export interface BenchNetwork {
  lines: RoadLine[];
  villages: LngLat[];
  facilities: LngLat[];
}

export function benchNetwork(size = 150, villages = 3600, facilities = 300, seed = 17): BenchNetwork {
  const random = mulberry32(seed);
  const lng0 = 113.4;
  const lat0 = 34.9;
  const dLng = 0.0078; // ≈ 710 m at 35°N
  const dLat = 0.0064; // ≈ 710 m
  // Intersections are jittered a little so the grid is not perfectly regular.
  const jitter = Array.from({ length: size * size }, () => [(random() - 0.5) * 0.25, (random() - 0.5) * 0.25]);
  const at = (i: number, j: number): LngLat => ({
    lng: lng0 + (i + jitter[i * size + j]![0]!) * dLng,
    lat: lat0 + (j + jitter[i * size + j]![1]!) * dLat,
  });
  const classOf = (k: number) =>
    k % 96 === 0
      ? 'trunk'
      : k % 48 === 0
        ? 'primary'
        : k % 16 === 0
          ? 'tertiary'
          : k % 4 === 0
            ? 'unclassified'
            : 'residential';
  const lines: RoadLine[] = [];
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      for (const horizontal of [true, false]) {
        const i2 = horizontal ? i + 1 : i;
        const j2 = horizontal ? j : j + 1;
        if (i2 >= size || j2 >= size) continue;
        const highway = classOf(horizontal ? j : i);
        if (highway === 'residential' && random() < 0.06) continue;
        const a = at(i, j);
        const b = at(i2, j2);
        const mid = { lng: (a.lng + b.lng) / 2 + (random() - 0.5) * 0.0006, lat: (a.lat + b.lat) / 2 };
        const oneway = highway === 'residential' && random() < 0.15;
        const reverse = oneway && (horizontal ? j : i) % 2 === 1;
        lines.push({ coords: reverse ? [b, mid, a] : [a, mid, b], highway, oneway });
      }
  const span = (size - 1) * 0.98;
  const pts = Array.from({ length: villages }, () => ({
    lng: lng0 + random() * span * dLng,
    lat: lat0 + random() * span * dLat,
  }));
  const step = Math.max(1, Math.floor(villages / facilities));
  return { lines, villages: pts, facilities: pts.filter((_, k) => k % step === 0).slice(0, facilities) };
}
