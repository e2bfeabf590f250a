// SQL of the access context's own tables: road networks and their packed line chunks, speed profiles,
// placement scenarios (migration 030).
import type { PackedLines } from '@weijian/core/access';
import type { Queryable } from '../platform/db.ts';
import { encodeChunks } from './network-codec.ts';

export type NetworkSource = 'osm-pbf' | 'osm-xml' | 'geojson' | 'synthetic';

export interface NetworkRow {
  id: number;
  cityCode: string;
  name: string;
  source: NetworkSource;
  profile: string;
  synthetic: boolean;
  isCurrent: boolean;
  lines: number;
  points: number;
  bbox: [number, number, number, number];
  fileName: string | null;
  createdBy: string | null;
  createdAt: string;
  version: number;
}

const NETWORK_COLUMNS = `id, city_code as "cityCode", name, source, profile, synthetic, is_current as "isCurrent", lines,
  points, array[min_lng, min_lat, max_lng, max_lat] as bbox, file_name as "fileName", created_by as "createdBy",
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt", version`;

const fix = (r: NetworkRow): NetworkRow => ({ ...r, id: Number(r.id), bbox: r.bbox.map(Number) as NetworkRow['bbox'] });

export interface NewNetwork {
  cityCode: string;
  name: string;
  source: NetworkSource;
  profile: string;
  synthetic: boolean;
  fileName: string | null;
  createdBy: string | null;
}

function bboxOf(p: PackedLines): [number, number, number, number] {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < p.coords.length; i += 2) {
    const lng = p.coords[i]!;
    const lat = p.coords[i + 1]!;
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return [minLng, minLat, maxLng, maxLat];
}

/**
 * Writes a whole network and makes it the city's current one (in the caller's transaction): the previous
 * network keeps its row as history (scenarios name it) but not its lines.
 */
