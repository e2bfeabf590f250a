// Travel-time tables on the contraction hierarchy (ch.ts) with buckets: one upward backward search per target
// leaves (target, seconds) in a bucket at every node it settles; one upward forward search per source then
// reads the buckets of the nodes it settles — the shortest path meets at its highest node. Searches stall
// nodes their label cannot be right for (stall-on-demand), which keeps the buckets small.
import { type ContractedGraph, hierarchyOf } from './ch.ts';
import { type TravelOptions, travelTimesDijkstra } from './dijkstra.ts';
import type { RoadGraph } from './graph.ts';
import { NodeHeap } from './heap.ts';
import { arriveSeeds, departSeeds, offroadMps, type Seed, type Snap, sameSegmentSec } from './snap.ts';

/** An upward search in one direction of a hierarchy, reused across queries. */
class UpwardSearch {
  readonly dist: Float64Array;
  private readonly heap: NodeHeap;
  private readonly touched: number[] = [];
  /** The nodes settled by the last run (not stalled) and their seconds. */
  settledNode: number[] = [];
  settledSec: number[] = [];

  constructor(
    n: number,
    private readonly first: Uint32Array,
    private readonly head: Uint32Array,
    private readonly w: Float64Array,
    // The other direction's edges at a node lead to higher nodes that may prove its label too long.
    private readonly stallFirst: Uint32Array,
    private readonly stallHead: Uint32Array,
    private readonly stallW: Float64Array,
  ) {
    this.dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.heap = new NodeHeap(n);
  }

  /** Settles upwards from the seeds; nodes beyond `maxSeconds` are left (no path through them is within it). */
  run(seeds: readonly Seed[], maxSeconds = Number.POSITIVE_INFINITY): void {
    const { dist, heap, touched, first, head, w, stallFirst, stallHead, stallW } = this;
    for (const t of touched) dist[t] = Number.POSITIVE_INFINITY;
    touched.length = 0;
    heap.clear();
    this.settledNode = [];
    this.settledSec = [];
    for (const s of seeds) {
      if (s.sec >= dist[s.node]!) continue;
      if (dist[s.node] === Number.POSITIVE_INFINITY) touched.push(s.node);
      dist[s.node] = s.sec;
      heap.push(s.node, s.sec);
    }
    while (heap.size > 0) {
      const u = heap.pop();
      const du = dist[u]!;
      // Settled in increasing order: the rest are beyond the limit too (a catchment needs nothing past it).
      if (du > maxSeconds) break;
      let stalled = false;
      for (let e = stallFirst[u]!, end = stallFirst[u + 1]!; e < end; e++)
        if (dist[stallHead[e]!]! + stallW[e]! < du) {
          stalled = true;
          break;
        }
      if (stalled) continue;
      this.settledNode.push(u);
      this.settledSec.push(du);
      for (let e = first[u]!, end = first[u + 1]!; e < end; e++) {
        const v = head[e]!;
        const dv = du + w[e]!;
        if (dv < dist[v]!) {
          if (dist[v] === Number.POSITIVE_INFINITY) touched.push(v);
          dist[v] = dv;
          heap.push(v, dv);
        }
      }
    }
  }
}

/**
 * The hierarchy's many-to-many search, one source row at a time: `visit(i, row)` gets source i's seconds to
 * every target in a buffer reused for the next row (Infinity: unreachable; beyond maxSeconds too). Dense
 * tables and sparse ones (travelTimesWithin) are both built from it, so a sparse table never holds the dense one.
 */
