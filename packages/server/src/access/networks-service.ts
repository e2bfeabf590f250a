// Road networks: importing one (all-or-nothing: written whole in one transaction, current only then), listing,
// the map's GeoJSON, the editable speed profiles, and the in-memory graph of a city's current network, built
// once per network and profile version (read from the database on every request, so an import or a profile
// edit through any app server is seen by the next request) rather than per request.
import {
  buildGraph,
  DRIVE_PROFILE,
  lineCount,
  type PackedLines,
  type RoadGraph,
  type SpeedProfile,
  unpackLines,
  WALK_PROFILE,
} from '@weijian/core/access';
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Actor } from '../platform/audit.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import type { Decoder } from '../platform/sheet-worker.ts';
import { workerFn } from '../platform/sheet-worker.ts';
import type { AreasService } from '../registry/index.ts';
import { decodeChunks } from './network-codec.ts';
import {
  currentNetwork,
  insertNetwork,
  listNetworks,
  type NetworkRow,
  type NetworkSource,
  networkById,
  networkChunks,
  profileRows,
  putProfile,
} from './networks-repo.ts';
import type { RoadFileResult } from './road-files.ts';

export type ProfileName = 'drive' | 'walk';
export const PROFILE_NAMES: readonly ProfileName[] = ['drive', 'walk'];
const DEFAULTS: Record<ProfileName, SpeedProfile> = { drive: DRIVE_PROFILE, walk: WALK_PROFILE };

export interface LoadedNetwork {
  network: NetworkRow;
  profile: SpeedProfile;
  profileVersion: number;
  lines: PackedLines;
  graph: RoadGraph;
  /** Key of this graph: network id, profile and its version (caches of results derived from it use it). */
  key: string;
}

const readRoads = workerFn<[Buffer, string], RoadFileResult>(
  new URL('./road-files.ts', import.meta.url).href,
  'readRoadFile',
);

/** A city's code (4 digits) from any area code under it. */
export const cityOf = (areaCode: string) => areaCode.slice(0, 4);

