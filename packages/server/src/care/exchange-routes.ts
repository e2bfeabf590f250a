// POST /care/import: NDJSON care records (issue 15 §7), all-or-nothing, with a dry-run preview.
import { parseCareLine } from '@weijian/core/care';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import { CONTENT_TYPES, contentDisposition, decodeText } from '../platform/file-decoding.ts';
import { uploadedFile } from '../platform/multipart.ts';
import { policyOf } from '../platform/request.ts';
import type { ImportEntry } from './exchange-service.ts';
import { careTemplate, readCareSheet, SHEET_KINDS, type SheetKind } from './exchange-sheets.ts';
import type { CareServices } from './services.ts';

/** Lines one request may carry (the CLI streams larger files in one transaction of its own). */
export const MAX_IMPORT_LINES = 500_000;

export const CareImportResult = z
  .object({
    dryRun: z.boolean(),
    lines: z.number(),
    residents: z.number(),
    enrolments: z.number(),
    followups: z.number(),
    checks: z.number(),
    contracts: z.number(),
  })
  .meta({ id: 'CareImportResult' });

/** NDJSON text → entries and the problems of lines that do not parse, each naming its line and field. */
export function parseCareText(text: string): { entries: ImportEntry[]; problems: ErrorDetail[] } {
  const entries: ImportEntry[] = [];
  const problems: ErrorDetail[] = [];
  let lineNo = 0;
  let at = 0;
  while (at <= text.length) {
    const end = text.indexOf('\n', at);
    const raw = text.slice(at, end < 0 ? undefined : end);
    at = end < 0 ? text.length + 1 : end + 1;
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) continue;
    const r = parseCareLine(line, lineNo);
    if (r.ok) entries.push({ line: lineNo, item: r.item });
    else
      problems.push({
        path: r.field ? `line ${lineNo}.${r.field}` : `line ${lineNo}`,
        row: lineNo,
        message: r.message,
      });
  }
  return { entries, problems };
}

export async function exchangeRoutes(app: FastifyInstance, s: CareServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
    { parseAs: 'string', bodyLimit: 200 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  api.post(
    '/care/import',
    {
      schema: {
        querystring: z.object({
          dryRun: z.enum(['true', 'false', '1', '0']).optional(),
          kind: z.enum(SHEET_KINDS).optional().describe('for an XLSX/CSV upload: which template the file follows'),
        }),
        consumes: ['application/x-ndjson', 'multipart/form-data'],
        response: { 200: CareImportResult },
        tags: ['care'],
        description:
          'NDJSON, one record per line (as the body, or as an uploaded .ndjson/.jsonl file): {"kind":"resident"|"enrolment"|"followup"|"check"|"contract",…} (issue 15 §7). All-or-nothing in one transaction; 422 naming each bad line and field; ?dryRun=true checks and counts without writing. A resident line\'s "id" becomes the record\'s external id in its county; "resident" of other lines names a resident of the file or a stored one the caller may write; a contract\'s "team" is a team code of that county.',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      policy.requireWrite();
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      if (req.isMultipart()) {
        const file = await uploadedFile(req);
        // An NDJSON file uploaded from the import page reads as if posted as text (the browser's form sends files).
        if (/\.(ndjson|jsonl)$/i.test(file.filename)) {
          const { entries, problems } = parseCareText(decodeText(file.body));
          return s.exchange.importItems(policy, entries, problems, { dryRun });
        }
        const kind = req.query.kind;
        if (!kind) {
          throw invalid([
            {
              path: 'kind',
              message: {
                zh: `上传表格时请指明模板类型：${SHEET_KINDS.join('、')}`,
                en: `Name the template of the uploaded sheet: ${SHEET_KINDS.join(', ')}`,
              },
            },
          ]);
        }
        const { entries, problems } = await readCareSheet(kind, file.body, file.filename, file.decoder);
        return s.exchange.importItems(policy, entries, problems, { dryRun, where: (n) => `row ${n}` });
      }
      const text = typeof req.body === 'string' ? req.body : '';
      if (!text.trim()) {
        throw invalid([
          {
            path: 'body',
            message: {
              zh: '请以 application/x-ndjson 提交，每行一条记录',
              en: 'Send application/x-ndjson, one record per line',
            },
          },
        ]);
      }
      const { entries, problems } = parseCareText(text);
      if (entries.length + problems.length > MAX_IMPORT_LINES) {
        throw invalid([
          {
            path: 'body',
            message: {
              zh: `一次最多导入 ${MAX_IMPORT_LINES} 行，请分批或使用命令行 weijian care import`,
              en: `At most ${MAX_IMPORT_LINES} lines per request: split the file or use weijian care import`,
            },
          },
        ]);
      }
      return s.exchange.importItems(policy, entries, problems, { dryRun });
    },
  );

  api.get(
    '/care/templates/:file',
    {
      schema: {
        params: z.object({ file: z.string().regex(/^[a-z]+\.(xlsx|csv)$/) }),
        produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
        tags: ['care'],
        description: 'Import templates: residents|contracts|followups|checks, .xlsx or .csv (one example row).',
      },
    },
    async (req, reply) => {
      const [name, ext] = req.params.file.split('.') as [string, 'xlsx' | 'csv'];
      if (!(SHEET_KINDS as readonly string[]).includes(name)) throw notFound({ zh: '模板', en: 'Template' });
      const body = await careTemplate(name as SheetKind, ext);
      return reply
        .header('content-type', CONTENT_TYPES[ext])
        .header('content-disposition', contentDisposition(`care-${name}.${ext}`, `档案导入模板-${name}.${ext}`))
        .send(body);
    },
  );
}