export async function insertNetwork(q: Queryable, n: NewNetwork, lines: PackedLines): Promise<NetworkRow> {
  const [minLng, minLat, maxLng, maxLat] = bboxOf(lines);
  const { rows } = await q.query<{ id: number }>(
    `insert into road_networks (city_code, name, source, profile, synthetic, lines, points, min_lng, min_lat, max_lng,
       max_lat, file_name, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      n.cityCode,
      n.name,
      n.source,
      n.profile,
      n.synthetic,
      lines.starts.length - 1,
      lines.coords.length / 2,
      minLng,
      minLat,
      maxLng,
      maxLat,
      n.fileName,
      n.createdBy,
    ],
  );
  const id = Number(rows[0]!.id);
  const chunks = encodeChunks(lines);
  for (let i = 0; i < chunks.length; i++) {
    await q.query('insert into road_network_chunks (network_id, chunk, lines, payload) values ($1, $2, $3, $4)', [
      id,
      i,
      chunks[i]!.lines,
      chunks[i]!.payload,
    ]);
  }
  const { rows: old } = await q.query<{ id: number }>(
    'update road_networks set is_current = false where city_code = $1 and is_current returning id',
    [n.cityCode],
  );
  if (old.length) {
    await q.query('delete from road_network_chunks where network_id = any($1::int[])', [old.map((r) => r.id)]);
  }
  await q.query('update road_networks set is_current = true where id = $1', [id]);
  return (await networkById(q, id))!;
}

export async function networkById(q: Queryable, id: number): Promise<NetworkRow | null> {
  const { rows } = await q.query<NetworkRow>(`select ${NETWORK_COLUMNS} from road_networks where id = $1`, [id]);
  return rows[0] ? fix(rows[0]) : null;
}

export async function currentNetwork(q: Queryable, cityCode: string): Promise<NetworkRow | null> {
  const { rows } = await q.query<NetworkRow>(
    `select ${NETWORK_COLUMNS} from road_networks where city_code = $1 and is_current`,
    [cityCode],
  );
  return rows[0] ? fix(rows[0]) : null;
}

/** Networks of the cities whose code starts with `prefix` ('' = all), newest first. */
export async function listNetworks(q: Queryable, prefix: string, limit = 100): Promise<NetworkRow[]> {
  const { rows } = await q.query<NetworkRow>(
    `select ${NETWORK_COLUMNS} from road_networks where city_code like $1 order by city_code, id desc limit $2`,
    [`${prefix}%`, limit],
  );
  return rows.map(fix);
}

export async function networkChunks(q: Queryable, id: number): Promise<Uint8Array[]> {
  const { rows } = await q.query<{ payload: Uint8Array }>(
    'select payload from road_network_chunks where network_id = $1 order by chunk',
    [id],
  );
  return rows.map((r) => r.payload);
}

/** Removes a city's synthetic networks (demo reset); an imported network stays. */
export async function deleteSyntheticNetworks(q: Queryable, cityCode: string): Promise<void> {
  await q.query('delete from road_networks where city_code = $1 and synthetic', [cityCode]);
}

// ---- speed profiles ----------------------------------------------------------------------------------------

export interface ProfileRow {
  name: 'drive' | 'walk';
  speeds: Record<string, number>;
  defaultKmh: number;
  offroadKmh: number;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export async function profileRows(q: Queryable): Promise<ProfileRow[]> {
  const { rows } = await q.query<ProfileRow>(
    `select name, speeds, default_kmh as "defaultKmh", offroad_kmh as "offroadKmh", version, updated_by as "updatedBy",
            to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"
       from access_profiles`,
  );
  return rows;
}

/** Saves a profile's edit when `version` is the one read (0: none saved yet); false on a concurrent edit. */
export async function putProfile(
  q: Queryable,
  p: { name: string; speeds: Record<string, number>; defaultKmh: number; offroadKmh: number },
  version: number,
  by: string,
): Promise<boolean> {
  if (version === 0) {
    const { rows } = await q.query(
      `insert into access_profiles (name, speeds, default_kmh, offroad_kmh, updated_by) values ($1, $2, $3, $4, $5)
       on conflict (name) do nothing returning name`,
      [p.name, JSON.stringify(p.speeds), p.defaultKmh, p.offroadKmh, by],
    );
    return rows.length === 1;
  }
  const { rows } = await q.query(
    `update access_profiles set speeds = $2, default_kmh = $3, offroad_kmh = $4, updated_by = $5, updated_at = now(),
            version = version + 1
      where name = $1 and version = $6 returning name`,
    [p.name, JSON.stringify(p.speeds), p.defaultKmh, p.offroadKmh, by, version],
  );
  return rows.length === 1;
}

// ---- scenarios -----------------------------------------------------------------------------------------------

export interface ScenarioRow {
  id: number;
  areaCode: string;
  planId: number | null;
  name: string;
  model: 'lscp' | 'mclp' | 'pmedian';
  networkId: number;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
  createdBy: string | null;
  createdAt: string;
}

const SCENARIO_COLUMNS = `id, area_code as "areaCode", plan_id as "planId", name, model, network_id as "networkId", params,
  result, created_by as "createdBy", to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"`;

export async function insertScenario(q: Queryable, s: Omit<ScenarioRow, 'id' | 'createdAt'>): Promise<ScenarioRow> {
  const { rows } = await q.query<ScenarioRow>(
    `insert into access_scenarios (area_code, plan_id, name, model, network_id, params, result, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${SCENARIO_COLUMNS}`,
    [
      s.areaCode,
      s.planId,
      s.name,
      s.model,
      s.networkId,
      JSON.stringify(s.params),
      JSON.stringify(s.result),
      s.createdBy,
    ],
  );
  return rows[0]!;
}

/** Scenarios of areas under `prefix`, newest first (optionally of one plan). */
export async function listScenarios(q: Queryable, prefix: string, planId: number | null): Promise<ScenarioRow[]> {
  const { rows } = await q.query<ScenarioRow>(
    `select ${SCENARIO_COLUMNS} from access_scenarios
      where area_code like $1 and ($2::int is null or plan_id = $2) order by id desc limit 200`,
    [`${prefix}%`, planId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** One scenario, or null. */
export async function getScenario(q: Queryable, id: number): Promise<ScenarioRow | null> {
  const { rows } = await q.query<ScenarioRow>(`select ${SCENARIO_COLUMNS} from access_scenarios where id = $1`, [id]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

export async function deleteScenario(q: Queryable, id: number): Promise<boolean> {
  const { rows } = await q.query('delete from access_scenarios where id = $1 returning id', [id]);
  return rows.length > 0;
}
