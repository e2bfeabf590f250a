// The statistical detectors over count series: each disease's and stream's configured detector per area ×
// period (core detectEvaluable), the withdrawal of stored alarms the data no longer raises, and one area's
// series with its detector's bounds for the event chart.
import type { Bilingual } from '@weijian/core/platform';
import {
  type Algorithm,
  DetectionInputError,
  dateOfDay,
  detectEvaluable,
  type EvidenceCategory,
  frequencyOf,
  lookbackPeriods,
  type PeriodUnit,
  periodEnd,
  periodIndex,
  periodStart,
  type SignalSource,
} from '@weijian/core/surveillance';
import type { Queryable } from '../platform/db.ts';
import { cityOf } from './city-settings.ts';
import type { DiseaseSetting } from './diseases-repo.ts';
import {
  type EngineDeps,
  type NewSignal,
  type RunScope,
  type RunStats,
  type StreamDefinition,
  signalKey,
} from './engine-model.ts';
import {
  areaCounts,
  caseCounts,
  caseDataStart,
  groupSeries,
  recentStreamCounts,
  streamCounts,
  streamHistoryDays,
} from './engine-series.ts';
import { storedSignals } from './signals-repo.ts';

/**
 * Per area, the absolute period indices its detector decided (alarm true or false; not null): 'all' when the
 * area had no counts in the range, which no detector but EARS C3 can alarm on.
 */
type Coverage = Map<string, Set<number> | 'all'>;

type Series = Map<string, { county: string; values: (number | null)[] }>;

interface DetectOptions {
  unit: PeriodUnit;
  startIdx: number;
  fromIdx: number;
  toIdx: number;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: 'county' | 'township';
  source: SignalSource;
  category: EvidenceCategory;
  subject: string;
  stats: RunStats;
  compact?: boolean;
}

/**
 * Detectors whose answer for a period depends only on the data up to it, not on where the run's range starts:
 * only their stored alarms can be judged again by a later run over another range. CUSUM and glrnb restart at
 * the range's first point; EWMA (and switch) carry a smoothed state from the series' first point.
 */
const RANGE_FREE: ReadonlySet<string> = new Set([
  'farrington',
  'farrington-flexible',
  'ears-c1',
  'ears-c2',
  'ears-c3',
  'bayes',
  'mpm',
  'regression',
]);

const STREAM_CATEGORY: Record<string, EvidenceCategory> = {
  'fever-clinic': 'fever-clinic',
  'intestinal-clinic': 'intestinal-clinic',
  pharmacy: 'pharmacy',
  'school-absenteeism': 'school',
  custom: 'custom',
};

/** JSON with sorted keys, to compare detector parameters stored as jsonb with the settings in force. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A disease's detector over its case series in the run's periods (after the first report anywhere). */
export async function diseaseSignals(
  q: Queryable,
  d: DiseaseSetting,
  scope: RunScope,
  dataStart: string,
  stats: RunStats,
): Promise<NewSignal[]> {
  const unit = d.frequency;
  const fromIdx = periodIndex(unit, scope.from);
  const toIdx = periodIndex(unit, scope.to);
  const look = lookbackPeriods(d.algorithm, d.params, frequencyOf(unit)) + 1;
  const startIdx = fromIdx - look;
  const rows = await caseCounts(
    q,
    d.code,
    d.areaLevel,
    periodStart(unit, startIdx),
    periodEnd(unit, toIdx),
    scope.counties,
    scope.fullHistory ? 'day' : unit,
  );
  // Periods before the first report anywhere are unknown (null), not zero: the system did not exist yet.
  const firstKnown = periodIndex(unit, dataStart);
  const series = groupSeries(rows, unit, startIdx, toIdx, firstKnown);
  const o: DetectOptions = {
    unit,
    startIdx,
    fromIdx,
    toIdx,
    algorithm: d.algorithm,
    params: d.params,
    areaLevel: d.areaLevel,
    source: 'case',
    category: 'case-report',
    subject: d.code,
    stats,
  };
  const coverage: Coverage = new Map();
  const current = detectSeries(series, o, coverage);
  return [...current, ...(await staleAlarms(q, current, o, coverage, series, scope))];
}

