// A task due "today" is judged against Beijing's date. At 01:00 Beijing time the UTC date is still
// yesterday's; a service judging by UTC would call a task due yesterday on time for eight more hours.
import { fixedClock } from '@weijian/core/platform';
import { describe, expect, it } from 'vitest';
import type { TaskRow } from './tasks-repo.ts';
import { taskDay, taskJson } from './tasks-service.ts';

const task = (dueDate: string, milestoneDue?: string): TaskRow => ({
  id: 1,
  planId: 1,
  kind: 'task',
  seq: 1,
  number: null,
  section: null,
  title: '发热门诊改造',
  description: null,
  leadDepartment: null,
  departments: [],
  areaCode: null,
  countyCode: null,
  startDate: null,
  dueDate,
  state: 'in-progress',
  progress: 50,
  milestones: milestoneDue ? [{ title: '主体完工', due: milestoneDue, done: null }] : [],
  deliverables: [],
  budget: null,
  synthetic: false,
  version: 1,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('task status at 01:00 Beijing time', () => {
  // 2026-03-01T17:00:00Z is 01:00 on 2 March in Beijing.
  const oneAm = fixedClock('2026-03-01T17:00:00Z');

  it('takes today from the Beijing calendar, not the UTC one', () => {
    expect(oneAm.now().toISOString().slice(0, 10)).toBe('2026-03-01');
    expect(taskDay(oneAm)).toBe('2026-03-02');
  });

  it('judges a task due on 1 March as lagging once 2 March has begun in Beijing', () => {
    const late = taskJson(task('2026-03-01'), taskDay(oneAm));
    expect(late).toMatchObject({ status: 'lagging', asOf: '2026-03-02', statusLabel: { zh: '滞后' } });
    // A task due today is not late yet.
    expect(taskJson(task('2026-03-02'), taskDay(oneAm)).status).toBe('in-progress');
    // One minute before midnight in Beijing, 1 March is still today there.
    expect(taskJson(task('2026-03-01'), taskDay(fixedClock('2026-03-01T15:59:00Z'))).status).toBe('in-progress');
  });

  it('counts a milestone due on 1 March as overdue at 01:00 on 2 March', () => {
    const t = taskJson(task('2026-12-31', '2026-03-01'), taskDay(oneAm));
    expect(t.status).toBe('lagging');
    expect(t.overdueMilestones.map((m) => m.title)).toEqual(['主体完工']);
  });
});
