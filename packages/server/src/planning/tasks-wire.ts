// What the plan-task routes answer: tasks with milestones, deliverables and progress updates, and imports.
import { z } from 'zod';
import { BilingualText, looselyTyped, textOneOf } from '../platform/openapi-wire.ts';
import { TaskInput } from './tasks-schemas.ts';

const num = z.number().nullable();

const TaskState = z.enum(['not-started', 'in-progress', 'done', 'paused']);
const TaskStatus = z.enum(['not-started', 'in-progress', 'lagging', 'done', 'paused']);

export const TaskMilestone = z
  .object({ title: z.string(), due: z.string(), done: z.string().nullable() })
  .meta({ id: 'TaskMilestone' });

export const TaskDeliverable = z
  .object({
    quantity: z.number(),
    quantityMin: z.number().optional(),
    unit: z.string(),
    what: z.string(),
    text: z.string(),
    achieved: num.optional(),
  })
  .meta({ id: 'TaskDeliverable' });

export const PlanTask = z
  .object({
    id: z.number(),
    planId: z.number(),
    kind: z.enum(['task', 'project']),
    seq: z.number(),
    number: z.string().nullable(),
    section: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    leadDepartment: z.string().nullable(),
    departments: z.array(z.string()),
    areaCode: z.string().nullable(),
    countyCode: z.string().nullable(),
    startDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    state: TaskState,
    progress: z.number(),
    milestones: z.array(TaskMilestone),
    deliverables: z.array(TaskDeliverable),
    budget: num,
    synthetic: z.boolean(),
    version: z.number(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: TaskStatus,
    statusLabel: BilingualText,
    overdueMilestones: z.array(TaskMilestone),
    asOf: z.string(),
  })
  .meta({ id: 'PlanTask' });

export const TaskList = z
  .object({
    total: z.number(),
    counts: z.object({
      'not-started': z.number(),
      'in-progress': z.number(),
      lagging: z.number(),
      done: z.number(),
      paused: z.number(),
    }),
    items: z.array(PlanTask),
  })
  .meta({ id: 'TaskList' });

export const TaskUpdate = z
  .object({
    id: z.number(),
    at: z.string(),
    username: z.string().nullable(),
    progress: num,
    state: textOneOf(TaskState.options).nullable(),
    note: z.string(),
  })
  .meta({ id: 'TaskUpdate' });

export const TaskDetail = PlanTask.extend({ updates: z.array(TaskUpdate) }).meta({ id: 'TaskDetail' });

const TaskSection = z.object({ number: z.string(), title: z.string(), intro: z.string() });

/** POST /plans/{id}/tasks/import: the parsed tasks (dry run) or those appended. */
export const TaskImportResult = looselyTyped(
  z
    .union([
      z.object({
        dryRun: z.literal(true),
        sections: z.array(TaskSection),
        total: z.number(),
        items: z.array(TaskInput),
      }),
      z.object({
        dryRun: z.literal(false),
        sections: z.array(TaskSection),
        total: z.number(),
        items: z.array(PlanTask),
      }),
    ])
    .meta({ id: 'TaskImportResult' }),
);
