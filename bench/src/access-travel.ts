// Travel-time benchmarks of the access context (issue 17): on a synthetic network of ≥200,000 edges with
// 3,600 villages, the nearest facility of every village, one 15-minute isochrone and a 1,000×1,000 table,
// each against plain Dijkstra in the same run (the baselines are sampled and scaled where a full run would
// take minutes; the sampled answers are checked equal), and coverage with E2SFCA after a facility edit. Wall-clock and process CPU milliseconds; the CPU
// figure is less sensitive to other load on the machine. Run alone: `npx tsx bench/src/access-travel.ts`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  buildGraph,
  contract,
  coverage,
  DijkstraSearch,
  DRIVE_PROFILE,
  departSeeds,
  isochrone,
  nearestFacility,
  snapPoints,
  travelTimesCh,
  travelTimesDijkstra,
  twoStepFca,
} from '@weijian/core/access';
import { benchNetwork } from './access-travel-network.ts';

const round = (x: number) => Math.round(x * 100) / 100;

interface Timed<T> {
  out: T;
  ms: number;
  cpuMs: number;
}

function timed<T>(fn: () => T): Timed<T> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = fn();
  const ms = performance.now() - t;
  const d = process.cpuUsage(cpu);
  return { out, ms, cpuMs: (d.user + d.system) / 1000 };
}

/** The median run of n (by CPU time), after one warm-up. */
function median<T>(n: number, fn: () => T): Timed<T> {
  fn();
  const runs = Array.from({ length: n }, () => timed(fn)).sort((a, b) => a.cpuMs - b.cpuMs);
  return runs[Math.floor(n / 2)]!;
}

const fig = (t: Timed<unknown>) => ({ ms: round(t.ms), cpuMs: round(t.cpuMs) });

