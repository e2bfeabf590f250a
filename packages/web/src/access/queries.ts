// React Query hooks of the access map: the city's road network (main classes for the overview), travel minutes
// of every village to its nearest institution, coverage per child area, institutions with coordinates, and
// the isochrone and 2SFCA layers.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../platform/api.ts';
import type {
  CoverageResult,
  MapInstitution,
  NearestResult,
  PlacementRequest,
  PlacementResult,
  PolygonGeometry,
  RoadGeojson,
  RoadNetworkList,
} from './types.ts';

/** Road classes drawn in the overview (a city's village roads would bury the map). */
export const MAIN_CLASSES = 'motorway,trunk,primary,secondary,tertiary';
/** Categories of medical institutions counted by default (hospitals, primary care, public health, others). */
export const MEDICAL = ['A', 'B', 'C', 'D'];

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

export function useNearest(area: string) {
  return useQuery({
    queryKey: ['access-nearest', area],
    queryFn: () => api.get<NearestResult>('/access/nearest', { area, categories: MEDICAL.join(',') }),
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(area: string, minutes: number) {
  return useQuery({
    queryKey: ['access-coverage', area, minutes],
    queryFn: () => api.get<CoverageResult>('/access/coverage', { area, minutes, categories: MEDICAL.join(',') }),
    placeholderData: keepPreviousData,
  });
}

interface InstitutionItem {
  id: number;
  name: string;
  category: string;
  lng: number | null;
  lat: number | null;
}

/** Medical institutions of the area that have coordinates (first 500, the list's page limit). */
export function useMapInstitutions(area: string) {
  return useQuery({
    queryKey: ['access-institutions', area],
    queryFn: async (): Promise<MapInstitution[]> => {
      const page = await api.get<{ items: InstitutionItem[] }>('/institutions', { area, limit: 500 });
      return page.items.filter(
        (i): i is MapInstitution => i.lng !== null && i.lat !== null && MEDICAL.some((c) => i.category.startsWith(c)),
      );
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
export function useFca(area: string, minutes: number, enabled: boolean) {
  return useQuery({
    queryKey: ['access-fca', area, minutes],
    queryFn: async (): Promise<FcaItem[]> => {
      try {
        const res = await api.get<{ items: FcaItem[] }>('/access/fca', {
          area,
          minutes,
          resource: 'doctors',
          level: 'village',
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
