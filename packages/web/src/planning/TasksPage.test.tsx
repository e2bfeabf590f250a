import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage, users } from '../test/render.tsx';
import TasksPage from './TasksPage.tsx';
import { plan } from './test-fixtures.ts';
import type { PlanTask, TaskStatus } from './types.ts';

const task = (id: number, status: TaskStatus, lead: string, departments: string[] = []): PlanTask => ({
  id,
  planId: 3,
  kind: 'task',
  seq: id,
  number: String(id),
  section: '（一）',
  title: `任务${id}`,
  description: null,
  leadDepartment: lead,
  departments,
  areaCode: null,
  countyCode: null,
  startDate: '2021-01-01',
  dueDate: '2025-12-31',
  state: status === 'done' ? 'done' : 'in-progress',
  progress: status === 'done' ? 100 : 40,
  milestones: [],
  deliverables: [],
  budget: null,
  synthetic: false,
  version: 2,
  createdBy: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  status,
  statusLabel: { zh: status, en: status },
  overdueMilestones: [],
  asOf: '2024-05-01',
});

const tasks = [
  task(1, 'lagging', '市卫健委'),
  task(2, 'done', '市财政局', ['市卫健委']),
  task(3, 'in-progress', '市医保局'),
];

function setup(url = '/plans/3/tasks', user = users.city) {
  const api = mockApi({
    'GET /plans': { items: [plan] },
    'GET /plans/3/tasks': {
      total: 3,
      counts: { 'not-started': 0, 'in-progress': 1, lagging: 1, done: 1, paused: 0 },
      items: tasks,
    },
    'GET /tasks/:id': { ...tasks[0], updates: [] },
    'POST /tasks/1/updates': { ok: true },
  });
  const view = renderPage(<TasksPage />, { url, path: '/plans/:id/tasks', user });
  return { api, view };
}

const rows = () => screen.getAllByTestId('task-row');

describe('TasksPage', () => {
  it('filters by status from the counts and by department, lead or partner', async () => {
    const { view } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(screen.getByTestId('task-count-lagging'));
    await waitFor(() => expect(view.location()).toBe('/plans/3/tasks?status=lagging'));
    expect(rows().map((r) => r.getAttribute('data-status'))).toEqual(['lagging']);
    fireEvent.click(screen.getByTestId('task-count-lagging'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    await pickOption('filter-task-department', '市卫健委');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(view.location()).toContain('department=');
  });

  it('the kind filter is asked of the server', async () => {
    const { api } = setup('/plans/3/tasks?kind=project');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(api.last('GET', '/plans/3/tasks')?.query.get('kind')).toBe('project');
  });

  it('progress needs a note, then is posted with the task version', async () => {
    const { api } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(within(rows()[0] as HTMLElement).getByTestId('task-edit'));
    fireEvent.click(await screen.findByTestId('task-save'));
    expect(await screen.findByText('请填写进展说明')).toBeTruthy();
    expect(api.calls('POST', '/tasks/1/updates')).toEqual([]);
    fireEvent.change(screen.getByTestId('task-note'), { target: { value: ' 已完成招标 ' } });
    fireEvent.click(screen.getByTestId('task-save'));
    await waitFor(() => expect(api.calls('POST', '/tasks/1/updates')).toHaveLength(1));
    expect(api.last('POST', '/tasks/1/updates')?.body).toEqual({
      version: 2,
      note: '已完成招标',
      progress: 40,
      state: 'in-progress',
    });
  });

  it('read-only users cannot record progress', async () => {
    setup('/plans/3/tasks', users.readonly);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByTestId('task-edit')).toBeNull();
  });
});
