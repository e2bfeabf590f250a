/**
 * Space-time permutation scan statistic (Kulldorff, Heffernan, Hartman, Assunção & Mostashari 2005,
 * PLoS Med 2:e59) with Monte Carlo p-values, for case counts per area and day without population data.
 *
 * Expected count of a cylinder A (set of areas Z × days D): μ_A = C_Z · C_D / C, conditioning on the
 * area and day totals. Candidate zones are circles around each area centroid growing through its
 * nearest neighbours while they hold ≤ maxSpatialFraction of all cases; candidate windows are up to
 * maxTemporalLength days long and — when `prospective` (default) — end on the last day, which is
 * what daily surveillance asks ("is there a cluster going on now?"). The Poisson generalised
 * likelihood ratio of a cylinder with c > μ cases is c·ln(c/μ) + (C−c)·ln((C−c)/(C−μ)).
 * Significance: the days of the C cases are randomly permuted among the cases `replications` times
 * (preserving both margins); p = (1 + #{replicate max LLR ≥ LLR}) / (replications + 1). Secondary
 * clusters that share no area with a better one are reported too, against the same distribution.
 * Randomness comes from a seeded PRNG, so a run is reproducible.
 */

import type { Random } from '../platform/prng.ts';
import { mulberry32, shuffle } from '../platform/prng.ts';
import { fail, requireInteger, requireNumber } from './errors.ts';

export interface ScanArea {
  id: string;
  /** centroid: projected x/y (e.g. metres), or longitude/latitude with distance 'haversine' */
  x: number;
  y: number;
}

export interface ScanInput {
  areas: readonly ScanArea[];
  /** counts[area][day], same area order as `areas`, equal number of days per area */
  counts: readonly (readonly number[])[];
  params?: ScanParams;
}

export interface ScanParams {
  maxSpatialFraction?: number;
  maxTemporalLength?: number;
  prospective?: boolean;
  replications?: number;
  seed?: number;
  /** alternatively a PRNG returning uniforms in [0, 1) */
  random?: Random;
  distance?: 'euclidean' | 'haversine';
  maxClusters?: number;
  /**
   * Sequential Monte Carlo (Besag & Clifford 1991): stop once this many replicates reach the most likely
   * cluster's LLR — its p-value is then at least h / (r + 1) and clearly not significant. Unset: always run
   * every replication. Daily surveillance mostly finds nothing, so this makes the usual scan ~50× cheaper.
   */
  stopAfterExceedances?: number;
}

export interface ScanCluster {
  areas: string[];
  centre: string;
  radius: number;
  /** 0-based inclusive day indices */
  start: number;
  end: number;
  observed: number;
  expected: number;
  llr: number;
  pValue: number;
}

