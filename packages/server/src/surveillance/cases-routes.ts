// Case report endpoints: single JSON (all-or-nothing), bulk NDJSON (per-line results), CSV/XLSX import
// (all-or-nothing with row/column errors), scoped masked lists, the audited single read, 订正 and deletion.

import { INT4_MAX } from '@weijian/core/registry';
import { CLASSIFICATIONS } from '@weijian/core/surveillance';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../platform/audit.ts';
import { type AppError, invalid } from '../platform/errors.ts';
import { CONTENT_TYPES, contentDisposition } from '../platform/file-decoding.ts';
import { Cursor } from '../platform/input.ts';
import { uploadedFile } from '../platform/multipart.ts';
import { policyOf, principalOf } from '../platform/request.ts';
import type { SurveillanceServices } from './services.ts';
import { caseTemplate } from './sheet-templates.ts';
import { readCaseSheet, rethrowForFile } from './sheets.ts';
import {
  CaseBulkResult,
  CaseCardInput,
  CaseCorrected,
  CaseCorrection,
  CaseDeleted,
  CaseDetail,
  CaseHistory,
  CaseImportResult,
  CaseList,
  CaseSubmitResult,
} from './surveillance-wire.ts';

export const MAX_BULK_LINES = 50_000;

/**
 * Institution ids and versions are int4 columns: larger numbers are bad requests naming the field (400), not
 * failed statements (500). Case ids are bigint; zod's int() already stops at the safe-integer range.
 */
const Id = z.object({ id: z.coerce.number().int().positive() });
const Bool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const Lang = z.enum(['zh', 'en']).optional();
const Card = CaseCardInput;

export const actorOf = (req: FastifyRequest): Actor => ({ principal: req.principal, ip: req.ip });

