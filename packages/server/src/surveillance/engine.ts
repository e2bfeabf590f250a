// The signal engine: runs each disease's and stream's configured detector per area × period, the fixed
// thresholds (single cases of 甲类/乙类甲管 and rare diseases, clusters in one school or village) and the
// source-silent check, stores new signals and fuses them into events (core fusion.ts).
//
// It runs incrementally after every ingestion batch (only the touched series, only the periods the new data
// fell in) and on demand over a date range (`weijian surveillance run --from --to`, the demo load). Signals
// are unique per source × subject × area × place × period × algorithm, so re-running a range adds nothing twice.
// The parts: engine-series (SQL aggregates), engine-detectors (statistical), engine-rules (fixed rules),
// engine-scan (space-time scan), engine-store (signal store), engine-fusion (events).
import type { Bilingual } from '@weijian/core/platform';
import { addDays } from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { invalid } from '../platform/errors.ts';
import type { AreasService, InstitutionDirectory } from '../registry/index.ts';
import { type CityOverrides, cityOf } from './city-settings.ts';
import { countiesWithData } from './city-settings-repo.ts';
import { checkDateRange } from './date-range.ts';
import type { DiseaseSettings } from './diseases-service.ts';
import { chartSeries, diseaseSignals, streamSignals } from './engine-detectors.ts';
import { fuse, rescoreEvents } from './engine-fusion.ts';
import {
  type AffectedCase,
  addStats,
  type EngineDeps,
  emptyStats,
  type NewSignal,
  type RunScope,
  type RunStats,
  type StreamDefinition,
} from './engine-model.ts';
import { clusterSignals, immediateSignals, silentSignals } from './engine-rules.ts';
import { scanSignals } from './engine-scan.ts';
import { caseDataStart } from './engine-series.ts';
import { storeSignals } from './engine-store.ts';
import { StoredSignals } from './signals-repo.ts';
import { knownStreamCodes, streamDefinitions } from './streams-repo.ts';

export type { RunScope, RunStats, StreamDefinition } from './engine-model.ts';
export { SCAN } from './engine-scan.ts';

/** How many periods before the first changed one an incremental run re-evaluates at most. */
const INCREMENTAL_PERIODS = 8;

export class SignalEngine {
  private readonly deps: EngineDeps;

  constructor(
    private readonly db: Db,
    areas: AreasService,
    private readonly diseases: DiseaseSettings,
    institutions: InstitutionDirectory,
  ) {
    this.deps = { db, areas, institutions, diseases, streams: (city) => this.streamDefinitions(city) };
  }

  /** The cities' own detector settings (diseases and streams). */
  get overrides(): CityOverrides {
    return this.diseases.overrides;
  }

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

  /**
   * An on-demand run over a date range (platform and city administrators; a city's over its counties),
   * audited. Every disease and stream it names must exist: an unknown one would otherwise run nothing of
   * what was asked (422 naming `diseases[i]` / `streams[i]`).
   */
  async runFor(
    policy: AccessPolicy,
    body: { from: string; to: string; diseases?: string[]; streams?: string[] },
    actor: Actor,
  ): Promise<RunStats> {
    policy.requireRole(['admin', 'city']);
    checkDateRange(body.from, body.to);
    const problems: { path: string; message: Bilingual }[] = [];
    if (body.diseases?.length) {
      const known = await this.diseases.all();
      body.diseases.forEach((code, i) => {
        if (!known.has(code))
          problems.push({
            path: `diseases[${i}]`,
            message: { zh: `未知的病种代码 ${code}`, en: `Unknown disease code ${code}` },
          });
      });
    }
    if (body.streams?.length) {
      const known = await knownStreamCodes(this.db, body.streams);
      body.streams.forEach((code, i) => {
        if (!known.has(code))
          problems.push({
            path: `streams[${i}]`,
            message: { zh: `未知的数据流代码 ${code}`, en: `Unknown stream code ${code}` },
          });
      });
    }
    if (problems.length) throw invalid(problems);
    const counties = policy.isAdmin
      ? undefined
      : (await this.deps.areas.tree())
          .childrenIn(policy.scopeAreaCode!, Number(body.to.slice(0, 4)))
          .map((c) => c.code);
    const stats = await this.run({ ...body, counties });
    await audit(this.db, actor, { action: 'surveillance.run', after: { ...body, ...stats } });
    return stats;
  }

