// Contraction hierarchies (Geisberger et al. 2008): nodes are contracted one by one, least important first,
// adding a shortcut u→w for u→v→w wherever a local witness search finds no path as short around v. The order
// is RoutingKit's (level, then shortcuts and original edges added per edge removed), updated lazily when a
// node comes first: re-evaluating every neighbour after each contraction cost a third more time for about the
// same order. A query then searches only upwards, from the source over the edges to later-contracted nodes
// and from the target over the reversed edges coming down: a few hundred nodes each instead of the whole
// graph. Preprocessing is paid once per network (cached per graph object: ≈7 s of CPU for the bench's 84k
// nodes); many-to-many tables use buckets (Knopp et al. 2007), see matrix.ts.
import { csr, type RoadGraph } from './graph.ts';
import { NodeHeap } from './heap.ts';

export interface ContractedGraph {
  nodeCount: number;
  /** Contraction order: rank[v] = when v was contracted. */
  rank: Uint32Array;
  /** Upward forward edges: u→x with rank[x] > rank[u] (original edges and shortcuts). */
  upFirst: Uint32Array;
  upHead: Uint32Array;
  upW: Float64Array;
  /** Upward backward edges: at v, the edges x→v with rank[x] > rank[v], stored as v→x. */
  downFirst: Uint32Array;
  downHead: Uint32Array;
  downW: Float64Array;
  shortcuts: number;
}

/**
 * Settled nodes after which a witness search gives up (it then adds a shortcut that may not be needed):
 * smaller when only estimating a node's priority, larger when contracting it.
 */
const WITNESS_LIMIT_ESTIMATE = 30;
const WITNESS_LIMIT_CONTRACT = 300;

class Adjacency {
  to: number[][];
  w: number[][];
  /** Original edges an edge stands for (1, or the sum of a shortcut's two halves). */
  hops: number[][];
  constructor(n: number) {
    this.to = Array.from({ length: n }, () => []);
    this.w = Array.from({ length: n }, () => []);
    this.hops = Array.from({ length: n }, () => []);
  }
  /** Adds u→v or lowers its weight. */
  set(u: number, v: number, w: number, hops: number): void {
    const to = this.to[u]!;
    const i = to.indexOf(v);
    if (i < 0) {
      to.push(v);
      this.w[u]!.push(w);
      this.hops[u]!.push(hops);
    } else if (w < this.w[u]![i]!) {
      this.w[u]![i] = w;
      this.hops[u]![i] = hops;
    }
  }
  /** Drops the edges to contracted nodes. */
  prune(u: number, contracted: Uint8Array): void {
    const to = this.to[u]!;
    const w = this.w[u]!;
    const hops = this.hops[u]!;
    let k = 0;
    for (let i = 0; i < to.length; i++)
      if (!contracted[to[i]!]) {
        to[k] = to[i]!;
        hops[k] = hops[i]!;
        w[k++] = w[i]!;
      }
    to.length = k;
    w.length = k;
    hops.length = k;
  }
}

