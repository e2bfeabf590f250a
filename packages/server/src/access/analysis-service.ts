// Travel times, nearest facilities, coverage and uncovered villages on a city's current road network. Every
// read is scope-checked (the area's readers); the expensive part — snapping every village and facility and one
// multi-source search from the facilities — is computed once per network, profile, facility set and registry
// version (the registry's change counter moves with every institution or population edit), so a coverage at
// 10, 15 or 30 minutes, or for another township, reuses it.
import { isochrone, nearestFacility, type RoadGraph, type Snap, snapPoints, travelTimes } from '@weijian/core/access';
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Db } from '../platform/db.ts';
import { invalid, notFound } from '../platform/errors.ts';
import {
  type AreaFactsService,
  type AreasService,
  currentYear,
  type InstitutionDirectory,
  type LocatedInstitution,
  normaliseAreaCode,
} from '../registry/index.ts';
import { cityOf, type LoadedNetwork, type NetworksService, type ProfileName } from './networks-service.ts';
import { type CityPlaces, cityPlaces, type VillagePlace } from './places.ts';
import { type CacheStats, CatchmentCache, SNAP_MAX_KM, SnapCache } from './point-cache.ts';

export { SNAP_MAX_KM };

/** Medical institutions (医院, 社区卫生服务中心/站, 卫生院, 门诊部/诊所/村卫生室): the default facilities. */
export const MEDICAL_CATEGORIES = ['A', 'B', 'C', 'D'] as const;

export interface FacilityOptions {
  categories?: readonly string[] | undefined;
  profile?: ProfileName | undefined;
  offroadKmh?: number | undefined;
}

/** Each village's travel minutes to its nearest facility (null: off the network or none reachable). */
export interface NearestTable {
  network: LoadedNetwork;
  places: CityPlaces;
  facilities: LocatedInstitution[];
  minutes: (number | null)[];
  facility: (number | null)[];
  /** Villages farther than SNAP_MAX_KM from every road. */
  offNetwork: number;
}

export interface CoverageRow {
  code: string;
  name: string;
  level: number;
  villages: number;
  households: number;
  householdsCovered: number;
  residents: number;
  residentsCovered: number;
  /** Share of households within the time, 0–1 (null without households). */
  share: number | null;
  residentShare: number | null;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export class AnalysisService {
  private readonly memo = new Map<string, Promise<unknown>>();
  /** What the point caches did (tests prove an institution edit re-snaps institutions only). */
  readonly cacheStats: CacheStats = { snapped: 0, snapReused: 0, rowsComputed: 0, columnsComputed: 0, rebuilds: 0 };
  /** Snaps of villages and institutions per city network, kept across registry edits (point-cache.ts). */
  readonly snapCache = new SnapCache(this.cacheStats);
  /** Villages' institutions within a catchment (2SFCA), kept across registry edits. */
  readonly catchments = new CatchmentCache(this.cacheStats);

  constructor(
    readonly db: Db,
    readonly areas: AreasService,
    readonly directory: InstitutionDirectory,
    readonly facts: AreaFactsService,
    readonly networks: NetworksService,
  ) {}

  /** A small memo of the latest few results per key (the key carries every version the value depends on). */
  private remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.memo.get(key);
    if (hit) return hit as Promise<T>;
    const value = compute();
    this.memo.set(key, value);
    value.catch(() => this.memo.delete(key));
    while (this.memo.size > 32) this.memo.delete(this.memo.keys().next().value!);
    return value;
  }

  /** The area asked about (default: the caller's own), readable by the caller. */
  async readableArea(policy: AccessPolicy, raw: string | undefined) {
    const code = raw ? normaliseAreaCode(raw) : policy.scopeAreaCode;
    if (!code) throw invalid([{ path: 'area', message: { zh: '请指定行政区划', en: 'Give the area' } }]);
    const area = (await this.areas.tree()).get(code);
    if (!area || area.level < 2) throw notFound({ zh: `行政区划 ${code} `, en: `Area ${code}` });
    await policy.requireReadArea(area.code);
    if (area.level === 2 && area.code.length !== 4) {
      throw invalid([
        { path: 'area', message: { zh: '请选择地级市或其下的区划', en: 'Choose a city or an area in one' } },
      ]);
    }
    return area;
  }

