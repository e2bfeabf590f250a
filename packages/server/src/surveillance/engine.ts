// The signal engine: runs each disease's and stream's configured detector per area × period, the fixed
// thresholds (single cases of 甲类/乙类甲管 and rare diseases, clusters in one school or village) and the
// source-silent check, stores new signals and fuses them into events (core fusion.ts).
//
// It runs incrementally after every ingestion batch (only the touched series, only the periods the new data
// fell in) and on demand over a date range (`weijian surveillance run --from --to`, the demo load). Signals
// are unique per source × subject × area × place × period × algorithm, so re-running a range adds nothing twice.
import {
  type Algorithm,
  addDays,
  DetectionInputError,
  dateOfDay,
  dayIndex,
  detectEvaluable,
  type EvidenceCategory,
  type FusionEvent,
  type FusionSignal,
  frequencyOf,
  fuseSignals,
  lookbackPeriods,
  type PeriodUnit,
  periodEnd,
  periodIndex,
  periodStart,
  SCHOOL_OCCUPATIONS,
  type ScanArea,
  type SignalSource,
  scoreEvent,
  spaceTimePermutationScan,
  verifyDeadlineHours,
} from '@weijian/core/surveillance';
import type { Db, Queryable } from '../platform/db.ts';
import type { AreasService } from '../registry/areas-service.ts';
import type { AffectedCase } from './cases-service.ts';
import type { DiseaseSetting, DiseaseSettings } from './diseases-repo.ts';
import type { StreamSettings } from './streams-service.ts';

export interface RunScope {
  /** First and last day (ISO dates) whose periods are evaluated. */
  from: string;
  to: string;
  diseases?: string[];
  streams?: string[];
  /** Restrict to these county codes (incremental runs). */
  counties?: string[];
  /** Skip the statistical detectors (fixed thresholds and clusters only). */
  skipStatistical?: boolean;
  /** Skip streams and source-silent checks (a run after case reports). */
  casesOnly?: boolean;
  /** Skip case diseases (a run after stream counts). */
  streamsOnly?: boolean;
  /** Event creation time taken from the signals' dates instead of now (demo history, backfills). */
  historical?: boolean;
}

export interface RunStats {
  series: number;
  points: number;
  skipped: number;
  signals: number;
  eventsCreated: number;
  eventsUpdated: number;
  /** Unexpected detector failures (series skipped), for the operator's log. */
  errors: string[];
  ms: number;
}

/** A stream as the engine reads it: its settings (without the display unit), code and kind. */
export interface StreamDefinition extends Omit<StreamSettings, 'unit'> {
  code: string;
  kind: string;
}

/**
 * Per area, the absolute period indices its detector decided (alarm true or false; not null): 'all' when the
 * area had no counts in the range, which no detector but EARS C3 can alarm on.
 */
type Coverage = Map<string, Set<number> | 'all'>;

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

interface NewSignal {
  countyCode: string;
  areaCode: string;
  areaLevel: 'county' | 'township';
  source: SignalSource;
  category: EvidenceCategory;
  subject: string;
  place: string;
  frequency: PeriodUnit;
  periodStart: string;
  periodEnd: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  algorithm: string;
  params: Record<string, unknown>;
  detail: Record<string, unknown>;
  immediate: boolean;
}

/** A stored signal's columns as a NewSignal. */
const SIGNAL_COLUMNS = `county_code as "countyCode", area_code as "areaCode", area_level as "areaLevel", source, category,
  subject, place, frequency, to_char(period_start, 'YYYY-MM-DD') as "periodStart",
  to_char(period_end, 'YYYY-MM-DD') as "periodEnd", observed, expected, upperbound, algorithm, params, detail, immediate`;

/** signalKey() of a stored signal in SQL; `t` qualifies the columns (the signals table's alias). */
const signalKeySql = (t = '') =>
  `concat_ws('|', ${t}county_code, ${t}source, ${t}subject, ${t}area_code, ${t}place, ${t}frequency,
    to_char(${t}period_start, 'YYYY-MM-DD'), ${t}algorithm)`;

const STREAM_CATEGORY: Record<string, EvidenceCategory> = {
  'fever-clinic': 'fever-clinic',
  'intestinal-clinic': 'intestinal-clinic',
  pharmacy: 'pharmacy',
  'school-absenteeism': 'school',
  custom: 'custom',
};

/**
 * The prospective scan: 4 weeks of daily counts, clusters of up to 7 days ending on the run's last day over
 * up to half the county's cases; 999 replications (SaTScan's default), stopped early once 20 replicates
 * reach the most likely cluster (it is then clearly not significant), alarm at p ≤ 0.01.
 */
export const SCAN = {
  studyDays: 28,
  maxTemporalLength: 7,
  maxSpatialFraction: 0.5,
  replications: 999,
  stopAfterExceedances: 20,
  alpha: 0.01,
  minCases: 5,
} as const;

/** How many periods before the first changed one an incremental run re-evaluates at most. */
const INCREMENTAL_PERIODS = 8;