function haversine(a: ScanArea, b: ScanArea): number {
  const rad = Math.PI / 180;
  const dLat = (b.y - a.y) * rad;
  const dLon = (b.x - a.x) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.y * rad) * Math.cos(b.y * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Poisson GLR of a cylinder with c observed and mu expected out of C (0 unless c > mu). */
export function permutationLlr(c: number, mu: number, C: number): number {
  if (c <= mu) return 0;
  const inside = c * Math.log(c / mu);
  const outside = C - c > 0 ? (C - c) * Math.log((C - c) / (C - mu)) : 0;
  return inside + outside;
}

interface Zone {
  centre: number;
  members: number[];
  radius: number;
}

function buildZones(
  areas: readonly ScanArea[],
  areaTotals: readonly number[],
  C: number,
  maxFrac: number,
  dist: 'euclidean' | 'haversine',
): Zone[] {
  const d = (i: number, j: number) => {
    const a = areas[i] as ScanArea;
    const b = areas[j] as ScanArea;
    return dist === 'haversine' ? haversine(a, b) : Math.hypot(a.x - b.x, a.y - b.y);
  };
  const seen = new Set<string>();
  const zones: Zone[] = [];
  for (let i = 0; i < areas.length; i++) {
    const order = areas.map((_, j) => j).sort((p, q) => d(i, p) - d(i, q) || p - q);
    let cases = 0;
    const members: number[] = [];
    for (const j of order) {
      cases += areaTotals[j] as number;
      if (members.length > 0 && cases > maxFrac * C) break;
      members.push(j);
      const key = [...members].sort((a, b) => a - b).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      zones.push({ centre: i, members: [...members], radius: d(i, j) });
    }
  }
  return zones;
}

interface Best {
  llr: number;
  zone: number;
  start: number;
  end: number;
  c: number;
  mu: number;
}

/** All cylinders' LLRs via per-zone cumulative day counts; calls visit for each positive one. */
function scanAll(
  counts: readonly (readonly number[])[],
  zones: readonly Zone[],
  areaTotals: readonly number[],
  dayTotals: readonly number[],
  C: number,
  L: number,
  prospective: boolean,
  visit?: (b: Best) => void,
): number {
  const D = dayTotals.length;
  const dayCum = new Float64Array(D + 1);
  for (let t = 0; t < D; t++) dayCum[t + 1] = (dayCum[t] as number) + (dayTotals[t] as number);
  const zc = new Float64Array(D + 1);
  let max = 0;
  zones.forEach((z, zi) => {
    zc.fill(0);
    let cz = 0;
    for (const a of z.members) {
      cz += areaTotals[a] as number;
      const row = counts[a] as readonly number[];
      for (let t = 0; t < D; t++) zc[t + 1] = (zc[t + 1] as number) + (row[t] as number);
    }
    for (let t = 0; t < D; t++) zc[t + 1] = (zc[t + 1] as number) + (zc[t] as number);
    const firstEnd = prospective ? D - 1 : 0;
    for (let end = firstEnd; end < D; end++) {
      for (let start = end; start >= Math.max(0, end - L + 1); start--) {
        const c = (zc[end + 1] as number) - (zc[start] as number);
        const mu = (cz * ((dayCum[end + 1] as number) - (dayCum[start] as number))) / C;
        const llr = permutationLlr(c, mu, C);
        if (llr > max) max = llr;
        if (visit && llr > 0) visit({ llr, zone: zi, start, end, c, mu });
      }
    }
  });
  return max;
}

export function spaceTimePermutationScan(input: ScanInput): ScanCluster[] {
  const p = input.params ?? {};
  const maxFrac = requireNumber('params.maxSpatialFraction', p.maxSpatialFraction ?? 0.5, 0, 1, true);
  const L = requireInteger('params.maxTemporalLength', p.maxTemporalLength ?? 7, 1);
  const R = requireInteger('params.replications', p.replications ?? 999, 0);
  const maxClusters = requireInteger('params.maxClusters', p.maxClusters ?? 10, 1);
  const prospective = p.prospective ?? true;
  const random = p.random ?? mulberry32(requireInteger('params.seed', p.seed ?? 1, 0));
  const { areas, counts } = input;
  if (counts.length !== areas.length)
    fail('counts', 'counts 的行数必须等于 areas 的个数', 'counts must have one row per area');
  const D = (counts[0] ?? []).length;
  counts.forEach((row, i) => {
    if (row.length !== D)
      fail(`counts[${i}]`, '每个地区的天数必须相同', 'every area must have the same number of days');
    row.forEach((v, t) => {
      if (!Number.isInteger(v) || v < 0)
        fail(`counts[${i}][${t}]`, '病例数必须是非负整数', 'counts must be non-negative integers');
    });
  });
  const areaTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const dayTotals = Array.from({ length: D }, (_, t) => counts.reduce((a, r) => a + (r[t] as number), 0));
  const C = areaTotals.reduce((a, b) => a + b, 0);
  if (C === 0 || D === 0) return [];
  const zones = buildZones(areas, areaTotals, C, maxFrac, p.distance ?? 'euclidean');

  // Best window per zone only: enough for the most likely and the non-overlapping secondary clusters,
  // and memory stays O(zones) even for long retrospective scans.
  const bestByZone = new Map<number, Best>();
  scanAll(counts, zones, areaTotals, dayTotals, C, L, prospective, (b) => {
    const cur = bestByZone.get(b.zone);
    if (!cur || b.llr > cur.llr) bestByZone.set(b.zone, b);
  });
  const candidates = [...bestByZone.values()].sort((a, b) => b.llr - a.llr || a.zone - b.zone);

  // Monte Carlo: permute the days of the cases.
  const caseArea: number[] = [];
  const caseDay: number[] = [];
  counts.forEach((row, a) => {
    row.forEach((v, t) => {
      for (let k = 0; k < v; k++) {
        caseArea.push(a);
        caseDay.push(t);
      }
    });
  });
  const stopAt =
    p.stopAfterExceedances === undefined
      ? Number.POSITIVE_INFINITY
      : requireInteger('params.stopAfterExceedances', p.stopAfterExceedances, 1);
  const topLlr = candidates[0]?.llr ?? 0;
  let exceedTop = 0;
  const simMax: number[] = [];
  const sim = counts.map(() => new Array<number>(D).fill(0));
  for (let r = 0; r < R && exceedTop < stopAt; r++) {
    shuffle(caseDay, random);
    for (const row of sim) row.fill(0);
    for (let i = 0; i < caseArea.length; i++) {
      const row = sim[caseArea[i] as number] as number[];
      row[caseDay[i] as number] = (row[caseDay[i] as number] as number) + 1;
    }
    const m = scanAll(sim, zones, areaTotals, dayTotals, C, L, prospective);
    simMax.push(m);
    if (m >= topLlr) exceedTop++;
  }

  const used = new Set<number>();
  const out: ScanCluster[] = [];
  for (const b of candidates) {
    if (out.length >= maxClusters) break;
    const z = zones[b.zone] as Zone;
    if (z.members.some((m) => used.has(m))) continue;
    for (const m of z.members) used.add(m);
    const exceed = simMax.filter((s) => s >= b.llr).length;
    out.push({
      areas: z.members.map((m) => (areas[m] as ScanArea).id),
      centre: (areas[z.centre] as ScanArea).id,
      radius: z.radius,
      start: b.start,
      end: b.end,
      observed: b.c,
      expected: b.mu,
      llr: b.llr,
      pValue: (1 + exceed) / (simMax.length + 1),
    });
  }
  return out;
}
