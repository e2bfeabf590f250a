// Analysts' tools: detect() over any series, the algorithm evaluation table, an outbreak simulation, and
// the surveillance indicators the planning engine reads.
import {
  ALGORITHMS,
  type Algorithm,
  DetectionInputError,
  detect,
  evaluateAlgorithms,
  SCENARIOS,
  simulateSeries,
} from '@weijian/core/surveillance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../platform/errors.ts';
import { policyOf, principalOf } from '../platform/request.ts';
import type { SurveillanceServices } from './services.ts';
import {
  DetectionResult,
  DetectRequest,
  EvaluationResult,
  NotifiableIncidence,
  Simulation,
} from './surveillance-wire.ts';

const Lang = z.enum(['zh', 'en']).optional();

/** Evaluations are deterministic in their inputs: computed once per parameter set. */
const evaluationCache = new Map<string, ReturnType<typeof evaluateAlgorithms>>();

export async function analysisRoutes(app: FastifyInstance, ctx: SurveillanceServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/surveillance/detect',
    {
      schema: {
        body: DetectRequest,
        querystring: z.object({ lang: Lang }),
        response: { 200: DetectionResult },
        tags: ['surveillance'],
        description:
          'Runs one detector (the same as `weijian detect`): {upperbound, alarm, expected} for the points of range, null where no bound',
      },
    },
    async (req) => {
      principalOf(req);
      try {
        return detect(req.body);
      } catch (e) {
        if (e instanceof DetectionInputError)
          throw invalid([{ path: e.field, message: { zh: e.zh, en: e.en } }], { zh: e.zh, en: e.en });
        throw e;
      }
    },
  );

  api.get(
    '/surveillance/evaluation',
    {
      schema: {
        querystring: z.object({
          seed: z.coerce.number().int().min(0).default(1),
          series: z.coerce.number().int().min(1).max(50).default(10),
          algorithms: z.string().optional().describe('comma-separated; default: all compared detectors'),
          lang: Lang,
        }),
        response: { 200: EvaluationResult },
        tags: ['surveillance'],
        description:
          'Sensitivity, false-alarm rate, PPV and time to detection per algorithm and scenario on seeded simulated outbreaks',
      },
    },
    async (req) => {
      principalOf(req);
      const algorithms = req.query.algorithms
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      const bad = algorithms?.filter((a) => !(ALGORITHMS as readonly string[]).includes(a));
      if (bad?.length)
        throw invalid([
          {
            path: 'algorithms',
            message: { zh: `未知算法：${bad.join('、')}`, en: `Unknown algorithms: ${bad.join(', ')}` },
          },
        ]);
      const key = JSON.stringify([req.query.seed, req.query.series, algorithms ?? null]);
      let r = evaluationCache.get(key);
      if (!r) {
        r = evaluateAlgorithms({
          seed: req.query.seed,
          series: req.query.series,
          algorithms: algorithms as Algorithm[] | undefined,
        });
        if (evaluationCache.size > 50) evaluationCache.clear();
        evaluationCache.set(key, r);
      }
      return r;
    },
  );

  api.get(
    '/surveillance/simulation',
    {
      schema: {
        querystring: z.object({
          seed: z.coerce.number().int().min(0).default(1),
          scenario: z.enum(SCENARIOS.map((s) => s.name) as [string, ...string[]]).default('seasonal'),
          weeks: z.coerce.number().int().min(60).max(1040).default(364),
          lang: Lang,
        }),
        response: { 200: Simulation },
        tags: ['surveillance'],
        description: 'One simulated weekly series with its injected outbreaks (for the evaluation page chart)',
      },
    },
    async (req) => {
      principalOf(req);
      const scenario = SCENARIOS.find((s) => s.name === req.query.scenario)!;
      return simulateSeries(scenario, { seed: req.query.seed, weeks: req.query.weeks });
    },
  );

  api.get(
    '/surveillance/indicators/notifiable-incidence',
    {
      schema: {
        querystring: z.object({
          area: z.string().regex(/^\d{2,12}$/),
          year: z.coerce.number().int().min(2000).max(2100),
          lang: Lang,
        }),
        response: { 200: NotifiableIncidence },
        tags: ['surveillance'],
        description: '甲乙类法定传染病报告发病率 (per 100,000) of an area and year: {cases, population, per100k}',
      },
    },
    async (req) => {
      await policyOf(req).requireReadArea(req.query.area, req.query.year);
      return ctx.indicators.notifiableIncidence(req.query.area, req.query.year);
    },
  );
}
