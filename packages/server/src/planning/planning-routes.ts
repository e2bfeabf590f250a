// HTTP routes of plan monitoring under /api/v1: the indicator catalogue and engine, plans (import preview,
// create, revise, hand-structured targets), reported values and live evaluation. Routes parse and respond;
// the services check access, write and audit. See docs/api.md.
import { CATALOGUE } from '@weijian/core/planning';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../platform/errors.ts';
import { Cursor, Id as IdParam, limit, VersionParam } from '../platform/input.ts';
import { uploadedFile } from '../platform/multipart.ts';
import { policyOf } from '../platform/request.ts';
import { zodDetails } from '../platform/validation.ts';
import { previewFile, previewText } from './import-preview.ts';
import { indicatorJson } from './monitoring-service.ts';
import {
  AreaCode,
  PlanInput,
  planValueProblems,
  reportedValueProblems,
  TargetEdit,
  targetEditProblems,
  ValueEdit,
  VersionInput,
  Year,
} from './plan-schemas.ts';
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

export { indicatorJson } from './monitoring-service.ts';

const Id = z.object({ id: IdParam });
const IdSeq = z.object({ id: IdParam, seq: IdParam });
const Lang = z.enum(['zh', 'en']).optional();
const Paging = {
  limit: limit(500, 50),
  cursor: Cursor,
};
const TAGS = ['planning'];

/** Values outside their unit's plausible range: 422 naming each field. */
const refuse = (details: ReturnType<typeof planValueProblems>) => {
  if (details.length) throw invalid(details);
};

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
        querystring: z.object({
          region: AreaCode.optional(),
          status: z.string().max(40).optional(),
          ...Paging,
          lang: Lang,
        }),
        response: { 200: PlanList },
        tags: TAGS,
      },
    },
    async (req) => {
      const { region, status, limit, cursor } = req.query;
      return s.plans.list(policyOf(req), {
        ...(region ? { region } : {}),
        ...(status ? { status } : {}),
        limit,
        ...(cursor ? { cursor } : {}),
      });
    },
  );

  // Import preview: a file (multipart field `file`: XLSX, CSV, DOCX) or pasted text ({text}). Nothing is saved.
  api.post('/plans/import/preview', { schema: { response: { 200: Preview }, tags: TAGS } }, async (req) => {
    // A preview is the first step of creating a plan: only those who may create one, refused before the
    // file is read (read-only and institution users create no plans).
    const policy = policyOf(req);
    policy.require(policy.canWrite && policy.role !== 'institution', {
      zh: '只有可创建规划的用户才能导入规划指标表',
      en: 'Only users who may create plans can import a plan table',
    });
    if (req.isMultipart()) {
      // The shared reader (size limit, a cut-off upload a 400, a missing file a 422); the file is read and
      // parsed in the parse workers, off the event loop.
      const file = await uploadedFile(req);
      return { filename: file.filename, ...(await previewFile(file.body, file.filename, file.decoder)) };
    }
    const Body = z.object({ text: z.string().min(1).max(2_000_000) });
    const details = zodDetails(Body, req.body);
    if (details.length) throw invalid(details);
    return { filename: null, ...previewText((req.body as { text: string }).text) };
  });

  api.post('/plans', { schema: { body: PlanInput, response: { 201: Plan }, tags: TAGS } }, async (req, reply) => {
    refuse(planValueProblems(req.body.indicators));
    const plan = await s.plans.create(policyOf(req), req.body);
    return reply.status(201).send(plan);
  });

  api.get(
    '/plans/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ version: VersionParam.optional(), lang: Lang }),
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
    refuse(planValueProblems(req.body.indicators));
    const plan = await s.plans.revise(policyOf(req), req.params.id, req.body);
    return reply.status(201).send(plan);
  });

  api.put(
    '/plans/:id/indicators/:seq/target',
    { schema: { params: IdSeq, body: TargetEdit, response: { 200: Plan }, tags: TAGS } },
    async (req) => {
      refuse(targetEditProblems(req.body.target));
      return s.plans.editTarget(policyOf(req), req.params.id, req.params.seq, {
        version: req.body.version,
        target: req.body.target,
        ...(req.body.area ? { area: req.body.area } : {}),
        ...(req.body.baseline !== undefined ? { baseline: req.body.baseline } : {}),
      });
    },
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
      const { indicator, from, to, limit, cursor } = req.query;
      return s.values.list(policyOf(req), {
        area: req.query.area,
        subtree: req.query.subtree === 'true',
        ...(indicator ? { indicator } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        limit,
        ...(cursor ? { cursor } : {}),
      });
    },
  );

  api.put(
    '/indicator-values',
    { schema: { body: ValueEdit, response: { 200: IndicatorValuePut }, tags: TAGS } },
    async (req) => {
      refuse(reportedValueProblems(req.body.indicator, req.body.value));
      return s.values.put(policyOf(req), req.body);
    },
  );
}
