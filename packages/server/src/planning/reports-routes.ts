// GET /plans/:id/reports/:kind — an annual monitoring, mid-term or final evaluation report as XLSX or DOCX.
// The report service gathers, renders and audits it; the route names the file.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../platform/file-decoding.ts';
import { policyOf } from '../platform/request.ts';
import { REPORT_KINDS, type ReportKind } from './reports-data.ts';
import { REPORT_CONTENT_TYPES } from './reports-service.ts';
import type { PlanningServices } from './services.ts';

export async function reportsRoutes(app: FastifyInstance, s: PlanningServices) {
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
        produces: [REPORT_CONTENT_TYPES.xlsx, REPORT_CONTENT_TYPES.docx],
        tags: ['planning'],
      },
    },
    async (req, reply) => {
      const { year, area, format } = req.query;
      const r = await s.reports.export(policyOf(req), req.params.id, req.params.kind, {
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
