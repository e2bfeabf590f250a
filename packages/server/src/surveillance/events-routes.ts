// Signals, events, the response workflow, KPIs, chart series and on-demand detection runs.

import { chinaToday } from '@weijian/core/platform';
import { dayIndex, EVENT_STATES } from '@weijian/core/surveillance';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { BigId, Cursor, IdNumber, Id as IdParam, IsoDate, limit, Version } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { actorOf } from './cases-routes.ts';
import { checkDateRange } from './date-range.ts';
import {
  AssigneeList,
  EventAssigned,
  EventDetail,
  EventList,
  EventNoted,
  EventTransitioned,
  Kpis,
  RunStats,
  Series,
  SignalList,
} from './events-wire.ts';
import type { SurveillanceServices } from './services.ts';

const Lang = z.enum(['zh', 'en']).optional();
/**
 * User ids and versions are int4 columns: larger numbers are bad requests (400 naming the field), not failed
 * statements (500). Event and signal ids are bigint (BigId stops at the safe-integer range).
 */
const UserId = IdNumber;
const Id = z.object({ id: BigId });

/** The earliest date a detection run may start: the surveillance data and the area tree begin after it. */
export const RUN_FROM_MIN = '2000-01-01';
/** The longest range of one run (three years): beyond it one call evaluates tens of millions of points. */
export const RUN_MAX_DAYS = 3 * 366;

/** A run's range: not before 2000, not after tomorrow (China), at most three years, not backwards (422). */
function checkRunRange(from: string, to: string): void {
  checkDateRange(from, to);
  const tomorrow = new Date(Date.parse(`${chinaToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const problem = (path: string, zh: string, en: string) => invalid([{ path, message: { zh, en } }], { zh, en });
  if (from < RUN_FROM_MIN)
    throw problem('from', `开始日期不能早于 ${RUN_FROM_MIN}`, `from must not be before ${RUN_FROM_MIN}`);
  if (to > tomorrow) throw problem('to', `结束日期不能晚于 ${tomorrow}`, `to must not be after ${tomorrow}`);
  if (dayIndex(to) - dayIndex(from) + 1 > RUN_MAX_DAYS)
    throw problem(
      'to',
      `单次运行最长 ${RUN_MAX_DAYS} 天（约三年），请分段运行`,
      `One run covers at most ${RUN_MAX_DAYS} days (about three years); run it in parts`,
    );
}
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
  const checkFilter = async (policy: AccessPolicy, q: { from?: string; to?: string; area?: string }) => {
    checkDateRange(q.from, q.to);
    if (q.area) await policy.requireReadArea(q.area);
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
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          event: BigId.optional(),
          limit: limit(500, 50),
          cursor: Cursor,
          lang: Lang,
        }),
        response: { 200: SignalList },
        tags: ['surveillance'],
        description: 'Signals within the caller’s area (institution users: 403; an `area` outside the scope: 403)',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      await checkFilter(policy, req.query);
      return s.events.listSignals(policy, req.query);
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
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          assignee: IdParam.optional(),
          limit: limit(500, 50),
          cursor: Cursor,
          lang: Lang,
        }),
        response: { 200: EventList },
        tags: ['surveillance'],
        description:
          'Fused early-warning events, newest first; `level` = minimum risk level (1 蓝 … 4 红); `subject` = a disease or stream code (events with at least one signal of it); `from`/`to` select events whose signal period [firstDate, lastDate] overlaps the range (the same set the KPIs count)',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      await checkFilter(policy, req.query);
      return s.events.listEvents(policy, req.query);
    },
  );

  api.get(
    '/surveillance/events/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ lang: Lang }),
        response: { 200: EventDetail },
        tags: ['surveillance'],
        description: 'An event with its signals and response history',
      },
    },
    async (req) => s.events.getEvent(policyOf(req), req.params.id),
  );

  api.get(
    '/surveillance/events/:id/assignees',
    {
      schema: {
        params: Id,
        querystring: z.object({ lang: Lang }),
        response: { 200: AssigneeList },
        tags: ['surveillance'],
        description:
          'Users the event may be assigned to — active admins and city/county users whose scope covers its county (the rule of /assign): {total, items:[{id, username, displayName, role}]}, nearest scope first. For users who may work the event (read-only and institution users: 403); 404 outside the caller’s scope',
      },
    },
    async (req) => s.events.assignees(policyOf(req), req.params.id),
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
        response: { 200: EventTransitioned },
        tags: ['surveillance'],
        description:
          'Workflow step (待核实→初步核实→排除|疑似事件→现场调查→确认(I–IV)|结案); 422 for a step not allowed, 409 on a stale version',
      },
    },
    async (req) => s.events.transition(policyOf(req), req.params.id, req.body, actorOf(req)),
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
        response: { 200: EventAssigned },
        tags: ['surveillance'],
        description: 'Assigns the event to a (county CDC) user covering its county',
      },
    },
    async (req) => s.events.assign(policyOf(req), req.params.id, req.body, actorOf(req)),
  );

  api.post(
    '/surveillance/events/:id/notes',
    {
      schema: {
        params: Id,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
        querystring: z.object({ lang: Lang }),
        response: { 201: EventNoted },
        tags: ['surveillance'],
        description: 'Adds a note to the response timeline',
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s.events.note(policyOf(req), req.params.id, req.body.note, actorOf(req))),
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
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          lang: Lang,
        }),
        response: { 200: Kpis },
        tags: ['surveillance'],
        description:
          'Response timeliness, median response hours, signals per county per week, PPV over the events GET /events lists for the same area, subject, from and to (signal period overlapping the range; a bound left out is not applied, as in the list); signals = those whose period ends in the range. `from`/`to` in the answer: the bounds given, else the span of the events and signals counted (null when there are none); the weekly rate is over that span',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      await checkFilter(policy, req.query);
      const { area, subject, from, to } = req.query;
      return s.events.kpis(policy, { area, subject, from, to });
    },
  );

  api.get(
    '/surveillance/series',
    {
      schema: {
        querystring: z.object({
          subject: z.string().max(40),
          area: z.string().regex(/^\d{6}(\d{3})?$/),
          to: IsoDate.optional(),
          periods: z.coerce.number().int().min(4).max(730).default(52),
          lang: Lang,
        }),
        response: { 200: Series },
        tags: ['surveillance'],
        description:
          'A disease’s or stream’s series in one county or township with its detector’s expected, upperbound and alarm (the event chart)',
      },
    },
    async (req) => {
      await policyOf(req).requireReadArea(req.query.area);
      const r = await s.engine.seriesFor(
        req.query.subject,
        req.query.area,
        req.query.to ?? chinaToday(),
        req.query.periods,
      );
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
          from: IsoDate,
          to: IsoDate,
          diseases: z.array(z.string().max(40)).max(500).optional(),
          streams: z.array(z.string().max(40)).max(500).optional(),
        }),
        querystring: z.object({ lang: Lang }),
        response: { 200: RunStats },
        tags: ['surveillance'],
        description:
          'Runs detection and fusion over a date range (admin, city); idempotent. `diseases` / `streams` limit the run to those codes; an unknown code is a 422 naming it (`diseases[i]`, `streams[i]`)',
      },
    },
    async (req) => {
      const policy = policyOf(req);
      // Who may run first (403), then whether the range is one a run may cover (422).
      policy.requireRole(['admin', 'city']);
      checkRunRange(req.body.from, req.body.to);
      return s.engine.runFor(policy, req.body, actorOf(req));
    },
  );
}
