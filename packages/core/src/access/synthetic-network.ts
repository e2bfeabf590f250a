// A deterministic synthetic road network for the demo city: no road data ships with Weijian, so the demo
// draws roads between the places the registry knows. County seats are joined by trunk roads (a minimum
// spanning tree plus each seat's second-nearest neighbour, so the city is not a tree), each county's
// townships to their seat by secondary roads (spanning tree over seat and townships, plus a tertiary loop to
// the second-nearest), each township's villages by unclassified roads (residential in urban communities),
// and district and county seats get a street grid (denser in districts). Roads are straight, cut into
// segments of at most ~1 km. The result is marked synthetic wherever it is shown.
import { placeNear } from '../demo/geo.ts';
import { rngFor } from '../platform/prng.ts';
import { LinePacker, type PackedLines } from './osm-lines.ts';

export interface SyntheticLngLat {
  lng: number;
  lat: number;
}

export interface SyntheticVillage {
  code: string;
  at: SyntheticLngLat;
  urban: boolean;
}

export interface SyntheticTownship {
  code: string;
  at: SyntheticLngLat;
  /** A street (街道): its villages are urban communities. */
  urban: boolean;
  villages: SyntheticVillage[];
}

export interface SyntheticCounty {
  code: string;
  seat: SyntheticLngLat;
  /** A city district or development zone: a denser street grid. */
  district: boolean;
  townships: SyntheticTownship[];
}

const KM_PER_DEG = 111.32;
/** Longest straight segment of a synthetic road, km. */
const SEGMENT_KM = 1;

function km(a: SyntheticLngLat, b: SyntheticLngLat): number {
  const dx = (b.lng - a.lng) * KM_PER_DEG * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  const dy = (b.lat - a.lat) * KM_PER_DEG;
  return Math.hypot(dx, dy);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Where a village without coordinates is drawn: a point within 1.5 km (urban) or 3 km (rural) of its
 * township, seeded by its code so the network, the demand points and the map agree.
 */
export function syntheticVillagePosition(code: string, township: SyntheticLngLat, urban: boolean): SyntheticLngLat {
  return placeNear(rngFor(0, `access-village:${code}`), township.lng, township.lat, urban ? 1.5 : 3);
}

/** Where a township without coordinates or institutions is drawn: within 6 km (district) or 12 km of its seat. */
export function syntheticTownshipPosition(code: string, seat: SyntheticLngLat, district: boolean): SyntheticLngLat {
  return placeNear(rngFor(0, `access-township:${code}`), seat.lng, seat.lat, district ? 6 : 12);
}

/** Edges of a minimum spanning tree over `points` (Prim, O(n²): a county has tens of townships). */
export function spanningTree(points: readonly SyntheticLngLat[]): [number, number][] {
  const n = points.length;
  if (n < 2) return [];
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n).fill(-1);
  const edges: [number, number][] = [];
  best[0] = 0;
  for (let it = 0; it < n; it++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i]! < best[u]!)) u = i;
    inTree[u] = 1;
    if (from[u]! >= 0) edges.push([from[u]!, u]);
    for (let v = 0; v < n; v++) {
      if (inTree[v]) continue;
      const d = km(points[u]!, points[v]!);
      if (d < best[v]!) {
        best[v] = d;
        from[v] = u;
      }
    }
  }
  return edges;
}

/** For each point, its second-nearest other point (the nearest is usually its spanning-tree edge already). */
function secondNearest(points: readonly SyntheticLngLat[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i++) {
    const order = points
      .map((p, j) => ({ j, d: j === i ? Number.POSITIVE_INFINITY : km(points[i]!, p) }))
      .sort((a, b) => a.d - b.d || a.j - b.j);
    if (order.length > 2 && Number.isFinite(order[1]!.d)) out.push([i, order[1]!.j]);
  }
  return out;
}

class RoadWriter {
  readonly packer = new LinePacker();
  private readonly seen = new Set<string>();

  /** A straight two-way road from a to b, cut into ≤ 1 km segments (shared end points connect roads). */
  road(a: SyntheticLngLat, b: SyntheticLngLat, highway: string): void {
    const ka = `${round6(a.lng)},${round6(a.lat)}`;
    const kb = `${round6(b.lng)},${round6(b.lat)}`;
    if (ka === kb) return;
    const key = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const parts = Math.max(1, Math.ceil(km(a, b) / SEGMENT_KM));
    this.packer.add(
      parts + 1,
      (k) =>
        k === 0
          ? [round6(a.lng), round6(a.lat)]
          : k === parts
            ? [round6(b.lng), round6(b.lat)]
            : [round6(a.lng + ((b.lng - a.lng) * k) / parts), round6(a.lat + ((b.lat - a.lat) * k) / parts)],
      { highway, oneway: false, maxspeed: null },
    );
  }

  /** A square street grid of `half` km either side of `centre`, every `step` km, `centre` one of its crossings. */
  grid(centre: SyntheticLngLat, half: number, step: number, highway: string): void {
    const n = Math.round(half / step);
    const dLat = step / KM_PER_DEG;
    const dLng = step / (KM_PER_DEG * Math.cos(centre.lat * (Math.PI / 180)));
    const at = (i: number, j: number) => ({ lng: round6(centre.lng + i * dLng), lat: round6(centre.lat + j * dLat) });
    for (let i = -n; i <= n; i++) {
      for (let j = -n; j <= n; j++) {
        if (i < n) this.road(at(i, j), at(i + 1, j), i === 0 || j === 0 ? 'primary' : highway);
        if (j < n) this.road(at(i, j), at(i, j + 1), i === 0 || j === 0 ? 'primary' : highway);
      }
    }
  }
}

/** The synthetic network of a city from its counties, townships and villages (positions already resolved). */
export function syntheticNetwork(counties: readonly SyntheticCounty[]): PackedLines {
  const w = new RoadWriter();
  const sorted = [...counties].sort((a, b) => a.code.localeCompare(b.code));
  const seats = sorted.map((c) => c.seat);
  for (const [a, b] of spanningTree(seats)) w.road(seats[a]!, seats[b]!, 'trunk');
  for (const [a, b] of secondNearest(seats)) w.road(seats[a]!, seats[b]!, 'trunk');
  for (const c of sorted) {
    // Street grids: a district's city core, a county town's centre.
    if (c.district) w.grid(c.seat, 3, 0.6, 'residential');
    else w.grid(c.seat, 1.5, 0.5, 'residential');
    const townships = [...c.townships].sort((a, b) => a.code.localeCompare(b.code));
    const places = [c.seat, ...townships.map((t) => t.at)];
    for (const [a, b] of spanningTree(places)) w.road(places[a]!, places[b]!, 'secondary');
    for (const [a, b] of secondNearest(places)) w.road(places[a]!, places[b]!, 'tertiary');
    for (const t of townships) {
      const villages = [...t.villages].sort((a, b) => a.code.localeCompare(b.code));
      const pts = [t.at, ...villages.map((v) => v.at)];
      for (const [a, b] of spanningTree(pts)) {
        const v = villages[Math.max(a, b) - 1];
        w.road(pts[a]!, pts[b]!, t.urban || v?.urban ? 'residential' : 'unclassified');
      }
    }
  }
  return w.packer.finish();
}
