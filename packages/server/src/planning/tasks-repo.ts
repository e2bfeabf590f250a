// A plan's key tasks and major projects in SQL, with their progress notes.
import type { Deliverable, Milestone, TaskState } from '@weijian/core/planning/tasks';
import type { Queryable } from '../platform/db.ts';

export interface TaskDeliverable extends Deliverable {
  /** Achieved so far, when reported. */
  achieved?: number | null;
}

export interface TaskRow {
  id: number;
  planId: number;
  kind: 'task' | 'project';
  seq: number;
  number: string | null;
  section: string | null;
  title: string;
  description: string | null;
  leadDepartment: string | null;
  departments: string[];
  areaCode: string | null;
  countyCode: string | null;
  startDate: string | null;
  dueDate: string | null;
  state: TaskState;
  progress: number;
  milestones: Milestone[];
  deliverables: TaskDeliverable[];
  budget: number | null;
  synthetic: boolean;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TaskUpdateRow {
  id: number;
  at: string;
  username: string | null;
  progress: number | null;
  state: string | null;
  note: string;
}

export type TaskFields = Omit<
  TaskRow,
  'id' | 'planId' | 'version' | 'createdBy' | 'createdAt' | 'updatedAt' | 'synthetic'
>;

const TS = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const D = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;
const COLUMNS = `t.id, t.plan_id as "planId", t.kind, t.seq, t.number, t.section, t.title, t.description,
  t.lead_department as "leadDepartment", t.departments, t.area_code as "areaCode", t.county_code as "countyCode",
  ${D('t.start_date')} as "startDate", ${D('t.due_date')} as "dueDate", t.state, t.progress::int as progress,
  t.milestones, t.deliverables, t.budget, t.synthetic, t.version, t.created_by as "createdBy",
  ${TS('t.created_at')} as "createdAt", ${TS('t.updated_at')} as "updatedAt"`;

export async function listTasks(
  q: Queryable,
  planId: number,
  f: { department?: string; kind?: string; area?: string } = {},
): Promise<TaskRow[]> {
  const params: unknown[] = [planId];
  const where = ['t.plan_id = $1'];
  if (f.department) {
    params.push(`%${f.department}%`);
    const n = params.length;
    where.push(`(t.lead_department ilike $${n} or exists (select 1 from unnest(t.departments) d where d ilike $${n}))`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`t.kind = $${params.length}`);
  }
  if (f.area) {
    params.push(`${f.area}%`);
    where.push(`t.area_code like $${params.length}`);
  }
  const { rows } = await q.query<TaskRow>(
    `select ${COLUMNS} from plan_tasks t where ${where.join(' and ')} order by t.seq, t.id`,
    params,
  );
  return rows;
}

export async function getTask(q: Queryable, id: number): Promise<TaskRow | null> {
  const { rows } = await q.query<TaskRow>(`select ${COLUMNS} from plan_tasks t where t.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function taskUpdates(q: Queryable, id: number): Promise<TaskUpdateRow[]> {
  const { rows } = await q.query<TaskUpdateRow>(
    `select id, ${TS('at')} as at, username, progress::int as progress, state, note
       from plan_task_updates where task_id = $1 order by at desc, id desc`,
    [id],
  );
  return rows;
}

const values = (t: TaskFields) => [
  t.kind,
  t.seq,
  t.number,
  t.section,
  t.title,
  t.description,
  t.leadDepartment,
  t.departments,
  t.areaCode,
  t.countyCode,
  t.startDate,
  t.dueDate,
  t.state,
  t.progress,
  JSON.stringify(t.milestones),
  JSON.stringify(t.deliverables),
  t.budget,
];

export async function insertTask(
  q: Queryable,
  planId: number,
  t: TaskFields,
  meta: { createdBy: string | null; synthetic?: boolean },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into plan_tasks (kind, seq, number, section, title, description, lead_department, departments, area_code,
                             county_code, start_date, due_date, state, progress, milestones, deliverables, budget,
                             plan_id, created_by, synthetic)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) returning id`,
    [...values(t), planId, meta.createdBy, meta.synthetic ?? false],
  );
  return rows[0]!.id;
}

/** Writes every field at `version`; false when someone else changed the task first. */
export async function updateTask(q: Queryable, id: number, version: number, t: TaskFields): Promise<boolean> {
  const { rows } = await q.query(
    `update plan_tasks set kind = $1, seq = $2, number = $3, section = $4, title = $5, description = $6,
            lead_department = $7, departments = $8, area_code = $9, county_code = $10, start_date = $11, due_date = $12,
            state = $13, progress = $14, milestones = $15, deliverables = $16, budget = $17,
            version = version + 1, updated_at = now()
      where id = $18 and version = $19 returning 1`,
    [...values(t), id, version],
  );
  return rows.length === 1;
}

export async function deleteTask(q: Queryable, id: number, version: number): Promise<boolean> {
  const { rows } = await q.query('delete from plan_tasks where id = $1 and version = $2 returning 1', [id, version]);
  return rows.length === 1;
}

export async function insertTaskUpdate(
  q: Queryable,
  taskId: number,
  u: { username: string | null; progress: number | null; state: string | null; note: string },
): Promise<void> {
  await q.query(
    'insert into plan_task_updates (task_id, username, progress, state, note) values ($1, $2, $3, $4, $5)',
    [taskId, u.username, u.progress, u.state, u.note],
  );
}

export async function nextSeq(q: Queryable, planId: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    'select coalesce(max(seq), 0)::int + 1 as n from plan_tasks where plan_id = $1',
    [planId],
  );
  return rows[0]!.n;
}