export class SignalEngine {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly diseases: DiseaseSettings,
  ) {}

  /** After new or corrected case reports: the touched diseases × counties, the periods of their onsets. */
  async afterCases(affected: readonly AffectedCase[]): Promise<RunStats | null> {
    if (!affected.length) return null;
    const byDisease = new Map<string, AffectedCase[]>();
    for (const a of affected) byDisease.set(a.diseaseCode, [...(byDisease.get(a.diseaseCode) ?? []), a]);
    const total = emptyStats();
    for (const [disease, list] of byDisease) {
      const dates = list.map((a) => a.onsetDate).sort();
      const to = dates[dates.length - 1]!;
      const from = [dates[0]!, addDays(to, -7 * INCREMENTAL_PERIODS)].sort()[1]!;
      const s = await this.run({
        from,
        to,
        diseases: [disease],
        counties: [...new Set(list.map((a) => a.countyCode))],
        casesOnly: true,
      });
      addStats(total, s);
    }
    return total;
  }

  /** After stream counts: the touched streams × counties over the dates received. */
  async afterStreams(streams: string[], counties: string[], from: string, to: string): Promise<RunStats> {
    const earliest = addDays(to, -INCREMENTAL_PERIODS * 7);
    return this.run({ from: from < earliest ? earliest : from, to, streams, counties, streamsOnly: true });
  }

  async run(scope: RunScope): Promise<RunStats> {
    const started = performance.now();
    const stats = emptyStats();
    const signals: NewSignal[] = [];
    if (!scope.streamsOnly) {
      const all = await this.diseases.all();
      const list = [...all.values()].filter((d) => d.enabled && (!scope.diseases || scope.diseases.includes(d.code)));
      const dataStart = await this.caseDataStart();
      for (const d of list) {
        if (d.immediate) signals.push(...(await this.immediateSignals(d, scope)));
        if (d.clusterCases && d.clusterDays) signals.push(...(await this.clusterSignals(d, scope)));
        const redundant = d.immediate && d.algorithm === 'fixed';
        if (!scope.skipStatistical && !redundant && dataStart) {
          signals.push(...(await this.diseaseSignals(d, scope, dataStart, stats)));
        }
        if (!scope.skipStatistical && !d.immediate && d.areaLevel === 'township') {
          signals.push(...(await this.scanSignals(d, scope, stats)));
        }
      }
    }
    if (!scope.casesOnly) {
      const streams = await this.streamDefinitions();
      for (const s of streams.filter((x) => x.enabled && (!scope.streams || scope.streams.includes(x.code)))) {
        signals.push(...(await this.streamSignals(s, scope, stats)));
      }
      signals.push(...(await this.silentSignals(scope, streams)));
    }
    const { inserted: stored, updatedEvents } = await this.storeSignals(signals);
    stats.signals = stored.length;
    const fused = await this.fuse(stored, !!scope.historical);
    stats.eventsCreated = fused.created;
    stats.eventsUpdated = fused.updated + (await this.rescoreEvents(updatedEvents));
    stats.ms = Math.round(performance.now() - started);
    return stats;
  }

  async streamDefinitions(): Promise<StreamDefinition[]> {
    const { rows } = await this.db.query<StreamDefinition>(
      `select code, name_zh as "nameZh", name_en as "nameEn", kind, algorithm, params, area_level as "areaLevel",
              silent_days as "silentDays", syndrome, enabled from streams order by code`,
    );
    return rows;
  }

  private async caseDataStart(): Promise<string | null> {
    const { rows } = await this.db.query<{ d: string | null }>(
      `select to_char(min(onset_date), 'YYYY-MM-DD') as d from case_reports where not deleted`,
    );
    return rows[0]?.d ?? null;
  }

  // --- statistical detection over count series ---------------------------------------------------------------

  private async diseaseSignals(d: DiseaseSetting, scope: RunScope, dataStart: string, stats: RunStats) {
    const unit = d.frequency;
    const areaCol = d.areaLevel === 'county' ? 'county_code' : 'township_code';
    const fromIdx = periodIndex(unit, scope.from);
    const toIdx = periodIndex(unit, scope.to);
    const look = lookbackPeriods(d.algorithm, d.params, frequencyOf(unit)) + 1;
    const startIdx = fromIdx - look;
    const params: unknown[] = [d.code, periodStart(unit, startIdx), periodEnd(unit, toIdx)];
    let countyCond = '';
    if (scope.counties) {
      params.push(scope.counties);
      countyCond = `and county_code = any($4::text[])`;
    }
    const { rows } = await this.db.query<{ area: string; county: string; day: number; n: number }>(
      `select ${areaCol} as area, min(county_code) as county, (onset_date - date '1970-01-01')::int as day, count(*)::int as n
         from case_reports
        where not deleted and disease_code = $1 and onset_date between $2::date and $3::date ${countyCond}
        group by 1, 3`,
      params,
    );
    // Periods before the first report anywhere are unknown (null), not zero: the system did not exist yet.
    const firstKnown = periodIndex(unit, dataStart);
    const series = groupSeries(rows, unit, startIdx, toIdx, firstKnown);
    const o = {
      unit,
      startIdx,
      fromIdx,
      toIdx,
      algorithm: d.algorithm,
      params: d.params,
      areaLevel: d.areaLevel,
      source: 'case' as const,
      category: 'case-report' as const,
      subject: d.code,
      stats,
    };
    const coverage: Coverage = new Map();
    const current = this.detectSeries(series, o, coverage);
    return [...current, ...(await this.staleAlarms(current, o, coverage, series, scope.counties))];
  }

  private async streamSignals(s: StreamDefinition, scope: RunScope, stats: RunStats) {
    const unit: PeriodUnit = 'day';
    const areaCol = s.areaLevel === 'county' ? 'county_code' : 'township_code';
    const fromIdx = periodIndex(unit, scope.from);
    const toIdx = periodIndex(unit, scope.to);
    const startIdx = fromIdx - streamHistoryDays(s.algorithm, s.params);
    const params: unknown[] = [s.code, dateOfDay(startIdx), scope.to];
    let countyCond = '';
    if (scope.counties) {
      params.push(scope.counties);
      countyCond = `and county_code = any($4::text[])`;
    }
    const { rows } = await this.db.query<{ area: string; county: string; day: number; n: number }>(
      `select ${areaCol} as area, min(county_code) as county, (date - date '1970-01-01')::int as day, sum(count)::int as n
         from stream_counts where stream_code = $1 and date between $2::date and $3::date ${countyCond}
        group by 1, 3`,
      params,
    );
    // A day no source reported is missing (null): not reported is not zero.
    const series = groupSeries(rows, unit, startIdx, toIdx, null);
    const o = {
      unit,
      startIdx,
      fromIdx,
      toIdx,
      algorithm: s.algorithm,
      params: s.params,
      areaLevel: s.areaLevel,
      source: 'stream' as const,
      category: STREAM_CATEGORY[s.kind] ?? 'custom',
      subject: s.code,
      stats,
      compact: true,
    };
    const coverage: Coverage = new Map();
    const current = this.detectSeries(series, o, coverage);
    return [...current, ...(await this.staleAlarms(current, o, coverage, series, scope.counties))];
  }

  /**
   * Stored alarms of this detector in the evaluated periods that the data no longer raises (cards deleted or
   * corrected, a day's count replaced) are withdrawn, as fixed-threshold and cluster signals are. Only
   * detectors whose answer does not depend on the run's range are judged (RANGE_FREE), and only in periods
   * they decided: an area without counts there cannot alarm; a period it could not evaluate (no baseline, a
   * failed fit) keeps its signal. Alarms raised by another detector or other parameters (settings changed
   * since) are left as they were raised.
   */
  private async staleAlarms(
    current: NewSignal[],
    o: { unit: PeriodUnit; fromIdx: number; toIdx: number; algorithm: string; areaLevel: string } & {
      source: SignalSource;
      subject: string;
      startIdx: number;
      params: Record<string, unknown>;
    },
    coverage: Coverage,
    series: Map<string, { values: (number | null)[] }>,
    counties: string[] | undefined,
  ): Promise<NewSignal[]> {
    if (!RANGE_FREE.has(o.algorithm)) return [];
    const stored = await this.storedSignals(o.source, o.subject, {
      from: periodStart(o.unit, o.fromIdx),
      to: periodStart(o.unit, o.toIdx),
      counties,
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

  private detectSeries(
    series: Map<string, { county: string; values: (number | null)[] }>,
    o: {
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
    },
    coverage?: Coverage,
  ): NewSignal[] {
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
  async seriesFor(subject: string, areaCode: string, to: string, periods: number) {
    const disease = (await this.diseases.all()).get(subject);
    const stream = disease ? undefined : (await this.streamDefinitions()).find((s) => s.code === subject);
    if (!disease && !stream) return null;
    const unit: PeriodUnit = disease ? disease.frequency : 'day';
    const algorithm = (disease ?? stream)!.algorithm;
    const params = (disease ?? stream)!.params;
    const areaCol = areaCode.length === 6 ? 'county_code' : 'township_code';
    const toIdx = periodIndex(unit, to);
    const fromIdx = toIdx - periods + 1;
    const startIdx = disease
      ? fromIdx - lookbackPeriods(algorithm, params, frequencyOf(unit)) - 1
      : fromIdx - streamHistoryDays(algorithm, params);
    const sql = disease
      ? `select $4::text as area, min(county_code) as county, (onset_date - date '1970-01-01')::int as day, count(*)::int as n
           from case_reports where not deleted and disease_code = $1 and ${areaCol} = $4
            and onset_date between $2::date and $3::date group by 3`
      : `select $4::text as area, min(county_code) as county, (date - date '1970-01-01')::int as day, sum(count)::int as n
           from stream_counts where stream_code = $1 and ${areaCol} = $4 and date between $2::date and $3::date group by 3`;
    const { rows } = await this.db.query<{ area: string; county: string; day: number; n: number }>(sql, [
      subject,
      periodStart(unit, startIdx),
      periodEnd(unit, toIdx),
      areaCode,
    ]);
    const dataStart = disease ? await this.caseDataStart() : null;
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
      error: null as { zh: string; en: string } | null,
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

  // --- space-time scan ----------------------------------------------------------------------------------------

  /**
   * Prospective space-time permutation scan (Kulldorff 2005) of a township-level disease in each county, on
   * the run's last day: is a cluster of townships × recent days going on now? It needs no population and
   * no baseline, so it sees a cluster that straddles townships whose own series are each too small to
   * alarm. Townships are placed at their centroid (areas.lng/lat, else the mean position of their
   * institutions); cases in townships with neither are left out of the scan.
   */
  private async scanSignals(d: DiseaseSetting, scope: RunScope, stats: RunStats): Promise<NewSignal[]> {
    const asOf = scope.to;
    const first = addDays(asOf, -(SCAN.studyDays - 1));
    const params: unknown[] = [d.code, first, asOf];
    let countyCond = '';
    if (scope.counties) {
      params.push(scope.counties);
      countyCond = 'and county_code = any($4::text[])';
    }
    const { rows } = await this.db.query<{ county: string; township: string; day: number; n: number }>(
      `select county_code as county, township_code as township, (onset_date - $2::date)::int as day, count(*)::int as n
         from case_reports
        where not deleted and duplicate_of is null and disease_code = $1 and onset_date between $2::date and $3::date
              ${countyCond}
        group by 1, 2, 3`,
      params,
    );
    const byCounty = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byCounty.get(r.county);
      if (list) list.push(r);
      else byCounty.set(r.county, [r]);
    }
    const candidates = [...byCounty].filter(
      ([, list]) =>
        list.reduce((a, r) => a + r.n, 0) >= SCAN.minCases && new Set(list.map((r) => r.township)).size >= 2,
    );
    if (!candidates.length) return [];
    const centroids = await this.townshipCentroids(candidates.map(([c]) => c));
    const tree = await this.areas.tree();
    const out: NewSignal[] = [];
    for (const [county, list] of candidates) {
      const townships = [...new Set(list.map((r) => r.township))].filter((t) => centroids.has(t)).sort();
      if (townships.length < 2) continue;
      const index = new Map(townships.map((t, i) => [t, i]));
      const areas: ScanArea[] = townships.map((t) => ({ id: t, x: centroids.get(t)!.lng, y: centroids.get(t)!.lat }));
      const counts = townships.map(() => new Array<number>(SCAN.studyDays).fill(0));
      for (const r of list) {
        const i = index.get(r.township);
        if (i !== undefined) counts[i]![r.day]! += r.n;
      }
      stats.series++;
      stats.points++;
      const clusters = spaceTimePermutationScan({
        areas,
        counts,
        params: {
          distance: 'haversine',
          maxSpatialFraction: SCAN.maxSpatialFraction,
          maxTemporalLength: SCAN.maxTemporalLength,
          replications: SCAN.replications,
          stopAfterExceedances: SCAN.stopAfterExceedances,
          maxClusters: 3,
          // Reproducible: the same data on the same day gives the same p-values.
          seed: seedOf(`${d.code}|${county}|${asOf}`),
        },
      });
      for (const c of clusters) {
        if (c.pValue > SCAN.alpha) continue;
        out.push({
          countyCode: county,
          areaCode: c.centre,
          areaLevel: 'township',
          source: 'scan',
          category: 'case-report',
          subject: d.code,
          place: '',
          frequency: 'day',
          periodStart: addDays(first, c.start),
          periodEnd: addDays(first, c.end),
          observed: c.observed,
          expected: Math.round(c.expected * 1000) / 1000,
          upperbound: null,
          algorithm: 'scan',
          params: {
            studyDays: SCAN.studyDays,
            maxTemporalLength: SCAN.maxTemporalLength,
            maxSpatialFraction: SCAN.maxSpatialFraction,
            replications: SCAN.replications,
            alpha: SCAN.alpha,
          },
          detail: {
            areas: c.areas,
            areaNames: c.areas.map((a) => tree.get(a)?.name ?? a),
            pValue: c.pValue,
            llr: Math.round(c.llr * 1000) / 1000,
            radiusKm: Math.round(c.radius / 100) / 10,
          },
          immediate: false,
        });
      }
    }
    return out;
  }

  /** Township centroids of the given counties: the area's own coordinates, else its institutions' mean. */
  private async townshipCentroids(counties: string[]): Promise<Map<string, { lng: number; lat: number }>> {
    const { rows } = await this.db.query<{ code: string; lng: number | null; lat: number | null }>(
      `select a.code, coalesce(a.lng, i.lng) as lng, coalesce(a.lat, i.lat) as lat
         from areas a
         left join (select left(area_code, 9) as township, avg(lng) as lng, avg(lat) as lat
                      from institutions where county_code = any($1::text[]) and lng is not null and lat is not null
                     group by 1) i on i.township = a.code
        where a.level = 4 and a.county_code = any($1::text[])`,
      [counties],
    );
    const out = new Map<string, { lng: number; lat: number }>();
    for (const r of rows)
      if (r.lng !== null && r.lat !== null) out.set(r.code, { lng: Number(r.lng), lat: Number(r.lat) });
    return out;
  }

  // --- fixed thresholds ---------------------------------------------------------------------------------------

  private async immediateSignals(d: DiseaseSetting, scope: RunScope): Promise<NewSignal[]> {
    const params: unknown[] = [d.code, scope.from, scope.to];
    let countyCond = '';
    if (scope.counties) {
      params.push(scope.counties);
      countyCond = 'and county_code = any($4::text[])';
    }
    const { rows } = await this.db.query<{ county: string; day: string; n: number; ids: number[] }>(
      `select county_code as county, to_char(onset_date, 'YYYY-MM-DD') as day, count(*)::int as n, array_agg(id order by id) as ids
         from case_reports where not deleted and disease_code = $1 and onset_date between $2::date and $3::date ${countyCond}
        group by 1, 2`,
      params,
    );
    const current: NewSignal[] = rows.map((r) => ({
      countyCode: r.county,
      areaCode: r.county,
      areaLevel: 'county',
      source: 'fixed',
      category: 'case-report',
      subject: d.code,
      place: '',
      frequency: 'day',
      periodStart: r.day,
      periodEnd: r.day,
      observed: r.n,
      expected: null,
      upperbound: 0,
      algorithm: 'fixed',
      params: { threshold: 1, window: 1 },
      detail: { caseIds: r.ids.map(Number) },
      immediate: true,
    }));
    // A county-day whose cards were all deleted or corrected to another disease no longer has its signal.
    const live = new Set(current.map((x) => `${x.countyCode}|${x.periodStart}`));
    const stale = (await this.storedSignals('fixed', d.code, scope)).filter(
      (x) => !live.has(`${x.countyCode}|${x.periodStart}`),
    );
    return [...current, ...stale.map((x) => ({ ...x, observed: 0, detail: { caseIds: [], withdrawn: true } }))];
  }

  /** Stored, not yet withdrawn signals of one source and subject whose period starts within the range. */
  private async storedSignals(
    source: SignalSource,
    subject: string,
    scope: Pick<RunScope, 'from' | 'to' | 'counties'>,
  ): Promise<NewSignal[]> {
    const params: unknown[] = [source, subject, scope.from, scope.to];
    let countyCond = '';
    if (scope.counties) {
      params.push(scope.counties);
      countyCond = 'and county_code = any($5::text[])';
    }
    const { rows } = await this.db.query<NewSignal>(
      `select ${SIGNAL_COLUMNS}
         from signals
        where source = $1 and subject = $2 and period_start between $3::date and $4::date ${countyCond}
          and not coalesce((detail ->> 'withdrawn')::boolean, false)`,
      params,
    );
    return rows;
  }

  /** ≥ N cases in one school (students, children, staff with a workplace) or one village within D days. */
  private async clusterSignals(d: DiseaseSetting, scope: RunScope): Promise<NewSignal[]> {
    const days = d.clusterDays!;
    const need = d.clusterCases!;
    const params: unknown[] = [d.code, addDays(scope.from, -(days - 1)), scope.to, [...SCHOOL_OCCUPATIONS]];
    let countyCond = '';
    if (scope.counties) {
      params.push(scope.counties);
      countyCond = 'and county_code = any($5::text[])';
    }
    const { rows } = await this.db.query<{ place: string; county: string; township: string; day: number; id: number }>(
      `select case when occupation = any($4::text[]) and workplace is not null then 'school:' || workplace
                   when length(address_code) = 12 then 'village:' || address_code end as place,
              county_code as county, township_code as township, (onset_date - date '1970-01-01')::int as day, id
         from case_reports
        where not deleted and disease_code = $1 and onset_date between $2::date and $3::date ${countyCond}
        order by day, id`,
      params,
    );
    const byPlace = new Map<string, typeof rows>();
    for (const r of rows) {
      if (!r.place) continue;
      // A school's name is only unique within its county.
      const key = `${r.county}|${r.place}`;
      const list = byPlace.get(key);
      if (list) list.push(r);
      else byPlace.set(key, [r]);
    }
    const fromDay = dayIndex(scope.from);
    const out: NewSignal[] = [];
    for (const list of byPlace.values()) {
      if (list.length < need) continue;
      let last = -Infinity;
      for (let i = 0; i < list.length; i++) {
        const day = list[i]!.day;
        if (day < fromDay || (list[i + 1] && list[i + 1]!.day === day)) continue;
        const inWindow = list.filter((r) => r.day > day - days && r.day <= day);
        if (inWindow.length < need || day - last < days) continue;
        last = day;
        const first = list[0]!;
        const place = first.place;
        out.push({
          countyCode: first.county,
          areaCode: mode(inWindow.map((r) => r.township)),
          areaLevel: 'township',
          source: 'cluster',
          category: 'case-report',
          subject: d.code,
          place,
          frequency: 'day',
          periodStart: dateOfDay(day),
          periodEnd: dateOfDay(day),
          observed: inWindow.length,
          expected: null,
          upperbound: need - 1,
          algorithm: 'fixed',
          params: { threshold: need, window: days },
          detail: {
            place: place.startsWith('school:') ? place.slice(7) : place.slice(8),
            placeKind: place.startsWith('school:') ? 'school' : 'village',
            caseIds: inWindow.map((r) => Number(r.id)),
          },
          immediate: false,
        });
      }
    }
    // A stored cluster whose window no longer holds enough cards (deleted or corrected) is withdrawn.
    const emitted = new Set(out.map((x) => `${x.countyCode}|${x.place}|${x.periodStart}`));
    for (const old of await this.storedSignals('cluster', d.code, scope)) {
      if (emitted.has(`${old.countyCode}|${old.place}|${old.periodStart}`)) continue;
      const day = dayIndex(old.periodStart);
      const inWindow = (byPlace.get(`${old.countyCode}|${old.place}`) ?? []).filter(
        (r) => r.day > day - days && r.day <= day,
      );
      if (inWindow.length >= need) continue;
      out.push({
        ...old,
        observed: inWindow.length,
        detail: { ...old.detail, caseIds: inWindow.map((r) => Number(r.id)), withdrawn: true },
      });
    }
    return out;
  }

  /** A source with no data for longer than its usual cadence plus the stream's tolerance. */
  private async silentSignals(scope: RunScope, streams: StreamDefinition[]): Promise<NewSignal[]> {
    // A stream no longer monitored takes no counts: its sources falling silent says nothing.
    const tolerance = new Map(streams.filter((s) => s.enabled).map((s) => [s.code, s.silentDays]));
    const params: unknown[] = [scope.to];
    let countyCond = '';
    if (scope.counties) {
      params.push(scope.counties);
      countyCond = 'and county_code = any($2::text[])';
    }
    const { rows } = await this.db.query<{
      county: string;
      township: string;
      stream: string;
      key: string;
      name: string;
      first: number;
      last: number;
      days: number;
    }>(
      `select county_code as county, township_code as township, stream_code as stream, source_key as key, source_name as name,
              (first_date - date '1970-01-01')::int as first, (last_date - date '1970-01-01')::int as last, report_days as days
         from stream_sources where last_date < $1::date ${countyCond}`,
      params,
    );
    const asOf = dayIndex(scope.to);
    const out: NewSignal[] = [];
    for (const r of rows) {
      const tol = tolerance.get(r.stream);
      if (tol === undefined || r.days < 2) continue;
      const cadence = Math.max(1, Math.round((r.last - r.first + 1) / r.days));
      const silentSince = r.last + cadence + tol;
      if (silentSince > asOf) continue;
      out.push({
        countyCode: r.county,
        areaCode: r.township,
        areaLevel: 'township',
        source: 'silent',
        category: 'data-quality',
        subject: r.stream,
        place: r.key,
        frequency: 'day',
        periodStart: dateOfDay(silentSince),
        periodEnd: dateOfDay(silentSince),
        observed: 0,
        expected: null,
        upperbound: null,
        algorithm: 'silent',
        params: { silentDays: tol, cadenceDays: cadence },
        detail: { sourceName: r.name, lastDate: dateOfDay(r.last), cadenceDays: cadence },
        immediate: false,
      });
    }
    return out;
  }

  // --- storage and fusion -------------------------------------------------------------------------------------

  /**
   * Inserts new signals and brings stored ones up to date: a signal's count, bound and cards follow the data
   * (another card the same day, a card deleted or corrected away). New ones are returned for fusion; the
   * events of changed ones are returned to be rescored. Unchanged re-runs write nothing.
   */
  private async storeSignals(
    all: NewSignal[],
  ): Promise<{ inserted: (NewSignal & { id: number })[]; updatedEvents: number[] }> {
    const signals = [...new Map(all.map((x) => [signalKey(x), x])).values()];
    const inserted: (NewSignal & { id: number })[] = [];
    const updatedEvents = new Set<number>();
    const returning = await this.detachReturning(signals);
    const CHUNK = 5000;
    for (let start = 0; start < signals.length; start += CHUNK) {
      const S = signals.slice(start, start + CHUNK);
      const { rows } = await this.db.query<{ id: number; k: string; inserted: boolean; eventId: number | null }>(
        `insert into signals as s (county_code, area_code, area_level, source, category, subject, place, frequency,
           period_start, period_end, observed, expected, upperbound, algorithm, params, detail, immediate)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::date[], $10::date[], $11::float8[], $12::float8[], $13::float8[], $14::text[],
                $15::jsonb[], $16::jsonb[], $17::boolean[])
         on conflict (county_code, source, subject, area_code, place, frequency, period_start, algorithm) do update
            set period_end = excluded.period_end, observed = excluded.observed, expected = excluded.expected,
                upperbound = excluded.upperbound, detail = excluded.detail
          where (s.period_end, s.observed, s.expected, s.upperbound, s.detail)
                is distinct from (excluded.period_end, excluded.observed, excluded.expected, excluded.upperbound, excluded.detail)
         returning id, (xmax = 0) as inserted, event_id as "eventId", ${signalKeySql()} as k`,
        [
          S.map((x) => x.countyCode),
          S.map((x) => x.areaCode),
          S.map((x) => x.areaLevel),
          S.map((x) => x.source),
          S.map((x) => x.category),
          S.map((x) => x.subject),
          S.map((x) => x.place),
          S.map((x) => x.frequency),
          S.map((x) => x.periodStart),
          S.map((x) => x.periodEnd),
          S.map((x) => x.observed),
          S.map((x) => x.expected),
          S.map((x) => x.upperbound),
          S.map((x) => x.algorithm),
          S.map((x) => JSON.stringify(x.params)),
          S.map((x) => JSON.stringify(x.detail)),
          S.map((x) => x.immediate),
        ],
      );
      const byKey = new Map<string, number>();
      for (const r of rows) {
        if (r.inserted) byKey.set(r.k, Number(r.id));
        else if (r.eventId !== null) updatedEvents.add(Number(r.eventId));
      }
      for (const x of S) {
        const k = signalKey(x);
        const id = byKey.get(k) ?? returning.get(k);
        if (id !== undefined && !x.detail.withdrawn) inserted.push({ ...x, id });
      }
    }
    return { inserted, updatedEvents: [...updatedEvents] };
  }

  /**
   * A withdrawn signal that the data raises again while its event has been closed or excluded is taken off
   * that event and fused as a new signal: the response that ended saw it withdrawn, so someone must look at it
   * afresh. Returns the ids of those signals by key.
   */
  private async detachReturning(signals: NewSignal[]): Promise<Map<string, number>> {
    const raised = signals.filter((x) => !x.detail.withdrawn && x.source !== 'silent');
    if (!raised.length) return new Map();
    const days = raised.map((x) => x.periodStart).sort();
    const { rows: back } = await this.db.query<{
      id: number;
      k: string;
      eventId: number;
      county: string;
      subject: string;
      day: string;
    }>(
      `select s.id, s.event_id as "eventId", s.county_code as county, s.subject,
              to_char(s.period_start, 'YYYY-MM-DD') as day, ${signalKeySql('s.')} as k
         from signals s join surveillance_events e on e.id = s.event_id
        where s.county_code = any($1::text[]) and s.period_start between $2::date and $3::date
          and coalesce((s.detail ->> 'withdrawn')::boolean, false) and e.state in ('closed', 'excluded')
          and ${signalKeySql('s.')} = any($4::text[])`,
      [[...new Set(raised.map((x) => x.countyCode))], days[0], days[days.length - 1], raised.map(signalKey)],
    );
    if (!back.length) return new Map();
    await this.db.tx(async (q) => {
      await q.query('update signals set event_id = null where id = any($1::bigint[])', [back.map((r) => r.id)]);
      for (const r of back) {
        await history(q, r.county, Number(r.eventId), 'reraised', null, null, null, {
          signalId: Number(r.id),
          subject: r.subject,
          periodStart: r.day,
        });
      }
    });
    return new Map(back.map((r) => [r.k, Number(r.id)]));
  }

  private async signalsOfEvents(eventIds: number[]) {
    const { rows } = await this.db.query<NewSignal & { id: number; eventId: number }>(
      `select id, event_id as "eventId", ${SIGNAL_COLUMNS} from signals where event_id = any($1::int8[])`,
      [eventIds],
    );
    return rows;
  }

  /** Recomputes the risk and explanation of events whose signals changed; the history says why. */
  private async rescoreEvents(eventIds: number[]): Promise<number> {
    if (!eventIds.length) return 0;
    const toFusion = await this.fusionMapper();
    const rows = await this.signalsOfEvents(eventIds);
    const { rows: events } = await this.db.query<{ id: number; countyCode: string; riskLevel: number }>(
      `select id, county_code as "countyCode", risk_level as "riskLevel" from surveillance_events where id = any($1::int8[])`,
      [eventIds],
    );
    await this.db.tx(async (q) => {
      for (const e of events) {
        const signals = rows.filter((r) => Number(r.eventId) === Number(e.id));
        const score = scoreEvent(signals.map((x) => toFusion({ ...x, id: Number(x.id) })));
        await q.query(
          `update surveillance_events set risk_score = $2, risk_level = $3, explanation = $4, updated_at = now() where id = $1`,
          [e.id, score.score, score.level, JSON.stringify(score.explanation)],
        );
        await history(q, e.countyCode, Number(e.id), 'signal', null, null, null, {
          updated: true,
          level: score.level,
          fromLevel: e.riskLevel,
          withdrawn: signals.filter((x) => x.detail?.withdrawn === true).length,
        });
      }
    });
    return events.length;
  }

  /** How a stored signal is seen by fusion (names, syndrome group, withdrawal). */
  private async fusionMapper(): Promise<(s: NewSignal & { id: number }) => FusionSignal> {
    const tree = await this.areas.tree();
    const { names, syndromes } = await this.subjects();
    return (s) => ({
      id: s.id,
      source: s.source,
      category: s.category,
      subject: s.subject,
      subjectName: names.get(s.subject) ?? s.subject,
      areaCode: s.areaCode,
      areaName: tree.get(s.areaCode)?.name ?? s.areaCode,
      areaLevel: s.areaLevel,
      countyCode: s.countyCode,
      date: s.periodEnd,
      observed: s.observed,
      upperbound: s.upperbound,
      expected: s.expected,
      algorithm: s.algorithm,
      immediate: s.immediate,
      place: typeof s.detail?.place === 'string' ? s.detail.place : undefined,
      syndrome: syndromes.get(s.subject) ?? s.subject,
      withdrawn: s.detail?.withdrawn === true,
    });
  }

  private async fuse(stored: (NewSignal & { id: number })[], historical: boolean) {
    const incoming = stored.filter((s) => s.category !== 'data-quality');
    if (!incoming.length) return { created: 0, updated: 0 };
    const tree = await this.areas.tree();
    const toFusion = await this.fusionMapper();
    const counties = [...new Set(incoming.map((s) => s.countyCode))];
    const minDate = addDays(incoming.map((s) => s.periodEnd).sort()[0]!, -7);
    const { rows: open } = await this.db.query<{
      id: number;
      countyCode: string;
      areaCode: string;
      areaLevel: 'county' | 'township';
      syndrome: string;
      firstDate: string;
      lastDate: string;
    }>(
      `select id, county_code as "countyCode", area_code as "areaCode", area_level as "areaLevel", syndrome,
              to_char(first_date, 'YYYY-MM-DD') as "firstDate", to_char(last_date, 'YYYY-MM-DD') as "lastDate"
         from surveillance_events
        where county_code = any($1::text[]) and state not in ('excluded', 'closed', 'merged') and first_date >= $2::date`,
      [counties, minDate],
    );
    const existingSignals = open.length ? await this.signalsOfEvents(open.map((e) => e.id)) : [];
    const existing: FusionEvent[] = open.map((e) => ({
      key: Number(e.id),
      areaCode: e.areaCode,
      areaName: tree.get(e.areaCode)?.name ?? e.areaCode,
      areaLevel: e.areaLevel,
      countyCode: e.countyCode,
      syndrome: e.syndrome,
      firstDate: e.firstDate,
      lastDate: e.lastDate,
      open: true,
      signals: existingSignals
        .filter((s) => Number(s.eventId) === Number(e.id))
        .map((s) => toFusion({ ...s, id: Number(s.id) })),
    }));
    const result = fuseSignals(existing, incoming.map(toFusion));
    let created = 0;
    let updated = 0;
    await this.db.tx(async (q) => {
      for (const e of result.changed) {
        const ids = e.signals.map((s) => s.id);
        const explanation = JSON.stringify(e.explanation);
        let eventId: number;
        if (e.isNew) {
          const createdAt = historical ? historicalTime(e.lastDate) : new Date().toISOString();
          const deadline = new Date(Date.parse(createdAt) + verifyDeadlineHours(e.level) * 3_600_000).toISOString();
          const { rows } = await q.query<{ id: number }>(
            `insert into surveillance_events (county_code, area_code, area_level, syndrome, first_date, last_date, risk_score,
               risk_level, explanation, verify_deadline, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id`,
            [
              e.countyCode,
              e.areaCode,
              e.areaLevel,
              e.syndrome,
              e.firstDate,
              e.lastDate,
              e.score,
              e.level,
              explanation,
              deadline,
              createdAt,
            ],
          );
          eventId = Number(rows[0]!.id);
          await history(q, e.countyCode, eventId, 'created', null, 'pending', createdAt, {
            signals: ids.length,
            level: e.level,
          });
          created++;
        } else {
          eventId = Number(e.key);
          await q.query(
            `update surveillance_events
                set first_date = $2, last_date = $3, risk_score = $4, risk_level = $5, explanation = $6,
                    verify_deadline = least(verify_deadline, created_at + make_interval(hours => $7)), updated_at = now()
              where id = $1`,
            [eventId, e.firstDate, e.lastDate, e.score, e.level, explanation, verifyDeadlineHours(e.level)],
          );
          await history(q, e.countyCode, eventId, 'signal', null, null, null, { signals: ids.length, level: e.level });
          updated++;
        }
        for (const old of e.mergedFrom) {
          if (typeof old !== 'number') continue;
          await q.query(
            `update surveillance_events set state = 'merged', merged_into = $2, updated_at = now() where id = $1`,
            [old, eventId],
          );
          await history(q, e.countyCode, old, 'merged', null, 'merged', null, { into: eventId });
        }
        await q.query(`update signals set event_id = $1 where id = any($2::int8[])`, [eventId, ids]);
      }
    });
    return { created, updated };
  }

  private async subjects(): Promise<{ names: Map<string, string>; syndromes: Map<string, string> }> {
    const diseases = [...(await this.diseases.all()).values()];
    const streams = await this.streamDefinitions();
    return {
      names: new Map([
        ...diseases.map((d) => [d.code, d.nameZh] as const),
        ...streams.map((s) => [s.code, s.nameZh] as const),
      ]),
      syndromes: new Map([
        ...diseases.map((d) => [d.code, d.syndrome] as const),
        ...streams.map((s) => [s.code, s.syndrome] as const),
      ]),
    };
  }
}

function signalKey(s: NewSignal): string {
  return [s.countyCode, s.source, s.subject, s.areaCode, s.place, s.frequency, s.periodStart, s.algorithm].join('|');
}

/** Demo and backfill events are "created" the morning after their last signal (never in the future). */
function historicalTime(lastDate: string): string {
  const t = Date.parse(`${addDays(lastDate, 1)}T01:00:00Z`);
  return new Date(Math.min(t, Date.now())).toISOString();
}

async function history(
  q: Queryable,
  countyCode: string,
  eventId: number,
  action: string,
  from: string | null,
  to: string | null,
  at: string | null,
  detail: unknown,
) {
  await q.query(
    `insert into event_history (county_code, event_id, action, from_state, to_state, detail, at, username)
     values ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), 'system')`,
    [countyCode, eventId, action, from, to, JSON.stringify(detail), at],
  );
}

/** Per-area series of period counts from (area, day, n) rows; null before `firstKnown` or where absent (streams). */
function groupSeries(
  rows: { area: string; county: string; day: number; n: number }[],
  unit: PeriodUnit,
  startIdx: number,
  toIdx: number,
  firstKnown: number | null,
): Map<string, { county: string; values: (number | null)[] }> {
  const len = toIdx - startIdx + 1;
  const out = new Map<string, { county: string; values: (number | null)[] }>();
  for (const r of rows) {
    let s = out.get(r.area);
    if (!s) {
      const values: (number | null)[] = new Array(len);
      for (let i = 0; i < len; i++) values[i] = firstKnown === null || startIdx + i < firstKnown ? null : 0;
      s = { county: r.county, values };
      out.set(r.area, s);
    }
    const idx = (unit === 'day' ? r.day : Math.floor((r.day + 3) / 7)) - startIdx;
    if (idx >= 0 && idx < len) s.values[idx] = (s.values[idx] ?? 0) + r.n;
  }
  return out;
}

/**
 * Calendar days of stream history to read before the first evaluated day. Streams are evaluated over the
 * days a source reported, so a school's weekends and holidays must not eat the detector's baseline: read
 * twice the baseline plus a quarter, which spans a summer holiday, whatever the size of the increment.
 */
function streamHistoryDays(algorithm: Algorithm, params: Record<string, unknown>): number {
  return 2 * lookbackPeriods(algorithm, params, 365) + 90;
}

/** A 32-bit seed from a string (FNV-1a). */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mode(xs: string[]): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

function emptyStats(): RunStats {
  return { series: 0, points: 0, skipped: 0, signals: 0, eventsCreated: 0, eventsUpdated: 0, errors: [], ms: 0 };
}

function addStats(a: RunStats, b: RunStats) {
  a.series += b.series;
  a.points += b.points;
  a.skipped += b.skipped;
  a.signals += b.signals;
  a.eventsCreated += b.eventsCreated;
  a.eventsUpdated += b.eventsUpdated;
  a.errors.push(...b.errors);
  a.ms += b.ms;
}
