// Bulk exchange of the registry over HTTP: import templates, all-or-nothing imports, scoped exports.
import { EXCHANGE_KINDS } from '@weijian/core/registry/exchange';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONTENT_TYPES, contentDisposition } from '../platform/file-decoding.ts';
import { Year } from '../platform/input.ts';
import { uploadedFile } from '../platform/multipart.ts';
import { policyOf, principalOf } from '../platform/request.ts';
import { ImportResult } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

const Kind = z.object({ kind: z.enum(EXCHANGE_KINDS) });
const Format = z.enum(['xlsx', 'csv']).default('xlsx');
const Bool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export async function exchangeRoutes(app: FastifyInstance, ctx: RegistryServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/import/templates/:kind',
    {
      schema: {
        params: Kind,
        querystring: z.object({ format: Format, lang: z.enum(['zh', 'en']).optional() }),
        tags: ['exchange'],
        produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
        description: 'Import template: XLSX with a 说明 sheet, or CSV (UTF-8 with BOM)',
      },
    },
    async (req, reply) => {
      principalOf(req);
      const { kind } = req.params;
      const { format } = req.query;
      const { names, body } = await ctx.exchange.template(kind, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(names.ascii, names.utf8))
        .send(body);
    },
  );

  api.post(
    '/import/:kind',
    {
      schema: {
        params: Kind,
        querystring: z.object({ dryRun: Bool, lang: z.enum(['zh', 'en']).optional() }),
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult },
        tags: ['exchange'],
        description:
          'Multipart field `file` (XLSX or CSV). Every row is checked; any error → 422 with row/column details and nothing written.',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      // Refused before the file is read: an upload the caller may not import is not worth parsing.
      ctx.exchange.requireMayImport(policy, req.params.kind);
      const file = await uploadedFile(req);
      return ctx.exchange.import(policy, req.params.kind, file.body, {
        dryRun: req.query.dryRun,
        filename: file.filename,
      });
    },
  );

  api.get(
    '/export/:kind',
    {
      schema: {
        params: Kind,
        querystring: z.object({
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          year: Year.optional(),
          format: Format,
          lang: z.enum(['zh', 'en']).optional(),
        }),
        tags: ['exchange'],
        produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
        description: 'Export within the caller’s scope, in the template columns (re-imports unchanged)',
      },
    },
    async (req, reply) => {
      const { area, year, format } = req.query;
      const out = await ctx.exchange.export(policyOf(req), req.params.kind, { area, year }, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(out.filename.ascii, out.filename.utf8))
        .header('x-total-count', String(out.rows))
        .send(out.body);
    },
  );
}
