// Creating, revising and reading plans: every check before any write (bad input never leaves partial
// writes), one transaction with its audit entry. Used by the HTTP routes, the CLI and the demo loader alike.
import { directionOfTarget, indicatorByCode, normaliseUnit, parseTarget, type Target } from '@weijian/core/planning';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import { type AreasService, normaliseAreaCode } from '../registry/index.ts';
import type { IndicatorInputT, PlanInputT, TargetInput } from './plan-schemas.ts';
import type { PlanAccess } from './plan-scope.ts';
import {
  getPlan,
  insertPlan,
  insertVersion,
  listPlans,
  type NewIndicator,
  type PlanIndicatorRow,
  type PlanRow,
  planIndicators,
  planVersions,
  setIndicatorTarget,
  touchPlan,
  upsertAreaTarget,
} from './plans-repo.ts';

export interface PlanDetail extends PlanRow {
  regionName: string;
  /** The version whose indicators are listed. */
  shownVersion: number;
  indicators: PlanIndicatorRow[];
  versions: Awaited<ReturnType<typeof planVersions>>;
}

/** A target from the wire, with the indicator's original text when the caller sent none. */
export function withText(t: TargetInput, text: string): Target {
  return { ...t, text: t.text ?? text } as Target;
}

export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly access: PlanAccess,
  ) {}

  /** Checks and normalises indicator rows; problems are listed per row and field, nothing is written. */
  async buildIndicators(rows: readonly IndicatorInputT[], details: ErrorDetail[]): Promise<NewIndicator[]> {
    const tree = await this.areas.tree();
    return rows.map((r, n) => {
      const path = `indicators.${n}`;
      const def = r.catalogueCode ? indicatorByCode(r.catalogueCode) : undefined;
      if (r.catalogueCode && !def) {
        details.push({
          path: `${path}.catalogueCode`,
          row: n + 1,
          column: 'catalogueCode',
          message: { zh: `指标库中没有编码“${r.catalogueCode}”`, en: `No catalogue indicator "${r.catalogueCode}"` },
        });
      }
      const targetText = r.targetText ?? '';
      const hinted = def?.direction ?? r.direction;
      let target: Target | null;
      let targetSource: 'parsed' | 'manual' = 'parsed';
      if (r.target !== undefined) {
        target = r.target === null ? null : withText(r.target, targetText);
        // A target the caller structured differently from what the text parses to was set by a person.
        const parsed = parseTarget(targetText, { unit: r.unit ?? null, ...(hinted ? { direction: hinted } : {}) });
        if (JSON.stringify(parsed) !== JSON.stringify(target)) targetSource = 'manual';
      } else {
        target = parseTarget(targetText, { unit: r.unit ?? null, ...(hinted ? { direction: hinted } : {}) });
      }
      for (const [k, o] of (r.areaTargets ?? []).entries()) {
        if (!tree.get(normaliseAreaCode(o.areaCode))) {
          details.push({
            path: `${path}.areaTargets.${k}.areaCode`,
            row: n + 1,
            message: { zh: `行政区划 ${o.areaCode} 不存在`, en: `Area ${o.areaCode} not found` },
          });
        }
      }
      const unit = r.unit ?? null;
      return {
        domain: r.domain ?? null,
        name: r.name,
        catalogueCode: def ? def.code : null,
        matchConfidence: r.matchConfidence ?? null,
        unit: unit === null ? null : (normaliseUnit(unit) ?? unit),
        baselineText: r.baselineText ?? (r.baseline == null ? '' : String(r.baseline)),
        baseline: r.baseline ?? null,
        target,
        targetText,
        targetSource,
        nature: r.nature ?? null,
        direction: def?.direction ?? r.direction ?? directionOfTarget(target),
        areaTargets: (r.areaTargets ?? []).map((o) => ({
          areaCode: normaliseAreaCode(o.areaCode),
          target: o.target === null ? null : withText(o.target, targetText),
          baseline: o.baseline ?? null,
        })),
      };
    });
  }

  async create(policy: AccessPolicy, input: PlanInputT, opts: { synthetic?: boolean } = {}): Promise<PlanDetail> {
    const region = await this.areas.get(normaliseAreaCode(input.regionCode));
    await this.access.requireRegionWrite(policy, region.code);
    const details: ErrorDetail[] = [];
    if (input.periodEnd < input.periodStart) {
      details.push({ path: 'periodEnd', message: { zh: '规划期末早于期初', en: 'Period end is before its start' } });
    }
    if (input.baselineYear > input.periodStart) {
      details.push({
        path: 'baselineYear',
        message: { zh: '基期年份不能晚于规划期初', en: 'The baseline year cannot follow the period start' },
      });
    }
    const indicators = await this.buildIndicators(input.indicators, details);
    if (details.length) throw invalid(details);
    const id = await this.db.tx(async (q) => {
      const planId = await insertPlan(q, {
        regionCode: region.code,
        countyCode: region.level === 3 ? region.code : region.level > 3 ? (region.countyCode ?? null) : null,
        name: input.name,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        baselineYear: input.baselineYear,
        status: input.status ?? 'active',
        synthetic: opts.synthetic ?? false,
        createdBy: policy.principal.username,
      });
      await insertVersion(
        q,
        planId,
        1,
        { note: input.note ?? null, sourceFile: input.sourceFile ?? null, createdBy: policy.principal.username },
        indicators,
      );
      await audit(q, policy.actor, {
        action: 'plan.create',
        entity: 'plan',
        entityId: planId,
        areaCode: region.code,
        after: { ...input, indicators: indicators.length },
      });
      return planId;
    });
    return this.detail(id);
  }

  async revise(
    policy: AccessPolicy,
    id: number,
    input: { version: number; note?: string; sourceFile?: string; indicators: IndicatorInputT[] },
  ): Promise<PlanDetail> {
    const plan = await this.load(policy, id);
    await this.access.requireRegionWrite(policy, plan.regionCode);
    const details: ErrorDetail[] = [];
    const indicators = await this.buildIndicators(input.indicators, details);
    if (details.length) throw invalid(details);
    const next = plan.currentVersion + 1;
    await this.db.tx(async (q) => {
      if (!(await touchPlan(q, id, input.version, next))) throw conflict();
      await insertVersion(
        q,
        id,
        next,
        { note: input.note ?? null, sourceFile: input.sourceFile ?? null, createdBy: policy.principal.username },
        indicators,
      );
      await audit(q, policy.actor, {
        action: 'plan.revise',
        entity: 'plan',
        entityId: id,
        areaCode: plan.regionCode,
        before: { version: plan.currentVersion },
        after: { version: next, note: input.note ?? null, indicators: indicators.length },
      });
    });
    return this.detail(id);
  }

  /** Structures a target by hand (the plan's own, or a county's), in the version in force. */
  async editTarget(
    policy: AccessPolicy,
    id: number,
    seq: number,
    input: { version: number; target: TargetInput | null; area?: string; baseline?: number | null },
  ): Promise<PlanDetail> {
    const plan = await this.load(policy, id);
    await this.access.requireRegionWrite(policy, plan.regionCode);
    const indicators = await planIndicators(this.db, id, plan.currentVersion);
    const ind = indicators.find((i) => i.seq === seq);
    if (!ind) throw notFound({ zh: `规划指标 #${seq} `, en: `Plan indicator #${seq}` });
    const target = input.target === null ? null : withText(input.target, ind.targetText);
    let area: string | null = null;
    if (input.area) {
      area = normaliseAreaCode(input.area);
      const tree = await this.areas.tree();
      if (!tree.get(area) || !tree.isWithin(area, plan.regionCode, plan.periodEnd)) {
        throw invalid([
          {
            path: 'area',
            message: {
              zh: `${tree.get(area)?.name ?? ''}（${input.area}）不在规划区域内`,
              en: `${tree.get(area)?.name ?? ''} (${input.area}) is not within the plan's region`,
            },
          },
        ]);
      }
    }
    await this.db.tx(async (q) => {
      if (!(await touchPlan(q, id, input.version))) throw conflict();
      if (area) {
        await upsertAreaTarget(q, id, plan.currentVersion, seq, {
          areaCode: area,
          target,
          baseline: input.baseline ?? null,
        });
      } else await setIndicatorTarget(q, id, plan.currentVersion, seq, target);
      await audit(q, policy.actor, {
        action: 'plan.target',
        entity: 'plan',
        entityId: id,
        areaCode: area ?? plan.regionCode,
        before: area ? (ind.areaTargets.find((o) => o.areaCode === area) ?? null) : ind.target,
        after: { seq, area, target },
      });
    });
    return this.detail(id);
  }

  /** A plan the caller may read (404 when there is none, 403 outside the caller's scope). */
  async load(policy: AccessPolicy, id: number): Promise<PlanRow> {
    const plan = await getPlan(this.db, id);
    if (!plan) throw notFound({ zh: `规划 #${id} `, en: `Plan #${id}` });
    await this.access.requireRead(policy, plan);
    return plan;
  }

  /** A plan as its page shows it: the detail of `version` and the area the caller sees it evaluated for. */
  async show(policy: AccessPolicy, id: number, version?: number) {
    const plan = await this.load(policy, id);
    return { ...(await this.detail(plan.id, version)), defaultArea: await this.access.defaultArea(policy, plan) };
  }

  /** The versions of a plan the caller may read. */
  async versions(policy: AccessPolicy, id: number) {
    const plan = await this.load(policy, id);
    const detail = await this.detail(plan.id);
    return { total: detail.versions.length, items: detail.versions };
  }

  /** Plans inside the caller's scope, with their region's name. */
  async list(policy: AccessPolicy, f: { region?: string; status?: string; limit: number; cursor?: string }) {
    const region = f.region ? normaliseAreaCode(f.region) : undefined;
    // A region the caller may not read is refused (403), not answered with an empty list: the scope contract.
    if (region) await this.access.requireRead(policy, { regionCode: region });
    const r = await listPlans(this.db, policy.principal, {
      ...(region ? { region } : {}),
      ...(f.status ? { status: f.status } : {}),
      limit: f.limit,
      ...(f.cursor ? { cursor: f.cursor } : {}),
    });
    const tree = await this.areas.tree();
    return { ...r, items: r.items.map((p) => ({ ...p, regionName: tree.get(p.regionCode)?.name ?? null })) };
  }

  /** A plan with the indicators of `version` (default: the one in force) and its version history; no access check. */
  async detail(id: number, version?: number): Promise<PlanDetail> {
    const plan = await getPlan(this.db, id);
    if (!plan) throw notFound({ zh: `规划 #${id} `, en: `Plan #${id}` });
    const shown = version ?? plan.currentVersion;
    const [indicators, versions] = await Promise.all([planIndicators(this.db, id, shown), planVersions(this.db, id)]);
    if (!versions.some((v) => v.version === shown)) {
      throw notFound({ zh: `规划 #${id} 的第 ${shown} 版`, en: `Version ${shown} of plan #${id}` });
    }
    const tree = await this.areas.tree();
    return {
      ...plan,
      regionName: tree.get(plan.regionCode)?.name ?? plan.regionCode,
      shownVersion: shown,
      indicators,
      versions,
    };
  }
}

/** A plan's detail without access check, as the planning bench reads it. */
export const planDetail = (s: { plans: PlanService }, id: number, version?: number): Promise<PlanDetail> =>
  s.plans.detail(id, version);
