// Isochrones as polygons. What a polygon means: the places from which the source is reached within the
// threshold (direction `toSource`, the default: residents travelling to an institution; `fromSource`: leaving
// it) over the network, plus an off-road walk at the off-road speed of at most `maxOffroadM` (300 m by default)
// from the road. Computed on a grid of `cellM`-metre cells (100 m, coarser for a large area so the grid stays
// ≤ 250×250): every reached segment is sampled every cell, each sample's time plus the off-road walk spreads to
// the cells around it, and d3-contour traces the cells within the threshold (interpolated between cell
// centres). The polygon is therefore accurate to about one cell; travel-time figures (coverage, tables) use
// the exact network times, not the polygon.
import { contours } from 'd3-contour';
import { DijkstraSearch } from './dijkstra.ts';
import { LocalProjection } from './geo.ts';
import type { RoadGraph } from './graph.ts';
import { arriveSeeds, departSeeds, offroadMps, type Snap } from './snap.ts';

export interface IsochroneOptions {
  offroadKmh?: number;
  direction?: 'toSource' | 'fromSource';
  cellM?: number;
  maxOffroadM?: number;
  search?: DijkstraSearch;
}

export interface Isochrone {
  seconds: number;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

const MAX_CELLS_PER_SIDE = 250;

export function isochrone(
  graph: RoadGraph,
  source: Snap,
  seconds: readonly number[],
  opts: IsochroneOptions = {},
): Isochrone[] {
  const empty = () =>
    seconds.map((s) => ({ seconds: s, geometry: { type: 'MultiPolygon' as const, coordinates: [] } }));
  if (source.segment < 0 || !seconds.length) return empty();
  const T = Math.max(...seconds);
  const mps = offroadMps(graph, opts.offroadKmh);
  const toSource = (opts.direction ?? 'toSource') === 'toSource';
  const maxOff = opts.maxOffroadM ?? 300;
  const search = opts.search ?? new DijkstraSearch(graph);
  const off = source.offroadM / mps;
  search.run([toSource ? arriveSeeds(graph, source, off) : departSeeds(graph, source, off)], {
    reverse: toSource,
    maxSeconds: T,
  });
  const dist = search.dist;
  const proj = new LocalProjection(source.onRoad.lat);
  // Samples of the reached roads every `cellM` metres (points of a segment reached through either end, or
  // along the source's own segment), with their times.
  const step = opts.cellM ?? 100;
  const sx: number[] = [];
  const sy: number[] = [];
  const st: number[] = [];
  const s0 = source.segment;
  for (let s = 0; s < graph.segmentCount; s++) {
    const a = graph.segA[s]!;
    const b = graph.segB[s]!;
    const da = dist[a]!;
    const db = dist[b]!;
    if (da === Number.POSITIVE_INFINITY && db === Number.POSITIVE_INFINITY && s !== s0) continue;
    const fwd = graph.segFwd[s]!;
    const bwd = graph.segBwd[s]!;
    const ax = proj.x(graph.lng[a]!);
    const ay = proj.y(graph.lat[a]!);
    const bx = proj.x(graph.lng[b]!);
    const by = proj.y(graph.lat[b]!);
    const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
    for (let k = 0; k <= steps; k++) {
      const f = k / steps;
      // Time between this point of the segment and the source, through either end (one-way: one end only).
      let t = toSource ? Math.min(db + (1 - f) * fwd, da + f * bwd) : Math.min(da + f * fwd, db + (1 - f) * bwd);
      if (s === s0) {
        const d = Math.abs(f - source.t);
        const along = d === 0 ? 0 : f > source.t === toSource ? d * bwd : d * fwd;
        t = Math.min(t, off + along);
      }
      if (t > T) continue;
      sx.push(ax + f * (bx - ax));
      sy.push(ay + f * (by - ay));
      st.push(t);
    }
  }
  if (!st.length) return empty();
  // The reached area, widened by the off-road walk.
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < sx.length; k++) {
    minX = Math.min(minX, sx[k]!);
    maxX = Math.max(maxX, sx[k]!);
    minY = Math.min(minY, sy[k]!);
    maxY = Math.max(maxY, sy[k]!);
  }
  const pad = maxOff + 2 * step;
  minX -= pad;
  minY -= pad;
  maxX += pad;
  maxY += pad;
  const cell = Math.max(step, (maxX - minX) / MAX_CELLS_PER_SIDE, (maxY - minY) / MAX_CELLS_PER_SIDE);
  const nx = Math.ceil((maxX - minX) / cell) + 1;
  const ny = Math.ceil((maxY - minY) / cell) + 1;
  const grid = new Float64Array(nx * ny).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < sx.length; k++) {
    const t = st[k]!;
    const r = Math.min(maxOff, (T - t) * mps);
    const cx = (sx[k]! - minX) / cell - 0.5;
    const cy = (sy[k]! - minY) / cell - 0.5;
    const rc = r / cell;
    const i0 = Math.max(0, Math.ceil(cx - rc));
    const i1 = Math.min(nx - 1, Math.floor(cx + rc));
    const j0 = Math.max(0, Math.ceil(cy - rc));
    const j1 = Math.min(ny - 1, Math.floor(cy + rc));
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) {
        const d = Math.hypot(i - cx, j - cy) * cell;
        if (d > r) continue;
        const v = t + d / mps;
        const g = j * nx + i;
        if (v < grid[g]!) grid[g] = v;
      }
  }
  // d3-contour traces values ≥ the threshold: negated times, unreached far below any threshold.
  const values = new Array<number>(nx * ny);
  for (let k = 0; k < grid.length; k++) values[k] = grid[k] === Number.POSITIVE_INFINITY ? -1e12 : -grid[k]!;
  const gen = contours().size([nx, ny]);
  return seconds.map((sec) => {
    const mp = gen.contour(values, -sec);
    const coordinates = mp.coordinates.map((poly) =>
      poly.map((ring) =>
        ring.map(([gx, gy]) => [round7(proj.lng(minX + gx! * cell)), round7(proj.lat(minY + gy! * cell))]),
      ),
    );
    return { seconds: sec, geometry: { type: 'MultiPolygon', coordinates } };
  });
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
