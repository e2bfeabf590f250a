// Wire shapes of a plan's key tasks and major projects: a new task, an edit (every field optional, with the
// version read), a progress note and the import of a numbered task list.
import { z } from 'zod';
import { AreaCode, IsoDate, NonNegative, Num, Version } from '../platform/input.ts';

const Milestone = z.object({ title: z.string().min(1).max(200), due: IsoDate, done: IsoDate.nullable().default(null) });
const DeliverableIn = z.object({
  quantity: NonNegative,
  quantityMin: NonNegative.optional(),
  unit: z.string().max(20),
  what: z.string().max(200).default(''),
  text: z.string().max(1000).default(''),
  achieved: NonNegative.nullable().optional(),
});

const Kind = z.enum(['task', 'project']);
const State = z.enum(['not-started', 'in-progress', 'done', 'paused']);
const Departments = z.array(z.string().min(1).max(200)).max(50);
const Milestones = z.array(Milestone).max(100);
const Deliverables = z.array(DeliverableIn).max(100);
// Any finite number here: core's taskEntryProblems refuses one outside 0–100 (or a fraction) as a 422 naming
// 进度 and the value sent, like every other out-of-range figure, instead of zod's generic 400.
const Progress = Num;

/** The fields of a task without defaults: an edit must not reset what it does not mention. */
const TaskShape = z.object({
  kind: Kind,
  seq: z.number().int().min(0).max(100_000),
  number: z.string().max(40).nullable(),
  section: z.string().max(200).nullable(),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10000).nullable(),
  leadDepartment: z.string().max(200).nullable(),
  departments: Departments,
  areaCode: AreaCode.nullable(),
  startDate: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  state: State,
  progress: Progress,
  milestones: Milestones,
  deliverables: Deliverables,
  budget: NonNegative.nullable(),
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

export const TaskEdit = TaskShape.partial().extend({ version: Version });
export const TaskUpdateInput = z.object({
  version: Version,
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