export function benchAccessTravel(size = Number(process.env.BENCH_ACCESS_GRID ?? 170)) {
  const net = benchNetwork(size);
  const build = timed(() => buildGraph(net.lines, DRIVE_PROFILE));
  const graph = build.out;
  const snap = timed(() => ({
    villages: snapPoints(graph, net.villages, { maxKm: 2 }),
    facilities: snapPoints(graph, net.facilities, { maxKm: 2 }),
  }));
  const { villages, facilities } = snap.out;
  const ch = timed(() => contract(graph));

  // 1. Nearest facility of every village: one multi-source search, against one plain search per village
  // (village → every facility), sampled.
  const search = new DijkstraSearch(graph);
  const nearest = median(5, () => nearestFacility(graph, villages, facilities, { search }));
  const sample = villages.filter((_, i) => i % 60 === 0);
  const perVillage = timed(() => travelTimesDijkstra(graph, sample, facilities));
  let nearestAgree = true;
  sample.forEach((_, k) => {
    const row = perVillage.out.subarray(k * facilities.length, (k + 1) * facilities.length);
    const best = Math.min(...row);
    if (
      Math.abs(best - nearest.out.seconds[k * 60]!) > 1e-6 &&
      !(best === Infinity && nearest.out.seconds[k * 60] === Infinity)
    )
      nearestAgree = false;
  });
  const perVillageAll = (perVillage.cpuMs / sample.length) * villages.length;

  // 2. One 15-minute isochrone (and 10, 30) of a facility near the centre, against a full plain search.
  const centre = facilities.reduce((best, f) =>
    Math.abs(f.onRoad.lng - 114.0) + Math.abs(f.onRoad.lat - 35.45) <
    Math.abs(best.onRoad.lng - 114.0) + Math.abs(best.onRoad.lat - 35.45)
      ? f
      : best,
  );
  const iso15 = median(5, () => isochrone(graph, centre, [900], { search }));
  const iso3 = median(3, () => isochrone(graph, centre, [600, 900, 1800], { search }));
  const fullSearch = median(3, () => search.run([departSeeds(graph, centre, 0)], { reverse: true }));

  // 3. 1,000 × 1,000 table: buckets on the hierarchy, against one plain search per source (sampled).
  const origins = villages.filter((_, i) => i % 3 === 0).slice(0, 1000);
  const destinations = villages.filter((_, i) => i % 3 === 1).slice(0, 1000);
  const table = median(3, () => travelTimesCh(graph, ch.out, origins, destinations));
  const rows = origins.filter((_, i) => i % 25 === 0);
  const dijkstraRows = timed(() => travelTimesDijkstra(graph, rows, destinations));
  let tableAgree = true;
  rows.forEach((_, k) => {
    for (let j = 0; j < destinations.length; j++) {
      const a = table.out[k * 25 * destinations.length + j]!;
      const b = dijkstraRows.out[k * destinations.length + j]!;
      if (!(a === b || Math.abs(a - b) < 1e-6)) tableAgree = false;
    }
  });
  const dijkstraTable = (dijkstraRows.cpuMs / rows.length) * origins.length;

  // 4. After a facility edit (one more facility): every village's nearest facility and the 15-minute
  // coverage, and E2SFCA over the villages × facilities table (the hierarchy is the network's, unchanged).
  const population = villages.map((_, i) => 200 + ((i * 7919) % 1800));
  const edited = [...facilities, villages[1234]!];
  const supply = edited.map((_, j) => 2 + (j % 9));
  const afterEdit = median(3, () => {
    const near = nearestFacility(graph, villages, edited, { search });
    const minutes = Array.from(near.seconds, (s) => s / 60);
    const cov = coverage(
      population.map((weight) => ({ weight })),
      minutes,
      15,
    );
    const table = travelTimesCh(graph, ch.out, villages, edited, { maxSeconds: 1800 });
    const fca = twoStepFca({
      supply,
      demand: population,
      matrixSeconds: table,
      catchmentSeconds: 1800,
      decay: 'gaussian',
    });
    return { cov, fca };
  });
  const reachable = Array.from(table.out).filter(Number.isFinite).length;

  return {
    network: {
      synthetic: `grid ${size}×${size}, blocks ≈710 m with a shape point mid-block, trunk/primary/tertiary/unclassified/residential, 15% of residential streets one-way`,
      nodes: graph.nodeCount,
      segments: graph.segmentCount,
      directedEdges: graph.edgeCount,
      buildGraph: fig(build),
      snap3900Points: fig(snap),
      villages: villages.length,
      facilities: facilities.length,
      unsnapped: [...villages, ...facilities].filter((s) => s.segment < 0).length,
    },
    contraction: { ...fig(ch), shortcuts: ch.out.shortcuts, note: 'once per network, kept with it' },
    nearestFacility: {
      ...fig(nearest),
      method: 'one multi-source Dijkstra (backwards from all facilities)',
      plainDijkstraPerVillageCpuMs: round(perVillageAll),
      sampledVillages: sample.length,
      speedup: round(perVillageAll / nearest.cpuMs),
      agreesWithPlainDijkstra: nearestAgree,
      targetMs: 200,
      pass: nearest.cpuMs < 200 && nearestAgree,
    },
    isochrone: {
      minutes15: fig(iso15),
      minutes10_15_30: fig(iso3),
      polygons15: iso15.out[0]!.geometry.coordinates.length,
      plainDijkstraWholeNetwork: fig(fullSearch),
      ratioToWholeNetworkSearch: round(iso15.cpuMs / fullSearch.cpuMs),
      targetMs: 50,
      pass: iso15.cpuMs < 50,
    },
    coverageAnd2sfcaAfterFacilityEdit: {
      ...fig(afterEdit),
      villages: villages.length,
      facilities: edited.length,
      share15min: round(afterEdit.out.cov.share),
      method: 'multi-source Dijkstra for the nearest facility; CH bucket table (≤30 min) for E2SFCA',
      targetMs: 1000,
      pass: afterEdit.cpuMs < 1000,
    },
    table1000x1000: {
      ...fig(table),
      method: 'contraction hierarchy, bucket many-to-many',
      reachableCells: reachable,
      plainDijkstraCpuMs: round(dijkstraTable),
      sampledRows: rows.length,
      speedup: round(dijkstraTable / table.cpuMs),
      agreesWithPlainDijkstra: tableAgree,
      targetMs: 3000,
      pass: table.cpuMs < 3000 && tableAgree,
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.stdout.write(`${JSON.stringify(benchAccessTravel(), null, 2)}\n`);
