// The resource configuration standards: the rules with the numbers in force (editing the defaults is an
// administrator's, a region's own numbers its city user's), and checking an area against them — the numbers
// in force for each area (its nearest region's own, else the defaults), the sums from standards-facts.ts,
// the judgement from core.
import {
  applies,
  areaMeasure,
  type CheckResult,
  institutionMeasure,
  judge,
  paramErrors,
  STANDARDS,
  type StandardDef,
  standardByCode,
} from '@weijian/core/planning/standards';
import type { AreaTree } from '@weijian/core/registry';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import type { Lang } from '../platform/i18n.ts';
import type { StandardCheckProvider } from '../platform/module.ts';
import { type AreaFactsService, type AreasService, normaliseAreaCode, type SummaryService } from '../registry/index.ts';
import { areaComponents, coverageCounts, institutionFacts } from './standards-facts.ts';
import {
  deleteRegionParams,
  ensureStandards,
  listStandardRows,
  putRegionParams,
  type RegionParamsRow,
  type StandardRow,
  updateStandardRow,
} from './standards-repo.ts';

/** An edit of a standard: its defaults (administrators), or one region's own numbers (with `region`). */
export interface StandardEditInput {
  /** Version of the row edited: the standard's, or the region's own numbers (omit to create them). */
  version?: number | undefined;
  params?: Record<string, number> | undefined;
  enabled?: boolean | undefined;
  region?: string | undefined;
  /** With `region`: remove the region's own numbers. */
  remove?: boolean | undefined;
  note?: string | undefined;
}

export interface Violation {
  standard: string;
  standardName: string;
  scope: 'area' | 'institution';
  areaCode: string;
  areaName: string;
  countyCode: string | null;
  institutionId: number | null;
  name: string;
  actual: number | null;
  required: CheckResult['required'];
  unit: string;
  gap: number | null;
  gapText: string | null;
}

export interface StandardSummary {
  code: string;
  name: string;
  scope: 'area' | 'institution';
  level: string | null;
  unit: string;
  comparator: string;
  params: Record<string, number>;
  paramsRegion: string | null;
  checked: number;
  violations: number;
  noData: number;
  status: 'ok' | 'violated' | 'no-data' | 'needs-data' | 'disabled';
}

export interface CheckReport {
  area: { code: string; name: string; level: number };
  year: number;
  summary: {
    standards: number;
    active: number;
    violated: number;
    ok: number;
    needsData: number;
    violations: number;
    byStandard: StandardSummary[];
  };
  violations: Violation[];
  /** Every area-level result, met or not (the UI's table of ratios). */
  areaResults: (Omit<Violation, 'institutionId'> & { status: string })[];
  needsData: { code: string; name: string; note: string | null }[];
}

/** The numbers in force for a standard in an area: the nearest region's own, else the table's defaults. */
export class ParamsResolver {
  private readonly byCode = new Map<string, Map<string, RegionParamsRow>>();
  constructor(
    private readonly tree: AreaTree,
    private readonly year: number,
    private readonly rows: ReadonlyMap<string, StandardRow>,
    regions: readonly RegionParamsRow[],
  ) {
    for (const r of regions) {
      const m = this.byCode.get(r.code) ?? new Map<string, RegionParamsRow>();
      m.set(r.regionCode, r);
      this.byCode.set(r.code, m);
    }
  }

  resolve(def: StandardDef, area: string): { params: Record<string, number>; region: string | null } {
    const base = { ...def.params, ...(this.rows.get(def.code)?.params ?? {}) };
    const own = this.byCode.get(def.code);
    if (own) {
      for (const code of [area, ...this.tree.ancestorsIn(area, this.year).map((a) => a.code)]) {
        const r = own.get(code);
        if (r) return { params: { ...base, ...r.params }, region: code };
      }
    }
    return { params: base, region: null };
  }
}

