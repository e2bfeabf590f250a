// Placement benchmark (issue 17 targets): MCLP with 300 candidates, 3,600 demand villages and p = 10 solved to
// proven optimality (< 10 s), LSCP for one county (< 5 s), on a deterministic synthetic city road network (core's
// generator: 12 counties, 150 townships, 3,600 villages; travel times by Dijkstra bounded at the time limit).
// Baselines in the same run: the heuristic alone (greedy + interchange with its Lagrangian bound) and the
// unreduced MIP (every village its own row, every candidate kept) under the same solver and a time limit.
// Standalone: `npx tsx bench/src/access-place.ts`; also part of `npm run bench`.
import { performance } from 'node:perf_hooks';
import {
  buildGraph,
  type CoverageInstance,
  costFrom,
  coverageFrom,
  DRIVE_PROFILE,
  type LngLat,
  mclpHeuristic,
  mclpModel,
  type ReducedCoverage,
  reduceCoverage,
  type SyntheticCounty,
  snapPoints,
  syntheticNetwork,
  syntheticTownshipPosition,
  syntheticVillagePosition,
  travelTimesDijkstra,
  unpackLines,
} from '@weijian/core/access';
import { mulberry32 } from '@weijian/core/platform';
import { highsRuntime, place, solveWithHighs } from '@weijian/server/access/solver';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Wall and CPU milliseconds of one call (CPU is what counts on a shared 2-core machine). */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ out: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const ms = performance.now() - t;
  const d = process.cpuUsage(cpu);
  return { out, ms: round(ms), cpuMs: round((d.user + d.system) / 1000) };
}

/** 12 counties (4 districts) on 新乡's extent, 12–13 townships each, 24 villages per township: 3,600 villages. */
function syntheticCity(): {
  counties: SyntheticCounty[];
  villages: { at: LngLat; county: number; households: number }[];
} {
  const random = mulberry32(17);
  const counties: SyntheticCounty[] = [];
  const villages: { at: LngLat; county: number; households: number }[] = [];
  for (let c = 0; c < 12; c++) {
    const district = c < 4;
    const seat = {
      lng: 113.45 + (c % 4) * 0.38 + (random() - 0.5) * 0.1,
      lat: 35.0 + Math.floor(c / 4) * 0.3 + (random() - 0.5) * 0.1,
    };
    const code = `4107${String(c + 1).padStart(2, '0')}`;
    const townships = Array.from({ length: c < 6 ? 13 : 12 }, (_, t) => {
      const tcode = `${code}${String(t + 1).padStart(3, '0')}`;
      const at = syntheticTownshipPosition(tcode, seat, district);
      const urban = district && t < 4;
      return {
        code: tcode,
        at,
        urban,
        villages: Array.from({ length: 24 }, (_, v) => {
          const vcode = `${tcode}${String(v + 1).padStart(3, '0')}`;
          const vat = syntheticVillagePosition(vcode, at, urban);
          villages.push({ at: vat, county: c, households: 80 + Math.floor(random() * 700) });
          return { code: vcode, at: vat, urban };
        }),
      };
    });
    counties.push({ code, seat, district, townships });
  }
  return { counties, villages };
}

/** The unreduced coverage instance as a "reduced" one: one row per village, every candidate a column. */
function unreduced(inst: CoverageInstance): ReducedCoverage {
  const rows = [];
  for (let i = 0; i + 1 < inst.starts.length; i++) {
    const cover = Array.from(inst.sites.subarray(inst.starts[i]!, inst.starts[i + 1]!));
    if (cover.length && inst.weights[i]! > 0) rows.push({ weight: inst.weights[i]!, members: [i], cover });
  }
  return {
    rows,
    cols: Array.from({ length: inst.candidates }, (_, j) => j),
    uncoverable: [],
    coveredByFixed: [],
    fixedWeight: 0,
  };
}