/** A stream's detector over the days its sources reported. */
export async function streamSignals(
  q: Queryable,
  s: StreamDefinition,
  scope: RunScope,
  stats: RunStats,
): Promise<NewSignal[]> {
  const unit: PeriodUnit = 'day';
  const fromIdx = periodIndex(unit, scope.from);
  const toIdx = periodIndex(unit, scope.to);
  const history = streamHistoryDays(s.algorithm, s.params);
  const startIdx = fromIdx - history;
  // A detector that looks back a fixed number of reporting days reads only those (issue 13): the full window
  // is for detectors whose state runs from the series' first point (CUSUM, EWMA, GLR).
  const rows =
    RANGE_FREE.has(s.algorithm) && !scope.fullHistory
      ? await recentStreamCounts(
          q,
          s.code,
          s.areaLevel,
          fromIdx,
          scope.to,
          lookbackPeriods(s.algorithm, s.params, 365) + 1,
          history,
          scope.counties,
        )
      : await streamCounts(q, s.code, s.areaLevel, dateOfDay(startIdx), scope.to, scope.counties);
  // A day no source reported is missing (null): not reported is not zero.
  const series = groupSeries(rows, unit, startIdx, toIdx, null);
  const o: DetectOptions = {
    unit,
    startIdx,
    fromIdx,
    toIdx,
    algorithm: s.algorithm,
    params: s.params,
    areaLevel: s.areaLevel,
    source: 'stream',
    category: STREAM_CATEGORY[s.kind] ?? 'custom',
    subject: s.code,
    stats,
    compact: true,
  };
  const coverage: Coverage = new Map();
  const current = detectSeries(series, o, coverage);
  return [...current, ...(await staleAlarms(q, current, o, coverage, series, scope))];
}

/**
 * Stored alarms of this detector in the evaluated periods that the data no longer raises (cards deleted or
 * corrected, a day's count replaced) are withdrawn, as fixed-threshold and cluster signals are. Only
 * detectors whose answer does not depend on the run's range are judged (RANGE_FREE), and only in periods
 * they decided: an area without counts there cannot alarm; a period it could not evaluate (no baseline, a
 * failed fit) keeps its signal. Alarms raised by another detector or other parameters (settings changed
 * since) are left as they were raised.
 */
async function staleAlarms(
  q: Queryable,
  current: NewSignal[],
  o: DetectOptions,
  coverage: Coverage,
  series: Map<string, { values: (number | null)[] }>,
  scope: RunScope,
): Promise<NewSignal[]> {
  if (!RANGE_FREE.has(o.algorithm)) return [];
  const stored = await storedSignals(q, o.source, o.subject, {
    from: periodStart(o.unit, o.fromIdx),
    to: periodStart(o.unit, o.toIdx),
    counties: scope.counties,
    stored: scope.stored,
  });
  const live = new Set(current.map(signalKey));
  const params = canonical(o.params);
  const out: NewSignal[] = [];
  for (const x of stored) {
    if (x.algorithm !== o.algorithm || x.frequency !== o.unit || x.areaLevel !== o.areaLevel) continue;
    if (canonical(x.params) !== params) continue;
    if (live.has(signalKey(x))) continue;
    const idx = periodIndex(o.unit, x.periodStart);
    // An area with no row in the window has no counts at all.
    const decided = coverage.get(x.areaCode) ?? (o.algorithm === 'ears-c3' ? undefined : 'all');
    if (!decided || (decided !== 'all' && !decided.has(idx))) continue;
    const now = series.get(x.areaCode)?.values[idx - o.startIdx] ?? 0;
    out.push({ ...x, observed: now, detail: { ...x.detail, withdrawn: true } });
  }
  return out;
}

function detectSeries(series: Series, o: DetectOptions, coverage?: Coverage): NewSignal[] {
  const out: NewSignal[] = [];
  const lo = o.fromIdx - o.startIdx;
  const hi = o.toIdx - o.startIdx;
  for (const [area, { county, values }] of series) {
    // No count in the evaluated periods: no detector can alarm, skip the work.
    let any = false;
    for (let i = lo; i <= hi; i++) if ((values[i] ?? 0) > 0) any = true;
    if (!any) {
      if (o.algorithm !== 'ears-c3') coverage?.set(area, 'all');
      continue;
    }
    const decided = new Set<number>();
    coverage?.set(area, decided);
    o.stats.series++;
    o.stats.points += hi - lo + 1;
    // Streams are evaluated over the days that had reports, so a school's weekends and holidays (no
    // report, null) do not break the short baselines of EARS-type detectors.
    let observed = values;
    let positions: number[] | null = null;
    let rlo = lo;
    let rhi = hi;
    if (o.compact) {
      positions = [];
      for (let i = 0; i < values.length; i++) if (values[i] !== null) positions.push(i);
      observed = positions.map((i) => values[i]!);
      rlo = positions.findIndex((i) => i >= lo);
      rhi = positions.length - 1;
      while (rhi >= 0 && positions[rhi]! > hi) rhi--;
      if (rlo < 0 || rhi < rlo) continue;
    }
    let evaluated: ReturnType<typeof detectEvaluable>;
    try {
      // The first periods after a series (or the system) started may lack a baseline: evaluate the rest.
      evaluated = detectEvaluable({
        algorithm: o.algorithm,
        frequency: frequencyOf(o.unit),
        observed,
        range: [rlo, rhi],
        params: o.params,
      });
    } catch (e) {
      // A series a detector cannot evaluate (too short, or a numerical failure) yields no signal; the
      // data is already stored, so one bad series must not fail the whole ingestion request.
      o.stats.skipped++;
      if (!(e instanceof DetectionInputError)) o.stats.errors.push(`${o.subject}@${area}: ${(e as Error).message}`);
      continue;
    }
    if (!evaluated) {
      o.stats.skipped++;
      continue;
    }
    const { result: r, from: first } = evaluated;
    r.alarm.forEach((alarm, k) => {
      if (alarm === null) return;
      const idx = o.startIdx + (positions ? positions[first + k]! : first + k);
      decided.add(idx);
      if (alarm !== true) return;
      const pos = idx - o.startIdx;
      out.push({
        countyCode: county,
        areaCode: area,
        areaLevel: o.areaLevel,
        source: o.source,
        category: o.category,
        subject: o.subject,
        place: '',
        frequency: o.unit,
        periodStart: periodStart(o.unit, idx),
        periodEnd: periodEnd(o.unit, idx),
        observed: values[pos] ?? 0,
        expected: r.expected[k] ?? null,
        upperbound: r.upperbound[k] ?? null,
        algorithm: o.algorithm,
        params: o.params,
        detail: {},
        immediate: false,
      });
    });
  }
  return out;
}

