// Attaching points (villages, institutions, any place) to the road network: the nearest point ON a segment,
// found through a packed R-tree (flatbush) of the segments' boxes in local metres; the connector from the
// point to the road is travelled off-road. A point farther than `maxKm` from every road is reported
// (`segment` -1), never silently moved or dropped.
import Flatbush from 'flatbush';
import { haversineM, type LngLat, LocalProjection } from './geo.ts';
import type { RoadGraph } from './graph.ts';

export interface Snap {
  /** The segment snapped to, or -1 when the point is farther than maxKm from every road. */
  segment: number;
  /** Position along the segment from its node a (0) to b (1). */
  t: number;
  /** The point on the road. */
  onRoad: LngLat;
  /** Length of the off-road connector, metres (great-circle); for an unsnapped point, the nearest road's (or Infinity). */
  offroadM: number;
}

export interface SnapIndex {
  graph: RoadGraph;
  proj: LocalProjection;
  tree: Flatbush;
}

const indexes = new WeakMap<RoadGraph, SnapIndex>();

/** The spatial index of a graph's segments, built once per graph. */
export function snapIndex(graph: RoadGraph): SnapIndex {
  let idx = indexes.get(graph);
  if (idx) return idx;
  let latSum = 0;
  for (let i = 0; i < graph.nodeCount; i++) latSum += graph.lat[i]!;
  const proj = new LocalProjection(graph.nodeCount ? latSum / graph.nodeCount : 0);
  const tree = new Flatbush(Math.max(1, graph.segmentCount));
  for (let s = 0; s < graph.segmentCount; s++) {
    const a = graph.segA[s]!;
    const b = graph.segB[s]!;
    const ax = proj.x(graph.lng[a]!);
    const ay = proj.y(graph.lat[a]!);
    const bx = proj.x(graph.lng[b]!);
    const by = proj.y(graph.lat[b]!);
    tree.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  // An empty graph still needs a finished index: one item far away that no search reaches.
  if (graph.segmentCount === 0) tree.add(Number.MAX_VALUE, Number.MAX_VALUE, Number.MAX_VALUE, Number.MAX_VALUE);
  tree.finish();
  idx = { graph, proj, tree };
  indexes.set(graph, idx);
  return idx;
}

/** Projection of (px, py) on segment s in local metres: its parameter t and squared distance. */
function project(idx: SnapIndex, s: number, px: number, py: number): { t: number; d2: number } {
  const { graph, proj } = idx;
  const a = graph.segA[s]!;
  const b = graph.segB[s]!;
  const ax = proj.x(graph.lng[a]!);
  const ay = proj.y(graph.lat[a]!);
  const dx = proj.x(graph.lng[b]!) - ax;
  const dy = proj.y(graph.lat[b]!) - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = Math.min(1, Math.max(0, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return { t, d2: ex * ex + ey * ey };
}

/** The nearest point on the network of each point; too far (more than maxKm) → segment -1. */
export function snapPoints(graph: RoadGraph, points: readonly LngLat[], opts: { maxKm: number }): Snap[] {
  const idx = snapIndex(graph);
  const maxM = opts.maxKm * 1000;
  return points.map((p) => snapOne(idx, p, maxM));
}

function snapOne(idx: SnapIndex, p: LngLat, maxM: number): Snap {
  const { graph, proj, tree } = idx;
  const px = proj.x(p.lng);
  const py = proj.y(p.lat);
  // Boxes growing from 250 m: a segment within r of the point intersects the box of half-side r, so the
  // nearest segment among those within r is the nearest of all. The last box reaches beyond maxM to name the
  // nearest road of a point that is too far.
  let best = -1;
  let bestT = 0;
  let bestD2 = Number.POSITIVE_INFINITY;
  const limit = Math.max(maxM * 4, 1000);
  for (let r = Math.min(250, limit); ; r = Math.min(r * 4, limit)) {
    for (const s of tree.search(px - r, py - r, px + r, py + r)) {
      if (s >= graph.segmentCount) continue;
      const { t, d2 } = project(idx, s, px, py);
      if (d2 < bestD2 || (d2 === bestD2 && s < best)) {
        best = s;
        bestT = t;
        bestD2 = d2;
      }
    }
    if (bestD2 <= r * r || r >= limit) break;
  }
  if (best < 0) return { segment: -1, t: 0, onRoad: p, offroadM: Number.POSITIVE_INFINITY };
  const a = graph.segA[best]!;
  const b = graph.segB[best]!;
  const onRoad = {
    lng: graph.lng[a]! + bestT * (graph.lng[b]! - graph.lng[a]!),
    lat: graph.lat[a]! + bestT * (graph.lat[b]! - graph.lat[a]!),
  };
  const offroadM = haversineM(p, onRoad);
  return { segment: offroadM <= maxM ? best : -1, t: bestT, onRoad, offroadM };
}

/** A search seed: a node and the seconds already spent to reach it (or, searching backwards, still to go). */
export interface Seed {
  node: number;
  sec: number;
}

/**
 * Seeds of leaving a snapped point: the connector, then along its segment to either end (against a one-way
 * segment only where allowed). Empty for an unsnapped point.
 */
export function departSeeds(graph: RoadGraph, snap: Snap, offroadSec: number): Seed[] {
  if (snap.segment < 0) return [];
  const s = snap.segment;
  const out: Seed[] = [];
  const toB = (1 - snap.t) * graph.segFwd[s]!;
  const toA = snap.t * graph.segBwd[s]!;
  if (Number.isFinite(toA)) out.push({ node: graph.segA[s]!, sec: offroadSec + toA });
  if (Number.isFinite(toB)) out.push({ node: graph.segB[s]!, sec: offroadSec + toB });
  return out;
}

/** Seeds of arriving at a snapped point: from either end of its segment along it, then the connector. */
export function arriveSeeds(graph: RoadGraph, snap: Snap, offroadSec: number): Seed[] {
  if (snap.segment < 0) return [];
  const s = snap.segment;
  const out: Seed[] = [];
  const fromA = snap.t * graph.segFwd[s]!;
  const fromB = (1 - snap.t) * graph.segBwd[s]!;
  if (Number.isFinite(fromA)) out.push({ node: graph.segA[s]!, sec: offroadSec + fromA });
  if (Number.isFinite(fromB)) out.push({ node: graph.segB[s]!, sec: offroadSec + fromB });
  return out;
}

/** Seconds from one snapped point to another along their shared segment without leaving it (else Infinity). */
export function sameSegmentSec(graph: RoadGraph, from: Snap, to: Snap, offroadMps: number): number {
  if (from.segment < 0 || from.segment !== to.segment) return Number.POSITIVE_INFINITY;
  const s = from.segment;
  const along =
    to.t === from.t ? 0 : to.t > from.t ? (to.t - from.t) * graph.segFwd[s]! : (from.t - to.t) * graph.segBwd[s]!;
  return along + (from.offroadM + to.offroadM) / offroadMps;
}

/** Metres per second of the off-road connector. */
export const offroadMps = (graph: RoadGraph, offroadKmh?: number) => (offroadKmh ?? graph.profile.offroadKmh) / 3.6;