export async function benchAccessPlace(opts: { unreducedLimitSeconds?: number } = {}) {
  const { counties, villages } = syntheticCity();
  const net = await timed(() => buildGraph(unpackLines(syntheticNetwork(counties)), DRIVE_PROFILE));
  const graph = net.out;
  // Candidates: every township seat (150) and 150 villages spread over the city (every 24th from the 12th).
  const townshipSeats = counties.flatMap((c) => c.townships.map((t) => t.at));
  const candidatePts = [...townshipSeats, ...villages.filter((_, i) => i % 24 === 12).map((v) => v.at)].slice(0, 300);
  const snapC = snapPoints(graph, candidatePts, { maxKm: 5 });
  const snapD = snapPoints(
    graph,
    villages.map((v) => v.at),
    { maxKm: 5 },
  );
  const weights = villages.map((v) => v.households);
  const nC = candidatePts.length;
  const nD = villages.length;
  // One bounded matrix serves both limits (15 minutes: the 15-minute circle; 30: the county emergency circle).
  const matrix = await timed(() => travelTimesDijkstra(graph, snapC, snapD, { maxSeconds: 30 * 60 }));
  const tt = matrix.out;
  await highsRuntime(); // loading the WebAssembly is not part of a solve

  const mclp = async (minutes: number) => {
    const cov = coverageFrom(nD, nC, weights, (j, i) => tt[j * nD + i]!, minutes * 60);
    const reduction = await timed(() => reduceCoverage(cov));
    const exact = await timed(() => place({ model: 'mclp', coverage: cov, sites: 10 }, { timeLimitSeconds: 60 }));
    const heuristic = await timed(() => mclpHeuristic(reduceCoverage(cov), 10));
    const raw = unreduced(cov);
    const unreducedRun = await timed(async () =>
      solveWithHighs(await highsRuntime(), mclpModel(raw, 10), {
        timeLimitSeconds: opts.unreducedLimitSeconds ?? 30,
      }),
    );
    const u = unreducedRun.out;
    return {
      minutes,
      p: 10,
      coveragePairs: cov.sites.length,
      reduced: { demandRows: reduction.out.rows.length, candidates: reduction.out.cols.length, ms: reduction.ms },
      objective: exact.out.objective,
      totalWeight: exact.out.totalWeight,
      optimal: exact.out.optimal,
      method: exact.out.method,
      ms: exact.ms,
      cpuMs: exact.cpuMs,
      targetMs: 10_000,
      pass: exact.out.optimal && exact.cpuMs < 10_000,
      baselineHeuristic: {
        objective: heuristic.out.objective,
        bound: round(heuristic.out.bound, 1),
        gap: round((heuristic.out.bound - heuristic.out.objective) / heuristic.out.objective, 6),
        ms: heuristic.ms,
        cpuMs: heuristic.cpuMs,
      },
      baselineUnreducedMip: {
        status: u.status,
        objective: u.objective,
        bound: u.bound,
        ms: unreducedRun.ms,
        cpuMs: unreducedRun.cpuMs,
        cpuRatioToReduced: round(unreducedRun.cpuMs / Math.max(1, exact.cpuMs)),
      },
    };
  };
  const mclp15 = await mclp(15);
  const mclp30 = await mclp(30);

  // LSCP for one county: its villages, the candidates inside it (township seats and villages of that county).
  const limit = 15 * 60;
  const county = 5;
  const inCounty = villages.map((v, i) => (v.county === county ? i : -1)).filter((i) => i >= 0);
  const seatOffset = counties.slice(0, county).reduce((s, c) => s + c.townships.length, 0);
  const countyCands = [
    ...Array.from({ length: counties[county]!.townships.length }, (_, k) => seatOffset + k),
    ...villages
      .map((v, i) => ({ v, i }))
      .filter(({ v, i }) => i % 24 === 12 && v.county === county)
      .map(({ i }) => 150 + Math.floor(i / 24)),
  ].filter((j) => j < nC);
  const countyCov = coverageFrom(
    inCounty.length,
    countyCands.length,
    inCounty.map((i) => weights[i]!),
    (j, i) => tt[countyCands[j]! * nD + inCounty[i]!]!,
    limit,
  );
  const cityCov = coverageFrom(nD, nC, weights, (j, i) => tt[j * nD + i]!, limit);
  const lscpCounty = await timed(() => place({ model: 'lscp', coverage: countyCov }, { timeLimitSeconds: 30 }));
  // The whole city as one LSCP too.
  const lscpCity = await timed(() => place({ model: 'lscp', coverage: cityCov }, { timeLimitSeconds: 30 }));
  // p-median, 10 sites for the city (every pair: the heuristic with its Lagrangian bound, the model being too
  // big for the solver) and 3 for the county (exact).
  const full = await timed(() => travelTimesDijkstra(graph, snapC, snapD));
  const cityCost = costFrom(nD, nC, weights, (j, i) => full.out[j * nD + i]!);
  const pmCity = await timed(() => place({ model: 'pmedian', cost: cityCost, sites: 10 }, { timeLimitSeconds: 30 }));
  const countyCost = costFrom(
    inCounty.length,
    countyCands.length,
    inCounty.map((i) => weights[i]!),
    (j, i) => full.out[countyCands[j]! * nD + inCounty[i]!]!,
  );
  const pmCounty = await timed(() => place({ model: 'pmedian', cost: countyCost, sites: 3 }, { timeLimitSeconds: 30 }));
  const pmCountyHeur = await timed(() =>
    place({ model: 'pmedian', cost: countyCost, sites: 3 }, { timeLimitSeconds: 30, exact: false }),
  );
  const perHousehold = (r: { objective: number; totalWeight: number }) => round(r.objective / r.totalWeight, 3);
  return {
    pmedianCity: {
      p: 10,
      minutesPerHousehold: perHousehold(pmCity.out),
      optimal: pmCity.out.optimal,
      method: pmCity.out.method,
      gap: pmCity.out.gap === null ? null : round(pmCity.out.gap, 5),
      ms: pmCity.ms,
      cpuMs: pmCity.cpuMs,
      fullMatrixMs: full.ms,
    },
    pmedianCounty: {
      p: 3,
      minutesPerHousehold: perHousehold(pmCounty.out),
      optimal: pmCounty.out.optimal,
      method: pmCounty.out.method,
      ms: pmCounty.ms,
      cpuMs: pmCounty.cpuMs,
      heuristicMinutesPerHousehold: perHousehold(pmCountyHeur.out),
      heuristicGap: pmCountyHeur.out.gap === null ? null : round(pmCountyHeur.out.gap, 5),
      heuristicCpuMs: pmCountyHeur.cpuMs,
    },
    network: { nodes: graph.nodeCount, edges: graph.edgeCount, buildMs: net.ms, synthetic: true },
    instance: { candidates: nC, villages: nD, travelTimesMs: matrix.ms, travelTimesCpuMs: matrix.cpuMs },
    mclp15,
    mclp30,
    lscpCounty: {
      minutes: 15,
      villages: inCounty.length,
      candidates: countyCands.length,
      sites: lscpCounty.out.objective,
      uncoverable: lscpCounty.out.uncoverable.length,
      optimal: lscpCounty.out.optimal,
      method: lscpCounty.out.method,
      ms: lscpCounty.ms,
      cpuMs: lscpCounty.cpuMs,
      targetMs: 5_000,
      pass: lscpCounty.out.optimal && lscpCounty.cpuMs < 5_000,
    },
    lscpCity: {
      minutes: 15,
      sites: lscpCity.out.objective,
      uncoverable: lscpCity.out.uncoverable.length,
      optimal: lscpCity.out.optimal,
      bound: lscpCity.out.bound,
      method: lscpCity.out.method,
      ms: lscpCity.ms,
      cpuMs: lscpCity.cpuMs,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await benchAccessPlace(), null, 2)}\n`);
}
