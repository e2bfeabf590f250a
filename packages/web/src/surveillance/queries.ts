// React Query hooks and the small code lists of the surveillance pages. The workflow graph and value sets
// mirror packages/core/src/surveillance (workflow.ts, case-report.ts, detect.ts); the server checks every
// step again, so a drift here shows as a 422 message, never as a wrong state.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api, type Query } from '../platform/api.ts';
import type { QueryOf } from '../platform/wire.ts';
import type {
  Algorithm,
  AssigneeList,
  Bilingual,
  CaseDetail,
  CaseHistory,
  CasePage,
  Classification,
  DiseaseCatalogue,
  EvaluationResult,
  EventDetail,
  EventPage,
  EventState,
  GeoJson,
  Kpis,
  Series,
  SignalPage,
  Simulation,
  StreamKind,
  StreamList,
  StreamSourceList,
} from './types.ts';

export const EVENT_STATES: EventState[] = [
  'pending',
  'verifying',
  'excluded',
  'suspected',
  'investigating',
  'confirmed',
  'closed',
];

/** Allowed next states (core/surveillance/workflow.ts). */
export const NEXT_STATES: Record<EventState, EventState[]> = {
  pending: ['verifying', 'excluded', 'suspected'],
  verifying: ['excluded', 'suspected'],
  excluded: [],
  suspected: ['investigating', 'closed'],
  investigating: ['confirmed', 'closed'],
  confirmed: ['closed'],
  closed: [],
};

/** Steps that need a written note (verification result, closing). */
export const NOTE_REQUIRED: ReadonlySet<EventState> = new Set(['excluded', 'suspected', 'closed']);
export const OPEN_STATES: ReadonlySet<string> = new Set([
  'pending',
  'verifying',
  'suspected',
  'investigating',
  'confirmed',
]);

export const RISK_COLORS: Record<number, string> = { 1: '#1677ff', 2: '#faad14', 3: '#fa8c16', 4: '#f5222d' };
export const RISK_TAG: Record<number, string> = { 1: 'blue', 2: 'gold', 3: 'orange', 4: 'red' };
export const STATE_TAG: Record<string, string> = {
  pending: 'red',
  verifying: 'processing',
  excluded: 'default',
  suspected: 'warning',
  investigating: 'orange',
  confirmed: 'magenta',
  closed: 'success',
  merged: 'default',
};

export const ALGORITHMS: readonly Algorithm[] = [
  'farrington',
  'farrington-flexible',
  'ears-c1',
  'ears-c2',
  'ears-c3',
  'cusum',
  'bayes',
  'glrnb',
  'mpm',
  'ewma',
  'regression',
  'switch',
  'fixed',
];

export const CLASSIFICATIONS: readonly Classification[] = ['suspected', 'clinical', 'confirmed', 'carrier'];

/** 人群分类 of the national card (core/surveillance/case-report.ts), values as the API takes them. */
export const OCCUPATIONS = [
  '幼托儿童',
  '散居儿童',
  '学生（大中小学）',
  '教师',
  '保育员及保姆',
  '餐饮食品业',
  '商业服务',
  '医务人员',
  '工人',
  '民工',
  '农民',
  '牧民',
  '渔（船）民',
  '干部职员',
  '离退人员',
  '家务及待业',
  '其他',
  '不详',
] as const;

export const STREAM_KINDS: readonly StreamKind[] = [
  'fever-clinic',
  'intestinal-clinic',
  'pharmacy',
  'school-absenteeism',
  'custom',
];

// Today in China (the server's calendar for reports and signals): core's one clock, not a copy of it.
export { chinaToday } from '@weijian/core/platform';

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function pick(text: Bilingual | null | undefined, lang: 'zh' | 'en'): string {
  if (!text) return '';
  return text[lang] ?? text.zh;
}

/**
 * A route's query as the pages build it from the URL: the route's own parameters (so a renamed or dropped
 * one fails the typecheck) without the language (the client adds it), the coded ones (`Text`) as the URL's
 * text — the server answers a value outside its list with a 422 — and flags as booleans (the client writes
 * them `true`).
 */
type Params<Q, Text extends keyof Q = never, Flag extends keyof Q = never> = Omit<Q, Text | Flag | 'lang'> & {
  [K in Text]?: string;
} & { [K in Flag]?: boolean };

/** A list's query: a page size is always given; the cursor of the page (none for the first). */
type Filter<Q, Text extends keyof Q = never, Flag extends keyof Q = never> = Omit<
  Params<Q, Text, Flag>,
  'limit' | 'cursor'
> & { limit: number; cursor?: string | undefined };

/** `subject`: a disease or stream code (events with at least one signal of it). */
export type EventFilter = Filter<QueryOf<'/api/v1/surveillance/events'>, 'state', 'open'>;

