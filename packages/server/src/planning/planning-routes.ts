// HTTP routes of plan monitoring under /api/v1: the indicator catalogue and engine, plans (import preview,
// create, revise, hand-structured targets), reported values and live evaluation. Routes parse and respond;
// the services check access, write and audit. See docs/api.md.
import { CATALOGUE } from '@weijian/core/planning';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../platform/errors.ts';
import { policyOf } from '../platform/request.ts';
import { zodDetails } from '../platform/validation.ts';
import { previewFile, previewText } from './import-preview.ts';
import { indicatorJson } from './monitoring-service.ts';
import { AreaCode, PlanInput, TargetEdit, ValueEdit, VersionInput, Year } from './plan-schemas.ts';
import {
  ByArea,
  CatalogueList,
  Evaluation,
  IndicatorEvaluationSeries,
  IndicatorSeries,
  IndicatorValueList,
  IndicatorValuePut,
  Plan,
  PlanDetail,
  PlanList,
  PlanVersionList,
  Preview,
} from './planning-wire.ts';
import type { PlanningServices } from './services.ts';
import { fileError } from './table-readers.ts';

export { indicatorJson } from './monitoring-service.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const IdSeq = z.object({ id: z.coerce.number().int().positive(), seq: z.coerce.number().int().positive() });
const Lang = z.enum(['zh', 'en']).optional();
const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const TAGS = ['planning'];

export async function planningRoutes(app: FastifyInstance, s: PlanningServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const catalogue = { querystring: z.object({ lang: Lang }), response: { 200: CatalogueList }, tags: TAGS };
  api.get('/indicators', { schema: catalogue }, async () => ({
    total: CATALOGUE.length,
    items: CATALOGUE.map(indicatorJson),
  }));

  api.get(
    '/indicators/:code/values',
    {
      schema: {
        params: z.object({ code: z.string().max(80) }),
        querystring: z.object({ area: AreaCode, from: Year.optional(), to: Year.optional(), lang: Lang }),
        response: { 200: IndicatorSeries },
        tags: TAGS,
      },
    },
    async (req) => {
      const { area, from, to } = req.query;
      return s.monitoring.indicatorSeries(policyOf(req), req.params.code, {
        area,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
    },
  );

  api.get(
    '/plans',
    {
      schema: {
        querystring: z.object({ region: AreaCode.optional(), status: z.string().optional(), ...Paging, lang: Lang }),
        response: { 200: PlanList },
        tags: TAGS,
      },
    },
    async (req) => {
      const { region, status, limit, offset } = req.query;
      return s.plans.list(policyOf(req), {
        ...(region ? { region } : {}),
        ...(status ? { status } : {}),
        limit,
        offset,
      });
    },
  );

  // Import preview: a file (multipart field `file`: XLSX, CSV, DOCX) or pasted text ({text}). Nothing is saved.
  api.post('/plans/import/preview', { schema: { response: { 200: Preview }, tags: TAGS } }, async (req) => {
    policyOf(req);
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

  api.post('/plans', { schema: { body: PlanInput, response: { 201: Plan }, tags: TAGS } }, async (req, reply) => {
    const plan = await s.plans.create(policyOf(req), req.body);
    return reply.status(201).send(plan);
  });

  api.get(
    '/plans/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ version: z.coerce.number().int().positive().optional(), lang: Lang }),
        response: { 200: PlanDetail },
        tags: TAGS,
      },
    },
    async (req) => s.plans.show(policyOf(req), req.params.id, req.query.version),
  );

  api.get(
    '/plans/:id/versions',
    { schema: { params: Id, response: { 200: PlanVersionList }, tags: TAGS } },
    async (req) => s.plans.versions(policyOf(req), req.params.id),
  );

  const revise = { params: Id, body: VersionInput, response: { 201: Plan }, tags: TAGS };
  api.post('/plans/:id/versions', { schema: revise }, async (req, reply) => {
    const plan = await s.plans.revise(policyOf(req), req.params.id, req.body);
    return reply.status(201).send(plan);
  });

  api.put(
    '/plans/:id/indicators/:seq/target',
    { schema: { params: IdSeq, body: TargetEdit, response: { 200: Plan }, tags: TAGS } },
    async (req) =>
      s.plans.editTarget(policyOf(req), req.params.id, req.params.seq, {
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
        response: { 200: Evaluation },
        tags: TAGS,
      },
    },
    async (req) => {
      const { area, year } = req.query;
      return s.monitoring.evaluation(policyOf(req), req.params.id, {
        ...(area ? { area } : {}),
        ...(year !== undefined ? { year } : {}),
      });
    },
  );

  api.get(
    '/plans/:id/indicators/:seq/series',
    {
      schema: {
        params: IdSeq,
        querystring: z.object({ area: AreaCode.optional(), from: Year.optional(), to: Year.optional(), lang: Lang }),
        response: { 200: IndicatorEvaluationSeries },
        tags: TAGS,
      },
    },
    async (req) => {
      const { area, from, to } = req.query;
      return s.monitoring.series(policyOf(req), req.params.id, req.params.seq, {
        ...(area ? { area } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
    },
  );

  api.get(
    '/plans/:id/indicators/:seq/by-area',
    {
      schema: {
        params: IdSeq,
        querystring: z.object({ area: AreaCode.optional(), year: Year.optional(), lang: Lang }),
        response: { 200: ByArea },
        tags: TAGS,
      },
    },
    async (req) => {
      const { area, year } = req.query;
      return s.monitoring.byArea(policyOf(req), req.params.id, req.params.seq, {
        ...(area ? { area } : {}),
        ...(year !== undefined ? { year } : {}),
      });
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
        response: { 200: IndicatorValueList },
        tags: TAGS,
      },
    },
    async (req) => {
      const { indicator, from, to, limit, offset } = req.query;
      return s.values.list(policyOf(req), {
        area: req.query.area,
        subtree: req.query.subtree === 'true',
        ...(indicator ? { indicator } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        limit,
        offset,
      });
    },
  );

  api.put(
    '/indicator-values',
    { schema: { body: ValueEdit, response: { 200: IndicatorValuePut }, tags: TAGS } },
    async (req) => s.values.put(policyOf(req), req.body),
  );
}