  /** The city's villages, townships, counties and institutions in `year`, per registry version. */
  async places(city: string, year = currentYear()): Promise<CityPlaces> {
    const version = await this.facts.version(city);
    return this.remember(`places:${city}:${year}:${version}`, async () =>
      cityPlaces(await this.areas.tree(), this.directory, city, year),
    );
  }

  /** A value that changes with the city's network, the profiles and its registry facts (for cached results). */
  async version(areaCode: string, profile: ProfileName = 'drive'): Promise<string> {
    const network = await this.networks.loaded(areaCode, profile);
    return `${network?.key ?? 'none'}:${await this.facts.version(cityOf(areaCode))}`;
  }

  /** Nearest facility of every village of the city of `areaCode` (unscoped: callers check the area). */
  async nearestTable(areaCode: string, o: FacilityOptions = {}, year = currentYear()): Promise<NearestTable> {
    const city = cityOf(areaCode);
    const network = await this.networks.require(city, o.profile ?? 'drive');
    const categories = [...(o.categories?.length ? o.categories : MEDICAL_CATEGORIES)].sort();
    const version = await this.facts.version(city);
    const key = `nearest:${network.key}:${version}:${year}:${categories.join(',')}:${o.offroadKmh ?? ''}`;
    return this.remember(key, async () => {
      const places = await this.places(city, year);
      const facilities = places.institutions.filter((i) => categories.some((c) => i.category.startsWith(c)));
      // Snaps of unmoved villages and institutions are reused across registry edits.
      const demand = this.villageSnaps(network, places);
      const sites = this.facilitySnaps(network, facilities);
      const r = nearestFacility(network.graph, demand, sites, { offroadKmh: o.offroadKmh });
      const minutes: (number | null)[] = [];
      const facility: (number | null)[] = [];
      for (let i = 0; i < demand.length; i++) {
        const s = r.seconds[i]!;
        minutes.push(Number.isFinite(s) ? s / 60 : null);
        facility.push(r.facility[i]! >= 0 ? facilities[r.facility[i]!]!.id : null);
      }
      return { network, places, facilities, minutes, facility, offNetwork: demand.filter((d) => d.segment < 0).length };
    });
  }

  /** The villages' snaps on the network (cached per village code and position). */
  villageSnaps(network: LoadedNetwork, places: CityPlaces): Snap[] {
    return this.snapCache.snaps(
      network,
      'village',
      places.villages.map((v) => ({ id: v.code, lng: v.lng, lat: v.lat })),
    );
  }

  /** The institutions' snaps on the network (cached per institution id and position). */
  facilitySnaps(network: LoadedNetwork, facilities: readonly LocatedInstitution[]): Snap[] {
    return this.snapCache.snaps(network, 'institution', facilities);
  }

  /** Per-village nearest facility under an area (scope-checked). */
  async nearest(policy: AccessPolicy, rawArea: string | undefined, o: FacilityOptions) {
    const area = await this.readableArea(policy, rawArea);
    const t = await this.nearestTable(area.code, o);
    const byId = new Map(t.facilities.map((f) => [f.id, f]));
    const items = t.places.villages.flatMap((v, i) =>
      v.code.startsWith(area.code)
        ? [
            {
              code: v.code,
              name: v.name,
              townshipCode: v.townshipCode,
              lng: v.lng,
              lat: v.lat,
              households: round(v.households, 1),
              minutes: t.minutes[i] === null ? null : round(t.minutes[i]!),
              facilityId: t.facility[i] ?? null,
              facilityName: t.facility[i] === null ? null : (byId.get(t.facility[i]!)?.name ?? null),
            },
          ]
        : [],
    );
    return { area: { code: area.code, name: area.name }, network: summaryOf(t.network), total: items.length, items };
  }

