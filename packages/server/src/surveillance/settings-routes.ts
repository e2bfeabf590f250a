// Disease and stream settings: the catalogue with each disease's thresholds and detector, editable by
// city and platform administrators; locally monitored diseases and custom streams are added as data.

import { canWrite, type Principal } from '@weijian/core/identity';
import { INT4_MAX } from '@weijian/core/registry';
import { ALGORITHMS, DetectionInputError, DISEASE_CLASS_LABELS, detect } from '@weijian/core/surveillance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { actorOf } from './cases-routes.ts';
import type { SurveillanceServices } from './services.ts';
import { STREAM_KINDS } from './streams-catalogue.ts';

const Lang = z.enum(['zh', 'en']).optional();

const DetectorFields = {
  algorithm: z.enum(ALGORITHMS),
  params: z.record(z.string(), z.unknown()).default({}),
  areaLevel: z.enum(['county', 'township']),
};

const DiseaseBody = z.object({
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(100),
  icd10: z.string().max(10).nullish(),
  class: z.enum(['A', 'B', 'B-A', 'C', 'local']),
  deadlineHours: z.union([z.literal(2), z.literal(24)]),
  immediate: z.boolean(),
  clusterCases: z.number().int().positive().max(10_000).nullish(),
  clusterDays: z.number().int().positive().max(365).nullish(),
  ...DetectorFields,
  frequency: z.enum(['day', 'week']),
  syndrome: z.string().max(40).optional().describe('fusion group: respiratory | gastrointestinal | rash | own code'),
  enabled: z.boolean().default(true),
});

/** Settings are checked by running the detector once on a quiet series: a bad parameter is named now, not at 3 a.m. */
function checkDetector(algorithm: (typeof ALGORITHMS)[number], params: Record<string, unknown>, frequency: 52 | 365) {
  const n = frequency === 52 ? 8 * 52 : 6 * 365;
  try {
    detect({
      algorithm,
      frequency,
      observed: Array.from({ length: n }, (_, i) => i % 3),
      range: [n - 1, n - 1],
      params,
    });
  } catch (e) {
    if (e instanceof DetectionInputError)
      throw invalid([{ path: e.field.startsWith('params') ? e.field : 'params', message: { zh: e.zh, en: e.en } }]);
    throw e;
  }
}

const mayConfigure = (p: Principal) => canWrite(p) && (p.role === 'admin' || p.role === 'city');

