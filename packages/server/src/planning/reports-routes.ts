// GET /plans/:id/reports/:kind — an annual monitoring, mid-term or final evaluation report as XLSX or DOCX.
// Every export is audited (report.export): a report leaves the system.
import type { Principal } from '@weijian/core/identity';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, audit } from '../platform/audit.ts';
import type { PlanningServices } from './services.ts';
import { principalOf } from '../platform/request.ts';
import { contentDisposition } from '../registry/exchange-files.ts';
import { gatherReport, REPORT_KINDS, type ReportKind, reportFileNames } from './reports-data.ts';
import { reportDocx } from './reports-docx.ts';
import { reportXlsx } from './reports-xlsx.ts';

export const REPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Builds, renders and audits one report; shared by the route and the CLI. */
export async function exportReport(
  ctx: PlanningServices,
  actor: Actor & { principal: Principal },
  planId: number,
  kind: ReportKind,
  opts: { year?: number; area?: string; format: 'xlsx' | 'docx' },
) {
  const data = await gatherReport(ctx, actor.principal, planId, kind, opts);
  const body = opts.format === 'docx' ? await reportDocx(data) : await reportXlsx(data);
  await audit(ctx.db, actor, {
    action: 'report.export',
    entity: 'plan',
    entityId: planId,
    areaCode: data.area.code,
    after: { kind, year: data.year, area: data.area.code, format: opts.format, bytes: body.length },
  });
  return { data, body, names: reportFileNames(data, opts.format) };
}

export async function reportsRoutes(app: FastifyInstance, ctx: PlanningServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/plans/:id/reports/:kind',
    {
      schema: {
        params: z.object({
          id: z.coerce.number().int().positive(),
          kind: z.enum(REPORT_KINDS as [ReportKind, ...ReportKind[]]),
        }),
        querystring: z.object({
          year: z.coerce.number().int().min(1949).max(2100).optional(),
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          format: z.enum(['xlsx', 'docx']).default('xlsx'),
          lang: z.enum(['zh', 'en']).optional(),
        }),
        tags: ['planning'],
      },
    },
    async (req, reply) => {
      const { year, area, format } = req.query;
      const r = await exportReport(ctx, { principal: principalOf(req), ip: req.ip }, req.params.id, req.params.kind, {
        ...(year !== undefined ? { year } : {}),
        ...(area ? { area } : {}),
        format,
      });
      return reply
        .header('content-type', REPORT_CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(r.names.ascii, r.names.utf8))
        .send(r.body);
    },
  );
}
