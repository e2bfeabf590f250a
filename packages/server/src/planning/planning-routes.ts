// HTTP routes of plan monitoring under /api/v1: the indicator catalogue and engine, plans (import preview,
// create, revise, hand-structured targets), reported values and live evaluation. See docs/api.md.
import { CATALOGUE, type IndicatorDef, indicatorByCode, indicatorComponents } from '@weijian/core/planning';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import type { PlanningServices } from './services.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { zodDetails } from '../platform/validation.ts';
import { normaliseAreaCode } from '../registry/areas-service.ts';
import { assertAreaReadable, assertAreaWritable } from '../registry/scope.ts';
import { itemJson, statusCounts } from './evaluation-service.ts';
import { previewFile, previewText } from './import-preview.ts';
import { deleteValue, getValue, listValues, upsertValue } from './indicator-values-repo.ts';
import { AreaCode, PlanInput, TargetEdit, ValueEdit, VersionInput, Year } from './plan-schemas.ts';
import { defaultArea } from './plan-scope.ts';
import { createPlan, editTarget, loadPlan, planDetail, revisePlan } from './plan-service.ts';
import { listPlans, type PlanRow } from './plans-repo.ts';
import { fileError } from './table-readers.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const IdSeq = z.object({ id: z.coerce.number().int().positive(), seq: z.coerce.number().int().positive() });
const Lang = z.enum(['zh', 'en']).optional();
const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const TAGS = ['planning'];

/** The catalogue entry as the API shows it: the formula's components spelled out for the UI. */
export function indicatorJson(d: IndicatorDef) {
  return {
    code: d.code,
    zh: d.zh,
    en: d.en,
    aliases: d.aliases,
    unit: d.unit,
    multiplier: d.multiplier,
    direction: d.direction,
    domain: d.domain,
    decimals: d.decimals,
    source: d.source,
    components: indicatorComponents(d),
  };
}

