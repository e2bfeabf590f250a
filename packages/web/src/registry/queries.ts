// React Query hooks for the registry endpoints.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../platform/api.ts';
import type { ResponseOf } from '../platform/wire.ts';
import type { Area, GeoJsonCollection, Institution, InstitutionFilter, InstitutionPage, Summary } from './types.ts';

export function fetchArea(code: string, year?: number) {
  return api.get<Area>(`/areas/${encodeURIComponent(code)}`, { year });
}

export function useArea(code: string | null | undefined, year?: number) {
  return useQuery({
    queryKey: ['area', code, year],
    queryFn: () => fetchArea(code as string, year),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}

export function useSummary(code: string, year: number) {
  return useQuery({
    queryKey: ['summary', code, year],
    queryFn: () => api.get<Summary>(`/areas/${encodeURIComponent(code)}/summary`, { year }),
    placeholderData: keepPreviousData,
  });
}

export function useChildrenSummary(code: string, year: number) {
  return useQuery({
    queryKey: ['children-summary', code, year],
    queryFn: () =>
      api.get<ResponseOf<'/api/v1/areas/{code}/children-summary'>>(
        `/areas/${encodeURIComponent(code)}/children-summary`,
        { year },
      ),
    placeholderData: keepPreviousData,
  });
}

/** GeoJSON of the children of an area, or null when the server ships none (404). */
export function useBoundaries(code: string) {
  return useQuery({
    queryKey: ['boundaries', code],
    queryFn: async () => {
      try {
        return await api.get<GeoJsonCollection>(`/areas/${encodeURIComponent(code)}/boundaries`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type { GeoJsonCollection };

export function useInstitutions(filter: InstitutionFilter) {
  return useQuery({
    queryKey: ['institutions', filter],
    queryFn: () => api.get<InstitutionPage>('/institutions', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function useInstitution(id: string | undefined) {
  return useQuery({
    queryKey: ['institution', id],
    queryFn: () => api.get<Institution>(`/institutions/${encodeURIComponent(id as string)}`),
    enabled: !!id,
  });
}

export function useResources(id: string | undefined) {
  return useQuery({
    queryKey: ['resources', id],
    queryFn: () =>
      api.get<ResponseOf<'/api/v1/institutions/{id}/resources'>>(
        `/institutions/${encodeURIComponent(id as string)}/resources`,
      ),
    enabled: !!id,
  });
}
