// HTTP routes of a plan's key tasks and major projects (重点任务/重大项目): list with filters, CRUD with
// optimistic concurrency, progress notes and the import of a numbered task list. See docs/api.md.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaCode, Id as IdParam, IsoDate, VersionParam } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import type { PlanningServices } from './services.ts';
import { TaskEdit, TaskImport, TaskInput, TaskUpdateInput } from './tasks-schemas.ts';
import { PlanTask, TaskDetail, TaskImportResult, TaskList } from './tasks-wire.ts';

const TAGS = ['tasks'];
const Id = z.object({ id: IdParam });
const Lang = z.enum(['zh', 'en']).optional();

export async function tasksRoutes(app: FastifyInstance, s: PlanningServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/plans/:id/tasks',
    {
      schema: {
        params: Id,
        querystring: z.object({
          status: z.enum(['not-started', 'in-progress', 'lagging', 'done', 'paused']).optional(),
          department: z.string().max(200).optional(),
          kind: z.enum(['task', 'project']).optional(),
          area: AreaCode.optional(),
          asOf: IsoDate.optional(),
          lang: Lang,
        }),
        response: { 200: TaskList },
        tags: TAGS,
      },
    },
    async (req) => {
      const { plan: _p, ...r } = await s.tasks.list(policyOf(req), req.params.id, req.query);
      return r;
    },
  );

  const create = { params: Id, body: TaskInput, response: { 201: PlanTask }, tags: TAGS };
  api.post('/plans/:id/tasks', { schema: create }, async (req, reply) =>
    reply.status(201).send(await s.tasks.create(policyOf(req), req.params.id, req.body)),
  );

  const taskImport = {
    params: Id,
    body: TaskImport,
    response: { 200: TaskImportResult, 201: TaskImportResult },
    tags: TAGS,
  };
  api.post('/plans/:id/tasks/import', { schema: taskImport }, async (req, reply) => {
    const r = await s.tasks.import(policyOf(req), req.params.id, req.body);
    return reply.status(r.dryRun ? 200 : 201).send(r);
  });

  const show = { params: Id, querystring: z.object({ lang: Lang }), response: { 200: TaskDetail }, tags: TAGS };
  api.get('/tasks/:id', { schema: show }, async (req) => s.tasks.show(policyOf(req), req.params.id));

  api.put(
    '/tasks/:id',
    { schema: { params: Id, body: TaskEdit, response: { 200: PlanTask }, tags: TAGS } },
    async (req) => s.tasks.edit(policyOf(req), req.params.id, req.body),
  );

  api.delete(
    '/tasks/:id',
    {
      schema: {
        params: Id,
        querystring: z.object({ version: VersionParam }),
        response: { 204: z.null().describe('Deleted') },
        tags: TAGS,
      },
    },
    async (req, reply) => {
      await s.tasks.remove(policyOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/tasks/:id/updates',
    {
      schema: {
        params: Id,
        body: TaskUpdateInput,
        response: { 201: TaskDetail },
        tags: TAGS,
      },
    },
    async (req, reply) => reply.status(201).send(await s.tasks.addUpdate(policyOf(req), req.params.id, req.body)),
  );
}
