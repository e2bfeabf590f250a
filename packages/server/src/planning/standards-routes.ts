// HTTP routes of the resource configuration standards: the rules with the numbers in force, editing them
// (defaults by an administrator, a region's own numbers by its city user), and checking an area.
import { mayWriteArea } from '@weijian/core/identity';
import { paramErrors, STANDARDS, standardByCode } from '@weijian/core/planning/standards';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import type { PlanningServices } from './services.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { langOf } from '../platform/i18n.ts';
import { normaliseAreaCode } from '../registry/areas-service.ts';
import { withinFn } from '../registry/scope.ts';
import {
  deleteRegionParams,
  ensureStandards,
  listStandardRows,
  putRegionParams,
  updateStandardRow,
} from './standards-repo.ts';
import { checkStandards } from './standards-service.ts';

const TAGS = ['standards'];
const Lang = z.enum(['zh', 'en']).optional();

const StandardEdit = z.object({
  /** Version of the row edited: the standard's, or the region's own numbers (omit to create them). */
  version: z.number().int().min(1).optional(),
  params: z.record(z.string(), z.number().finite().min(0)).optional(),
  enabled: z.boolean().optional(),
  /** Set the numbers of this region only (e.g. 连州 441882: 6.56 beds per 1,000). */
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  /** With `region`: remove the region's own numbers. */
  remove: z.boolean().optional(),
  note: z.string().max(500).optional(),
});

export async function standardsRoutes(app: FastifyInstance, ctx: PlanningServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/standards', { schema: { querystring: z.object({ lang: Lang }), tags: TAGS } }, async (req) => {
    principalOf(req);
    await ensureStandards(ctx.db);
    const { rows, regions } = await listStandardRows(ctx.db);
    const tree = await ctx.areas.tree();
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
  });

  api.put(
    '/standards/:code',
    { schema: { params: z.object({ code: z.string().max(80) }), body: StandardEdit, tags: TAGS } },
    async (req) => {
      const p = principalOf(req);
      const def = standardByCode(req.params.code);
      if (!def) throw notFound({ zh: `资源配置标准 ${req.params.code} `, en: `Standard ${req.params.code}` });
      const b = req.body;
      const errors = paramErrors(def, b.params ?? {});
      if (errors.length) {
        throw invalid(errors.map((e) => ({ path: `params.${e.split(':')[0]}`, message: { zh: e, en: e } })));
      }
      await ensureStandards(ctx.db);
      const { rows, regions } = await listStandardRows(ctx.db);
      const row = rows.find((r) => r.code === def.code)!;
      if (b.region) {
        // A region's own numbers: its city (or an administrator) sets them, county users cannot.
        const region = await ctx.areas.get(normaliseAreaCode(b.region));
        if (!(p.role === 'admin' || (p.role === 'city' && mayWriteArea(p, region.code, await withinFn(ctx))))) {
          throw forbidden();
        }
        const before = regions.find((r) => r.code === def.code && r.regionCode === region.code) ?? null;
        if (before && b.version === undefined) throw conflict();
        await ctx.db.tx(async (q) => {
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
              p.username,
            );
          }
          if (!ok) throw conflict();
          await audit(
            q,
            { principal: p, ip: req.ip },
            {
              action: 'standard.update',
              entity: 'standard',
              entityId: `${def.code}:${region.code}`,
              areaCode: region.code,
              before,
              after: b.remove
                ? null
                : { params: { ...(before?.params ?? {}), ...(b.params ?? {}) }, note: b.note ?? null },
            },
          );
        });
      } else {
        if (p.role !== 'admin') throw forbidden();
        if (b.version === undefined) {
          throw invalid([{ path: 'version', message: { zh: '请提供版本号', en: 'Send the version you read' } }]);
        }
        const after = { params: { ...row.params, ...(b.params ?? {}) }, enabled: b.enabled ?? row.enabled };
        await ctx.db.tx(async (q) => {
          if (!(await updateStandardRow(q, def.code, b.version!, after, p.username))) throw conflict();
          await audit(
            q,
            { principal: p, ip: req.ip },
            {
              action: 'standard.update',
              entity: 'standard',
              entityId: def.code,
              before: { params: row.params, enabled: row.enabled },
              after,
            },
          );
        });
      }
      const fresh = await listStandardRows(ctx.db);
      const r = fresh.rows.find((x) => x.code === def.code)!;
      return {
        code: def.code,
        params: { ...def.params, ...r.params },
        enabled: r.enabled,
        version: r.version,
        regions: fresh.regions.filter((x) => x.code === def.code),
      };
    },
  );

  api.get(
    '/standards/check',
    {
      schema: {
        querystring: z.object({
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          year: z.coerce.number().int().min(1949).max(2100).optional(),
          lang: Lang,
        }),
        tags: TAGS,
      },
    },
    async (req) => {
      const p = principalOf(req);
      const area = req.query.area ?? p.scopeAreaCode;
      if (!area) {
        throw invalid([{ path: 'area', message: { zh: '请指定行政区划', en: 'Give the area to check' } }]);
      }
      const year = req.query.year ?? (await ctx.summaries.latestYear());
      return checkStandards(ctx, p, area, year, langOf(req));
    },
  );
}