export class NetworksService {
  private readonly graphs = new Map<string, { key: string; value: Promise<LoadedNetwork> }>();

  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
  ) {}

  /** The profiles in force: core's defaults with the commission's edits over them. */
  async profiles(): Promise<Record<ProfileName, { profile: SpeedProfile; version: number; edited: boolean }>> {
    const rows = await profileRows(this.db);
    const out = {} as Record<ProfileName, { profile: SpeedProfile; version: number; edited: boolean }>;
    for (const name of PROFILE_NAMES) {
      const row = rows.find((r) => r.name === name);
      const base = DEFAULTS[name];
      out[name] = row
        ? {
            profile: { ...base, speeds: { ...row.speeds }, defaultKmh: row.defaultKmh, offroadKmh: row.offroadKmh },
            version: row.version,
            edited: true,
          }
        : { profile: base, version: 0, edited: false };
    }
    return out;
  }

  /** Edits a profile (administrators: the speeds apply to every city), audited; `version` as read (0 = defaults). */
  async editProfile(
    policy: AccessPolicy,
    name: ProfileName,
    edit: { speeds: Record<string, number>; defaultKmh: number; offroadKmh: number },
    version: number,
  ) {
    policy.requireAdmin();
    const before = (await this.profiles())[name];
    await this.db.tx(async (q) => {
      if (!(await putProfile(q, { name, ...edit }, version, policy.principal.username))) throw conflict();
      await audit(q, policy.actor, {
        action: 'access.profile.update',
        entity: 'access_profile',
        entityId: name,
        before: {
          speeds: before.profile.speeds,
          defaultKmh: before.profile.defaultKmh,
          offroadKmh: before.profile.offroadKmh,
        },
        after: edit,
      });
    });
    return (await this.profiles())[name];
  }

  /** The current network of the city of `areaCode` as a graph under a profile, or null when it has none. */
  async loaded(areaCode: string, profileName: ProfileName = 'drive'): Promise<LoadedNetwork | null> {
    const city = cityOf(areaCode);
    const [network, profiles] = await Promise.all([currentNetwork(this.db, city), this.profiles()]);
    if (!network) return null;
    const { profile, version } = profiles[profileName];
    const key = `${network.id}:${profileName}:${version}`;
    const slot = `${city}:${profileName}`;
    const hit = this.graphs.get(slot);
    if (hit?.key === key) return hit.value;
    const value = (async () => {
      const lines = decodeChunks(await networkChunks(this.db, network.id));
      const graph = buildGraph(unpackLines(lines), profile);
      return { network, profile, profileVersion: version, lines, graph, key };
    })();
    this.graphs.set(slot, { key, value });
    value.catch(() => {
      if (this.graphs.get(slot)?.value === value) this.graphs.delete(slot);
    });
    return value;
  }

  /** Like `loaded`, refusing (422, naming the city) when the city has no network. */
  async require(areaCode: string, profileName: ProfileName = 'drive'): Promise<LoadedNetwork> {
    const n = await this.loaded(areaCode, profileName);
    if (!n) {
      const city = cityOf(areaCode);
      const name = (await this.areas.tree()).get(city)?.name ?? city;
      throw invalid([
        {
          path: 'area',
          message: {
            zh: `${name}尚无路网：请先导入 OpenStreetMap 或 GeoJSON 路网（演示数据会生成合成路网）`,
            en: `${name} has no road network yet: import an OpenStreetMap or GeoJSON network first (the demo generates a synthetic one)`,
          },
        },
      ]);
    }
    return n;
  }

  /** Imports an uploaded road file (parsed in the worker pool) as the city's new current network. */
  async importFile(
    policy: AccessPolicy,
    input: { city: string; name?: string | undefined; profile?: ProfileName | undefined },
    file: { filename: string; body: Buffer; decoder: Decoder },
  ) {
    const city = await this.requireCity(policy, input.city);
    const read = await file.decoder.run(readRoads, [file.body, file.filename], file.filename);
    const network = await this.store(policy.actor, {
      city,
      name: input.name || file.filename,
      source: read.format,
      profile: input.profile ?? 'drive',
      synthetic: false,
      fileName: file.filename,
      lines: read.lines,
    });
    return { network, stats: read.stats };
  }

  /** Configuring a city's network: the city's own users with the configure right, or an administrator. */
  async requireCity(policy: AccessPolicy, raw: string): Promise<string> {
    const city = cityOf(raw);
    const area = (await this.areas.tree()).get(city);
    if (area?.level !== 2) {
      throw invalid([{ path: 'city', message: { zh: `${raw} 不是地级市代码`, en: `${raw} is not a city code` } }]);
    }
    policy.requireRight('configure', {
      zh: '只有市级用户或管理员可以导入路网',
      en: 'Only city users and administrators can import road networks',
    });
    await policy.requireWriteArea(city);
    return city;
  }

  /** Writes a network whole (one transaction, with its audit entry): it replaces the current one on commit. */
  async store(
    actor: Actor,
    n: {
      city: string;
      name: string;
      source: NetworkSource;
      profile: ProfileName;
      synthetic: boolean;
      fileName: string | null;
      lines: PackedLines;
    },
  ): Promise<NetworkRow> {
    return this.db.tx(async (q) => {
      const row = await insertNetwork(
        q,
        {
          cityCode: n.city,
          name: n.name,
          source: n.source,
          profile: n.profile,
          synthetic: n.synthetic,
          fileName: n.fileName,
          createdBy: actor.username ?? actor.principal?.username ?? null,
        },
        n.lines,
      );
      await audit(q, actor, {
        action: 'access.network.import',
        entity: 'road_network',
        entityId: row.id,
        areaCode: n.city,
        after: { name: n.name, source: n.source, lines: lineCount(n.lines), synthetic: n.synthetic },
      });
      return row;
    });
  }

  /** Networks of the cities the caller may read (a county user: its city's). */
  async list(policy: AccessPolicy, city?: string) {
    policy.requireRight('readArea');
    const root = city ? cityOf(city) : policy.scopeAreaCode ? cityOf(policy.scopeAreaCode) : '';
    if (root) await this.requireReadCity(policy, root);
    const items = await listNetworks(this.db, root);
    return { total: items.length, items };
  }

  /** Reading a city's network: anyone who reads an area of the city (a county user sees its city's roads). */
  private async requireReadCity(policy: AccessPolicy, city: string) {
    policy.requireRight('readArea');
    const scope = policy.scopeAreaCode;
    if (policy.isAdmin || (scope && (cityOf(scope) === city || (await policy.mayReadArea(city))))) return;
    await policy.requireReadArea(city);
  }

  /** A network's lines as GeoJSON for the map (coordinates to 5 decimals, ≈1 m), optionally only some classes. */
  async geojson(policy: AccessPolicy, id: number, classes?: readonly string[]) {
    const network = await networkById(this.db, id);
    if (!network) throw notFound({ zh: `路网 ${id} `, en: `Road network ${id}` });
    await this.requireReadCity(policy, network.cityCode);
    if (!network.isCurrent) {
      throw invalid([
        {
          path: 'id',
          message: { zh: '该路网已被新导入的路网取代', en: 'This network was replaced by a newer import' },
        },
      ]);
    }
    const lines = decodeChunks(await networkChunks(this.db, id));
    const keep = classes?.length ? new Set(classes) : null;
    const r5 = (x: number) => Math.round(x * 1e5) / 1e5;
    const features: unknown[] = [];
    for (let i = 0; i < lineCount(lines); i++) {
      const highway = lines.highway[i]!;
      if (keep && !keep.has(highway)) continue;
      const coords: [number, number][] = [];
      for (let k = lines.starts[i]!; k < lines.starts[i + 1]!; k++) {
        const p: [number, number] = [r5(lines.coords[2 * k]!), r5(lines.coords[2 * k + 1]!)];
        const last = coords[coords.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
      }
      if (coords.length < 2) continue;
      features.push({
        type: 'Feature',
        properties: { highway, oneway: lines.oneway[i] === 1 },
        geometry: { type: 'LineString', coordinates: coords },
      });
    }
    return { type: 'FeatureCollection' as const, network: { id, synthetic: network.synthetic }, features };
  }
}