export async function caseRoutes(app: FastifyInstance, ctx: SurveillanceServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const s = ctx;

  app.addContentTypeParser(
    ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
    { parseAs: 'string', bodyLimit: 100 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  api.post(
    '/surveillance/cases',
    {
      schema: {
        body: Card,
        querystring: z.object({ detect: Bool.default(true), lang: Lang }),
        response: { 200: CaseSubmitResult, 201: CaseSubmitResult },
        tags: ['surveillance'],
        description:
          'Submits one report card. 201 {id,status:"created",duplicateOf,signals,events,eventIds}; 200 {status:"exists",…} when the institution already sent this clientReportId (idempotent); 422 naming every bad field. `eventIds`: the events the card’s signals belong to (created or joined), as far as the caller may open them (institution users: []).',
      },
    },
    async (req, reply) => {
      const r = await s.intake.submitOne(policyOf(req), req.body, {
        actor: actorOf(req),
        detect: req.query.detect,
      });
      return reply.status(r.status === 'created' ? 201 : 200).send(r);
    },
  );

  api.post(
    '/surveillance/cases/bulk',
    {
      schema: {
        querystring: z.object({ detect: Bool.default(true), lang: Lang }),
        consumes: ['application/x-ndjson'],
        response: { 200: CaseBulkResult },
        tags: ['surveillance'],
        description:
          'NDJSON, one card per line (blank lines skipped). Each line is accepted or rejected on its own: {total,created,existing,rejected,duplicates,results:[{line,status,id?,duplicateOf?,errors?}]}. Re-sending the same file is safe (status "exists").',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      // The right to report comes before the body is judged: a read-only caller learns nothing from it.
      policy.requireWrite();
      const text = typeof req.body === 'string' ? req.body : '';
      if (!text.trim()) {
        throw invalid([
          {
            path: 'body',
            message: {
              zh: '请以 application/x-ndjson 提交报告卡，每行一张',
              en: 'Send application/x-ndjson, one card per line',
            },
          },
        ]);
      }
      const lines = text.split(/\r?\n/);
      const raws: unknown[] = [];
      const lineNumbers: number[] = [];
      const parseErrors: { line: number; status: 'rejected'; errors: AppError['details'] }[] = [];
      lines.forEach((l, i) => {
        if (!l.trim()) return;
        try {
          raws.push(JSON.parse(l));
          lineNumbers.push(i + 1);
        } catch {
          // JSON.parse's message quotes the line, which may hold personal data: say where, not what.
          parseErrors.push({
            line: i + 1,
            status: 'rejected',
            errors: [
              {
                path: '',
                row: i + 1,
                message: {
                  zh: `第 ${i + 1} 行不是有效的 JSON（每行应为一张报告卡的 JSON 对象）`,
                  en: `Line ${i + 1} is not valid JSON (each line must be one card as a JSON object)`,
                },
              },
            ],
          });
        }
      });
      if (raws.length + parseErrors.length > MAX_BULK_LINES) {
        throw invalid([
          {
            path: 'body',
            message: { zh: `单次最多 ${MAX_BULK_LINES} 行，请拆分`, en: `At most ${MAX_BULK_LINES} lines per request` },
          },
        ]);
      }
      const r = await s.intake.submit(policy, raws, {
        actor: actorOf(req),
        mode: 'bulk',
        lineNumbers,
        detect: req.query.detect,
      });
      const lang = req.headers['accept-language']?.startsWith('en') || req.query.lang === 'en' ? 'en' : 'zh';
      const results = [...r.results, ...parseErrors]
        .sort((a, b) => a.line - b.line)
        .map((x) => (x.errors ? { ...x, errors: x.errors.map((d) => ({ ...d, message: d.message[lang] })) } : x));
      return {
        total: r.total + parseErrors.length,
        created: r.created,
        existing: r.existing,
        rejected: r.rejected + parseErrors.length,
        duplicates: r.duplicates,
        signals: r.run?.signals ?? 0,
        results,
      };
    },
  );

  api.get(
    '/surveillance/cases/template',
    {
      schema: {
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: Lang }),
        produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
        tags: ['surveillance'],
        description:
          'Import template for POST /cases/import with one example row (refused if left in): XLSX with text columns and a 说明 sheet listing the enabled diseases, classifications and 人群分类, or CSV (UTF-8 with BOM)',
      },
    },
    async (req, reply) => {
      principalOf(req);
      const { format } = req.query;
      const diseases = [...(await s.diseases.all()).values()]
        .filter((d) => d.enabled)
        .sort((a, b) => a.code.localeCompare(b.code));
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-disposition',
          contentDisposition(`case-reports-template.${format}`, `传染病报告卡导入模板.${format}`),
        )
        .send(await caseTemplate(format, diseases));
    },
  );

  api.post(
    '/surveillance/cases/import',
    {
      schema: {
        consumes: ['multipart/form-data'],
        querystring: z.object({ detect: Bool.default(true), lang: Lang }),
        response: { 200: CaseImportResult },
        tags: ['surveillance'],
        description:
          'Multipart field `file` (CSV or XLSX, template columns). All rows checked; any error → 422 with row and column, nothing written.',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      // Refused before the file is read: a read-only user's upload is not worth parsing.
      policy.requireWrite();
      const file = await uploadedFile(req);
      const sheet = await readCaseSheet(file.body, file.filename, (await s.diseases.all()).values());
      try {
        const r = await s.intake.submit(policy, sheet.rows, {
          actor: actorOf(req),
          mode: 'import',
          lineNumbers: sheet.lineNumbers,
          allOrNothing: true,
          detect: req.query.detect,
        });
        return {
          total: r.total,
          created: r.created,
          existing: r.existing,
          duplicates: r.duplicates,
          signals: r.run?.signals ?? 0,
        };
      } catch (e) {
        rethrowForFile(e, sheet);
      }
    },
  );

  api.get(
    '/surveillance/cases',
    {
      schema: {
        querystring: z.object({
          disease: z.string().max(16).optional(),
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          institution: z.coerce.number().int().positive().max(INT4_MAX).optional(),
          classification: z.enum(CLASSIFICATIONS).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          duplicates: Bool,
          deleted: Bool,
          late: Bool,
          citizenId: z.string().max(18).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: Cursor,
          lang: Lang,
        }),
        response: { 200: CaseList },
        tags: ['surveillance'],
        description:
          'Scoped list, masked for every role (ID: last character; phone: last four digits; no birth date; address to the township; workplace and remarks withheld). 403 when `area` or `institution` names something outside the caller’s scope (not an empty page). `citizenId` finds a person’s reports by keyed digest (the full number is never compared in SQL); refused (403) to read-only users; every lookup, hit or miss, is audited (case.lookup) with the digest and mask.',
      },
    },
    async (req) => s.cases.list(policyOf(req), req.query, actorOf(req)),
  );

  api.get(
    '/surveillance/cases/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ lang: Lang }),
        response: { 200: CaseDetail },
        tags: ['surveillance'],
        description:
          'One report, audited (case.read); 404 outside scope. Full identifiers for holders of the identifier right: write scope over the patient’s county or over the reporting institution (read-only users never); masked otherwise, as in lists.',
      },
    },
    async (req) => s.cases.read(policyOf(req), req.params.id, actorOf(req)),
  );

  api.get(
    '/surveillance/cases/:id/history',
    {
      schema: {
        params: Id,
        querystring: z.object({ lang: Lang }),
        response: { 200: CaseHistory },
        tags: ['surveillance'],
        description: 'Versions before each 订正 / deletion, with reason, user and time (identifiers masked); audited',
      },
    },
    async (req) => s.cases.history(policyOf(req), req.params.id, actorOf(req)),
  );

  api.put(
    '/surveillance/cases/:id',
    {
      schema: {
        params: Id,
        body: CaseCorrection.describe(
          'Fields to change, plus `version` (as read) and `reason` (订正原因). Fields not sent keep their values.',
        ),

        querystring: z.object({ lang: Lang }),
        response: { 200: CaseCorrected },
        tags: ['surveillance'],
        description:
          '订正 (correction): previous version kept in history; 409 on a stale version; 403 unless the caller has write scope over the reporting institution (the card’s owner)',
      },
    },
    async (req) => s.cases.correct(policyOf(req), req.params.id, req.body, actorOf(req)),
  );

  api.delete(
    '/surveillance/cases/:id',
    {
      schema: {
        params: Id,
        body: z.object({
          reason: z.string().optional(),
          version: z.number().int().positive().max(INT4_MAX).optional(),
        }),
        querystring: z.object({ lang: Lang }),
        response: { 200: CaseDeleted },
        tags: ['surveillance'],
        description:
          'Soft delete with a reason (kept in history); 409 on a stale version; 403 unless the caller has write scope over the reporting institution. Detection re-runs over the card’s disease, county and onset, as after 订正',
      },
    },
    async (req) => s.cases.remove(policyOf(req), req.params.id, req.body, actorOf(req)),
  );
}
