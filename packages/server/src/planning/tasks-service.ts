// Key tasks and major projects of a plan: checks before any write, one transaction with its audit entry,
// status computed on read (滞后 from overdue milestones). Used by the routes, the reports and the demo.
import { canWrite, mayWriteArea, type Principal } from '@weijian/core/identity';
import {
  overdueMilestones,
  parseTaskList,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type TaskStatus,
  taskStatus,
} from '@weijian/core/planning/tasks';
import { type Clock, chinaToday, systemClock } from '@weijian/core/platform';
import { z } from 'zod';
import { type Actor, audit } from '../platform/audit.ts';
import type { PlanningServices } from './services.ts';
import { conflict, type ErrorDetail, forbidden, invalid, notFound } from '../platform/errors.ts';
import { normaliseAreaCode } from '../registry/areas-service.ts';
import { withinFn } from '../registry/scope.ts';
import { assertPlanReadable } from './plan-scope.ts';
import { getPlan, type PlanRow } from './plans-repo.ts';
import {
  deleteTask,
  getTask,
  insertTask,
  insertTaskUpdate,
  listTasks,
  nextSeq,
  type TaskFields,
  type TaskRow,
  taskUpdates,
  updateTask,
} from './tasks-repo.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Milestone = z.object({ title: z.string().min(1).max(200), due: IsoDate, done: IsoDate.nullable().default(null) });
const DeliverableIn = z.object({
  quantity: z.number().finite(),
  quantityMin: z.number().finite().optional(),
  unit: z.string().max(20),
  what: z.string().max(200).default(''),
  text: z.string().max(1000).default(''),
  achieved: z.number().finite().nullable().optional(),
});

const Kind = z.enum(['task', 'project']);
const State = z.enum(['not-started', 'in-progress', 'done', 'paused']);
const Departments = z.array(z.string().min(1).max(200)).max(50);
const Milestones = z.array(Milestone).max(100);
const Deliverables = z.array(DeliverableIn).max(100);
const Progress = z.number().int().min(0).max(100);

/** The fields of a task without defaults: an edit must not reset what it does not mention. */
const TaskShape = z.object({
  kind: Kind,
  seq: z.number().int().min(0),
  number: z.string().max(40).nullable(),
  section: z.string().max(200).nullable(),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10000).nullable(),
  leadDepartment: z.string().max(200).nullable(),
  departments: Departments,
  areaCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .nullable(),
  startDate: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  state: State,
  progress: Progress,
  milestones: Milestones,
  deliverables: Deliverables,
  budget: z.number().finite().min(0).nullable(),
});

export const TaskInput = TaskShape.partial().extend({
  title: TaskShape.shape.title,
  kind: Kind.default('task'),
  departments: Departments.default([]),
  state: State.default('not-started'),
  progress: Progress.default(0),
  milestones: Milestones.default([]),
  deliverables: Deliverables.default([]),
});
export type TaskInputT = z.infer<typeof TaskInput>;

export const TaskEdit = TaskShape.partial().extend({ version: z.number().int().min(1) });
export const TaskUpdateInput = z.object({
  version: z.number().int().min(1),
  note: z.string().trim().min(1).max(5000),
  progress: Progress.optional(),
  state: State.optional(),
});
export const TaskImport = z.object({
  text: z.string().min(1).max(1_000_000),
  kind: z.enum(['task', 'project']).default('task'),
  leadDepartment: z.string().max(200).optional(),
  dueDate: IsoDate.optional(),
  dryRun: z.boolean().default(false),
});

/**
 * The day tasks are judged on: today in Beijing, whatever the server's zone. Until 08:00 there the UTC date
 * is still yesterday's, and a task due yesterday would not yet show as 滞后.
 */
export const taskDay = (clock: Clock = systemClock): string => chinaToday(clock.now());

/** The task as the API shows it: with its status as of `asOf` and the milestones overdue then. */
export function taskJson(t: TaskRow, asOf = taskDay()) {
  const status = taskStatus(t, asOf);
  return { ...t, status, statusLabel: TASK_STATUS_LABELS[status], overdueMilestones: overdueMilestones(t, asOf), asOf };
}

export function taskCounts(statuses: Iterable<TaskStatus>): Record<TaskStatus, number> {
  const c = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const s of statuses) c[s]++;
  return c;
}

async function loadPlanFor(ctx: PlanningServices, p: Principal, planId: number): Promise<PlanRow> {
  const plan = await getPlan(ctx.db, planId);
  if (!plan) throw notFound({ zh: `规划 #${planId} `, en: `Plan #${planId}` });
  await assertPlanReadable(ctx, p, plan);
  return plan;
}

/**
 * Who may change a task: whoever may write the plan's region, and, for a task tied to an area, a write
 * user of that area (a county reports progress on its own projects under the city plan).
 */
async function assertTaskWritable(ctx: PlanningServices, p: Principal, plan: PlanRow, areaCode: string | null) {
  if (!canWrite(p)) throw forbidden();
  const within = await withinFn(ctx);
  if (mayWriteArea(p, plan.regionCode, within)) return;
  if (areaCode && mayWriteArea(p, areaCode, within)) return;
  throw forbidden();
}

