// Shapes of the access routes (server access/access-wire.ts). Written out here until the wire types are
// regenerated with them (`npm run wire`: RoadNetwork, VillageMinutes, AccessCoverage, AccessPlacement …); the
// server's schemas are the truth, these mirror the fields the map reads.

export interface RoadNetwork {
  id: number;
  cityCode: string;
  name: string;
  source: 'osm-pbf' | 'osm-xml' | 'geojson' | 'synthetic';
  synthetic: boolean;
  isCurrent: boolean;
  lines: number;
  bbox: number[];
}

export interface RoadNetworkList {
  total: number;
  items: RoadNetwork[];
}

export interface RoadFeature {
  type: 'Feature';
  properties: { highway?: string | null; oneway?: boolean | null };
  geometry: { type: 'LineString'; coordinates: [number, number][] } | { type: string; coordinates: unknown };
}

export interface RoadGeojson {
  type: 'FeatureCollection';
  network: { id: number; synthetic: boolean };
  features: RoadFeature[];
}

export interface NetworkSummary {
  id: number;
  name: string;
  synthetic: boolean;
  profile: string;
  lines: number;
  edges: number;
}

export interface VillageMinutes {
  code: string;
  name: string;
  townshipCode: string;
  lng: number;
  lat: number;
  households: number;
  /** null: off the network or no facility reachable. */
  minutes: number | null;
  facilityId: number | null;
  facilityName: string | null;
}

export interface NearestResult {
  area: { code: string; name: string };
  network: NetworkSummary;
  total: number;
  items: VillageMinutes[];
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
  share: number | null;
  residentShare: number | null;
}

export interface CoverageResult {
  area: CoverageRow;
  minutes: number;
  children: CoverageRow[];
  offNetwork: number;
  network: NetworkSummary;
}

export type PlacementModel = 'lscp' | 'mclp' | 'pmedian';

export interface PlacementRequest {
  area?: string;
  model: PlacementModel;
  minutes: number;
  sites?: number;
  candidates?: 'townships' | 'villages';
  keepExisting?: boolean;
  categories?: string[];
  timeLimitSeconds?: number;
}

export interface PlacementSite {
  id: string;
  name: string;
  lng: number;
  lat: number;
  addedHouseholds: number;
}

export interface PlacementResult {
  area: { code: string; name: string };
  network: NetworkSummary;
  model: PlacementModel;
  minutes: number;
  sites: PlacementSite[];
  kept: number;
  objective: number;
  optimal: boolean;
  bound: number | null;
  gap: number | null;
  method: 'mip' | 'heuristic';
  households: number;
  coveredToday: number;
  coveredAfter: number;
  uncoverable: string[];
  reduced: { demand: number; candidates: number };
  matrixMs: number;
}

/** An institution drawn on the map (registry list items with coordinates). */
export interface MapInstitution {
  id: number;
  name: string;
  category: string;
  lng: number;
  lat: number;
}

/** GeoJSON polygon or multipolygon (an isochrone). */
export interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

/** A placement saved as a planning scenario (GET/POST /access/scenarios); `result` is the PlacementResult. */
export interface Scenario {
  id: number;
  areaCode: string;
  planId: number | null;
  name: string;
  model: PlacementModel;
  networkId: number;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
  createdBy: string | null;
  createdAt: string;
}

export interface ScenarioList {
  total: number;
  items: Scenario[];
}

export interface ScenarioInput {
  area: string;
  planId?: number | null;
  name: string;
  params: Record<string, unknown>;
  result: PlacementResult;
}

/** The plans a scenario can be saved next to (GET /plans items, the fields the form reads). */
export interface PlanOption {
  id: number;
  name: string;
  regionCode: string;
  status: string;
}