function chRows(
  graph: RoadGraph,
  ch: ContractedGraph,
  sources: readonly Snap[],
  targets: readonly Snap[],
  opts: TravelOptions,
  visit: (i: number, row: Float64Array) => void,
): void {
  const mps = offroadMps(graph, opts.offroadKmh);
  const n = ch.nodeCount;
  const nT = targets.length;
  const row = new Float64Array(nT);
  const backward = new UpwardSearch(n, ch.downFirst, ch.downHead, ch.downW, ch.upFirst, ch.upHead, ch.upW);
  const forward = new UpwardSearch(n, ch.upFirst, ch.upHead, ch.upW, ch.downFirst, ch.downHead, ch.downW);
  // Buckets: the backward searches' settled nodes, then grouped by node (counting sort).
  const entryNode: number[] = [];
  const entryTarget: number[] = [];
  const entrySec: number[] = [];
  targets.forEach((t, j) => {
    backward.run(arriveSeeds(graph, t, t.offroadM / mps), opts.maxSeconds);
    for (let k = 0; k < backward.settledNode.length; k++) {
      entryNode.push(backward.settledNode[k]!);
      entryTarget.push(j);
      entrySec.push(backward.settledSec[k]!);
    }
  });
  const bucketFirst = new Uint32Array(n + 1);
  for (const v of entryNode) bucketFirst[v + 1]!++;
  for (let v = 0; v < n; v++) bucketFirst[v + 1]! += bucketFirst[v]!;
  const fill = bucketFirst.slice(0, n);
  const bucketTarget = new Uint32Array(entryNode.length);
  const bucketSec = new Float64Array(entryNode.length);
  for (let k = 0; k < entryNode.length; k++) {
    const p = fill[entryNode[k]!]!++;
    bucketTarget[p] = entryTarget[k]!;
    bucketSec[p] = entrySec[k]!;
  }
  const bySegment = new Map<number, number[]>();
  targets.forEach((t, j) => {
    if (t.segment < 0) return;
    const list = bySegment.get(t.segment);
    if (list) list.push(j);
    else bySegment.set(t.segment, [j]);
  });
  const max = opts.maxSeconds;
  sources.forEach((s, i) => {
    row.fill(Number.POSITIVE_INFINITY);
    forward.run(departSeeds(graph, s, s.offroadM / mps), opts.maxSeconds);
    const { settledNode, settledSec } = forward;
    for (let k = 0; k < settledNode.length; k++) {
      const v = settledNode[k]!;
      const d = settledSec[k]!;
      for (let b = bucketFirst[v]!, end = bucketFirst[v + 1]!; b < end; b++) {
        const j = bucketTarget[b]!;
        const total = d + bucketSec[b]!;
        if (total < row[j]!) row[j] = total;
      }
    }
    for (const j of bySegment.get(s.segment) ?? []) {
      const d = sameSegmentSec(graph, s, targets[j]!, mps);
      if (d < row[j]!) row[j] = d;
    }
    if (max !== undefined) for (let j = 0; j < nT; j++) if (row[j]! > max) row[j] = Number.POSITIVE_INFINITY;
    visit(i, row);
  });
}

/** Source × target seconds on a hierarchy (row-major); the connectors and same-segment trips included. */
export function travelTimesCh(
  graph: RoadGraph,
  ch: ContractedGraph,
  sources: readonly Snap[],
  targets: readonly Snap[],
  opts: TravelOptions = {},
): Float64Array {
  const nT = targets.length;
  const out = new Float64Array(sources.length * nT);
  chRows(graph, ch, sources, targets, opts, (i, row) => out.set(row, i * nT));
  return out;
}

/** Travel times within a limit, per source: the targets reached (ascending) and their seconds (CSR rows). */
export interface SparseTimes {
  /** Row i's entries are first[i] … first[i + 1] − 1. */
  first: Uint32Array;
  target: Uint32Array;
  seconds: Float32Array;
}

/**
 * The pairs of a source × target table within `maxSeconds`, as sparse rows (contraction hierarchy): what a
 * catchment needs, in memory proportional to the pairs in reach instead of sources × targets.
 */
export function travelTimesWithin(
  graph: RoadGraph,
  sources: readonly Snap[],
  targets: readonly Snap[],
  opts: TravelOptions & { maxSeconds: number },
): SparseTimes {
  const first = new Uint32Array(sources.length + 1);
  let target = new Uint32Array(Math.max(16, sources.length * 4));
  let seconds = new Float32Array(target.length);
  let n = 0;
  chRows(graph, hierarchyOf(graph), sources, targets, opts, (i, row) => {
    for (let j = 0; j < row.length; j++) {
      const s = row[j]!;
      if (s === Number.POSITIVE_INFINITY) continue;
      if (n === target.length) {
        const t2 = new Uint32Array(n * 2);
        t2.set(target);
        target = t2;
        const s2 = new Float32Array(n * 2);
        s2.set(seconds);
        seconds = s2;
      }
      target[n] = j;
      seconds[n] = s;
      n++;
    }
    first[i + 1] = n;
  });
  return { first, target: target.slice(0, n), seconds: seconds.slice(0, n) };
}

/**
 * Travel seconds from each source to each target, row-major (sources × targets), Infinity where unreachable or
 * a point is not on the network. `ch` (default) contracts the graph on first use and keeps the hierarchy with
 * it; `dijkstra` runs one plain search per source (no preprocessing; the reference).
 */
export function travelTimes(
  graph: RoadGraph,
  sources: readonly Snap[],
  targets: readonly Snap[],
  opts: TravelOptions & { method?: 'ch' | 'dijkstra' } = {},
): Float64Array {
  if (opts.method === 'dijkstra') return travelTimesDijkstra(graph, sources, targets, opts);
  return travelTimesCh(graph, hierarchyOf(graph), sources, targets, opts);
}
