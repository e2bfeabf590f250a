// Plain Dijkstra over the road graph with a binary heap: the baseline every faster method is tested and
// benchmarked against, and the method of one-off searches (nearest facility, isochrones) whose single
// multi-source search is already fast enough.
import type { RoadGraph } from './graph.ts';
import { NodeHeap } from './heap.ts';
import { arriveSeeds, departSeeds, offroadMps, type Seed, type Snap, sameSegmentSec } from './snap.ts';

export interface SearchOptions {
  /** Follow edges backwards: the seconds from each node TO the seeds instead of from them. */
  reverse?: boolean;
  /** Stop once the next node is farther than this (its distance stays Infinity). */
  maxSeconds?: number;
}

/** A reusable search: arrays sized to the graph, reset between runs by the nodes it touched. */
export class DijkstraSearch {
  readonly dist: Float64Array;
  /** The seed group whose nearest seed reached each node (multi-source searches). */
  readonly label: Int32Array;
  private readonly heap: NodeHeap;
  private touched: Int32Array;
  private nTouched = 0;

  constructor(readonly graph: RoadGraph) {
    this.dist = new Float64Array(graph.nodeCount).fill(Number.POSITIVE_INFINITY);
    this.label = new Int32Array(graph.nodeCount).fill(-1);
    this.heap = new NodeHeap(graph.nodeCount);
    this.touched = new Int32Array(Math.max(16, graph.nodeCount));
  }

  /** Runs from seeds given per group (group g's seeds label the nodes they reach first with g). */
  run(groups: readonly (readonly Seed[])[], opts: SearchOptions = {}): void {
    const { dist, label, heap } = this;
    for (let i = 0; i < this.nTouched; i++) {
      const v = this.touched[i]!;
      dist[v] = Number.POSITIVE_INFINITY;
      label[v] = -1;
    }
    this.nTouched = 0;
    heap.clear();
    const g = this.graph;
    const first = opts.reverse ? g.firstIn : g.firstOut;
    const adj = opts.reverse ? g.tail : g.head;
    const w = opts.reverse ? g.inWeight : g.weight;
    const max = opts.maxSeconds ?? Number.POSITIVE_INFINITY;
    const touched = this.touched;
    groups.forEach((seeds, gi) => {
      for (const s of seeds) {
        if (s.sec > max || s.sec >= dist[s.node]!) continue;
        if (dist[s.node] === Number.POSITIVE_INFINITY) touched[this.nTouched++] = s.node;
        dist[s.node] = s.sec;
        label[s.node] = gi;
        heap.push(s.node, s.sec);
      }
    });
    while (heap.size > 0) {
      const u = heap.pop();
      const du = dist[u]!;
      const lu = label[u]!;
      for (let e = first[u]!, end = first[u + 1]!; e < end; e++) {
        const v = adj[e]!;
        const dv = du + w[e]!;
        if (dv < dist[v]! && dv <= max) {
          if (dist[v] === Number.POSITIVE_INFINITY) touched[this.nTouched++] = v;
          dist[v] = dv;
          label[v] = lu;
          heap.push(v, dv);
        }
      }
    }
  }
}

export interface TravelOptions {
  /** Off-road connector speed, km/h (default: the profile's, 5 km/h when driving). */
  offroadKmh?: number;
  maxSeconds?: number;
}

/** The best arrival at a snapped point given the search distances of its segment's ends (reverse: departure). */
function atSnap(dist: Float64Array, seeds: Seed[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const s of seeds) {
    const d = dist[s.node]! + s.sec;
    if (d < best) best = d;
  }
  return best;
}

/**
 * Travel seconds from each source to each target (row-major sources × targets; Infinity unreachable, and for
 * unsnapped points), one Dijkstra per source. The baseline of the contraction-hierarchy matrix (matrix.ts).
 */
export function travelTimesDijkstra(
  graph: RoadGraph,
  sources: readonly Snap[],
  targets: readonly Snap[],
  opts: TravelOptions = {},
): Float64Array {
  const mps = offroadMps(graph, opts.offroadKmh);
  const out = new Float64Array(sources.length * targets.length).fill(Number.POSITIVE_INFINITY);
  const search = new DijkstraSearch(graph);
  const arrive = targets.map((t) => arriveSeeds(graph, t, t.offroadM / mps));
  sources.forEach((src, i) => {
    const seeds = departSeeds(graph, src, src.offroadM / mps);
    if (!seeds.length) return;
    search.run([seeds], { maxSeconds: opts.maxSeconds });
    targets.forEach((tgt, j) => {
      const d = Math.min(atSnap(search.dist, arrive[j]!), sameSegmentSec(graph, src, tgt, mps));
      if (d <= (opts.maxSeconds ?? Number.POSITIVE_INFINITY)) out[i * targets.length + j] = d;
    });
  });
  return out;
}

export interface NearestResult {
  /** Seconds to the nearest facility (Infinity: none reachable, or the point is not on the network). */
  seconds: Float64Array;
  /** Index of that facility, -1 when none. */
  facility: Int32Array;
}

/**
 * The nearest facility of every demand point in ONE multi-source search: backwards from all facilities at
 * once (residents travel to the facility: `toFacility`, the default) or forwards (`fromFacility`, e.g. an
 * ambulance going out).  Among facilities at the same time either may be named.
 */
export function nearestFacility(
  graph: RoadGraph,
  demand: readonly Snap[],
  facilities: readonly Snap[],
  opts: TravelOptions & { direction?: 'toFacility' | 'fromFacility'; search?: DijkstraSearch } = {},
): NearestResult {
  const mps = offroadMps(graph, opts.offroadKmh);
  const toFacility = (opts.direction ?? 'toFacility') === 'toFacility';
  const search = opts.search ?? new DijkstraSearch(graph);
  const groups = facilities.map((f) =>
    toFacility ? arriveSeeds(graph, f, f.offroadM / mps) : departSeeds(graph, f, f.offroadM / mps),
  );
  search.run(groups, { reverse: toFacility, maxSeconds: opts.maxSeconds });
  // Facilities on a demand point's own segment may be nearer without passing a node.
  const bySegment = new Map<number, number[]>();
  facilities.forEach((f, j) => {
    if (f.segment < 0) return;
    const list = bySegment.get(f.segment);
    if (list) list.push(j);
    else bySegment.set(f.segment, [j]);
  });
  const max = opts.maxSeconds ?? Number.POSITIVE_INFINITY;
  const seconds = new Float64Array(demand.length).fill(Number.POSITIVE_INFINITY);
  const facility = new Int32Array(demand.length).fill(-1);
  demand.forEach((p, i) => {
    const seeds = toFacility ? departSeeds(graph, p, p.offroadM / mps) : arriveSeeds(graph, p, p.offroadM / mps);
    let best = Number.POSITIVE_INFINITY;
    let bestF = -1;
    for (const s of seeds) {
      const d = search.dist[s.node]! + s.sec;
      if (d < best || (d === best && search.label[s.node]! < bestF)) {
        best = d;
        bestF = search.label[s.node]!;
      }
    }
    for (const j of bySegment.get(p.segment) ?? []) {
      const f = facilities[j]!;
      const d = toFacility ? sameSegmentSec(graph, p, f, mps) : sameSegmentSec(graph, f, p, mps);
      if (d < best || (d === best && j < bestF)) {
        best = d;
        bestF = j;
      }
    }
    if (best <= max) {
      seconds[i] = best;
      facility[i] = bestF;
    }
  });
  return { seconds, facility };
}
