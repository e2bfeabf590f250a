// What an institution edit leaves alone, kept across edits (issue 17: coverage and 2SFCA of the city after a
// facility edit < 1 s). The registry's change counter moves with every institution edit, yet villages stay
// where they are and the network does not change: snapping the city's ~3,600 villages and the travel times
// from them to thousands of institutions were redone for nothing. Here:
// - SnapCache: each point's snap by its identity AND coordinates, per city network (a moved point — a village
//   placed at its clinic's mean position, an institution given new coordinates — is snapped again; the rest is
//   reused). One slot per network and kind, holding only the points of the last call: memory stays bounded.
// - CatchmentCache: per network, categories and catchment, each village's institutions within the catchment
//   (sparse rows, core travelTimesWithin). A new or moved institution adds a column (one search per village,
//   bounded by the hierarchy), a new or moved village a row; a closed institution's column is left dead (no
//   supply) until dead columns pile up, then the entry is rebuilt.
import { type ReachRow, type Snap, snapPoints, travelTimesWithin } from '@weijian/core/access';
import type { LoadedNetwork } from './networks-service.ts';

/** A point farther than this from every road is off the network (reported, never moved). */
export const SNAP_MAX_KM = 10;

export interface KeyedPoint {
  /** Identity of the point (village code, institution id); its coordinates are added to the cache key. */
  id: string | number;
  lng: number;
  lat: number;
}

const pointKey = (p: KeyedPoint) => `${p.id}@${p.lng},${p.lat}`;

/** Counters of the caches' work (tests and the bench read them). */
export interface CacheStats {
  snapped: number;
  snapReused: number;
  rowsComputed: number;
  columnsComputed: number;
  rebuilds: number;
}

export class SnapCache {
  private readonly slots = new Map<string, { networkKey: string; byKey: Map<string, Snap> }>();

  constructor(
    readonly stats: CacheStats,
    private readonly maxSlots = 8,
  ) {}

  /** The points' snaps on the network, reusing those of the same point at the same place. */
  snaps(network: LoadedNetwork, kind: string, points: readonly KeyedPoint[]): Snap[] {
    const slotKey = `${network.network.cityCode}:${network.profile.name}:${kind}`;
    const slot = this.slots.get(slotKey);
    const old = slot?.networkKey === network.key ? slot.byKey : new Map<string, Snap>();
    const byKey = new Map<string, Snap>();
    const missing: number[] = [];
    const out: Snap[] = points.map((p, i) => {
      const hit = old.get(pointKey(p));
      if (!hit) missing.push(i);
      return hit as Snap;
    });
    const fresh = snapPoints(
      network.graph,
      missing.map((i) => points[i]!),
      { maxKm: SNAP_MAX_KM },
    );
    missing.forEach((i, k) => {
      out[i] = fresh[k]!;
    });
    points.forEach((p, i) => {
      byKey.set(pointKey(p), out[i]!);
    });
    this.stats.snapped += missing.length;
    this.stats.snapReused += points.length - missing.length;
    this.slots.delete(slotKey);
    this.slots.set(slotKey, { networkKey: network.key, byKey });
    while (this.slots.size > this.maxSlots) this.slots.delete(this.slots.keys().next().value!);
    return out;
  }
}

interface Catchment {
  /** Institution (id and coordinates) → column. */
  cols: Map<string, number>;
  colCount: number;
  /** Village (code and coordinates) → its institutions within the catchment. */
  rows: Map<string, ReachRow>;
}

/** Dead columns (closed or moved institutions) tolerated before an entry is rebuilt. */
const MAX_DEAD = 256;

export class CatchmentCache {
  private readonly entries = new Map<string, Catchment>();

  constructor(
    readonly stats: CacheStats,
    private readonly maxEntries = 4,
  ) {}

  /**
   * Each village's institutions within `maxSeconds` as rows (aligned with `villages`) and each institution's
   * column (aligned with `facilities`); columns of institutions no longer given get no supply.
   */
  rows(
    network: LoadedNetwork,
    key: string,
    villages: readonly KeyedPoint[],
    villageSnaps: readonly Snap[],
    facilities: readonly KeyedPoint[],
    facilitySnaps: readonly Snap[],
    maxSeconds: number,
  ): { rows: ReachRow[]; columnOf: Int32Array; columns: number } {
    const entryKey = `${network.key}:${key}:${maxSeconds}`;
    let hit = this.entries.get(entryKey);
    const facilityKeys = facilities.map(pointKey);
    if (hit) {
      const live = new Set(facilityKeys);
      const dead = [...hit.cols.keys()].filter((k) => !live.has(k)).length;
      if (dead > MAX_DEAD && dead > live.size / 4) hit = undefined;
    }
    if (!hit) this.stats.rebuilds++;
    const e: Catchment = hit ?? { cols: new Map(), colCount: 0, rows: new Map() };
    this.entries.delete(entryKey);
    this.entries.set(entryKey, e);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);

    const g = network.graph;
    const villageKeys = villages.map(pointKey);
    // New institutions: a column each, for the villages already known (new villages get every column below).
    const newFacilities = facilityKeys.flatMap((k, j) => (e.cols.has(k) ? [] : [j]));
    const known = villageKeys.flatMap((k, i) => (e.rows.has(k) ? [i] : []));
    if (newFacilities.length && known.length) {
      const t = travelTimesWithin(
        g,
        known.map((i) => villageSnaps[i]!),
        newFacilities.map((j) => facilitySnaps[j]!),
        { maxSeconds },
      );
      known.forEach((i, r) => {
        const from = t.first[r]!;
        const to = t.first[r + 1]!;
        if (from === to) return;
        const row = e.rows.get(villageKeys[i]!)!;
        const col = new Int32Array(row.col.length + to - from);
        const sec = new Float32Array(col.length);
        col.set(row.col as Int32Array);
        sec.set(row.sec as Float32Array);
        for (let k = from; k < to; k++) {
          col[row.col.length + k - from] = e.colCount + t.target[k]!;
          sec[row.col.length + k - from] = t.seconds[k]!;
        }
        e.rows.set(villageKeys[i]!, { col, sec });
      });
    }
    newFacilities.forEach((j, k) => {
      e.cols.set(facilityKeys[j]!, e.colCount + k);
    });
    e.colCount += newFacilities.length;
    this.stats.columnsComputed += newFacilities.length;
    const columnOf = Int32Array.from(facilityKeys, (k) => e.cols.get(k)!);
    // New villages: a row each, against every current institution.
    const newVillages = villageKeys.flatMap((k, i) => (e.rows.has(k) ? [] : [i]));
    if (newVillages.length) {
      const t = travelTimesWithin(
        g,
        newVillages.map((i) => villageSnaps[i]!),
        facilitySnaps,
        { maxSeconds },
      );
      newVillages.forEach((i, r) => {
        const from = t.first[r]!;
        const to = t.first[r + 1]!;
        const col = new Int32Array(to - from);
        for (let k = from; k < to; k++) col[k - from] = columnOf[t.target[k]!]!;
        e.rows.set(villageKeys[i]!, { col, sec: t.seconds.slice(from, to) });
      });
      this.stats.rowsComputed += newVillages.length;
    }
    // Only the current villages stay (a moved village's old row goes).
    const rows = villageKeys.map((k) => e.rows.get(k)!);
    e.rows = new Map(villageKeys.map((k, i) => [k, rows[i]!]));
    return { rows, columnOf, columns: e.colCount };
  }
}
