// Facility placement on the city's network for an area: candidates (the area's township seats or villages),
// demand (its villages, weighted by households), today's institutions of the chosen categories kept open, and
// the model — LSCP (fewest new sites so every reachable household is within T), MCLP (p new sites covering
// the most households within T) or p-median (p new sites minimising household-weighted minutes). Solved by
// A2's solver (HiGHS where the reduced model fits, else the documented heuristic with its bound). The answer
// names the sites with the households each adds and today's coverage against the proposal's; a result can be
// saved as a scenario next to a plan.
import { costFrom, coverageFrom, type Snap, snapPoints, travelTimes } from '@weijian/core/access';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { type AnalysisService, type FacilityOptions, SNAP_MAX_KM, summaryOf } from './analysis-service.ts';
import { deleteScenario, getScenario, insertScenario, listScenarios, type ScenarioRow } from './networks-repo.ts';
import { place } from './solver.ts';

export interface PlacementInput extends FacilityOptions {
  area?: string | undefined;
  model: 'lscp' | 'mclp' | 'pmedian';
  minutes: number;
  sites?: number | undefined;
  candidates: 'townships' | 'villages';
  keepExisting: boolean;
  timeLimitSeconds?: number | undefined;
}

/** Travel beyond this counts as unreachable for p-median (a search per village stays bounded). */
const PMEDIAN_CAP_MIN = 120;
/** Candidates × demand points one request may hand to the matrix. */
const MAX_PAIRS = 4_000_000;

/** A plan as the scenario check needs it, read through planning's service (wired in services.ts). */
export type PlanLookup = (
  policy: AccessPolicy,
  id: number,
) => Promise<{ id: number; regionCode: string; name: string }>;

