// Key tasks and major projects of a plan: checks before any write, one transaction with its audit entry,
// status computed on read (滞后 from overdue milestones). Used by the routes, the reports and the demo.
import {
  overdueMilestones,
  parseTaskList,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type TaskStatus,
  taskEntryProblems,
  taskStatus,
} from '@weijian/core/planning/tasks';
import { type Clock, chinaToday, systemClock } from '@weijian/core/platform';
import type { z } from 'zod';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import { type AreasService, normaliseAreaCode } from '../registry/index.ts';
import type { PlanAccess } from './plan-scope.ts';
import type { PlanService } from './plan-service.ts';
import type { PlanRow } from './plans-repo.ts';
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
import { type TaskEdit, type TaskImport, TaskInput, type TaskInputT, type TaskUpdateInput } from './tasks-schemas.ts';

export { TaskEdit, TaskImport, TaskInput, type TaskInputT, TaskUpdateInput } from './tasks-schemas.ts';

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

const milestonesOf = (input: TaskInputT) =>
  input.milestones.map((m) => ({ title: m.title, due: m.due, done: m.done ?? null }));

export class TaskService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly plans: PlanService,
    private readonly access: PlanAccess,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Today in Beijing by this service's clock: the day statuses are judged on. */
  today(): string {
    return taskDay(this.clock);
  }

  /** A plan's tasks with their status as of `asOf` (default: today in Beijing), filtered, and the counts of all. */
  async list(
    policy: AccessPolicy,
    planId: number,
    f: { status?: string; department?: string; kind?: string; area?: string; asOf?: string },
  ) {
    const plan = await this.plans.load(policy, planId);
    const area = f.area ? normaliseAreaCode(f.area) : undefined;
    // An area filter the caller may not read (neither inside its scope nor containing it) is refused (403),
    // not answered with an empty list: the scope contract.
    if (area) await this.access.requireRead(policy, { regionCode: area });
    const rows = await listTasks(this.db, plan.id, {
      ...(f.department ? { department: f.department } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(area ? { area } : {}),
    });
    const all = rows.map((r) => taskJson(r, f.asOf ?? this.today()));
    const items = f.status ? all.filter((t) => t.status === f.status) : all;
    return { plan, total: items.length, counts: taskCounts(all.map((t) => t.status)), items };
  }

  private async fields(plan: PlanRow, input: TaskInputT, seq: number, details: ErrorDetail[]): Promise<TaskFields> {
    let areaCode: string | null = null;
    let countyCode: string | null = null;
    if (input.areaCode) {
      areaCode = normaliseAreaCode(input.areaCode);
      const tree = await this.areas.tree();
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
          message: {
            zh: `${node?.name ?? ''}（${input.areaCode}）不在规划区域内`,
            en: `${node?.name ?? ''} (${input.areaCode}) is not within the plan's region`,
          },
        });
      } else {
        countyCode =
          node.level === 3
            ? node.code
            : (tree.ancestorsIn(areaCode, plan.periodEnd).find((a) => a.level === 3)?.code ?? null);
      }
    }
    for (const p of taskEntryProblems({
      state: input.state,
      progress: input.progress,
      milestones: milestonesOf(input),
    }))
      details.push({ path: p.field, message: p.message });
    if (input.startDate && input.dueDate && input.dueDate < input.startDate) {
      details.push({
        path: 'dueDate',
        message: { zh: '完成时限早于开始日期', en: 'Due date is before the start date' },
      });
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
      milestones: milestonesOf(input),
      deliverables: input.deliverables.map((d) => ({ ...d, what: d.what ?? '', text: d.text ?? '' })),
      budget: input.budget ?? null,
    };
  }

  async create(policy: AccessPolicy, planId: number, input: TaskInputT) {
    const plan = await this.plans.load(policy, planId);
    const details: ErrorDetail[] = [];
    const f = await this.fields(plan, input, 0, details);
    if (details.length) throw invalid(details);
    await this.access.requireTaskWrite(policy, plan, f.areaCode);
    const id = await this.db.tx(async (q) => {
      if (input.seq === undefined) f.seq = await nextSeq(q, plan.id);
      const id = await insertTask(q, plan.id, f, { createdBy: policy.principal.username });
      await audit(q, policy.actor, {
        action: 'task.create',
        entity: 'plan_task',
        entityId: id,
        areaCode: f.areaCode ?? plan.regionCode,
        after: f,
      });
      return id;
    });
    return taskJson((await getTask(this.db, id))!, this.today());
  }

  /** A task and its plan, when the caller may read the plan. */
  async load(policy: AccessPolicy, id: number) {
    const task = await getTask(this.db, id);
    if (!task) throw notFound({ zh: `任务 #${id} `, en: `Task #${id}` });
    const plan = await this.plans.load(policy, task.planId);
    return { task, plan };
  }

  /** A task as its page shows it, with its progress notes. */
  async show(policy: AccessPolicy, id: number) {
    const { task } = await this.load(policy, id);
    return { ...taskJson(task), updates: await taskUpdates(this.db, task.id) };
  }

  async edit(policy: AccessPolicy, id: number, input: z.infer<typeof TaskEdit>) {
    const { task, plan } = await this.load(policy, id);
    await this.access.requireTaskWrite(policy, plan, task.areaCode);
    const { version, ...change } = input;
    const merged = TaskInput.parse({ ...task, ...change });
    const details: ErrorDetail[] = [];
    const f = await this.fields(plan, merged, task.seq, details);
    if (details.length) throw invalid(details);
    // Moving a task to another area needs the right to write there too.
    if (f.areaCode !== task.areaCode) await this.access.requireTaskWrite(policy, plan, f.areaCode);
    await this.db.tx(async (q) => {
      if (!(await updateTask(q, id, version, f))) throw conflict();
      if (change.progress !== undefined && change.progress !== task.progress) {
        await insertTaskUpdate(q, id, {
          username: policy.principal.username,
          progress: f.progress,
          state: f.state,
          note: `进度 ${task.progress}% → ${f.progress}%`,
        });
      }
      await audit(q, policy.actor, {
        action: 'task.update',
        entity: 'plan_task',
        entityId: id,
        areaCode: f.areaCode ?? plan.regionCode,
        before: task,
        after: f,
      });
    });
    return taskJson((await getTask(this.db, id))!, this.today());
  }

  async remove(policy: AccessPolicy, id: number, version: number) {
    const { task, plan } = await this.load(policy, id);
    await this.access.requireTaskWrite(policy, plan, task.areaCode);
    await this.db.tx(async (q) => {
      if (!(await deleteTask(q, id, version))) throw conflict();
      await audit(q, policy.actor, {
        action: 'task.delete',
        entity: 'plan_task',
        entityId: id,
        areaCode: task.areaCode ?? plan.regionCode,
        before: task,
      });
    });
  }

  /** A progress note (调度记录), optionally with the new progress and state, in one write with the task. */
  async addUpdate(policy: AccessPolicy, id: number, input: z.infer<typeof TaskUpdateInput>) {
    const { task, plan } = await this.load(policy, id);
    await this.access.requireTaskWrite(policy, plan, task.areaCode);
    const progress = input.progress ?? task.progress;
    const state =
      input.state ??
      (progress >= 100 ? 'done' : progress > 0 && task.state === 'not-started' ? 'in-progress' : task.state);
    const problems = taskEntryProblems({ state, progress, milestones: task.milestones });
    if (problems.length) throw invalid(problems.map((p) => ({ path: p.field, message: p.message })));
    await this.db.tx(async (q) => {
      const {
        id: _i,
        planId: _p,
        version: _v,
        createdBy: _c,
        createdAt: _ca,
        updatedAt: _u,
        synthetic: _s,
        ...f
      } = task;
      if (!(await updateTask(q, id, input.version, { ...f, progress, state }))) throw conflict();
      await insertTaskUpdate(q, id, {
        username: policy.principal.username,
        progress: input.progress ?? null,
        state: input.state ?? null,
        note: input.note,
      });
      await audit(q, policy.actor, {
        action: 'task.progress',
        entity: 'plan_task',
        entityId: id,
        areaCode: task.areaCode ?? plan.regionCode,
        before: { progress: task.progress, state: task.state },
        after: { progress, state, note: input.note },
      });
    });
    return { ...taskJson((await getTask(this.db, id))!, this.today()), updates: await taskUpdates(this.db, id) };
  }

  /** Parses a pasted task list; unless `dryRun`, appends the tasks to the plan (all or nothing). */
  async import(policy: AccessPolicy, planId: number, input: z.infer<typeof TaskImport>) {
    const plan = await this.plans.load(policy, planId);
    const parsed = parseTaskList(input.text);
    if (parsed.tasks.length === 0) {
      // The parser's reason is the message itself, not only a detail: the form shows it as the error.
      const reason = parsed.unrecognised ?? {
        zh: '没有识别出编号任务（支持“一、”“（一）”“1.”“（1）”“①”等编号）',
        en: 'No numbered tasks found (一、 （一） 1. （1） ① numbering is understood)',
      };
      throw invalid([{ path: 'text', message: reason }], reason);
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
    await this.access.requireTaskWrite(policy, plan, null);
    const ids = await this.db.tx(async (q) => {
      let seq = await nextSeq(q, plan.id);
      const ids: number[] = [];
      for (const i of inputs) {
        const details: ErrorDetail[] = [];
        const f = await this.fields(plan, i, seq++, details);
        ids.push(await insertTask(q, plan.id, f, { createdBy: policy.principal.username }));
      }
      await audit(q, policy.actor, {
        action: 'task.import',
        entity: 'plan',
        entityId: plan.id,
        areaCode: plan.regionCode,
        after: { tasks: ids.length, first: ids[0], last: ids[ids.length - 1] },
      });
      return ids;
    });
    const rows = await listTasks(this.db, plan.id);
    const created = new Set(ids);
    const items = rows.filter((r) => created.has(r.id)).map((r) => taskJson(r, this.today()));
    return { dryRun: false, sections: parsed.sections, total: items.length, items };
  }
}