export async function settingsRoutes(app: FastifyInstance, ctx: SurveillanceServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const s = ctx;

  api.get(
    '/surveillance/diseases',
    {
      schema: {
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Disease catalogue with thresholds and detectors; `classes` labels the classes',
      },
    },
    async (req) => {
      principalOf(req);
      return { items: [...(await s.diseases.all()).values()], classes: DISEASE_CLASS_LABELS };
    },
  );

  api.post(
    '/surveillance/diseases',
    {
      schema: {
        body: DiseaseBody.extend({ code: z.string().regex(/^[A-Z][A-Z0-9.]{1,15}$/) }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Adds a locally monitored disease (admin, city)',
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (!mayConfigure(p)) throw forbidden();
      const b = req.body;
      checkDetector(b.algorithm, b.params, b.frequency === 'day' ? 365 : 52);
      if ((await s.diseases.all()).has(b.code))
        throw invalid([
          { path: 'code', message: { zh: `疾病编码“${b.code}”已存在`, en: `Disease code ${b.code} exists` } },
        ]);
      await ctx.db.tx(async (q) => {
        await q.query(
          `insert into disease_settings (code, name_zh, name_en, icd10, class, deadline_hours, immediate, cluster_cases, cluster_days,
             algorithm, params, area_level, frequency, enabled, syndrome, builtin)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, false)`,
          [
            b.code,
            b.nameZh,
            b.nameEn,
            b.icd10 ?? null,
            b.class,
            b.deadlineHours,
            b.immediate,
            b.clusterCases ?? null,
            b.clusterDays ?? null,
            b.algorithm,
            JSON.stringify(b.params),
            b.areaLevel,
            b.frequency,
            b.enabled,
            b.syndrome || b.code,
          ],
        );
        await audit(q, actorOf(req), { action: 'disease.create', entity: 'disease', entityId: b.code, after: b });
      });
      s.diseases.invalidate();
      return reply.status(201).send((await s.diseases.all()).get(b.code));
    },
  );

  api.put(
    '/surveillance/diseases/:code',
    {
      schema: {
        params: z.object({ code: z.string().max(16) }),
        body: DiseaseBody.partial().extend({ version: z.number().int().min(1).max(INT4_MAX) }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Edits a disease’s settings (admin, city) with optimistic concurrency',
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (!mayConfigure(p)) throw forbidden();
      const cur = (await s.diseases.all()).get(req.params.code);
      if (!cur) throw notFound({ zh: `疾病 ${req.params.code} `, en: `Disease ${req.params.code}` });
      const next = { ...cur, ...Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined)) };
      checkDetector(next.algorithm, next.params, next.frequency === 'day' ? 365 : 52);
      await ctx.db.tx(async (q) => {
        const { rows } = await q.query(
          `update disease_settings set name_zh = $3, name_en = $4, icd10 = $5, class = $6, deadline_hours = $7, immediate = $8,
                  cluster_cases = $9, cluster_days = $10, algorithm = $11, params = $12, area_level = $13, frequency = $14,
                  enabled = $15, syndrome = $16, version = version + 1, updated_at = now()
            where code = $1 and version = $2 returning code`,
          [
            cur.code,
            req.body.version,
            next.nameZh,
            next.nameEn,
            next.icd10 ?? null,
            next.class,
            next.deadlineHours,
            next.immediate,
            next.clusterCases ?? null,
            next.clusterDays ?? null,
            next.algorithm,
            JSON.stringify(next.params),
            next.areaLevel,
            next.frequency,
            next.enabled,
            next.syndrome,
          ],
        );
        if (!rows[0]) throw conflict();
        await audit(q, actorOf(req), {
          action: 'disease.update',
          entity: 'disease',
          entityId: cur.code,
          before: cur,
          after: next,
        });
      });
      s.diseases.invalidate();
      return (await s.diseases.all()).get(cur.code);
    },
  );

  api.get(
    '/surveillance/streams',
    {
      schema: {
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Stream definitions (built-in and custom)',
      },
    },
    async (req) => {
      principalOf(req);
      return s.streams.list();
    },
  );

  api.post(
    '/surveillance/streams',
    {
      schema: {
        body: z.object({
          code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
          nameZh: z.string().trim().min(1).max(50),
          nameEn: z.string().trim().min(1).max(100),
          kind: z.enum(STREAM_KINDS).default('custom'),
          unit: z.string().max(10).default('人次'),
          ...DetectorFields,
          algorithm: z.enum(ALGORITHMS).default('ears-c2'),
          areaLevel: z.enum(['county', 'township']).default('township'),
          silentDays: z.number().int().min(1).max(60).default(3),
          syndrome: z.string().max(40).optional().describe('fusion group; default: the stream’s own code'),
        }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Defines a custom stream (admin, city): no code needed to add a source',
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (!mayConfigure(p)) throw forbidden();
      checkDetector(req.body.algorithm, req.body.params, 365);
      return reply.status(201).send(await s.streams.create(p, req.body, actorOf(req)));
    },
  );

  api.put(
    '/surveillance/streams/:code',
    {
      schema: {
        params: z.object({ code: z.string().max(40) }),
        body: z.object({
          version: z.number().int().min(1).max(INT4_MAX),
          nameZh: z.string().trim().min(1).max(50).optional(),
          nameEn: z.string().trim().min(1).max(100).optional(),
          unit: z.string().trim().min(1).max(10).optional(),
          algorithm: z.enum(ALGORITHMS).optional(),
          params: z.record(z.string(), z.unknown()).optional(),
          areaLevel: z.enum(['county', 'township']).optional(),
          silentDays: z.number().int().min(1).max(60).optional(),
          syndrome: z.string().trim().min(1).max(40).optional(),
          enabled: z.boolean().optional(),
        }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description:
          'Edits a stream (admin, city) with optimistic concurrency: names, unit, detector and parameters (checked by running it), area level, days before a source counts as silent, fusion group, enabled; code and kind stay',
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (!mayConfigure(p)) throw forbidden();
      const { version, ...changes } = req.body;
      return s.streams.update(req.params.code, version, changes, actorOf(req), (algorithm, params) =>
        checkDetector(algorithm, params, 365),
      );
    },
  );
}