export async function listPlanTasks(
  ctx: PlanningServices,
  p: Principal,
  planId: number,
  f: { status?: string; department?: string; kind?: string; area?: string; asOf?: string },
  clock: Clock = systemClock,
) {
  const plan = await loadPlanFor(ctx, p, planId);
  const rows = await listTasks(ctx.db, plan.id, {
    ...(f.department ? { department: f.department } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.area ? { area: normaliseAreaCode(f.area) } : {}),
  });
  const all = rows.map((r) => taskJson(r, f.asOf ?? taskDay(clock)));
  const items = f.status ? all.filter((t) => t.status === f.status) : all;
  return { plan, total: items.length, counts: taskCounts(all.map((t) => t.status)), items };
}

async function fields(
  ctx: PlanningServices,
  plan: PlanRow,
  input: TaskInputT,
  seq: number,
  details: ErrorDetail[],
): Promise<TaskFields> {
  let areaCode: string | null = null;
  let countyCode: string | null = null;
  if (input.areaCode) {
    areaCode = normaliseAreaCode(input.areaCode);
    const tree = await ctx.areas.tree();
    const node = tree.get(areaCode);
    if (
      !node ||
      !(
        tree.isWithin(areaCode, plan.regionCode, plan.periodEnd) ||
        tree.isWithin(plan.regionCode, areaCode, plan.periodEnd)
      )
    ) {
      details.push({
        path: 'areaCode',
        message: { zh: `${input.areaCode} 不在规划区域内`, en: `${input.areaCode} is not within the plan's region` },
      });
    } else {
      countyCode =
        node.level === 3
          ? node.code
          : (tree.ancestorsIn(areaCode, plan.periodEnd).find((a) => a.level === 3)?.code ?? null);
    }
  }
  if (input.startDate && input.dueDate && input.dueDate < input.startDate) {
    details.push({ path: 'dueDate', message: { zh: '完成时限早于开始日期', en: 'Due date is before the start date' } });
  }
  return {
    kind: input.kind,
    seq: input.seq ?? seq,
    number: input.number ?? null,
    section: input.section ?? null,
    title: input.title,
    description: input.description ?? null,
    leadDepartment: input.leadDepartment ?? null,
    departments: input.departments,
    areaCode,
    countyCode,
    startDate: input.startDate ?? null,
    dueDate: input.dueDate ?? null,
    state: input.state,
    progress: input.progress,
    milestones: input.milestones.map((m) => ({ title: m.title, due: m.due, done: m.done ?? null })),
    deliverables: input.deliverables.map((d) => ({ ...d, what: d.what ?? '', text: d.text ?? '' })),
    budget: input.budget ?? null,
  };
}

export async function createTask(
  ctx: PlanningServices,
  actor: Actor & { principal: Principal },
  planId: number,
  input: TaskInputT,
  clock: Clock = systemClock,
) {
  const plan = await loadPlanFor(ctx, actor.principal, planId);
  const details: ErrorDetail[] = [];
  const f = await fields(ctx, plan, input, 0, details);
  if (details.length) throw invalid(details);
  await assertTaskWritable(ctx, actor.principal, plan, f.areaCode);
  const id = await ctx.db.tx(async (q) => {
    if (input.seq === undefined) f.seq = await nextSeq(q, plan.id);
    const id = await insertTask(q, plan.id, f, { createdBy: actor.principal.username });
    await audit(q, actor, {
      action: 'task.create',
      entity: 'plan_task',
      entityId: id,
      areaCode: f.areaCode ?? plan.regionCode,
      after: f,
    });
    return id;
  });
  return taskJson((await getTask(ctx.db, id))!, taskDay(clock));
}

export async function loadTask(ctx: PlanningServices, p: Principal, id: number) {
  const task = await getTask(ctx.db, id);
  if (!task) throw notFound({ zh: `任务 #${id} `, en: `Task #${id}` });
  const plan = await loadPlanFor(ctx, p, task.planId);
  return { task, plan };
}

export async function editTask(
  ctx: PlanningServices,
  actor: Actor & { principal: Principal },
  id: number,
  input: z.infer<typeof TaskEdit>,
  clock: Clock = systemClock,
) {
  const { task, plan } = await loadTask(ctx, actor.principal, id);
  await assertTaskWritable(ctx, actor.principal, plan, task.areaCode);
  const { version, ...change } = input;
  const merged = TaskInput.parse({ ...task, ...change });
  const details: ErrorDetail[] = [];
  const f = await fields(ctx, plan, merged, task.seq, details);
  if (details.length) throw invalid(details);
  // Moving a task to another area needs the right to write there too.
  if (f.areaCode !== task.areaCode) await assertTaskWritable(ctx, actor.principal, plan, f.areaCode);
  await ctx.db.tx(async (q) => {
    if (!(await updateTask(q, id, version, f))) throw conflict();
    if (change.progress !== undefined && change.progress !== task.progress) {
      await insertTaskUpdate(q, id, {
        username: actor.principal.username,
        progress: f.progress,
        state: f.state,
        note: `进度 ${task.progress}% → ${f.progress}%`,
      });
    }
    await audit(q, actor, {
      action: 'task.update',
      entity: 'plan_task',
      entityId: id,
      areaCode: f.areaCode ?? plan.regionCode,
      before: task,
      after: f,
    });
  });
  return taskJson((await getTask(ctx.db, id))!, taskDay(clock));
}