export function useEvents(filter: EventFilter) {
  return useQuery({
    queryKey: ['surv', 'events', filter],
    queryFn: () => api.get<EventPage>('/surveillance/events', filter),
    placeholderData: keepPreviousData,
  });
}

export type SignalFilter = Filter<QueryOf<'/api/v1/surveillance/signals'>, 'source'>;

export function useSignals(filter: SignalFilter, enabled = true) {
  return useQuery({
    queryKey: ['surv', 'signals', filter],
    queryFn: () => api.get<SignalPage>('/surveillance/signals', filter),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: ['surv', 'event', id],
    queryFn: () => api.get<EventDetail>(`/surveillance/events/${encodeURIComponent(id as string)}`),
    enabled: !!id,
  });
}

/** Users the event may be assigned to (the server applies the assignment rule and the caller's scope). */
export function useAssignees(eventId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['surv', 'assignees', eventId],
    queryFn: () => api.get<AssigneeList>(`/surveillance/events/${eventId}/assignees`),
    enabled,
  });
}

/** KPIs over the same events as the list for the same area, subject and range (signal period overlapping it). */
export function useKpis(q: Params<QueryOf<'/api/v1/surveillance/kpis'>>) {
  return useQuery({
    queryKey: ['surv', 'kpis', q],
    queryFn: () => api.get<Kpis>('/surveillance/kpis', q),
    placeholderData: keepPreviousData,
  });
}

export function useSeries(q: Required<Params<QueryOf<'/api/v1/surveillance/series'>>> | null) {
  return useQuery({
    queryKey: ['surv', 'series', q],
    queryFn: () => api.get<Series>('/surveillance/series', q as Query),
    enabled: !!q,
    placeholderData: keepPreviousData,
  });
}

export function useDiseases() {
  return useQuery({
    queryKey: ['surv', 'diseases'],
    queryFn: () => api.get<DiseaseCatalogue>('/surveillance/diseases'),
    staleTime: 5 * 60_000,
  });
}

export function useStreams() {
  return useQuery({
    queryKey: ['surv', 'streams'],
    queryFn: () => api.get<StreamList>('/surveillance/streams'),
    staleTime: 5 * 60_000,
  });
}

/** Name of a disease or stream code, in the UI language. */
export function useSubjectNames() {
  const diseases = useDiseases();
  const streams = useStreams();
  return (code: string, lang: 'zh' | 'en'): string => {
    const d = diseases.data?.items.find((x) => x.code === code);
    if (d) return lang === 'en' ? d.nameEn : d.nameZh;
    const s = streams.data?.items.find((x) => x.code === code);
    if (s) return lang === 'en' ? s.nameEn : s.nameZh;
    return code;
  };
}

export function useStreamSources(q: Omit<Params<QueryOf<'/api/v1/surveillance/stream-sources'>>, 'limit' | 'cursor'>) {
  return useQuery({
    queryKey: ['surv', 'stream-sources', q],
    queryFn: () => api.get<StreamSourceList>('/surveillance/stream-sources', { ...q, limit: 500 }),
    placeholderData: keepPreviousData,
  });
}

export type CaseFilter = Filter<QueryOf<'/api/v1/surveillance/cases'>, 'classification', 'duplicates' | 'late'>;

export function useCases(filter: CaseFilter) {
  return useQuery({
    queryKey: ['surv', 'cases', filter],
    queryFn: () => api.get<CasePage>('/surveillance/cases', filter),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: ['surv', 'case', id],
    queryFn: () => api.get<CaseDetail>(`/surveillance/cases/${encodeURIComponent(id as string)}`),
    enabled: !!id,
    // Every read is audited server-side: do not refetch behind the user's back.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCaseHistory(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['surv', 'case-history', id],
    queryFn: () => api.get<CaseHistory>(`/surveillance/cases/${encodeURIComponent(id as string)}/history`),
    enabled: !!id && enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useEvaluation(
  q: Required<Pick<QueryOf<'/api/v1/surveillance/evaluation'>, 'seed' | 'series'>> &
    Pick<QueryOf<'/api/v1/surveillance/evaluation'>, 'algorithms'>,
) {
  return useQuery({
    queryKey: ['surv', 'evaluation', q],
    queryFn: () => api.get<EvaluationResult>('/surveillance/evaluation', q),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSimulation(q: Required<Params<QueryOf<'/api/v1/surveillance/simulation'>, 'scenario'>>) {
  return useQuery({
    queryKey: ['surv', 'simulation', q],
    queryFn: () => api.get<Simulation>('/surveillance/simulation', q),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** GeoJSON boundaries of an area's children, or null when none are shipped (404). */
export function useBoundariesOrNull(code: string | null) {
  return useQuery({
    queryKey: ['boundaries', code],
    queryFn: async () => {
      try {
        return await api.get<GeoJson>(`/areas/${encodeURIComponent(code as string)}/boundaries`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: !!code,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