  /**
   * Share of households and residents within `minutes` of the nearest facility, for the area and each of its
   * children (or its villages when it is a township). Villages off the network count as not covered.
   */
  async coverage(policy: AccessPolicy, rawArea: string | undefined, minutes: number, o: FacilityOptions) {
    const area = await this.readableArea(policy, rawArea);
    const t = await this.nearestTable(area.code, o);
    const tree = await this.areas.tree();
    const childLevel = Math.min(5, area.level + 1);
    const keyOf = (v: VillagePlace) =>
      childLevel === 5 ? v.code : childLevel === 4 ? v.townshipCode : childLevel === 3 ? v.countyCode : area.code;
    const rows = new Map<string, CoverageRow>();
    const total = emptyRow(area.code, area.name, area.level);
    t.places.villages.forEach((v, i) => {
      if (!v.code.startsWith(area.code)) return;
      const k = keyOf(v);
      let row = rows.get(k);
      if (!row) {
        row = emptyRow(k, tree.get(k)?.name ?? k, childLevel);
        rows.set(k, row);
      }
      const covered = t.minutes[i] !== null && t.minutes[i]! <= minutes;
      for (const r of [row, total]) add(r, v, covered);
    });
    const children = [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)).map(finish);
    return {
      area: finish(total),
      minutes,
      children,
      offNetwork: t.places.villages.filter((v, i) => v.code.startsWith(area.code) && t.minutes[i] === null).length,
      network: summaryOf(t.network),
    };
  }

  /**
   * Every institution of the categories under the area that has coordinates, for the map (the city's ~5,750
   * fit in one compact answer, so none is dropped by a page limit): id, name, category, area code, position to
   * 5 decimals (≈1 m). Open at the end of this year, as coverage counts them.
   */
  async institutionsLayer(policy: AccessPolicy, rawArea: string | undefined, categories?: readonly string[]) {
    const area = await this.readableArea(policy, rawArea);
    const places = await this.places(cityOf(area.code));
    const prefixes = categories?.length ? categories : MEDICAL_CATEGORIES;
    const items = places.institutions
      .filter((i) => i.areaCode.startsWith(area.code) && prefixes.some((c) => i.category.startsWith(c)))
      .map((i) => ({
        id: i.id,
        name: i.name,
        category: i.category,
        areaCode: i.areaCode,
        lng: round(i.lng, 5),
        lat: round(i.lat, 5),
      }));
    return { area: { code: area.code, name: area.name }, total: items.length, items };
  }

  /** Villages under the area beyond `minutes` (or off the network), most households first. */
  async uncovered(policy: AccessPolicy, rawArea: string | undefined, minutes: number, o: FacilityOptions, limit = 500) {
    const { items } = await this.nearest(policy, rawArea, o);
    const out = items
      .filter((v) => v.minutes === null || v.minutes > minutes)
      .sort((a, b) => b.households - a.households || a.code.localeCompare(b.code));
    return { minutes, total: out.length, items: out.slice(0, limit) };
  }

  /**
   * Isochrones of an institution (readable by the caller): the places from which it is reached within each
   * threshold (core isochrone: reached roads plus a short off-road walk, traced on a ~100 m grid).
   */
  async isochrone(policy: AccessPolicy, institutionId: number, minutes: number[], o: FacilityOptions) {
    const byId = await this.directory.byIds([institutionId]);
    const inst = byId.get(institutionId);
    await policy.requireReadInstitution(inst, { zh: `机构 ${institutionId} `, en: `Institution ${institutionId}` });
    const city = cityOf(inst!.areaCode);
    const network = await this.networks.require(city, o.profile ?? 'drive');
    const [point] = await this.resolvePoints(policy, city, [{ institutionId }], 'institution');
    const snap = snapPoints(network.graph, [point!], { maxKm: SNAP_MAX_KM })[0]!;
    const sorted = [...new Set(minutes)].sort((a, b) => a - b);
    const polygons = isochrone(
      network.graph,
      snap,
      sorted.map((m) => m * 60),
      { offroadKmh: o.offroadKmh },
    );
    return {
      type: 'FeatureCollection' as const,
      institution: { id: inst!.id, name: inst!.name, lng: point!.lng, lat: point!.lat, offNetwork: snap.segment < 0 },
      network: summaryOf(network),
      features: polygons.map((p) => ({
        type: 'Feature' as const,
        properties: { minutes: p.seconds / 60 },
        geometry: p.geometry,
      })),
    };
  }

  /**
   * Travel minutes from each origin to each destination (a many-to-many matrix on the city's network; at most
   * 1,000 × 1,000). Points are coordinates or institutions (by id, within the caller's scope).
   */
  async travelTimes(
    policy: AccessPolicy,
    input: {
      area: string;
      origins: PointInput[];
      destinations: PointInput[];
      profile?: ProfileName | undefined;
      offroadKmh?: number | undefined;
    },
  ) {
    const area = await this.readableArea(policy, input.area);
    const network = await this.networks.require(area.code, input.profile ?? 'drive');
    const [origins, destinations] = await Promise.all([
      this.resolvePoints(policy, cityOf(area.code), input.origins, 'origins'),
      this.resolvePoints(policy, cityOf(area.code), input.destinations, 'destinations'),
    ]);
    const g: RoadGraph = network.graph;
    const from = snapPoints(g, origins, { maxKm: SNAP_MAX_KM });
    const to = snapPoints(g, destinations, { maxKm: SNAP_MAX_KM });
    const seconds = travelTimes(g, from, to, { offroadKmh: input.offroadKmh });
    const rows = from.map((_, i) =>
      to.map((__, j) => {
        const s = seconds[i * to.length + j]!;
        return Number.isFinite(s) ? round(s / 60) : null;
      }),
    );
    const offroad = (s: Snap[]) => s.map((x) => (x.segment < 0 ? null : round(x.offroadM, 0)));
    return {
      network: summaryOf(network),
      origins: origins.map((p, i) => ({ ...p, offroadM: offroad(from)[i]! })),
      destinations: destinations.map((p, j) => ({ ...p, offroadM: offroad(to)[j]! })),
      minutes: rows,
    };
  }

  /** Points of a request: coordinates as given, institutions by id (404 outside the caller's scope). */
  async resolvePoints(
    policy: AccessPolicy,
    city: string,
    points: PointInput[],
    path: string,
  ): Promise<ResolvedPoint[]> {
    const ids = points.flatMap((p) => ('institutionId' in p ? [p.institutionId] : []));
    const known = new Map<number, LocatedInstitution>();
    if (ids.length) {
      const byId = await this.directory.byIds(ids);
      for (const id of ids) {
        const inst = byId.get(id);
        await policy.requireReadInstitution(inst, { zh: `机构 ${id} `, en: `Institution ${id}` });
      }
      const located = (await this.places(city)).institutions;
      for (const l of located) if (byId.has(l.id)) known.set(l.id, l);
    }
    return points.map((p, i) => {
      if (!('institutionId' in p)) return { id: p.id ?? null, lng: p.lng, lat: p.lat };
      const inst = known.get(p.institutionId);
      if (!inst) {
        throw invalid([
          {
            path: `${path}[${i}].institutionId`,
            message: {
              zh: `机构 ${p.institutionId} 没有坐标`,
              en: `Institution ${p.institutionId} has no coordinates`,
            },
          },
        ]);
      }
      return { id: String(inst.id), name: inst.name, lng: inst.lng, lat: inst.lat };
    });
  }
}