/** Sizes of a saved scenario's parts (JSON characters). */
const MAX_PARAMS_CHARS = 20_000;
const MAX_RESULT_CHARS = 500_000;

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export class PlacementService {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly plans: PlanLookup,
  ) {}

  /**
   * The plan a scenario is saved next to: one the caller may read (planning's rule: 403 outside the scope), and
   * of the scenario's area — its region contains the area or lies within it. Unknown → 422 naming `planId`.
   */
  private async requirePlan(policy: AccessPolicy, planId: number, areaCode: string) {
    let plan: Awaited<ReturnType<PlanLookup>>;
    try {
      plan = await this.plans(policy, planId);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') {
        throw invalid([
          { path: 'planId', message: { zh: `规划 #${planId} 不存在`, en: `Plan #${planId} does not exist` } },
        ]);
      }
      throw e;
    }
    if (!areaCode.startsWith(plan.regionCode) && !plan.regionCode.startsWith(areaCode)) {
      throw invalid([
        {
          path: 'planId',
          message: {
            zh: `规划 #${planId}（${plan.name}）的区域 ${plan.regionCode} 不包含 ${areaCode}`,
            en: `Plan #${planId} (${plan.name}) covers ${plan.regionCode}, not ${areaCode}`,
          },
        },
      ]);
    }
    return plan;
  }

  async place(policy: AccessPolicy, input: PlacementInput) {
    const area = await this.analysis.readableArea(policy, input.area);
    if (input.model !== 'lscp' && !input.sites) {
      throw invalid([
        {
          path: 'sites',
          message: { zh: 'MCLP 与 p-median 需要新增站点数', en: 'MCLP and p-median need the number of sites' },
        },
      ]);
    }
    const table = await this.analysis.nearestTable(area.code, input);
    const { network, places } = table;
    const demand = places.villages.map((v, i) => ({ v, i })).filter(({ v }) => v.code.startsWith(area.code));
    const existing = input.keepExisting ? table.facilities.filter((f) => f.areaCode.startsWith(area.code)) : [];
    const proposed =
      input.candidates === 'townships'
        ? places.townships
            .filter((t) => t.code.startsWith(area.code))
            .map((t) => ({ id: t.code, name: t.name, lng: t.lng, lat: t.lat }))
        : demand.map(({ v }) => ({ id: v.code, name: v.name, lng: v.lng, lat: v.lat }));
    const candidates = [
      ...existing.map((f) => ({ id: `institution:${f.id}`, name: f.name, lng: f.lng, lat: f.lat, existing: true })),
      ...proposed.map((p) => ({ ...p, existing: false })),
    ];
    if (!demand.length || !proposed.length) {
      throw invalid([
        {
          path: 'area',
          message: { zh: '该区域没有村（居）或候选地点', en: 'The area has no villages or candidate sites' },
        },
      ]);
    }
    if (demand.length * candidates.length > MAX_PAIRS) {
      throw invalid([
        {
          path: 'candidates',
          message: {
            zh: `候选地点 × 村（居）超过 ${MAX_PAIRS} 对：请选择乡镇驻地作为候选，或缩小区域`,
            en: `Candidates × villages exceed ${MAX_PAIRS} pairs: use township seats as candidates, or a smaller area`,
          },
        },
      ]);
    }
    const g = network.graph;
    const villageSnaps = this.analysis.villageSnaps(network, places);
    const demandSnaps: Snap[] = demand.map(({ i }) => villageSnaps[i]!);
    const candidateSnaps = snapPoints(g, candidates, { maxKm: SNAP_MAX_KM });
    const capMin = input.model === 'pmedian' ? PMEDIAN_CAP_MIN : input.minutes;
    const started = performance.now();
    // Residents travel to the site: villages are the sources, bounded by the time that matters.
    const seconds = travelTimes(g, demandSnaps, candidateSnaps, {
      offroadKmh: input.offroadKmh,
      maxSeconds: capMin * 60,
    });
    const matrixMs = performance.now() - started;
    const weights = demand.map(({ v }) => v.households);
    const fixed = existing.map((_, j) => j);
    const time = (j: number, i: number) => seconds[i * candidates.length + j]!;
    const timeLimitSeconds = Math.min(input.timeLimitSeconds ?? 10, 30);
    const result =
      input.model === 'pmedian'
        ? await place(
            { model: 'pmedian', cost: costFrom(demand.length, candidates.length, weights, time), sites: input.sites! },
            { fixed, timeLimitSeconds },
          )
        : await place(
            input.model === 'lscp'
              ? {
                  model: 'lscp',
                  coverage: coverageFrom(demand.length, candidates.length, weights, time, input.minutes * 60),
                }
              : {
                  model: 'mclp',
                  coverage: coverageFrom(demand.length, candidates.length, weights, time, input.minutes * 60),
                  sites: input.sites!,
                },
            { fixed, timeLimitSeconds },
          );
    // Today (kept institutions only; with none kept, today's facilities of the categories) against the proposal.
    const within = (open: readonly number[]) => {
      let w = 0;
      demand.forEach(({ i: vi }, i) => {
        const today = table.minutes[vi];
        const best = Math.min(
          ...open.map((j) => time(j, i)),
          input.keepExisting || today === null || today === undefined ? Infinity : today * 60,
        );
        if (best <= input.minutes * 60) w += weights[i]!;
      });
      return w;
    };
    const total = weights.reduce((s, w) => s + w, 0);
    const todayCovered = input.keepExisting
      ? within(fixed)
      : demand.reduce((s, { i: vi }, i) => s + ((table.minutes[vi] ?? Infinity) <= input.minutes ? weights[i]! : 0), 0);
    const afterCovered = within([...fixed, ...result.sites]);
    return {
      area: { code: area.code, name: area.name },
      network: summaryOf(network),
      model: result.model,
      minutes: input.minutes,
      sites: result.sites.map((j, k) => ({
        id: candidates[j]!.id,
        name: candidates[j]!.name,
        lng: candidates[j]!.lng,
        lat: candidates[j]!.lat,
        addedHouseholds: round(result.added[k] ?? 0, 1),
      })),
      kept: existing.length,
      objective: round(result.objective, 2),
      optimal: result.optimal,
      bound: result.bound === null ? null : round(result.bound, 2),
      gap: result.gap === null ? null : round(result.gap, 4),
      method: result.method,
      households: round(total, 1),
      coveredToday: round(todayCovered, 1),
      coveredAfter: round(afterCovered, 1),
      uncoverable: result.uncoverable.map((i) => demand[i]!.v.code).slice(0, 500),
      reduced: result.reduced,
      matrixMs: Math.round(matrixMs),
    };
  }

  /**
   * Deletes a saved scenario: the writers of its area. One the caller cannot read is absent (404), not
   * forbidden, so ids of other areas' scenarios reveal nothing.
   */
  async remove(policy: AccessPolicy, id: number): Promise<void> {
    const gone = notFound({ zh: `方案 ${id} `, en: `Scenario ${id}` });
    const row = await getScenario(this.analysis.db, id);
    if (!row || !(await policy.mayReadArea(row.areaCode))) throw gone;
    await policy.requireWriteArea(row.areaCode);
    await this.analysis.db.tx(async (q) => {
      if (!(await deleteScenario(q, id))) throw gone;
      await audit(q, policy.actor, {
        action: 'access.scenario.delete',
        entity: 'access_scenario',
        entityId: id,
        areaCode: row.areaCode,
        before: { name: row.name, model: row.model, planId: row.planId },
      });
    });
  }

  /** Saves a placement as a scenario of the area (optionally next to a plan): the area's writers. */
  async save(
    policy: AccessPolicy,
    s: {
      area: string;
      planId?: number | null | undefined;
      name: string;
      params: Record<string, unknown>;
      result: Record<string, unknown> & { model: ScenarioRow['model'] };
    },
  ) {
    const area = await this.analysis.readableArea(policy, s.area);
    await policy.requireWriteArea(area.code);
    if (s.planId !== null && s.planId !== undefined) await this.requirePlan(policy, s.planId, area.code);
    // A scenario keeps what a placement answered (≤ 200 sites, ≤ 500 uncoverable villages: tens of kB); a
    // body of megabytes is no placement and would sit in every list of the area's scenarios.
    for (const [path, value, max] of [
      ['params', s.params, MAX_PARAMS_CHARS],
      ['result', s.result, MAX_RESULT_CHARS],
    ] as const) {
      const size = JSON.stringify(value).length;
      if (size > max) {
        throw invalid([
          {
            path,
            message: {
              zh: `方案的 ${path} 过大（${size} 字符，上限 ${max}）`,
              en: `The scenario’s ${path} is too large (${size} characters, at most ${max})`,
            },
          },
        ]);
      }
    }
    if (!Array.isArray(s.result.sites)) {
      throw invalid([
        {
          path: 'result.sites',
          message: { zh: '方案结果缺少站点列表（sites）', en: 'The scenario’s result has no list of sites' },
        },
      ]);
    }
    const network = await this.analysis.networks.require(area.code);
    return this.analysis.db.tx(async (q) => {
      const row = await insertScenario(q, {
        areaCode: area.code,
        planId: s.planId ?? null,
        name: s.name,
        model: s.result.model,
        networkId: network.network.id,
        params: s.params,
        result: s.result,
        createdBy: policy.principal.username,
      });
      await audit(q, policy.actor, {
        action: 'access.scenario.create',
        entity: 'access_scenario',
        entityId: row.id,
        areaCode: area.code,
        after: { name: s.name, model: s.result.model, planId: s.planId ?? null },
      });
      return { ...row, id: Number(row.id) };
    });
  }

  async list(policy: AccessPolicy, rawArea: string | undefined, planId: number | undefined) {
    const area = await this.analysis.readableArea(policy, rawArea);
    if (planId !== undefined) await this.requirePlan(policy, planId, area.code);
    const items = await listScenarios(this.analysis.db, area.code, planId ?? null);
    return { total: items.length, items };
  }
}