/**
 * One area's series with the detector's bounds for a chart: the last `periods` periods up to `to`.
 * Diseases use their configured unit and detector; the area may be a county (6 digits) or a township.
 */
export async function chartSeries(deps: EngineDeps, subject: string, areaCode: string, to: string, periods: number) {
  // The chart shows the detector the area's city runs (its own settings over the platform default).
  const city = cityOf(areaCode);
  const disease = (await deps.diseases.forCity(city)).get(subject);
  const stream = disease ? undefined : (await deps.streams(city)).find((s) => s.code === subject);
  if (!disease && !stream) return null;
  const unit: PeriodUnit = disease ? disease.frequency : 'day';
  const algorithm = (disease ?? stream)!.algorithm;
  const params = (disease ?? stream)!.params;
  const toIdx = periodIndex(unit, to);
  const fromIdx = toIdx - periods + 1;
  const startIdx = disease
    ? fromIdx - lookbackPeriods(algorithm, params, frequencyOf(unit)) - 1
    : fromIdx - streamHistoryDays(algorithm, params);
  const rows = await areaCounts(
    deps.db,
    disease ? 'case' : 'stream',
    subject,
    areaCode,
    periodStart(unit, startIdx),
    periodEnd(unit, toIdx),
  );
  const dataStart = disease ? await caseDataStart(deps.db) : null;
  const values =
    groupSeries(rows, unit, startIdx, toIdx, disease ? periodIndex(unit, dataStart ?? to) : null).get(areaCode)
      ?.values ?? new Array<number | null>(toIdx - startIdx + 1).fill(disease ? 0 : null);
  const lo = fromIdx - startIdx;
  const hi = toIdx - startIdx;
  const n = hi - lo + 1;
  const out = {
    subject,
    areaCode,
    unit,
    algorithm,
    params,
    periodStart: [] as string[],
    observed: values.slice(lo, hi + 1),
    expected: new Array<number | null>(n).fill(null),
    upperbound: new Array<number | null>(n).fill(null),
    alarm: new Array<boolean | null>(n).fill(null),
    error: null as Bilingual | null,
  };
  for (let i = fromIdx; i <= toIdx; i++) out.periodStart.push(periodStart(unit, i));
  // Streams are detected over reported days only (as the engine does); map results back to the calendar.
  const positions: number[] = [];
  for (let i = 0; i < values.length; i++) if (!stream || values[i] !== null) positions.push(i);
  const observed = positions.map((i) => values[i] ?? 0);
  const rlo = positions.findIndex((i) => i >= lo);
  if (rlo >= 0) {
    try {
      const evaluated = detectEvaluable({
        algorithm,
        frequency: frequencyOf(unit),
        observed: stream ? observed : values,
        range: [rlo, positions.length - 1],
        params,
      });
      if (!evaluated) {
        out.error = {
          zh: '数据起始太晚：窗口内没有任何一期具备足够的历史基线',
          en: 'Data start too late: no period in the window has enough history for a baseline',
        };
      } else {
        const { result: r, from } = evaluated;
        r.alarm.forEach((a, k) => {
          const at = positions[from + k]! - lo;
          out.alarm[at] = a;
          out.expected[at] = r.expected[k] ?? null;
          // glrnb ret 'cases' gives R's 1e99 where no count would alarm: no bound to draw.
          const ub = r.upperbound[k] ?? null;
          out.upperbound[at] = ub !== null && ub >= 1e99 ? null : ub;
        });
      }
    } catch (e) {
      if (!(e instanceof DetectionInputError)) throw e;
      out.error = { zh: e.zh, en: e.en };
    }
  }
  return out;
}
