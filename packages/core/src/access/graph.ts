// The road graph: nodes are the distinct coordinates of the road lines (two lines connect where they share a
// coordinate, not where they merely cross: a bridge over a road is no junction), every pair of consecutive
// coordinates a segment, every traversable direction of a segment an edge weighted by its travel seconds.
// Stored as compressed sparse rows in typed arrays (forward and reverse adjacency): ≈40 bytes per edge, and
// searches touch contiguous memory.
import { haversineM, type LngLat } from './geo.ts';
import { roadSpeedKmh, type SpeedProfile } from './profiles.ts';

export interface RoadLine {
  coords: LngLat[];
  highway?: string | null;
  /** Traversable in coordinate order only (where the profile honours one-way streets). */
  oneway?: boolean | null;
  maxspeedKmh?: number | null;
  /** An explicit speed (GeoJSON `speed_kmh`), used as it is instead of the profile's class speed. */
  speedKmh?: number | null;
}

export interface RoadGraph {
  profile: SpeedProfile;
  nodeCount: number;
  edgeCount: number;
  lng: Float64Array;
  lat: Float64Array;
  /** Forward CSR: the edges leaving node u are firstOut[u] … firstOut[u+1]-1. */
  firstOut: Uint32Array;
  head: Uint32Array;
  /** Travel seconds of each forward edge. */
  weight: Float64Array;
  /** Reverse CSR: the edges entering node v, with their tails and seconds. */
  firstIn: Uint32Array;
  tail: Uint32Array;
  inWeight: Float64Array;
  /** Segments (the geometry snapped to): end nodes, seconds a→b and b→a (Infinity where one-way), metres. */
  segmentCount: number;
  segA: Uint32Array;
  segB: Uint32Array;
  segFwd: Float64Array;
  segBwd: Float64Array;
  segLenM: Float64Array;
  /** The road line each segment comes from (index into the lines given to buildGraph). */
  segLine: Uint32Array;
}

/** Builds the graph of the lines under a profile; segments of speed 0 (e.g. motorways when walking) are left out. */
export function buildGraph(lines: readonly RoadLine[], profile: SpeedProfile): RoadGraph {
  const ids = new Map<string, number>();
  const lngs: number[] = [];
  const lats: number[] = [];
  const node = (c: LngLat) => {
    const key = `${c.lng},${c.lat}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = lngs.length;
      ids.set(key, id);
      lngs.push(c.lng);
      lats.push(c.lat);
    }
    return id;
  };
  const sa: number[] = [];
  const sb: number[] = [];
  const sf: number[] = [];
  const sw: number[] = [];
  const sl: number[] = [];
  const sline: number[] = [];
  lines.forEach((line, li) => {
    const kmh = roadSpeedKmh(profile, line);
    if (!(kmh > 0) || line.coords.length < 2) return;
    const mps = kmh / 3.6;
    const oneway = !!line.oneway && profile.honourOneway;
    let prev = node(line.coords[0]!);
    for (let i = 1; i < line.coords.length; i++) {
      const cur = node(line.coords[i]!);
      if (cur === prev) continue;
      const m = haversineM(line.coords[i - 1]!, line.coords[i]!);
      const sec = m / mps;
      sa.push(prev);
      sb.push(cur);
      sf.push(sec);
      sw.push(oneway ? Number.POSITIVE_INFINITY : sec);
      sl.push(m);
      sline.push(li);
      prev = cur;
    }
  });
  const n = lngs.length;
  const s = sa.length;
  let m = 0;
  for (let i = 0; i < s; i++) m += sw[i] === Number.POSITIVE_INFINITY ? 1 : 2;
  const from = new Uint32Array(m);
  const to = new Uint32Array(m);
  const w = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < s; i++) {
    from[k] = sa[i]!;
    to[k] = sb[i]!;
    w[k++] = sf[i]!;
    if (sw[i] !== Number.POSITIVE_INFINITY) {
      from[k] = sb[i]!;
      to[k] = sa[i]!;
      w[k++] = sw[i]!;
    }
  }
  const fwd = csr(n, from, to, w);
  const bwd = csr(n, to, from, w);
  return {
    profile,
    nodeCount: n,
    edgeCount: m,
    lng: Float64Array.from(lngs),
    lat: Float64Array.from(lats),
    firstOut: fwd.first,
    head: fwd.adj,
    weight: fwd.w,
    firstIn: bwd.first,
    tail: bwd.adj,
    inWeight: bwd.w,
    segmentCount: s,
    segA: Uint32Array.from(sa),
    segB: Uint32Array.from(sb),
    segFwd: Float64Array.from(sf),
    segBwd: Float64Array.from(sw),
    segLenM: Float64Array.from(sl),
    segLine: Uint32Array.from(sline),
  };
}

/** Compressed sparse rows of the edges (from → to, w) by counting sort on `from`. */
export function csr(n: number, from: Uint32Array, to: Uint32Array, w: Float64Array) {
  const first = new Uint32Array(n + 1);
  for (let i = 0; i < from.length; i++) first[from[i]! + 1]!++;
  for (let u = 0; u < n; u++) first[u + 1]! += first[u]!;
  const fill = first.slice(0, n);
  const adj = new Uint32Array(from.length);
  const ww = new Float64Array(from.length);
  for (let i = 0; i < from.length; i++) {
    const p = fill[from[i]!]!++;
    adj[p] = to[i]!;
    ww[p] = w[i]!;
  }
  return { first, adj, w: ww };
}
