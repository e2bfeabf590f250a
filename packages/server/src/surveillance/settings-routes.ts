// Disease and stream settings: the catalogue with each disease's thresholds and detector, editable by
// city and platform administrators; locally monitored diseases and custom streams are added as data.

import { chinaToday } from '@weijian/core/platform';
import { INT4_MAX } from '@weijian/core/registry';
import { ALGORITHMS, DISEASE_CLASS_LABELS } from '@weijian/core/surveillance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policyOf } from '../platform/request.ts';
import { actorOf } from './cases-routes.ts';
import { previewDetector } from './detector-preview.ts';
import type { SurveillanceServices } from './services.ts';
import { STREAM_KINDS } from './streams-catalogue.ts';
import { DetectorParams, Disease, DiseaseCatalogue, Stream, StreamList } from './surveillance-wire.ts';

const Lang = z.enum(['zh', 'en']).optional();

const DetectorFields = {
  algorithm: z.enum(ALGORITHMS),
  params: DetectorParams.default({}),
  areaLevel: z.enum(['county', 'township']),
};

const Bilingual = z.object({ zh: z.string(), en: z.string() });

const DetectorPreview = z
  .object({
    subject: z.string(),
    area: z.string(),
    unit: z.enum(['day', 'week']),
    from: z.string(),
    to: z.string(),
    alarms: z.number().int().describe('alarms of the proposed setting, summed over the counties'),
    currentAlarms: z.number().int().describe('alarms of the setting in force over the same series'),
    counties: z.array(
      z.object({ code: z.string(), name: z.string(), alarms: z.number().int(), current: z.number().int() }),
    ),
    periods: z.array(z.object({ start: z.string(), alarms: z.number().int() })),
    error: Bilingual.nullable().describe('why the proposed detector could not run on this data, if it could not'),
  })
  .meta({ id: 'DetectorPreview' });

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

export async function settingsRoutes(app: FastifyInstance, ctx: SurveillanceServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const s = ctx;

  api.get(
    '/surveillance/diseases',
    {
      schema: {
        querystring: z.object({ lang: Lang }),
        response: { 200: DiseaseCatalogue },
        tags: ['surveillance'],
        description: 'Disease catalogue with thresholds and detectors; `classes` labels the classes',
      },
    },
    async (req) => {
      // A user with a city sees its city's settings (its overrides over the platform default).
      return { items: [...(await s.diseases.forViewer(policyOf(req))).values()], classes: DISEASE_CLASS_LABELS };
    },
  );

  api.post(
    '/surveillance/diseases',
    {
      schema: {
        body: DiseaseBody.extend({ code: z.string().regex(/^[A-Z][A-Z0-9.]{1,15}$/) }),
        querystring: z.object({ lang: Lang }),
        response: { 201: Disease },
        tags: ['surveillance'],
        description: 'Adds a locally monitored disease (admin, city)',
      },
    },
    async (req, reply) => reply.status(201).send(await s.diseases.create(policyOf(req), req.body, actorOf(req))),
  );

  api.put(
    '/surveillance/diseases/:code',
    {
      schema: {
        params: z.object({ code: z.string().max(16) }),
        body: DiseaseBody.partial().extend({ version: z.number().int().min(1).max(INT4_MAX) }),
        querystring: z.object({ lang: Lang }),
        response: { 200: Disease },
        tags: ['surveillance'],
        description: 'Edits a disease’s settings (admin, city) with optimistic concurrency',
      },
    },
    async (req) => s.diseases.update(policyOf(req), req.params.code, req.body, actorOf(req)),
  );

  api.post(
    '/surveillance/detector-preview',
    {
      schema: {
        body: z.object({
          subject: z.string().min(1).max(40).describe('disease or stream code'),
          algorithm: z.enum(ALGORITHMS),
          params: DetectorParams.default({}),
          frequency: z.enum(['day', 'week']).optional().describe('diseases: the series unit (default: the disease’s)'),
          area: z
            .string()
            .regex(/^\d{4}(\d{2})?$/)
            .optional()
            .describe('city (4 digits) or county (6); default: the caller’s scope'),
          to: z.iso.date().optional().describe('last day previewed (default: today)'),
        }),
        querystring: z.object({ lang: Lang }),
        response: { 200: DetectorPreview },
        tags: ['surveillance'],
        description:
          'Runs a detector setting over the last 52 weeks (364 days) of a city’s or county’s series, county by county, next to the setting in force; nothing is saved (admin, city)',
      },
    },
    async (req) => previewDetector(s, policyOf(req), { ...req.body, to: req.body.to ?? chinaToday() }),
  );

  api.get(
    '/surveillance/streams',
    {
      schema: {
        querystring: z.object({ lang: Lang }),
        response: { 200: StreamList },
        tags: ['surveillance'],
        description: 'Stream definitions (built-in and custom)',
      },
    },
    async (req) => {
      return s.streams.list(policyOf(req));
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
        response: { 201: Stream },
        tags: ['surveillance'],
        description: 'Defines a custom stream (admin, city): no code needed to add a source',
      },
    },
    async (req, reply) => reply.status(201).send(await s.streams.create(policyOf(req), req.body, actorOf(req))),
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
          params: DetectorParams.optional(),

          areaLevel: z.enum(['county', 'township']).optional(),
          silentDays: z.number().int().min(1).max(60).optional(),
          syndrome: z.string().trim().min(1).max(40).optional(),
          enabled: z.boolean().optional(),
        }),
        querystring: z.object({ lang: Lang }),
        response: { 200: Stream },
        tags: ['surveillance'],
        description:
          'Edits a stream (admin, city) with optimistic concurrency: names, unit, detector and parameters (checked by running it), area level, days before a source counts as silent, fusion group, enabled; code and kind stay',
      },
    },
    async (req) => {
      const { version, ...changes } = req.body;
      return s.streams.update(policyOf(req), req.params.code, version, changes, actorOf(req));
    },
  );
}