export class StandardsService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly summaries: SummaryService,
    private readonly facts: AreaFactsService,
    /** Modules' checks of the standards that name them (the spatial rules: access, on the road network). */
    private readonly moduleChecks: () => readonly StandardCheckProvider[] = () => [],
  ) {}

  /** Every standard with its defaults, the numbers in force and the regions' own numbers. */
  async list() {
    await ensureStandards(this.db);
    const { rows, regions } = await listStandardRows(this.db);
    const tree = await this.areas.tree();
    const items = STANDARDS.map((d) => {
      const row = rows.find((r) => r.code === d.code);
      return {
        ...d,
        defaults: d.params,
        params: { ...d.params, ...(row?.params ?? {}) },
        enabled: row?.enabled ?? true,
        version: row?.version ?? 1,
        updatedBy: row?.updatedBy ?? null,
        updatedAt: row?.updatedAt ?? null,
        regions: regions
          .filter((r) => r.code === d.code)
          .map(({ code: _c, ...r }) => ({ ...r, regionName: tree.get(r.regionCode)?.name ?? null })),
      };
    });
    return { total: items.length, items };
  }

  /** Edits a standard's defaults or a region's own numbers, audited in the same transaction. */
  async update(policy: AccessPolicy, code: string, b: StandardEditInput) {
    const def = standardByCode(code);
    if (!def) throw notFound({ zh: `资源配置标准 ${code} `, en: `Standard ${code}` });
    const errors = paramErrors(def, b.params ?? {});
    if (errors.length) {
      throw invalid(errors.map((e) => ({ path: `params.${e.split(':')[0]}`, message: { zh: e, en: e } })));
    }
    await ensureStandards(this.db);
    const { rows, regions } = await listStandardRows(this.db);
    const row = rows.find((r) => r.code === def.code)!;
    const username = policy.principal.username;
    if (b.region) {
      // A region's own numbers: its city (or an administrator) sets them, county users cannot.
      const region = await this.areas.get(normaliseAreaCode(b.region));
      policy.requireRole(['admin', 'city']);
      await policy.requireWriteArea(region.code);
      const before = regions.find((r) => r.code === def.code && r.regionCode === region.code) ?? null;
      if (before && b.version === undefined) throw conflict();
      await this.db.tx(async (q) => {
        let ok: boolean;
        if (b.remove) ok = before !== null && (await deleteRegionParams(q, def.code, region.code, b.version ?? 0));
        else {
          const merged = { ...(before?.params ?? {}), ...(b.params ?? {}) };
          ok = await putRegionParams(
            q,
            def.code,
            region.code,
            before ? (b.version ?? 0) : null,
            merged,
            b.note ?? null,
            username,
          );
        }
        if (!ok) throw conflict();
        await audit(q, policy.actor, {
          action: 'standard.update',
          entity: 'standard',
          entityId: `${def.code}:${region.code}`,
          areaCode: region.code,
          before,
          after: b.remove ? null : { params: { ...(before?.params ?? {}), ...(b.params ?? {}) }, note: b.note ?? null },
        });
      });
    } else {
      policy.requireAdmin();
      if (b.version === undefined) {
        throw invalid([{ path: 'version', message: { zh: '请提供版本号', en: 'Send the version you read' } }]);
      }
      const version = b.version;
      const after = { params: { ...row.params, ...(b.params ?? {}) }, enabled: b.enabled ?? row.enabled };
      await this.db.tx(async (q) => {
        if (!(await updateStandardRow(q, def.code, version, after, username))) throw conflict();
        await audit(q, policy.actor, {
          action: 'standard.update',
          entity: 'standard',
          entityId: def.code,
          before: { params: row.params, enabled: row.enabled },
          after,
        });
      });
    }
    const fresh = await listStandardRows(this.db);
    const r = fresh.rows.find((x) => x.code === def.code)!;
    return {
      code: def.code,
      params: { ...def.params, ...r.params },
      enabled: r.enabled,
      version: r.version,
      regions: fresh.regions.filter((x) => x.code === def.code),
    };
  }

  /** Checks an area (default: the caller's own) in `year` (default: the registry's latest) against every standard. */
  async check(policy: AccessPolicy, rawArea: string | undefined, askedYear: number | undefined, lang: Lang) {
    const areaCode = rawArea ?? policy.scopeAreaCode;
    if (!areaCode) {
      throw invalid([{ path: 'area', message: { zh: '请指定行政区划', en: 'Give the area to check' } }]);
    }
    const year = askedYear ?? (await this.summaries.latestYear());
    const area = await this.areas.get(normaliseAreaCode(areaCode));
    await policy.requireReadArea(area.code, year);
    await ensureStandards(this.db);
    const tree = await this.areas.tree();
    const root = tree.resolveIn(area.code, year) ?? area.code;
    const { rows, regions } = await listStandardRows(this.db);
    const rowByCode = new Map(rows.map((r) => [r.code, r]));
    const params = new ParamsResolver(tree, year, rowByCode, regions);
    const enabled = (d: StandardDef) => d.status === 'active' && (rowByCode.get(d.code)?.enabled ?? true);
    const name = (d: StandardDef) => (lang === 'en' ? d.en : d.zh);

    // Region-level ratios: the area itself, and its county-level areas when it is a city or province.
    const node = tree.get(root)!;
    const regionTargets =
      node.level <= 3
        ? [
            root,
            ...(node.level < 3
              ? tree
                  .childrenIn(root, year)
                  .map((c) => c.code)
                  .sort()
              : []),
          ]
        : [];
    const [components, institutions, coverage] = await Promise.all([
      regionTargets.length ? areaComponents(this.facts, tree, regionTargets, year) : Promise.resolve(new Map()),
      institutionFacts(this.facts, tree, root, year),
      coverageCounts(this.facts, tree, root, year),
    ]);
    const countyOf = (code: string) =>
      tree.get(code)?.level === 3 ? code : (tree.ancestorsIn(code, year).find((a) => a.level === 3)?.code ?? null);

    const violations: Violation[] = [];
    const areaResults: CheckReport['areaResults'] = [];
    const byStandard: StandardSummary[] = [];
    for (const def of STANDARDS) {
      const own = params.resolve(def, root);
      const summary: StandardSummary = {
        code: def.code,
        name: name(def),
        scope: def.scope,
        level: def.level ?? null,
        unit: def.unit,
        comparator: def.comparator,
        params: own.params,
        paramsRegion: own.region,
        checked: 0,
        violations: 0,
        noData: 0,
        status: def.status === 'needs-data' ? 'needs-data' : enabled(def) ? 'ok' : 'disabled',
      };
      byStandard.push(summary);
      if (!enabled(def)) continue;
      const record = (
        r: CheckResult,
        at: { areaCode: string; institutionId: number | null; name: string; countyCode: string | null },
      ) => {
        summary.checked++;
        if (r.status === 'no-data') summary.noData++;
        const row = {
          standard: def.code,
          standardName: name(def),
          scope: def.scope,
          areaCode: at.areaCode,
          areaName: tree.get(at.areaCode)?.name ?? at.areaCode,
          countyCode: at.countyCode,
          institutionId: at.institutionId,
          name: at.name,
          actual: r.actual,
          required: r.required,
          unit: def.unit,
          gap: r.gap,
          gapText: r.gapText ? r.gapText[lang] : null,
        };
        if (r.status === 'violated') {
          summary.violations++;
          violations.push(row);
        }
        if (def.scope === 'area' && def.level === 'region') {
          const { institutionId: _i, ...rest } = row;
          areaResults.push({ ...rest, status: r.status });
        }
      };
      if (def.module) {
        // Checked by the module from its own data; none registered or no data (no road network): no data.
        const provider = this.moduleChecks().find((p) => p.module === def.module);
        const results = provider
          ? await provider.check(def.code, root, year, (code) => params.resolve(def, code).params)
          : null;
        if (!results) summary.status = 'no-data';
        for (const r of results ?? []) {
          record(r, { areaCode: r.areaCode, institutionId: null, name: r.name, countyCode: r.countyCode });
        }
      } else if (def.scope === 'institution') {
        for (const i of institutions) {
          if (!def.appliesTo || !applies(def.appliesTo, i)) continue;
          const r = judge(def, params.resolve(def, i.areaCode).params, institutionMeasure(def.measure, i));
          record(r, { areaCode: i.areaCode, institutionId: i.id, name: i.name, countyCode: i.countyCode });
        }
      } else if (def.level === 'region') {
        for (const code of regionTargets) {
          const c = components.get(code);
          if (!c) continue;
          const r = judge(def, params.resolve(def, code).params, areaMeasure(def.measure, c));
          record(r, {
            areaCode: code,
            institutionId: null,
            name: tree.get(code)?.name ?? code,
            countyCode: countyOf(code),
          });
        }
      } else {
        for (const a of coverage) {
          if (a.kind !== def.level) continue;
          const r = judge(def, params.resolve(def, a.area.code).params, {
            numerator: a.have,
            denominator: 1,
            population: a.population,
          });
          if (r.gapText && a.streetThc > 0) {
            r.gapText = {
              zh: `${r.gapText.zh}（现有街道卫生院 ${a.streetThc} 所，可转型）`,
              en: `${r.gapText.en} (${a.streetThc} street health centre(s) could convert)`,
            };
          }
          record(r, { areaCode: a.area.code, institutionId: null, name: a.area.name, countyCode: a.countyCode });
        }
      }
      if (summary.violations > 0) summary.status = 'violated';
      else if (summary.checked > 0 && summary.noData === summary.checked) summary.status = 'no-data';
    }
    const needsData = STANDARDS.filter((d) => d.status === 'needs-data').map((d) => ({
      code: d.code,
      name: name(d),
      note: d.note ? d.note[lang] : null,
    }));
    const active = byStandard.filter((s) => s.status !== 'needs-data' && s.status !== 'disabled');
    const report: CheckReport = {
      area: { code: node.code, name: node.name, level: node.level },
      year,
      summary: {
        standards: STANDARDS.length,
        active: active.length,
        violated: active.filter((s) => s.status === 'violated').length,
        ok: active.filter((s) => s.status === 'ok').length,
        needsData: needsData.length,
        violations: violations.length,
        byStandard,
      },
      violations,
      areaResults,
      needsData,
    };
    return report;
  }
}
