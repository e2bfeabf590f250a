// Stream counts in (JSON rows or CSV/XLSX, all-or-nothing) and the reporting status of every source.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONTENT_TYPES, contentDisposition } from '../platform/file-decoding.ts';
import { Cursor, IsoDate, limit } from '../platform/input.ts';
import { uploadedFile } from '../platform/multipart.ts';
import { policyOf, principalOf } from '../platform/request.ts';
import { actorOf } from './cases-routes.ts';
import type { SurveillanceServices } from './services.ts';
import { streamTemplate } from './sheet-templates.ts';
import { readStreamSheet, rethrowForFile } from './sheets.ts';
import { StreamCountInput, StreamCountsResult, StreamSourceList } from './surveillance-wire.ts';

const Lang = z.enum(['zh', 'en']).optional();
const Bool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export async function streamRoutes(app: FastifyInstance, ctx: SurveillanceServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const s = ctx;

  api.post(
    '/surveillance/stream-counts',
    {
      schema: {
        body: z.object({ rows: z.array(StreamCountInput).min(1).max(100_000) }),

        querystring: z.object({ detect: Bool.default(true), lang: Lang }),
        response: { 200: StreamCountsResult },
        tags: ['surveillance'],
        description:
          'Daily counts: rows of {stream, institutionId? | sourceName + areaCode, date, count, denominator?}. All rows checked; any error → 422 naming row and field, nothing written. A source’s day sent again replaces its count.',
      },
    },
    async (req) => s.streams.submit(policyOf(req), req.body.rows, { actor: actorOf(req), detect: req.query.detect }),
  );

  api.post(
    '/surveillance/stream-counts/import',
    {
      schema: {
        consumes: ['multipart/form-data'],
        querystring: z.object({ detect: Bool.default(true), lang: Lang }),
        response: { 200: StreamCountsResult },
        tags: ['surveillance'],
        description:
          'Multipart `file` (CSV/XLSX) with columns 数据流编码, 机构编号 or 来源名称 + 区划代码, 日期, 数量, 分母; all-or-nothing',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      // Refused before the file is read: a read-only user's upload is not worth parsing.
      policy.requireWrite();
      const file = await uploadedFile(req);
      const sheet = await readStreamSheet(file.body, file.filename);
      try {
        return await s.streams.submit(policy, sheet.rows, {
          actor: actorOf(req),
          lineNumbers: sheet.lineNumbers,
          detect: req.query.detect,
        });
      } catch (e) {
        rethrowForFile(e, sheet);
      }
    },
  );

  api.get(
    '/surveillance/stream-counts/template',
    {
      schema: {
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: Lang }),
        produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
        tags: ['surveillance'],
        description:
          'Import template for stream counts: the columns of POST /stream-counts/import, no example row; the XLSX lists the stream codes in a 说明 sheet',
      },
    },
    async (req, reply) => {
      principalOf(req);
      const { format } = req.query;
      const { items } = await s.streams.list();
      const streams = (items as { code: string; nameZh: string; unit: string; enabled: boolean }[]).filter(
        (x) => x.enabled,
      );
      const body = await streamTemplate(format, streams);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-disposition',
          contentDisposition(`stream-counts-template.${format}`, `监测数据导入模板.${format}`),
        )
        .send(body);
    },
  );

  api.get(
    '/surveillance/stream-sources',
    {
      schema: {
        querystring: z.object({
          stream: z.string().max(40).optional(),
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          asOf: IsoDate.optional(),
          limit: limit(500, 100),
          cursor: Cursor,
          lang: Lang,
        }),
        response: { 200: StreamSourceList },
        tags: ['surveillance'],
        description:
          'Every source with last report, cadence and status ok | late | silent (who stopped reporting), most overdue first',
      },
    },
    async (req) => s.streams.status(policyOf(req), req.query),
  );
}