  /**
   * A run over `scope`: each county is evaluated with its city's settings (the platform default with the city's
   * overrides), so the counties are run in groups, one per city that set anything and one for all the others.
   */
  async run(scope: RunScope): Promise<RunStats> {
    const cities = await this.overrides.cities();
    if (!cities.size) return this.runWith(scope, null);
    const counties = scope.counties ?? (await countiesWithData(this.db));
    const groups = new Map<string | null, string[]>();
    for (const c of counties) {
      const city = cities.has(cityOf(c)) ? cityOf(c) : null;
      groups.set(city, [...(groups.get(city) ?? []), c]);
    }
    const total = emptyStats();
    for (const [city, list] of groups) addStats(total, await this.runWith({ ...scope, counties: list }, city));
    return total;
  }

  private async runWith(runScope: RunScope, city: string | null): Promise<RunStats> {
    const started = performance.now();
    // Weekly detectors ask from the Monday of the first day's week: six days before at most.
    const before = await StoredSignals.load(this.db, addDays(runScope.from, -6), runScope.to, runScope.counties);
    const scope: RunScope = { ...runScope, stored: before };
    const stats = emptyStats();
    const signals: NewSignal[] = [];
    const db = this.db;
    if (!scope.streamsOnly) {
      const all = await this.diseases.forCity(city);
      const list = [...all.values()].filter((d) => d.enabled && (!scope.diseases || scope.diseases.includes(d.code)));
      const dataStart = await caseDataStart(db);
      for (const d of list) {
        if (d.immediate) signals.push(...(await immediateSignals(db, d, scope)));
        if (d.clusterCases && d.clusterDays) signals.push(...(await clusterSignals(db, d, scope)));
        const redundant = d.immediate && d.algorithm === 'fixed';
        if (!scope.skipStatistical && !redundant && dataStart) {
          signals.push(...(await diseaseSignals(db, d, scope, dataStart, stats)));
        }
        if (!scope.skipStatistical && !d.immediate && d.areaLevel === 'township') {
          signals.push(...(await scanSignals(this.deps, d, scope, stats)));
        }
      }
    }
    if (!scope.casesOnly) {
      const streams = await this.streamDefinitions(city);
      for (const s of streams.filter((x) => x.enabled && (!scope.streams || scope.streams.includes(x.code)))) {
        signals.push(...(await streamSignals(db, s, scope, stats)));
      }
      signals.push(...(await silentSignals(db, scope, streams)));
    }
    const { inserted: stored, updatedEvents } = await storeSignals(db, signals);
    stats.signals = stored.length;
    const fused = await fuse(this.deps, stored, !!scope.historical);
    stats.eventsCreated = fused.created;
    stats.eventsUpdated = fused.updated + (await rescoreEvents(this.deps, updatedEvents));
    stats.ms = Math.round(performance.now() - started);
    return stats;
  }

  /** The streams as `city` runs them; the platform default for none. */
  async streamDefinitions(city: string | null = null): Promise<StreamDefinition[]> {
    return this.overrides.apply('stream', city, await streamDefinitions(this.db));
  }

  /**
   * One area's series with the detector's bounds for a chart: the last `periods` periods up to `to`.
   * Diseases use their configured unit and detector; the area may be a county (6 digits) or a township.
   */
  seriesFor(subject: string, areaCode: string, to: string, periods: number) {
    return chartSeries(this.deps, subject, areaCode, to, periods);
  }
}
