// What the signal engine's parts pass between them: a run's scope and statistics, a signal before and after
// it is stored, and what each part reads from the rest of the context.
import type { EvidenceCategory, PeriodUnit, SignalSource } from '@weijian/core/surveillance';
import type { Db } from '../platform/db.ts';
import type { AreasService, InstitutionDirectory } from '../registry/index.ts';
import type { DiseaseSettings } from './diseases-service.ts';
import type { StreamSettings } from './streams-catalogue.ts';

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
  /**
   * Read every series' whole history window as before issue 13 (daily case rows, the full stream window)
   * instead of only what the detector needs: the test that the bounded reads find the same signals uses it.
   */
  fullHistory?: boolean;
  /** The stored signals of the run's dates, read once when it starts (signals-repo StoredSignals). */
  stored?: StoredSignalsSource;
}

/** Stored signals of one source and subject in a range, or undefined if the source did not read that range. */
export interface StoredSignalsSource {
  get(
    source: SignalSource,
    subject: string,
    range: { from: string; to: string; counties?: string[] },
  ): NewSignal[] | undefined;
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

/** What the engine's parts read: the database, the area tree, the disease settings and the streams. */
export interface EngineDeps {
  db: Db;
  areas: AreasService;
  /** The registry's institutions: township centroids for the scan. */
  institutions: InstitutionDirectory;
  diseases: DiseaseSettings;
  /** The streams as `city` runs them (its overrides over the default); the default when omitted. */
  streams(city?: string | null): Promise<StreamDefinition[]>;
}

/** A card stored, corrected or deleted: the series it touches, for the engine's incremental run. */
export interface AffectedCase {
  diseaseCode: string;
  countyCode: string;
  townshipCode: string;
  onsetDate: string;
}

export interface NewSignal {
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

export type StoredSignal = NewSignal & { id: number };

/** A signal's identity: unique per source × subject × area × place × period × algorithm (and county). */
export function signalKey(s: NewSignal): string {
  return [s.countyCode, s.source, s.subject, s.areaCode, s.place, s.frequency, s.periodStart, s.algorithm].join('|');
}

export function emptyStats(): RunStats {
  return { series: 0, points: 0, skipped: 0, signals: 0, eventsCreated: 0, eventsUpdated: 0, errors: [], ms: 0 };
}

export function addStats(a: RunStats, b: RunStats) {
  a.series += b.series;
  a.points += b.points;
  a.skipped += b.skipped;
  a.signals += b.signals;
  a.eventsCreated += b.eventsCreated;
  a.eventsUpdated += b.eventsUpdated;
  a.errors.push(...b.errors);
  a.ms += b.ms;
}
