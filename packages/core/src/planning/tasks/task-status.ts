// Status of a plan's key task or major project (重点任务/重大项目). People set the working state (not
// started, in progress, done, paused); 滞后 (lagging) is never typed in: it follows from a milestone or the
// due date passing undone, so a report cannot show a late task as 进行中.
import type { Bilingual } from '../../platform/text.ts';

export type TaskState = 'not-started' | 'in-progress' | 'done' | 'paused';
export type TaskStatus = TaskState | 'lagging';

export const TASK_STATUSES: readonly TaskStatus[] = ['not-started', 'in-progress', 'lagging', 'done', 'paused'];

export const TASK_STATUS_LABELS: Record<TaskStatus, Bilingual> = {
  'not-started': { zh: '未启动', en: 'Not started' },
  'in-progress': { zh: '进行中', en: 'In progress' },
  lagging: { zh: '滞后', en: 'Lagging' },
  done: { zh: '已完成', en: 'Done' },
  paused: { zh: '暂停', en: 'Paused' },
};

export interface Milestone {
  title: string;
  /** ISO date (YYYY-MM-DD). */
  due: string;
  /** ISO date when reached; null while open. */
  done: string | null;
}

export interface TaskStatusInput {
  state: TaskState;
  progress: number;
  dueDate: string | null;
  milestones: readonly Milestone[];
}

/** Milestones due before `asOf` (ISO date) and not reached by then. */
export function overdueMilestones(t: Pick<TaskStatusInput, 'milestones'>, asOf: string): Milestone[] {
  return t.milestones.filter((m) => m.due < asOf && (m.done === null || m.done > asOf));
}

/** The status of a task as of `asOf` (ISO date, e.g. today, or 31 December of a report's year). */
export function taskStatus(t: TaskStatusInput, asOf: string): TaskStatus {
  if (t.state === 'done' || t.progress >= 100) return 'done';
  if (t.state === 'paused') return 'paused';
  if (overdueMilestones(t, asOf).length > 0 || (t.dueDate !== null && t.dueDate < asOf)) return 'lagging';
  return t.state === 'in-progress' || t.progress > 0 ? 'in-progress' : 'not-started';
}
