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

/** A problem of a task as entered, naming the field (`progress`, `state`) the way the form labels it. */
export interface TaskEntryProblem {
  field: 'progress' | 'state';
  message: Bilingual;
}

/**
 * What a task may not be saved as: progress outside 0–100 % (150 is a typo, not "done and then some"), and
 * 已完成 — typed, or implied by 100 % — while a milestone is still open (the milestone says the work is not).
 */
export function taskEntryProblems(t: Pick<TaskStatusInput, 'state' | 'progress' | 'milestones'>): TaskEntryProblem[] {
  const problems: TaskEntryProblem[] = [];
  if (!Number.isInteger(t.progress) || t.progress < 0 || t.progress > 100) {
    problems.push({
      field: 'progress',
      message: {
        zh: `进度必须是 0–100 的整数（百分比），收到 ${t.progress}`,
        en: `Progress must be a whole percentage from 0 to 100, got ${t.progress}`,
      },
    });
    return problems;
  }
  const open = t.milestones.filter((m) => m.done === null);
  if ((t.state === 'done' || t.progress >= 100) && open.length > 0) {
    const names = open.map((m) => `「${m.title}」`).join('');
    const namesEn = open.map((m) => `"${m.title}"`).join(', ');
    problems.push({
      field: t.state === 'done' ? 'state' : 'progress',
      message: {
        zh: `里程碑${names}尚未完成，任务不能${t.state === 'done' ? '标为已完成' : '填报 100% 进度'}；请先填写里程碑的完成日期`,
        en: `Milestone ${namesEn} is still open, so the task cannot be ${t.state === 'done' ? 'marked done' : 'at 100 %'}; record the milestone's completion date first`,
      },
    });
  }
  return problems;
}
