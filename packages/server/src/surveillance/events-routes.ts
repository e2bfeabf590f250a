// Signals, events, the response workflow, KPIs, chart series and on-demand detection runs.

import { isAdmin, type Principal } from '@weijian/core/identity';
import { EVENT_STATES } from '@weijian/core/surveillance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { principalOf } from '../platform/http-app.ts';
import { assertAreaReadable } from '../registry/scope.ts';
import { actorOf } from './cases-routes.ts';

const Lang = z.enum(['zh', 'en']).optional();
const Id = z.object({ id: z.coerce.number().int().positive() });
const Bool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const Subject = z.string().min(1).max(40).optional().describe('disease or stream code');
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function eventRoutes(app: FastifyInstance, ctx: AppContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const s = ctx.surveillance;

  api.get(
    '/surveillance/signals',
    {
      schema: {
        querystring: z.object({
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          source: z.enum(['case', 'fixed', 'cluster', 'stream', 'silent', 'scan']).optional(),
          subject: z.string().max(40).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          event: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
          lang: Lang,
        }),
        tags: ['surveillance'],
        description: 'Signals within the caller’s area (institution users: 403; an `area` outside the scope: 403)',
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (req.query.area) await assertAreaReadable(ctx, p, req.query.area);
      return s.events.listSignals(p, req.query);
    },
  );

  api.get(
    '/surveillance/events',
    {
      schema: {
        querystring: z.object({
          state: z.enum([...EVENT_STATES, 'merged']).optional(),
          open: Bool,
          level: z.coerce.number().int().min(1).max(4).optional(),
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          subject: Subject,
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          assignee: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
          lang: Lang,
        }),
        tags: ['surveillance'],
        description:
          'Fused early-warning events, newest first; `level` = minimum risk level (1 蓝 … 4 红); `subject` = a disease or stream code (events with at least one signal of it); `from`/`to` select events whose signal period [firstDate, lastDate] overlaps the range (the same set the KPIs count)',
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (req.query.area) await assertAreaReadable(ctx, p, req.query.area);
      return s.events.listEvents(p, req.query);
    },
  );

  api.get(
    '/surveillance/events/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'An event with its signals and response history',
      },
    },
    async (req) => s.events.getEvent(principalOf(req), req.params.id),
  );

  api.get(
    '/surveillance/events/:id/assignees',
    {
      schema: {
        params: Id,
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description:
          'Users the event may be assigned to — active admins and city/county users whose scope covers its county (the rule of /assign): {total, items:[{id, username, displayName, role}]}, nearest scope first. For users who may work the event (read-only and institution users: 403); 404 outside the caller’s scope',
      },
    },
    async (req) => s.events.assignees(principalOf(req), req.params.id),
  );

  api.post(
    '/surveillance/events/:id/transition',
    {
      schema: {
        params: Id,
        body: z.object({
          to: z.enum(EVENT_STATES),
          note: z.string().max(2000).nullish(),
          emergencyLevel: z.number().int().min(1).max(4).nullish(),
          version: z.number().int(),
        }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description:
          'Workflow step (待核实→初步核实→排除|疑似事件→现场调查→确认(I–IV)|结案); 422 for a step not allowed, 409 on a stale version',
      },
    },
    async (req) => s.events.transition(principalOf(req), req.params.id, req.body, actorOf(req)),
  );

  api.post(
    '/surveillance/events/:id/assign',
    {
      schema: {
        params: Id,
        body: z.object({
          assigneeId: z.number().int().positive(),
          version: z.number().int(),
          note: z.string().max(2000).nullish(),
        }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Assigns the event to a (county CDC) user covering its county',
      },
    },
    async (req) => s.events.assign(principalOf(req), req.params.id, req.body, actorOf(req)),
  );

  api.post(
    '/surveillance/events/:id/notes',
    {
      schema: {
        params: Id,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Adds a note to the response timeline',
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s.events.note(principalOf(req), req.params.id, req.body.note, actorOf(req))),
  );

  api.get(
    '/surveillance/kpis',
    {
      schema: {
        querystring: z.object({
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          subject: Subject,
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          lang: Lang,
        }),
        tags: ['surveillance'],
        description:
          'Response timeliness, median response hours, signals per county per week, PPV over the events GET /events lists for the same area, subject, from and to (signal period overlapping the range; default: the last 52 weeks); signals = those whose period ends in the range',
      },
    },
    async (req) => {
      const p = principalOf(req);
      if (req.query.area) await assertAreaReadable(ctx, p, req.query.area);
      const to = req.query.to ?? today();
      const from = req.query.from ?? new Date(Date.parse(to) - 364 * 86_400_000).toISOString().slice(0, 10);
      if (from > to)
        throw invalid([{ path: 'from', message: { zh: '开始日期不能晚于结束日期', en: 'from must not be after to' } }]);
      return s.events.kpis(p, { area: req.query.area, subject: req.query.subject, from, to });
    },
  );

  api.get(
    '/surveillance/series',
    {
      schema: {
        querystring: z.object({
          subject: z.string().max(40),
          area: z.string().regex(/^\d{6}(\d{3})?$/),
          to: z.iso.date().optional(),
          periods: z.coerce.number().int().min(4).max(730).default(52),
          lang: Lang,
        }),
        tags: ['surveillance'],
        description:
          'A disease’s or stream’s series in one county or township with its detector’s expected, upperbound and alarm (the event chart)',
      },
    },
    async (req) => {
      const p = principalOf(req);
      await assertAreaReadable(ctx, p, req.query.area);
      const r = await s.engine.seriesFor(req.query.subject, req.query.area, req.query.to ?? today(), req.query.periods);
      if (!r)
        throw notFound({ zh: `疾病或数据流 ${req.query.subject} `, en: `Disease or stream ${req.query.subject}` });
      return r;
    },
  );

  api.post(
    '/surveillance/run',
    {
      schema: {
        body: z.object({
          from: z.iso.date(),
          to: z.iso.date(),
          diseases: z.array(z.string()).optional(),
          streams: z.array(z.string()).optional(),
        }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description: 'Runs detection and fusion over a date range (admin, city); idempotent',
      },
    },
    async (req) => {
      const p: Principal = principalOf(req);
      if (!isAdmin(p) && p.role !== 'city') throw forbidden();
      if (req.body.from > req.body.to)
        throw invalid([{ path: 'from', message: { zh: '开始日期不能晚于结束日期', en: 'from must not be after to' } }]);
      const counties = isAdmin(p)
        ? undefined
        : (await ctx.areas.tree()).childrenIn(p.scopeAreaCode!, Number(req.body.to.slice(0, 4))).map((c) => c.code);
      const stats = await s.engine.run({ ...req.body, counties });
      await audit(ctx.db, actorOf(req), { action: 'surveillance.run', after: { ...req.body, ...stats } });
      return stats;
    },
  );
}