/** Builds the hierarchy of a graph (seconds for a city's network: do it once and keep it, see hierarchyOf). */
export function contract(graph: RoadGraph): ContractedGraph {
  const n = graph.nodeCount;
  const out = new Adjacency(n);
  const inc = new Adjacency(n);
  for (let u = 0; u < n; u++)
    for (let e = graph.firstOut[u]!; e < graph.firstOut[u + 1]!; e++) {
      const v = graph.head[e]!;
      if (v === u) continue;
      out.set(u, v, graph.weight[e]!, 1);
      inc.set(v, u, graph.weight[e]!, 1);
    }
  const contracted = new Uint8Array(n);
  const level = new Uint32Array(n);
  const rank = new Uint32Array(n);

  // Witness search state, reset by touched nodes.
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const heap = new NodeHeap(n);
  const touched: number[] = [];
  // The out-neighbours of the node being contracted, stamped per contraction: the search stops once all
  // of them are settled.
  const target = new Uint32Array(n);
  let stamp = 0;
  const witness = (src: number, skip: number, limit: number, settleLimit: number, targets: number) => {
    for (const t of touched) dist[t] = Number.POSITIVE_INFINITY;
    touched.length = 0;
    heap.clear();
    dist[src] = 0;
    touched.push(src);
    heap.push(src, 0);
    let settled = 0;
    while (heap.size > 0 && settled++ < settleLimit) {
      if (heap.peekKey() > limit) break;
      const u = heap.pop();
      if (target[u] === stamp && --targets === 0) break;
      const du = dist[u]!;
      const to = out.to[u]!;
      const w = out.w[u]!;
      for (let i = 0; i < to.length; i++) {
        const v = to[i]!;
        if (v === skip || contracted[v]) continue;
        const dv = du + w[i]!;
        if (dv < dist[v]!) {
          if (dist[v] === Number.POSITIVE_INFINITY) touched.push(v);
          dist[v] = dv;
          heap.push(v, dv);
        }
      }
    }
  };

  /** The shortcuts contracting v needs (added when `apply`): their count and original edges. */
  let addedHops = 0;
  const shortcutsOf = (v: number, apply: boolean): number => {
    addedHops = 0;
    out.prune(v, contracted);
    inc.prune(v, contracted);
    const ins = inc.to[v]!;
    const inW = inc.w[v]!;
    const outs = out.to[v]!;
    const outW = out.w[v]!;
    if (!ins.length || !outs.length) return 0;
    let maxOut = 0;
    for (const w of outW) if (w > maxOut) maxOut = w;
    stamp++;
    for (const x of outs) target[x] = stamp;
    let count = 0;
    for (let i = 0; i < ins.length; i++) {
      const u = ins[i]!;
      witness(u, v, inW[i]! + maxOut, apply ? WITNESS_LIMIT_CONTRACT : WITNESS_LIMIT_ESTIMATE, outs.length);
      for (let j = 0; j < outs.length; j++) {
        const x = outs[j]!;
        if (x === u) continue;
        const via = inW[i]! + outW[j]!;
        if (dist[x]! <= via) continue;
        count++;
        const hops = inc.hops[v]![i]! + out.hops[v]![j]!;
        addedHops += hops;
        if (apply) {
          out.set(u, x, via, hops);
          inc.set(x, u, via, hops);
        }
      }
    }
    return count;
  };

  // RoutingKit's order: level first (contract in layers, which keeps the hierarchy shallow on grid-like
  // networks), then the shortcuts and their original edges per edge removed.
  const priority = (v: number) => {
    const added = shortcutsOf(v, false);
    const removed = out.to[v]!.length + inc.to[v]!.length;
    let removedHops = 0;
    for (const h of out.hops[v]!) removedHops += h;
    for (const h of inc.hops[v]!) removedHops += h;
    return 1 + 1000 * level[v]! + (1000 * added) / Math.max(1, removed) + (1000 * addedHops) / Math.max(1, removedHops);
  };

  const queue = new NodeHeap(n);
  for (let v = 0; v < n; v++) queue.push(v, priority(v));

  const upFrom: number[] = [];
  const upTo: number[] = [];
  const upWs: number[] = [];
  const dnFrom: number[] = [];
  const dnTo: number[] = [];
  const dnWs: number[] = [];
  let shortcuts = 0;
  let next = 0;
  while (queue.size > 0) {
    const v = queue.pop();
    // Lazy update: a node whose priority grew since it was queued goes back if no longer the least.
    const p = priority(v);
    if (queue.size > 0 && p > queue.peekKey()) {
      queue.push(v, p);
      continue;
    }
    shortcuts += shortcutsOf(v, true);
    contracted[v] = 1;
    rank[v] = next++;
    const outs = out.to[v]!;
    const ins = inc.to[v]!;
    for (let j = 0; j < outs.length; j++) {
      upFrom.push(v);
      upTo.push(outs[j]!);
      upWs.push(out.w[v]![j]!);
      level[outs[j]!] = Math.max(level[outs[j]!]!, level[v]! + 1);
    }
    for (let i = 0; i < ins.length; i++) {
      dnFrom.push(v);
      dnTo.push(ins[i]!);
      dnWs.push(inc.w[v]![i]!);
      level[ins[i]!] = Math.max(level[ins[i]!]!, level[v]! + 1);
    }
    out.to[v] = [];
    out.w[v] = [];
    out.hops[v] = [];
    inc.to[v] = [];
    inc.w[v] = [];
    inc.hops[v] = [];
  }
  const up = csr(n, Uint32Array.from(upFrom), Uint32Array.from(upTo), Float64Array.from(upWs));
  const dn = csr(n, Uint32Array.from(dnFrom), Uint32Array.from(dnTo), Float64Array.from(dnWs));
  return {
    nodeCount: n,
    rank,
    upFirst: up.first,
    upHead: up.adj,
    upW: up.w,
    downFirst: dn.first,
    downHead: dn.adj,
    downW: dn.w,
    shortcuts,
  };
}

const hierarchies = new WeakMap<RoadGraph, ContractedGraph>();

/** The graph's hierarchy, contracted on first use and kept while the graph lives. */
export function hierarchyOf(graph: RoadGraph): ContractedGraph {
  let ch = hierarchies.get(graph);
  if (!ch) {
    ch = contract(graph);
    hierarchies.set(graph, ch);
  }
  return ch;
}
