// Live evaluation of a plan: for each indicator, area and year the actual value (with provenance), the
// expected value on the path from baseline to target, the status and the distance to target. Nothing is
// precomputed: one engine call fetches every value the request needs (cached until the next write).
import {
  type Direction,
  evaluateYear,
  formatTarget,
  indicatorByCode,
  type PlanIndicatorSpec,
  STATUS_LABELS,
  type Status,
  type Target,
  type YearEvaluation,
} from '@weijian/core/planning';
import type { IndicatorEngine, Provenance } from './indicator-engine.ts';
import type { PlanIndicatorRow, PlanRow } from './plans-repo.ts';

export interface IndicatorEvaluation extends YearEvaluation {
  seq: number;
  area: string;
  /** Value with provenance; null for an indicator not linked to the catalogue. */
  provenance: Provenance | null;
  /** The target that applied (a county's own when the plan sets one). */
  target: Target | null;
  areaTarget: boolean;
}

export interface EvaluationGrid {
  get(seq: number, area: string, year: number): IndicatorEvaluation | undefined;
  /** Latest asOf of every value in the grid. */
  asOf: string | null;
}

export const STATUSES: readonly Status[] = ['met', 'on-track', 'lagging', 'warning', 'no-data'];

/** First year whose value any indicator's status may need (the baseline year, a relative target's base). */
function firstYear(plan: PlanRow, indicators: readonly PlanIndicatorRow[], from: number): number {
  let y = Math.min(from, plan.baselineYear);
  for (const i of indicators) {
    for (const t of [i.target, ...i.areaTargets.map((a) => a.target)])
      if (t?.kind === 'relative') y = Math.min(y, t.base);
  }
  return y;
}

export class EvaluationService {
  constructor(private readonly engine: IndicatorEngine) {}

  /** Evaluations of `indicators` for every area in `areas` and every year in [from, to]. */
  async evaluate(
    plan: PlanRow,
    indicators: readonly PlanIndicatorRow[],
    areas: readonly string[],
    from: number,
    to: number,
  ): Promise<EvaluationGrid> {
    const start = firstYear(plan, indicators, from);
    const codes = indicators.map((i) => i.catalogueCode).filter((c): c is string => c !== null);
    const values = await this.engine.values(codes, areas, start, to);
    // One array indexed by indicator, area and year (no string key, closure or spread per cell).
    const span = to - from + 1;
    const grid: IndicatorEvaluation[] = new Array(indicators.length * areas.length * span);
    const indicatorIndex = new Map(indicators.map((ind, n) => [ind.seq, n]));
    const areaIndex = new Map(areas.map((a, n) => [a, n]));
    let asOf: string | null = null;
    for (let i = 0; i < indicators.length; i++) {
      const ind = indicators[i]!;
      for (let a = 0; a < areas.length; a++) {
        const area = areas[a]!;
        const override = ind.areaTargets.find((o) => o.areaCode === area);
        const target = override ? override.target : ind.target;
        const isRegion = area === plan.regionCode;
        const spec: PlanIndicatorSpec = {
          target,
          // The written baseline is the region's; another area is judged from its own (override or observed).
          baseline: override?.baseline ?? (isRegion ? ind.baseline : null),
          baselineYear: plan.baselineYear,
          targetYear: plan.periodEnd,
          nature: ind.nature,
          direction: ind.direction as Direction,
        };
        const series = new Map<number, number | null>();
        const prov: (Provenance | null)[] = new Array(to - start + 1).fill(null);
        if (ind.catalogueCode) {
          for (let y = start; y <= to; y++) {
            const p = values.get(ind.catalogueCode, area, y);
            if (p) {
              prov[y - start] = p;
              series.set(y, p.value);
              if (p.value !== null && p.asOf && (asOf === null || p.asOf > asOf)) asOf = p.asOf;
            }
          }
        }
        const areaTarget = override !== undefined;
        for (let y = from; y <= to; y++) {
          const r = evaluateYear(spec, series, y);
          grid[(i * areas.length + a) * span + y - from] = {
            year: r.year,
            actual: r.actual,
            baseline: r.baseline,
            baselineSource: r.baselineSource,
            status: r.status,
            expected: r.expected,
            distance: r.distance,
            seq: ind.seq,
            area,
            provenance: prov[y - start] ?? null,
            target,
            areaTarget,
          };
        }
      }
    }
    const get = (seq: number, area: string, year: number) => {
      const i = indicatorIndex.get(seq);
      const a = areaIndex.get(area);
      if (i === undefined || a === undefined || year < from || year > to) return undefined;
      return grid[(i * areas.length + a) * span + year - from];
    };
    return { get, asOf };
  }
}

/** The JSON of one indicator's evaluation as the API returns it. */
export function itemJson(ind: PlanIndicatorRow, e: IndicatorEvaluation) {
  const def = ind.catalogueCode ? indicatorByCode(ind.catalogueCode) : undefined;
  return {
    seq: ind.seq,
    domain: ind.domain,
    name: ind.name,
    catalogueCode: ind.catalogueCode,
    catalogueName: def?.zh ?? null,
    unit: ind.unit,
    decimals: def?.decimals ?? 2,
    nature: ind.nature,
    direction: ind.direction,
    baselineText: ind.baselineText,
    baseline: e.baseline,
    baselineSource: e.baselineSource,
    targetText: ind.targetText,
    target: e.target,
    targetDisplay: { zh: formatTarget(e.target, 'zh'), en: formatTarget(e.target, 'en') },
    targetSource: ind.targetSource,
    areaTarget: e.areaTarget,
    year: e.year,
    actual: e.provenance,
    expected: e.expected,
    status: e.status,
    statusLabel: STATUS_LABELS[e.status],
    distance: e.distance,
  };
}

export function statusCounts(statuses: Iterable<Status>): Record<Status, number> {
  const c = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const s of statuses) c[s]++;
  return c;
}
