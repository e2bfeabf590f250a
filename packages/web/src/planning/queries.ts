// React Query hooks for the planning endpoints. Every evaluation query key starts with 'plan-eval' so one
// invalidation after an edit (a reported value, a target) refreshes every view of every plan at once.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../platform/api.ts';
import type { ResponseOf } from '../platform/wire.ts';
import type { ByAreaResponse, Evaluation, PlanDetail } from './types.ts';

export const EVAL_KEY = 'plan-eval';

export function usePlans() {
  return useQuery({
    queryKey: ['plans'],
    queryFn: () => api.get<ResponseOf<'/api/v1/plans'>>('/plans', { limit: 500 }),
  });
}

export function usePlan(id: number | undefined) {
  return useQuery({
    queryKey: ['plan', id],
    queryFn: () => api.get<PlanDetail>(`/plans/${id}`),
    enabled: id !== undefined && Number.isFinite(id),
  });
}

export function fetchEvaluation(id: number, area: string | undefined, year: number | undefined) {
  return api.get<Evaluation>(`/plans/${id}/evaluation`, { area, year });
}

export function useEvaluation(id: number, area: string | undefined, year: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [EVAL_KEY, 'evaluation', id, area ?? null, year ?? null],
    queryFn: () => fetchEvaluation(id, area, year),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Evaluations of every year in [from, to] for one area: the sparklines' series. */
export function useEvaluationYears(id: number, area: string | undefined, from: number, to: number, enabled = true) {
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return useQueries({
    queries: years.map((year) => ({
      queryKey: [EVAL_KEY, 'evaluation', id, area ?? null, year],
      queryFn: () => fetchEvaluation(id, area, year),
      enabled: enabled && !!area,
      staleTime: 30_000,
    })),
  });
}

export function useByArea(id: number, seq: number, area: string | undefined, year: number | undefined) {
  return useQuery({
    queryKey: [EVAL_KEY, 'by-area', id, seq, area ?? null, year ?? null],
    queryFn: () => api.get<ByAreaResponse>(`/plans/${id}/indicators/${seq}/by-area`, { area, year }),
    placeholderData: keepPreviousData,
    enabled: !!area,
  });
}

/** by-area for every year of the period: the series of every child area (and the area itself). */
export function useByAreaYears(id: number, seq: number, area: string | undefined, from: number, to: number) {
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return useQueries({
    queries: years.map((year) => ({
      queryKey: [EVAL_KEY, 'by-area', id, seq, area ?? null, year],
      queryFn: () => api.get<ByAreaResponse>(`/plans/${id}/indicators/${seq}/by-area`, { area, year }),
      enabled: !!area,
    })),
  });
}

export function useCatalogue() {
  return useQuery({
    queryKey: ['indicator-catalogue'],
    queryFn: () => api.get<ResponseOf<'/api/v1/indicators'>>('/indicators'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useIndicatorValue(indicator: string | null, area: string | undefined, year: number) {
  return useQuery({
    queryKey: [EVAL_KEY, 'indicator-value', indicator, area ?? null, year],
    queryFn: async () => {
      const r = await api.get<ResponseOf<'/api/v1/indicator-values'>>('/indicator-values', {
        indicator: indicator ?? undefined,
        area,
        from: year,
        to: year,
      });
      return r.items.find((v) => v.areaCode === area && v.year === year) ?? null;
    },
    enabled: !!indicator && !!area,
  });
}
