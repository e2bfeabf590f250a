// The prospective space-time permutation scan (Kulldorff 2005; core scan.ts) of township-level diseases, one
// per county on the run's last day.
import { seedOf } from '@weijian/core/platform';
import { addDays, type ScanArea, spaceTimePermutationScan } from '@weijian/core/surveillance';
import type { DiseaseSetting } from './diseases-repo.ts';
import type { EngineDeps, NewSignal, RunScope, RunStats } from './engine-model.ts';
import { scanCounts } from './engine-series.ts';

/**
 * The prospective scan: 4 weeks of daily counts, clusters of up to 7 days ending on the run's last day over
 * up to half the county's cases; 999 replications (SaTScan's default), stopped early once 20 replicates
 * reach the most likely cluster (it is then clearly not significant), alarm at p ≤ 0.01.
 */
export const SCAN = {
  studyDays: 28,
  maxTemporalLength: 7,
  maxSpatialFraction: 0.5,
  replications: 999,
  stopAfterExceedances: 20,
  alpha: 0.01,
  minCases: 5,
} as const;

/**
 * Scan results by their whole input (townships, positions, counts, seed): the scan is deterministic, and its
 * replications are most of a latest-week run's CPU, so a run over data that did not change since the last one
 * (the periodic run, a re-run of the same week) reuses the clusters instead of recomputing them. Bounded: the
 * oldest entry goes once MEMO_SIZE keys are held (a run has one key per county and township-level disease).
 */
const MEMO_SIZE = 2000;
const memo = new Map<string, ReturnType<typeof spaceTimePermutationScan>>();

function scanOnce(input: Parameters<typeof spaceTimePermutationScan>[0]) {
  const key = JSON.stringify(input);
  const hit = memo.get(key);
  if (hit) return hit;
  const clusters = spaceTimePermutationScan(input);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, clusters);
  return clusters;
}

/**
 * Is a cluster of townships × recent days going on now? The scan needs no population and no baseline, so it
 * sees a cluster that straddles townships whose own series are each too small to alarm. Townships are placed
 * at their centroid (areas.lng/lat, else the mean position of their institutions); cases in townships with
 * neither are left out of the scan.
 */
export async function scanSignals(
  deps: EngineDeps,
  d: DiseaseSetting,
  scope: RunScope,
  stats: RunStats,
): Promise<NewSignal[]> {
  const asOf = scope.to;
  const first = addDays(asOf, -(SCAN.studyDays - 1));
  const rows = await scanCounts(deps.db, d.code, first, asOf, scope.counties);
  const byCounty = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byCounty.get(r.county);
    if (list) list.push(r);
    else byCounty.set(r.county, [r]);
  }
  const candidates = [...byCounty].filter(
    ([, list]) => list.reduce((a, r) => a + r.n, 0) >= SCAN.minCases && new Set(list.map((r) => r.township)).size >= 2,
  );
  if (!candidates.length) return [];
  const centroids = await deps.institutions.townshipCentroids(candidates.map(([c]) => c));
  const tree = await deps.areas.tree();
  const out: NewSignal[] = [];
  for (const [county, list] of candidates) {
    const townships = [...new Set(list.map((r) => r.township))].filter((t) => centroids.has(t)).sort();
    if (townships.length < 2) continue;
    const index = new Map(townships.map((t, i) => [t, i]));
    const areas: ScanArea[] = townships.map((t) => ({ id: t, x: centroids.get(t)!.lng, y: centroids.get(t)!.lat }));
    const counts = townships.map(() => new Array<number>(SCAN.studyDays).fill(0));
    for (const r of list) {
      const i = index.get(r.township);
      if (i !== undefined) counts[i]![r.day]! += r.n;
    }
    stats.series++;
    stats.points++;
    const clusters = scanOnce({
      areas,
      counts,
      params: {
        distance: 'haversine',
        maxSpatialFraction: SCAN.maxSpatialFraction,
        maxTemporalLength: SCAN.maxTemporalLength,
        replications: SCAN.replications,
        stopAfterExceedances: SCAN.stopAfterExceedances,
        maxClusters: 3,
        // Reproducible: the same data on the same day gives the same p-values.
        seed: seedOf(`${d.code}|${county}|${asOf}`),
      },
    });
    for (const c of clusters) {
      if (c.pValue > SCAN.alpha) continue;
      out.push({
        countyCode: county,
        areaCode: c.centre,
        areaLevel: 'township',
        source: 'scan',
        category: 'case-report',
        subject: d.code,
        place: '',
        frequency: 'day',
        periodStart: addDays(first, c.start),
        periodEnd: addDays(first, c.end),
        observed: c.observed,
        expected: Math.round(c.expected * 1000) / 1000,
        upperbound: null,
        algorithm: 'scan',
        params: {
          studyDays: SCAN.studyDays,
          maxTemporalLength: SCAN.maxTemporalLength,
          maxSpatialFraction: SCAN.maxSpatialFraction,
          replications: SCAN.replications,
          alpha: SCAN.alpha,
        },
        detail: {
          areas: c.areas,
          areaNames: c.areas.map((a) => tree.get(a)?.name ?? a),
          pValue: c.pValue,
          llr: Math.round(c.llr * 1000) / 1000,
          radiusKm: Math.round(c.radius / 100) / 10,
        },
        immediate: false,
      });
    }
  }
  return out;
}
