// React Query hooks of the access map: the city's road network (main classes for the overview), travel minutes
// of every village to its nearest institution, coverage per child area, institutions with coordinates, and
// the isochrone and 2SFCA layers.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, request } from '../platform/api.ts';
import type {
  CoverageResult,
  MapInstitution,
  NearestResult,
  PlacementRequest,
  PlacementResult,
  PlanOption,
  PolygonGeometry,
  RoadGeojson,
  RoadNetworkList,
  Scenario,
  ScenarioInput,
  ScenarioList,
} from './types.ts';

/** Road classes drawn in the overview (a city's village roads would bury the map). */
export const MAIN_CLASSES = 'motorway,trunk,primary,secondary,tertiary';
/** Categories of medical institutions counted by default (hospitals, community care, health centres, clinics). */
export const MEDICAL = ['A', 'B', 'C', 'D'];

/**
 * The facility categories the map measures the circle against (WS 218 prefixes). With every medical institution
 * the demo's village clinics put each village inside 15 minutes; the narrower choices answer the plan's own
 * questions (a community health centre or township health centre within 15 minutes, a hospital, emergency).
 */
export const CATEGORY_CHOICES = {
  medical: MEDICAL,
  centres: ['B1', 'C'],
  hospitals: ['A'],
  emergency: ['E'],
  // What the emergency standards count (access's EMERGENCY_CATEGORIES): hospitals' emergency departments take
  // 120 calls in most counties.
  emergencyCare: ['E', 'A'],
} as const;
export type CategoryChoice = keyof typeof CATEGORY_CHOICES;

export function useNetworks(city: string) {
  return useQuery({
    queryKey: ['access-networks', city],
    queryFn: () => api.get<RoadNetworkList>('/access/networks', { city }),
    staleTime: 60_000,
  });
}

export function useRoads(id: number | undefined, all: boolean) {
  return useQuery({
    queryKey: ['access-roads', id, all],
    queryFn: () => api.get<RoadGeojson>(`/access/networks/${id}/geojson`, all ? undefined : { classes: MAIN_CLASSES }),
    enabled: id !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useNearest(area: string, categories: readonly string[] = MEDICAL) {
  return useQuery({
    queryKey: ['access-nearest', area, categories.join(',')],
    queryFn: () => api.get<NearestResult>('/access/nearest', { area, categories: categories.join(',') }),
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(area: string, minutes: number, categories: readonly string[] = MEDICAL) {
  return useQuery({
    queryKey: ['access-coverage', area, minutes, categories.join(',')],
    queryFn: () => api.get<CoverageResult>('/access/coverage', { area, minutes, categories: categories.join(',') }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Every located institution of the chosen categories under the area (GET /access/institutions: no page limit,
 * the same institutions coverage counts), so a city's village clinics do not crowd out its emergency centres.
 */
export function useMapInstitutions(area: string, categories: readonly string[] = MEDICAL) {
  return useQuery({
    queryKey: ['access-institutions', area, categories.join(',')],
    queryFn: async (): Promise<MapInstitution[]> => {
      const res = await api.get<{ items: MapInstitution[] }>('/access/institutions', {
        area,
        categories: categories.join(','),
      });
      return res.items;
    },
    staleTime: 60_000,
  });
}

export interface Isochrone {
  minutes: number;
  geometry: PolygonGeometry;
}

/** Isochrones of one institution; an empty list while the server has no isochrone route (404). */
export function useIsochrone(institution: number | null, minutes: number) {
  return useQuery({
    queryKey: ['access-isochrone', institution, minutes],
    queryFn: async (): Promise<Isochrone[]> => {
      try {
        const res = await api.get<{
          items?: Isochrone[];
          features?: { properties?: { minutes?: number }; geometry: PolygonGeometry }[];
        }>('/access/isochrone', { institution, minutes });
        if (res.items) return res.items;
        return (res.features ?? []).map((f) => ({ minutes: f.properties?.minutes ?? minutes, geometry: f.geometry }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return [];
        throw error;
      }
    },
    enabled: institution !== null,
  });
}

export interface FcaPoint {
  code: string;
  name: string;
  lng: number;
  lat: number;
  ratio: number | null;
}

/** 2SFCA of one village (GET /access/fca, level village): doctors per 1,000 residents within the catchment. */
export interface FcaItem {
  code: string;
  name: string;
  per1000: number | null;
}

/** 2SFCA ratio per village of the area; empty without the route. */
export function useFca(area: string, minutes: number, enabled: boolean, categories: readonly string[] = MEDICAL) {
  return useQuery({
    queryKey: ['access-fca', area, minutes, categories.join(',')],
    queryFn: async (): Promise<FcaItem[]> => {
      try {
        const res = await api.get<{ items: FcaItem[] }>('/access/fca', {
          area,
          minutes,
          resource: 'doctors',
          level: 'village',
          categories: categories.join(','),
        });
        return res.items;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return [];
        throw error;
      }
    },
    enabled,
  });
}

export const runPlacement = (body: PlacementRequest) => api.post<PlacementResult>('/access/placement', body);

const SCENARIOS = 'access-scenarios';

/** Scenarios saved for the area (and the areas under it), newest first. */
export function useScenarios(area: string) {
  return useQuery({
    queryKey: [SCENARIOS, area],
    queryFn: () => api.get<ScenarioList>('/access/scenarios', { area }),
    placeholderData: keepPreviousData,
  });
}

/** Plans a scenario can be saved next to: those whose region holds the area or lies under it. */
export function usePlanOptions(area: string, enabled: boolean) {
  return useQuery({
    queryKey: ['access-plan-options'],
    queryFn: () => api.get<{ items: PlanOption[] }>('/plans', { limit: 500 }),
    select: (page) => page.items.filter((p) => area.startsWith(p.regionCode) || p.regionCode.startsWith(area)),
    enabled,
    staleTime: 60_000,
  });
}

export function useSaveScenario() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ScenarioInput) => api.post<Scenario>('/access/scenarios', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [SCENARIOS] }),
  });
}

export function useDeleteScenario() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request<undefined>(`/access/scenarios/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: [SCENARIOS] }),
  });
}