export async function removeTask(
  ctx: PlanningServices,
  actor: Actor & { principal: Principal },
  id: number,
  version: number,
) {
  const { task, plan } = await loadTask(ctx, actor.principal, id);
  await assertTaskWritable(ctx, actor.principal, plan, task.areaCode);
  await ctx.db.tx(async (q) => {
    if (!(await deleteTask(q, id, version))) throw conflict();
    await audit(q, actor, {
      action: 'task.delete',
      entity: 'plan_task',
      entityId: id,
      areaCode: task.areaCode ?? plan.regionCode,
      before: task,
    });
  });
}

/** A progress note (调度记录), optionally with the new progress and state, in one write with the task. */
export async function addTaskUpdate(
  ctx: PlanningServices,
  actor: Actor & { principal: Principal },
  id: number,
  input: z.infer<typeof TaskUpdateInput>,
  clock: Clock = systemClock,
) {
  const { task, plan } = await loadTask(ctx, actor.principal, id);
  await assertTaskWritable(ctx, actor.principal, plan, task.areaCode);
  const progress = input.progress ?? task.progress;
  const state =
    input.state ??
    (progress >= 100 ? 'done' : progress > 0 && task.state === 'not-started' ? 'in-progress' : task.state);
  await ctx.db.tx(async (q) => {
    const { id: _i, planId: _p, version: _v, createdBy: _c, createdAt: _ca, updatedAt: _u, synthetic: _s, ...f } = task;
    if (!(await updateTask(q, id, input.version, { ...f, progress, state }))) throw conflict();
    await insertTaskUpdate(q, id, {
      username: actor.principal.username,
      progress: input.progress ?? null,
      state: input.state ?? null,
      note: input.note,
    });
    await audit(q, actor, {
      action: 'task.progress',
      entity: 'plan_task',
      entityId: id,
      areaCode: task.areaCode ?? plan.regionCode,
      before: { progress: task.progress, state: task.state },
      after: { progress, state, note: input.note },
    });
  });
  return { ...taskJson((await getTask(ctx.db, id))!, taskDay(clock)), updates: await taskUpdates(ctx.db, id) };
}

/** Parses a pasted task list; unless `dryRun`, appends the tasks to the plan (all or nothing). */
export async function importTasks(
  ctx: PlanningServices,
  actor: Actor & { principal: Principal },
  planId: number,
  input: z.infer<typeof TaskImport>,
  clock: Clock = systemClock,
) {
  const plan = await loadPlanFor(ctx, actor.principal, planId);
  const parsed = parseTaskList(input.text);
  if (parsed.tasks.length === 0) {
    throw invalid([
      {
        path: 'text',
        message: {
          zh: '没有识别出编号任务（支持“一、”“（一）”“1.”“（1）”等编号）',
          en: 'No numbered tasks found (一、 （一） 1. （1） numbering is understood)',
        },
      },
    ]);
  }
  const inputs: TaskInputT[] = parsed.tasks.map((t) =>
    TaskInput.parse({
      kind: input.kind,
      number: t.number,
      section: [t.section, t.subsection].filter(Boolean).join(' / ') || null,
      title: t.title,
      description: t.text,
      leadDepartment: input.leadDepartment ?? null,
      dueDate: input.dueDate ?? null,
      deliverables: t.deliverables,
    }),
  );
  if (input.dryRun) return { dryRun: true, sections: parsed.sections, total: inputs.length, items: inputs };
  await assertTaskWritable(ctx, actor.principal, plan, null);
  const ids = await ctx.db.tx(async (q) => {
    let seq = await nextSeq(q, plan.id);
    const ids: number[] = [];
    for (const i of inputs) {
      const details: ErrorDetail[] = [];
      const f = await fields(ctx, plan, i, seq++, details);
      ids.push(await insertTask(q, plan.id, f, { createdBy: actor.principal.username }));
    }
    await audit(q, actor, {
      action: 'task.import',
      entity: 'plan',
      entityId: plan.id,
      areaCode: plan.regionCode,
      after: { tasks: ids.length, first: ids[0], last: ids[ids.length - 1] },
    });
    return ids;
  });
  const rows = await listTasks(ctx.db, plan.id);
  const created = new Set(ids);
  const items = rows.filter((r) => created.has(r.id)).map((r) => taskJson(r, taskDay(clock)));
  return { dryRun: false, sections: parsed.sections, total: items.length, items };
}

export { taskUpdates };