export async function planningRoutes(app: FastifyInstance, ctx: PlanningServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const actorOf = (req: FastifyRequest) => ({ principal: principalOf(req), ip: req.ip });

  /** The area a plan is evaluated for: asked for (readable and inside the region) or the caller's default. */
  async function evaluationArea(req: FastifyRequest, plan: PlanRow, raw: string | undefined, year: number) {
    const p = principalOf(req);
    const area = raw ? normaliseAreaCode(raw) : await defaultArea(ctx, p, plan);
    await ctx.areas.get(area);
    await assertAreaReadable(ctx, p, area, year);
    const tree = await ctx.areas.tree();
    if (!tree.isWithin(area, plan.regionCode, year) && !tree.isWithin(area, plan.regionCode, plan.periodEnd)) {
      throw invalid([
        { path: 'area', message: { zh: `${area} 不在规划区域内`, en: `${area} is not within the plan's region` } },
      ]);
    }
    return area;
  }
  /**
   * Default year of an evaluation: the latest year the region has reported indicator values for (yearbook
   * and survey figures arrive a year or more late), else the registry's latest year — within the period.
   */
  const defaultYear = async (plan: PlanRow) => {
    const { rows } = await ctx.db.query<{ y: number | null }>(
      'select max(year)::int as y from indicator_values where area_code like $1',
      [`${plan.regionCode}%`],
    );
    const latest = rows[0]?.y ?? (await ctx.summaries.latestYear());
    return Math.max(plan.baselineYear, Math.min(plan.periodEnd, latest));
  };

  api.get('/indicators', { schema: { querystring: z.object({ lang: Lang }), tags: TAGS } }, async () => ({
    total: CATALOGUE.length,
    items: CATALOGUE.map(indicatorJson),
  }));

  api.get(
    '/indicators/:code/values',
    {
      schema: {
        params: z.object({ code: z.string().max(80) }),
        querystring: z.object({ area: AreaCode, from: Year.optional(), to: Year.optional(), lang: Lang }),
        tags: TAGS,
      },
    },
    async (req) => {
      const def = indicatorByCode(req.params.code);
      if (!def) throw notFound({ zh: `指标 ${req.params.code} `, en: `Indicator ${req.params.code}` });
      const area = normaliseAreaCode(req.query.area);
      await ctx.areas.get(area);
      await assertAreaReadable(ctx, principalOf(req), area);
      const to = req.query.to ?? (await ctx.summaries.latestYear());
      const from = Math.max(req.query.from ?? to - 9, to - 49);
      const values = await ctx.indicators.values([def.code], [area], from, to);
      const items = [];
      for (let y = from; y <= to; y++) items.push({ year: y, ...values.get(def.code, area, y)! });
      return { indicator: indicatorJson(def), area, total: items.length, items };
    },
  );

  api.get(
    '/plans',
    {
      schema: {
        querystring: z.object({ region: AreaCode.optional(), status: z.string().optional(), ...Paging, lang: Lang }),
        tags: TAGS,
      },
    },
    async (req) => {
      const { region, status, limit, offset } = req.query;
      const r = await listPlans(ctx.db, principalOf(req), {
        ...(region ? { region: normaliseAreaCode(region) } : {}),
        ...(status ? { status } : {}),
        limit,
        offset,
      });
      const tree = await ctx.areas.tree();
      return {
        total: r.total,
        items: r.items.map((p) => ({ ...p, regionName: tree.get(p.regionCode)?.name ?? null })),
      };
    },
  );

  // Import preview: a file (multipart field `file`: XLSX, CSV, DOCX) or pasted text ({text}). Nothing is saved.
  api.post('/plans/import/preview', { schema: { tags: TAGS } }, async (req) => {
    principalOf(req);
    if (req.isMultipart()) {
      let file: { filename: string; body: Buffer } | null = null;
      for await (const part of req.parts()) {
        if (part.type === 'file' && part.fieldname === 'file' && !file) {
          file = { filename: part.filename, body: await part.toBuffer() };
        }
      }
      if (!file) throw fileError('请上传文件（字段名 file）', 'Upload a file in the field "file"');
      return { filename: file.filename, ...(await previewFile(file.body, file.filename)) };
    }
    const Body = z.object({ text: z.string().min(1).max(2_000_000) });
    const details = zodDetails(Body, req.body);
    if (details.length) throw invalid(details);
    return { filename: null, ...previewText((req.body as { text: string }).text) };
  });

  api.post('/plans', { schema: { body: PlanInput, tags: TAGS } }, async (req, reply) => {
    const plan = await createPlan(ctx, actorOf(req), req.body);
    return reply.status(201).send(plan);
  });

  api.get(
    '/plans/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ version: z.coerce.number().int().positive().optional(), lang: Lang }),
        tags: TAGS,
      },
    },
    async (req) => {
      const plan = await loadPlan(ctx, principalOf(req), req.params.id);
      return {
        ...(await planDetail(ctx, plan.id, req.query.version)),
        defaultArea: await defaultArea(ctx, principalOf(req), plan),
      };
    },
  );

  api.get('/plans/:id/versions', { schema: { params: Id, tags: TAGS } }, async (req) => {
    const plan = await loadPlan(ctx, principalOf(req), req.params.id);
    const detail = await planDetail(ctx, plan.id);
    return { total: detail.versions.length, items: detail.versions };
  });

  api.post('/plans/:id/versions', { schema: { params: Id, body: VersionInput, tags: TAGS } }, async (req, reply) => {
    const plan = await revisePlan(ctx, actorOf(req), req.params.id, req.body);
    return reply.status(201).send(plan);
  });

  api.put(
    '/plans/:id/indicators/:seq/target',
    { schema: { params: IdSeq, body: TargetEdit, tags: TAGS } },
    async (req) =>
      editTarget(ctx, actorOf(req), req.params.id, req.params.seq, {
        version: req.body.version,
        target: req.body.target,
        ...(req.body.area ? { area: req.body.area } : {}),
        ...(req.body.baseline !== undefined ? { baseline: req.body.baseline } : {}),
      }),
  );

  api.get(
    '/plans/:id/evaluation',
    {
      schema: {
        params: Id,
        querystring: z.object({ area: AreaCode.optional(), year: Year.optional(), lang: Lang }),
        tags: TAGS,
      },
    },
    async (req) => {
      const plan = await loadPlan(ctx, principalOf(req), req.params.id);
      const detail = await planDetail(ctx, plan.id);
      const year = req.query.year ?? (await defaultYear(plan));
      const area = await evaluationArea(req, plan, req.query.area, year);
      const grid = await ctx.evaluations.evaluate(plan, detail.indicators, [area], year, year);
      const items = detail.indicators.map((ind) => itemJson(ind, grid.get(ind.seq, area, year)!));
      const tree = await ctx.areas.tree();
      const node = tree.get(area)!;
      return {
        plan: {
          id: plan.id,
          name: plan.name,
          regionCode: plan.regionCode,
          regionName: detail.regionName,
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
          baselineYear: plan.baselineYear,
          currentVersion: plan.currentVersion,
        },
        area: { code: node.code, name: node.name, level: node.level },
        year,
        asOf: grid.asOf,
        evaluatedAt: new Date().toISOString(),
        counts: statusCounts(items.map((i) => i.status)),
        total: items.length,
        items,
      };
    },
  );

  api.get(
    '/plans/:id/indicators/:seq/series',
    {
      schema: {
        params: IdSeq,
        querystring: z.object({ area: AreaCode.optional(), from: Year.optional(), to: Year.optional(), lang: Lang }),
        tags: TAGS,
      },
    },
    async (req) => {
      const plan = await loadPlan(ctx, principalOf(req), req.params.id);
      const detail = await planDetail(ctx, plan.id);
      const ind = detail.indicators.find((i) => i.seq === req.params.seq);
      if (!ind) throw notFound({ zh: `规划指标 #${req.params.seq} `, en: `Plan indicator #${req.params.seq}` });
      const from = req.query.from ?? plan.baselineYear;
      const to = req.query.to ?? plan.periodEnd;
      if (to < from || to - from > 50)
        throw invalid([{ path: 'to', message: { zh: '年份范围无效', en: 'Invalid year range' } }]);
      const area = await evaluationArea(req, plan, req.query.area, to);
      const grid = await ctx.evaluations.evaluate(plan, [ind], [area], from, to);
      const items = [];
      for (let y = from; y <= to; y++) items.push(itemJson(ind, grid.get(ind.seq, area, y)!));
      return { area, asOf: grid.asOf, total: items.length, items };
    },
  );

  api.get(
    '/plans/:id/indicators/:seq/by-area',
    {
      schema: {
        params: IdSeq,
        querystring: z.object({ area: AreaCode.optional(), year: Year.optional(), lang: Lang }),
        tags: TAGS,
      },
    },
    async (req) => {
      const plan = await loadPlan(ctx, principalOf(req), req.params.id);
      const detail = await planDetail(ctx, plan.id);
      const ind = detail.indicators.find((i) => i.seq === req.params.seq);
      if (!ind) throw notFound({ zh: `规划指标 #${req.params.seq} `, en: `Plan indicator #${req.params.seq}` });
      const year = req.query.year ?? (await defaultYear(plan));
      const area = await evaluationArea(req, plan, req.query.area, year);
      const tree = await ctx.areas.tree();
      const children = tree
        .childrenIn(tree.resolveIn(area, year) ?? area, year)
        .map((c) => c.code)
        .sort();
      const grid = await ctx.evaluations.evaluate(plan, [ind], [area, ...children], year, year);
      const row = (code: string) => {
        const n = tree.get(code)!;
        return {
          areaCode: code,
          areaName: n.name,
          areaLevel: n.level,
          ...itemJson(ind, grid.get(ind.seq, code, year)!),
        };
      };
      const items = children.map(row);
      return {
        year,
        asOf: grid.asOf,
        area: row(area),
        counts: statusCounts(items.map((i) => i.status)),
        total: items.length,
        items,
      };
    },
  );

  api.get(
    '/indicator-values',
    {
      schema: {
        querystring: z.object({
          indicator: z.string().max(80).optional(),
          area: AreaCode,
          subtree: z.enum(['true', 'false']).optional(),
          from: Year.optional(),
          to: Year.optional(),
          ...Paging,
          lang: Lang,
        }),
        tags: TAGS,
      },
    },
    async (req) => {
      const area = normaliseAreaCode(req.query.area);
      await ctx.areas.get(area);
      await assertAreaReadable(ctx, principalOf(req), area);
      const { indicator, from, to, limit, offset } = req.query;
      return listValues(ctx.db, {
        area,
        subtree: req.query.subtree === 'true',
        ...(indicator ? { indicator } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        limit,
        offset,
      });
    },
  );

  api.put('/indicator-values', { schema: { body: ValueEdit, tags: TAGS } }, async (req) => {
    const p = principalOf(req);
    const b = req.body;
    const def = indicatorByCode(b.indicator);
    if (!def) {
      throw invalid([
        {
          path: 'indicator',
          message: { zh: `指标库中没有“${b.indicator}”`, en: `No catalogue indicator "${b.indicator}"` },
        },
      ]);
    }
    const reportable =
      def.source.kind === 'reported' ||
      CATALOGUE.some((d) => indicatorComponents(d).some((c) => 'reported' in c && c.reported === def.code));
    if (!reportable) {
      throw invalid([
        {
          path: 'indicator',
          message: {
            zh: `“${def.zh}”由登记数据自动计算，不能填报；请修改机构年报或人口数据`,
            en: `${def.en} is computed from the registry; edit the yearly reports or population instead`,
          },
        },
      ]);
    }
    const area = await ctx.areas.get(normaliseAreaCode(b.area));
    await assertAreaWritable(ctx, p, area.code, b.year);
    if (def.source.kind === 'module' && b.value !== null) {
      // Where the module has data its value is the indicator's; a value is entered only for the years it has
      // none (history before it existed). Deleting a value it overrides stays possible.
      const computed = (await ctx.indicators.values([def.code], [area.code], b.year, b.year)).get(
        def.code,
        area.code,
        b.year,
      );
      if (computed?.module?.hasData) {
        throw invalid([
          {
            path: 'year',
            message: {
              zh: `“${def.zh}”${b.year} 年由传染病监测数据自动计算，不能填报；只有监测数据之前的年份可以填报`,
              en: `${def.en} for ${b.year} is computed from surveillance case reports; values can be entered only for years without surveillance data`,
            },
          },
        ]);
      }
    }
    const source =
      b.source ??
      (def.source.kind === 'reported' || def.source.kind === 'module' ? def.source.defaultSource : 'manual');
    const result = await ctx.db.tx(async (q) => {
      const before = await getValue(q, def.code, area.code, b.year);
      if (before && b.version === undefined) {
        throw new AppError('CONFLICT', {
          zh: `${area.name} ${b.year} 年的该指标值已存在，修改时请提供版本号`,
          en: `A ${b.year} value exists for ${area.code}; send its version to edit it`,
        });
      }
      if (before && b.version !== before.version) throw conflict();
      if (b.value === null) {
        if (before && !(await deleteValue(q, area.code, def.code, b.year, before.version))) throw conflict();
      } else {
        const ok = await upsertValue(
          q,
          {
            countyCode: area.countyCode ?? area.code,
            areaCode: area.code,
            indicator: def.code,
            year: b.year,
            value: b.value,
            source,
            note: b.note ?? null,
            updatedBy: p.username,
          },
          before ? before.version : undefined,
        );
        if (!ok) throw conflict();
      }
      const after = await getValue(q, def.code, area.code, b.year);
      await audit(
        q,
        { principal: p, ip: req.ip },
        {
          action: b.value === null ? 'indicator-value.delete' : 'indicator-value.put',
          entity: 'indicator_value',
          entityId: `${def.code}:${area.code}:${b.year}`,
          areaCode: area.code,
          before,
          after,
        },
      );
      return after;
    });
    return result ?? { indicator: def.code, areaCode: area.code, year: b.year, value: null };
  });
}
