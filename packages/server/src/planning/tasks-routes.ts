// HTTP routes of a plan's key tasks and major projects (重点任务/重大项目): list with filters, CRUD with
// optimistic concurrency, progress notes and the import of a numbered task list. See docs/api.md.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlanningServices } from './services.ts';
import { principalOf } from '../platform/request.ts';
import {
  addTaskUpdate,
  createTask,
  editTask,
  importTasks,
  listPlanTasks,
  loadTask,
  removeTask,
  TaskEdit,
  TaskImport,
  TaskInput,
  TaskUpdateInput,
  taskJson,
  taskUpdates,
} from './tasks-service.ts';

const TAGS = ['tasks'];
const Id = z.object({ id: z.coerce.number().int().positive() });
const Lang = z.enum(['zh', 'en']).optional();

export async function tasksRoutes(app: FastifyInstance, ctx: PlanningServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const actorOf = (req: FastifyRequest) => ({ principal: principalOf(req), ip: req.ip });

  api.get(
    '/plans/:id/tasks',
    {
      schema: {
        params: Id,
        querystring: z.object({
          status: z.enum(['not-started', 'in-progress', 'lagging', 'done', 'paused']).optional(),
          department: z.string().max(200).optional(),
          kind: z.enum(['task', 'project']).optional(),
          area: z
            .string()
            .regex(/^\d{2,12}$/)
            .optional(),
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
          lang: Lang,
        }),
        tags: TAGS,
      },
    },
    async (req) => {
      const { plan: _p, ...r } = await listPlanTasks(ctx, principalOf(req), req.params.id, req.query);
      return r;
    },
  );

  api.post('/plans/:id/tasks', { schema: { params: Id, body: TaskInput, tags: TAGS } }, async (req, reply) =>
    reply.status(201).send(await createTask(ctx, actorOf(req), req.params.id, req.body)),
  );

  api.post('/plans/:id/tasks/import', { schema: { params: Id, body: TaskImport, tags: TAGS } }, async (req, reply) => {
    const r = await importTasks(ctx, actorOf(req), req.params.id, req.body);
    return reply.status(r.dryRun ? 200 : 201).send(r);
  });

  api.get('/tasks/:id', { schema: { params: Id, querystring: z.object({ lang: Lang }), tags: TAGS } }, async (req) => {
    const { task } = await loadTask(ctx, principalOf(req), req.params.id);
    return { ...taskJson(task), updates: await taskUpdates(ctx.db, task.id) };
  });

  api.put('/tasks/:id', { schema: { params: Id, body: TaskEdit, tags: TAGS } }, async (req) =>
    editTask(ctx, actorOf(req), req.params.id, req.body),
  );

  api.delete(
    '/tasks/:id',
    { schema: { params: Id, querystring: z.object({ version: z.coerce.number().int().min(1) }), tags: TAGS } },
    async (req, reply) => {
      await removeTask(ctx, actorOf(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );

  api.post(
    '/tasks/:id/updates',
    {
      schema: {
        params: Id,
        body: TaskUpdateInput,
        tags: TAGS,
      },
    },
    async (req, reply) => reply.status(201).send(await addTaskUpdate(ctx, actorOf(req), req.params.id, req.body)),
  );
}
