// Signals, events, the response workflow, KPIs, chart series and on-demand detection runs.

import { isAdmin, type Principal } from '@weijian/core/identity';
import { type Bilingual, chinaToday } from '@weijian/core/platform';
import { INT4_MAX } from '@weijian/core/registry';
import { EVENT_STATES } from '@weijian/core/surveillance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import type { SurveillanceServices } from './services.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { assertAreaReadable } from '../registry/scope.ts';
import { actorOf } from './cases-routes.ts';

const Lang = z.enum(['zh', 'en']).optional();
/**
 * User ids and versions are int4 columns: larger numbers are bad requests (400 naming the field), not failed
 * statements (500). Event and signal ids are bigint; zod's int() already stops at the safe-integer range.
 */
const UserId = z.number().int().positive().max(INT4_MAX);
const Version = z.number().int().positive().max(INT4_MAX);
const Id = z.object({ id: z.coerce.number().int().positive() });
const Bool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const Subject = z.string().min(1).max(40).optional().describe('disease or stream code');

/** A reversed range is a 422 naming `from` wherever dates filter (signals, events, KPIs, runs). */
export async function eventRoutes(app: FastifyInstance, ctx: SurveillanceServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const s = ctx;

  /** The date range and area of a list or KPI filter: a range backwards is 422, an area outside scope 403. */
  const checkFilter = async (p: Principal, q: { from?: string; to?: string; area?: string }) => {
    if (q.from && q.to && q.from > q.to)
      throw invalid([{ path: 'from', message: { zh: '开始日期不能晚于结束日期', en: 'from must not be after to' } }]);
    if (q.area) await assertAreaReadable(ctx, p, q.area);
  };

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
      await checkFilter(p, req.query);
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
          assignee: z.coerce.number().int().positive().max(INT4_MAX).optional(),
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
      await checkFilter(p, req.query);
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
          version: Version,
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
          assigneeId: UserId,
          version: Version,
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
          'Response timeliness, median response hours, signals per county per week, PPV over the events GET /events lists for the same area, subject, from and to (signal period overlapping the range; a bound left out is not applied, as in the list); signals = those whose period ends in the range. `from`/`to` in the answer: the bounds given, else the span of the events and signals counted (null when there are none); the weekly rate is over that span',
      },
    },
    async (req) => {
      const p = principalOf(req);
      await checkFilter(p, req.query);
      const { area, subject, from, to } = req.query;
      return s.events.kpis(p, { area, subject, from, to });
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
      const r = await s.engine.seriesFor(req.query.subject, req.query.area, req.query.to ?? chinaToday(), req.query.periods);
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
          diseases: z.array(z.string().max(40)).max(500).optional(),
          streams: z.array(z.string().max(40)).max(500).optional(),
        }),
        querystring: z.object({ lang: Lang }),
        tags: ['surveillance'],
        description:
          'Runs detection and fusion over a date range (admin, city); idempotent. `diseases` / `streams` limit the run to those codes; an unknown code is a 422 naming it (`diseases[i]`, `streams[i]`)',
      },
    },
    async (req) => {
      const p: Principal = principalOf(req);
      if (!isAdmin(p) && p.role !== 'city') throw forbidden();
      await checkFilter(p, { from: req.body.from, to: req.body.to });
      await assertKnownSubjects(ctx, req.body);
      const counties = isAdmin(p)
        ? undefined
        : (await ctx.areas.tree()).childrenIn(p.scopeAreaCode!, Number(req.body.to.slice(0, 4))).map((c) => c.code);
      const stats = await s.engine.run({ ...req.body, counties });
      await audit(ctx.db, actorOf(req), { action: 'surveillance.run', after: { ...req.body, ...stats } });
      return stats;
    },
  );
}

/** The codes a run names must exist: an unknown one would otherwise run nothing of what was asked (422). */
async function assertKnownSubjects(ctx: SurveillanceServices, body: { diseases?: string[]; streams?: string[] }) {
  const problems: { path: string; message: Bilingual }[] = [];
  if (body.diseases?.length) {
    const known = await ctx.diseases.all();
    body.diseases.forEach((code, i) => {
      if (!known.has(code))
        problems.push({
          path: `diseases[${i}]`,
          message: { zh: `未知的病种代码 ${code}`, en: `Unknown disease code ${code}` },
        });
    });
  }
  if (body.streams?.length) {
    const { rows } = await ctx.db.query<{ code: string }>(`select code from streams where code = any($1::text[])`, [
      body.streams,
    ]);
    const known = new Set(rows.map((r) => r.code));
    body.streams.forEach((code, i) => {
      if (!known.has(code))
        problems.push({
          path: `streams[${i}]`,
          message: { zh: `未知的数据流代码 ${code}`, en: `Unknown stream code ${code}` },
        });
    });
  }
  if (problems.length) throw invalid(problems);
}