export type PointInput = { id?: string | undefined; lng: number; lat: number } | { institutionId: number };
export interface ResolvedPoint {
  id: string | null;
  name?: string;
  lng: number;
  lat: number;
}

export const summaryOf = (n: LoadedNetwork) => ({
  id: n.network.id,
  name: n.network.name,
  synthetic: n.network.synthetic,
  profile: n.profile.name,
  lines: n.network.lines,
  edges: n.graph.edgeCount,
});

function emptyRow(code: string, name: string, level: number): CoverageRow {
  return {
    code,
    name,
    level,
    villages: 0,
    households: 0,
    householdsCovered: 0,
    residents: 0,
    residentsCovered: 0,
    share: null,
    residentShare: null,
  };
}

function add(r: CoverageRow, v: VillagePlace, covered: boolean) {
  r.villages++;
  r.households += v.households;
  r.residents += v.residents;
  if (covered) {
    r.householdsCovered += v.households;
    r.residentsCovered += v.residents;
  }
}

function finish(r: CoverageRow): CoverageRow {
  return {
    ...r,
    households: round(r.households, 1),
    householdsCovered: round(r.householdsCovered, 1),
    residents: round(r.residents, 0),
    residentsCovered: round(r.residentsCovered, 0),
    share: r.households > 0 ? round(r.householdsCovered / r.households, 4) : null,
    residentShare: r.residents > 0 ? round(r.residentsCovered / r.residents, 4) : null,
  };
}
