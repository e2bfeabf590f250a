// Test helpers of the access context (random road networks and an independent brute-force shortest path);
// used by the unit tests only.
import { mulberry32, type Random } from '../platform/prng.ts';
import { haversineM, type LngLat } from './geo.ts';
import type { RoadLine } from './graph.ts';

/**
 * Random lines over two lattices one degree apart (so the network has parts no road joins): random walks of
 * 1–4 steps, some one-way, some with explicit speeds, some repeating a segment another line already has.
 */
export function randomNetwork(seed: number, lines = 30, size = 6): { lines: RoadLine[]; random: Random } {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const classes = ['primary', 'secondary', 'residential', 'track', undefined];
  const out: RoadLine[] = [];
  for (let k = 0; k < lines; k++) {
    const part = random() < 0.25 ? 1 : 0;
    let i = pick(size);
    let j = pick(size);
    const coords: LngLat[] = [];
    const at = () => ({ lng: 113.9 + part + i * 0.01, lat: 35.3 + j * 0.01 });
    coords.push(at());
    for (let s = 1 + pick(4); s > 0; s--) {
      i = Math.min(size - 1, Math.max(0, i + pick(3) - 1));
      j = Math.min(size - 1, Math.max(0, j + pick(3) - 1));
      coords.push(at());
    }
    out.push({
      coords,
      highway: classes[pick(classes.length)],
      oneway: random() < 0.3,
      speedKmh: random() < 0.2 ? 10 + pick(50) : null,
    });
  }
  return { lines: out, random };
}

/** The directed segments of lines as the spec says (independent of buildGraph): speed per line, haversine lengths. */
export function bruteSegments(lines: RoadLine[], kmhOf: (l: RoadLine) => number, honourOneway = true) {
  const key = (c: LngLat) => `${c.lng},${c.lat}`;
  const ids = new Map<string, number>();
  const id = (c: LngLat) => {
    if (!ids.has(key(c))) ids.set(key(c), ids.size);
    return ids.get(key(c))!;
  };
  const segs: { a: LngLat; b: LngLat; ia: number; ib: number; fwd: number; bwd: number }[] = [];
  for (const l of lines) {
    const kmh = kmhOf(l);
    for (let i = 1; i < l.coords.length; i++) {
      const a = l.coords[i - 1]!;
      const b = l.coords[i]!;
      if (key(a) === key(b) || !(kmh > 0)) continue;
      const sec = haversineM(a, b) / (kmh / 3.6);
      segs.push({ a, b, ia: id(a), ib: id(b), fwd: sec, bwd: l.oneway && honourOneway ? Infinity : sec });
    }
  }
  return { segs, ids, n: ids.size };
}

/** All-pairs seconds by Floyd–Warshall over the directed segments. */
export function floydWarshall(n: number, segs: { ia: number; ib: number; fwd: number; bwd: number }[]): Float64Array[] {
  const d = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n).fill(Infinity);
    row[i] = 0;
    return row;
  });
  for (const s of segs) {
    d[s.ia]![s.ib] = Math.min(d[s.ia]![s.ib]!, s.fwd);
    d[s.ib]![s.ia] = Math.min(d[s.ib]![s.ia]!, s.bwd);
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++) {
      const dik = d[i]![k]!;
      if (dik === Infinity) continue;
      const rk = d[k]!;
      const ri = d[i]!;
      for (let j = 0; j < n; j++) if (dik + rk[j]! < ri[j]!) ri[j] = dik + rk[j]!;
    }
  return d;
}

/**
 * A jittered grid of size×size nodes (spacing ≈1 km), roads of mixed classes, a share one-way (either
 * direction), some missing, and a second grid far away that no road joins.
 */
export function randomGrid(seed: number, size: number): { lines: RoadLine[]; random: Random } {
  const random = mulberry32(seed);
  const classes = ['primary', 'secondary', 'tertiary', 'residential', 'unclassified'];
  const at = (i: number, j: number, part: number) => ({
    lng: 113.5 + part * 2 + i * 0.011 + ((i * 7 + j * 13) % 5) * 0.0004,
    lat: 35 + j * 0.009 + ((i * 11 + j * 3) % 7) * 0.0003,
  });
  const lines: RoadLine[] = [];
  for (const part of [0, 1]) {
    const n = part ? Math.max(3, size >> 2) : size;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (const [di, dj] of [
          [1, 0],
          [0, 1],
        ] as const) {
          if (i + di >= n || j + dj >= n || random() < 0.08) continue;
          const a = at(i, j, part);
          const b = at(i + di, j + dj, part);
          const r = random();
          lines.push({
            coords: r < 0.1 ? [b, a] : [a, b],
            highway: classes[Math.floor(random() * classes.length)],
            oneway: r < 0.2,
          });
        }
  }
  return { lines, random };
}
