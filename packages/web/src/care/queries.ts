// React Query hooks of the care pages. The server checks everything again (scope, record rights, value
// ranges); the pages only spare the user a round trip for what is plainly wrong.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { chinaToday as coreChinaToday } from '@weijian/core/platform';
import { ApiError, api, type Query } from '../platform/api.ts';
import type {
  Assessment,
  CareMe,
  Contract,
  CursorPageOf,
  FollowupBody,
  IndicatorList,
  IndicatorMap,
  ListOf,
  Opening,
  OpeningReason,
  ResidentDetail,
  ResidentListItem,
  ServicePackage,
  Team,
  WorkPage,
} from './types.ts';

export { CHECK_TYPES, CLASSIFICATIONS, FOLLOWUP_MODES, OPENING_REASONS, PROGRAMS } from '@weijian/core/care';

/** Today in China, the calendar of every care date. */
export const today = (): string => coreChinaToday(new Date());

/** The code the server answers with when a record may only be opened with a stated reason. */
export const REASON_REQUIRED = 'REASON_REQUIRED';

export function isReasonRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code === REASON_REQUIRED;
}

export function ageAt(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function useResidentSearch(filter: { q?: string; area?: string; limit: number; cursor?: string }) {
  return useQuery({
    queryKey: ['care', 'residents', filter],
    queryFn: ({ signal }) => api.get<CursorPageOf<ResidentListItem>>('/care/residents', filter as Query, signal),
    enabled: !!filter.q,
    placeholderData: keepPreviousData,
  });
}

export function useResident(id: string | undefined, reason: OpeningReason | null) {
  return useQuery({
    queryKey: ['care', 'resident', id, reason],
    queryFn: ({ signal }) => api.get<ResidentDetail>(`/care/residents/${id}`, reason ? { reason } : undefined, signal),
    enabled: !!id,
    retry: false,
  });
}

/** The key-population flags of a record (65+, a programme, pregnant, child 0–6, disabled, poor). */
export function useKeyFlags(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['care', 'key-flags', id],
    queryFn: async ({ signal }) =>
      (await api.get<{ keyFlags: string[] }>(`/care/residents/${id}/enrolments`, undefined, signal)).keyFlags,
    enabled: !!id && enabled,
  });
}

export function useOpenings(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['care', 'openings', id],
    queryFn: async ({ signal }) => {
      const r = await api.get<CursorPageOf<Opening>>(`/care/residents/${id}/openings`, { limit: 200 }, signal);
      return r.items;
    },
    enabled: !!id && enabled,
  });
}

export interface WorkFilter {
  doctor?: string;
  team?: string;
  institution?: string;
  township?: string;
  program?: string;
  status: string;
  sort?: string;
  limit: number;
  cursor?: string;
}

export function useWorklist(filter: WorkFilter) {
  return useQuery({
    queryKey: ['care', 'worklist', filter],
    queryFn: ({ signal }) => api.get<WorkPage>('/care/worklist', filter as unknown as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTeams(filter: { institution?: string } = {}) {
  return useQuery({
    queryKey: ['care', 'teams', filter],
    queryFn: async ({ signal }) => {
      const r = await api.get<ListOf<Team>>('/care/teams', filter, signal);
      return r.items;
    },
  });
}

export function useTeam(id: string | undefined) {
  return useQuery({
    queryKey: ['care', 'team', id],
    queryFn: ({ signal }) => api.get<Team>(`/care/teams/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePackages() {
  return useQuery({
    queryKey: ['care', 'packages'],
    queryFn: async ({ signal }) => {
      const r = await api.get<ListOf<ServicePackage>>('/care/packages', undefined, signal);
      return r.items;
    },
  });
}

export function useContracts(filter: { team?: string; resident?: string; active?: boolean }) {
  return useQuery({
    queryKey: ['care', 'contracts', filter],
    queryFn: ({ signal }) => api.get<ListOf<Contract>>('/care/contracts', filter as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useIndicators(area: string | undefined, year: number) {
  return useQuery({
    queryKey: ['care', 'indicators', area, year],
    queryFn: ({ signal }) => api.get<IndicatorList>('/care/indicators', { area, year }, signal),
    enabled: !!area,
  });
}

export function useIndicatorMap(area: string | undefined, year: number, code: string | null) {
  return useQuery({
    queryKey: ['care', 'indicator-map', area, year, code],
    queryFn: ({ signal }) => api.get<IndicatorMap>('/care/indicators/map', { area, year, code }, signal),
    enabled: !!area && !!code,
  });
}

export function useMyRecord() {
  return useQuery({
    queryKey: ['care', 'me'],
    queryFn: ({ signal }) => api.get<CareMe>('/care/me', undefined, signal),
  });
}

/** The rules' proposal for readings not yet saved (POST /care/followups/assess), cached per input. */
export function useAssessment(body: FollowupBody | null) {
  return useQuery({
    queryKey: ['care', 'assess', body],
    queryFn: () => api.post<Assessment>('/care/followups/assess', body),
    enabled: !!body,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** After a save: the lists, the record and the indicators read again. */
export function useCareInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'care' && q.queryKey[1] !== 'assess' });
}
